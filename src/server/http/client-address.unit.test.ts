import { type IncomingHttpHeaders, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_HEADER as WRITTEN_HEADER, PEER_KEY_ENV, newPeerKey, stampPeer } from "../../../scripts/peer-stamp.mjs";
import { PEER_HEADER, TrustedProxies, clientAddress, isLoopbackAddress, normalizeAddress, peerAddress } from "./client-address";

const KEY = newPeerKey();
const none = new TrustedProxies("");
const stamped = (peer: string, extra: Record<string, string> = {}) => new Headers({ [PEER_HEADER]: `${KEY} ${peer}`, ...extra });

beforeAll(() => {
  process.env[PEER_KEY_ENV] = KEY;
});
afterAll(() => {
  delete process.env[PEER_KEY_ENV];
  delete process.env.TRUSTED_PROXIES;
});

describe("client address", () => {
  it("is the stamped socket address, whatever X-Forwarded-For and X-Real-IP claim", () => {
    const headers = stamped("::ffff:203.0.113.9", { "x-forwarded-for": "127.0.0.1", "x-real-ip": "10.0.0.1" });
    expect(clientAddress(headers, none)).toBe("203.0.113.9");
  });

  it("is unknown without the server's stamp, or with a stamp made without its key", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.1" }), none)).toBeNull();
    expect(clientAddress(new Headers({ [PEER_HEADER]: "guessed-key 127.0.0.1" }), none)).toBeNull();
    expect(clientAddress(new Headers({ [PEER_HEADER]: `${KEY}x 127.0.0.1` }), none)).toBeNull();
    delete process.env[PEER_KEY_ENV];
    try {
      expect(peerAddress(stamped("127.0.0.1"))).toBeNull();
    } finally {
      process.env[PEER_KEY_ENV] = KEY;
    }
  });

  it("believes X-Forwarded-For only from trusted proxies, taking the right-most untrusted address", () => {
    const proxies = new TrustedProxies("10.0.0.0/8, 192.0.2.7 ::1");
    // The client forged a left-most entry; our proxies appended the truth on the right.
    const chain = { "x-forwarded-for": "127.0.0.1, 198.51.100.23, 10.1.2.3" };
    expect(clientAddress(stamped("192.0.2.7", chain), proxies)).toBe("198.51.100.23");
    // The same header from an address that is no proxy of ours is ignored.
    expect(clientAddress(stamped("203.0.113.50", chain), proxies)).toBe("203.0.113.50");
    // A proxy talking for itself (nothing forwarded) is the client.
    expect(clientAddress(stamped("::1"), proxies)).toBe("::1");
    // Every hop trusted: the left-most is as far as we can see.
    expect(clientAddress(stamped("::1", { "x-forwarded-for": "10.9.9.9, 10.0.0.1" }), proxies)).toBe("10.9.9.9");
    // Garbage where a trusted proxy's entry should be: believe no further than that proxy.
    expect(clientAddress(stamped("192.0.2.7", { "x-forwarded-for": "198.51.100.1, not-an-ip" }), proxies)).toBe("192.0.2.7");
    // Ports and brackets some proxies add.
    expect(clientAddress(stamped("192.0.2.7", { "x-forwarded-for": "[2001:db8::5]:4711" }), proxies)).toBe("2001:db8::5");
    expect(clientAddress(stamped("192.0.2.7", { "x-forwarded-for": "198.51.100.1:1234" }), proxies)).toBe("198.51.100.1");
  });

  it("refuses a TRUSTED_PROXIES entry it cannot read, naming it", () => {
    expect(() => new TrustedProxies("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => new TrustedProxies("proxy.internal")).toThrow(/proxy\.internal/);
  });

  it("normalizes addresses and knows loopback", () => {
    expect(normalizeAddress("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(isLoopbackAddress("127.0.0.2")).toBe(true);
    expect(isLoopbackAddress("::1")).toBe(true);
    expect(isLoopbackAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("10.0.0.1")).toBe(false);
    expect(isLoopbackAddress(null)).toBe(false);
  });
});

describe("over HTTP, through the server's stamp", () => {
  // What scripts/serve.mjs does before Next.js, then what the app reads.
  const server = createServer((req, res) => {
    stampPeer(req, KEY);
    res.end(JSON.stringify({ client: clientAddress(req.headers as Record<string, string>) }));
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = (localAddress: string, headers: IncomingHttpHeaders) =>
    new Promise<{ client: string | null }>((resolve, reject) => {
      request({ host: "127.0.0.1", port, localAddress, headers }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(JSON.parse(body)));
      }).on("error", reject).end();
    });

  it("a client cannot forge its address with X-Forwarded-For or the stamp header", async () => {
    delete process.env.TRUSTED_PROXIES;
    const forged = { "x-forwarded-for": "198.51.100.77", [PEER_HEADER]: `${KEY} 198.51.100.78` };
    expect(await ask("127.0.0.1", forged)).toEqual({ client: "127.0.0.1" });
  });

  it("a trusted proxy's X-Forwarded-For names the client", async () => {
    process.env.TRUSTED_PROXIES = "127.0.0.2";
    try {
      expect(await ask("127.0.0.2", { "x-forwarded-for": "127.0.0.1, 198.51.100.77" })).toEqual({ client: "198.51.100.77" });
      expect(await ask("127.0.0.1", { "x-forwarded-for": "198.51.100.77" })).toEqual({ client: "127.0.0.1" });
    } finally {
      delete process.env.TRUSTED_PROXIES;
    }
  });

  it("the app and the server agree on the header's name", () => {
    expect(WRITTEN_HEADER).toBe(PEER_HEADER);
  });
});
