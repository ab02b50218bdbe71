import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logoPng } from "../../../test/helpers/png";
import { LOGO_TIMEOUT_MS, imageFormat, loadLogo } from "./logo";

const PNG = logoPng();
// The first bytes of a JPEG (SOI + APP0 JFIF) are all the loader looks at.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0"), Buffer.alloc(200)]);
const BIG = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);

let server: Server;
let base = "";
const pending = new Set<import("node:http").ServerResponse>();
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? "");
    switch (req.url) {
      case "/logo.png": res.writeHead(200, { "Content-Type": "image/png" }); return res.end(PNG);
      // The server's word is not taken: a PNG sent as text/plain is still a PNG, HTML called image/png is not.
      case "/mislabelled": res.writeHead(200, { "Content-Type": "text/plain" }); return res.end(PNG);
      case "/logo.jpg": res.writeHead(200, { "Content-Type": "image/jpeg" }); return res.end(JPEG);
      case "/page.html": res.writeHead(200, { "Content-Type": "image/png" }); return res.end("<!doctype html><title>Not a logo</title>");
      case "/logo.svg": res.writeHead(200, { "Content-Type": "image/svg+xml" }); return res.end('<svg xmlns="http://www.w3.org/2000/svg"/>');
      case "/big-declared": res.writeHead(200, { "Content-Type": "image/png", "Content-Length": String(BIG.length) }); return res.end(BIG);
      case "/big-chunked": {
        // No Content-Length: the cap applies while reading.
        res.writeHead(200, { "Content-Type": "image/png" });
        res.write(PNG);
        for (let i = 0; i < 20; i++) res.write(Buffer.alloc(64 * 1024));
        return res.end();
      }
      case "/moved": res.writeHead(302, { Location: "/logo.png" }); return res.end();
      case "/loop": res.writeHead(302, { Location: "/loop" }); return res.end();
      case "/missing": res.writeHead(404); return res.end("nope");
      case "/slow": pending.add(res); return; // never answers
      case "/trickle": {
        // Answers at once, then never finishes the body.
        res.writeHead(200, { "Content-Type": "image/png" });
        res.write(PNG.subarray(0, 16));
        pending.add(res);
        return;
      }
      default: res.writeHead(500); return res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of pending) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local = { allowPrivateAddresses: true } as const;

describe("organization logo for PDFs", () => {
  it("knows PNG and JPEG by their first bytes, and nothing else", () => {
    expect(imageFormat(PNG)).toBe("png");
    expect(imageFormat(JPEG)).toBe("jpeg");
    expect(imageFormat(Buffer.from("GIF89a"))).toBeNull();
    expect(imageFormat(Buffer.from("<svg"))).toBeNull();
    expect(imageFormat(Buffer.alloc(0))).toBeNull();
  });

  it("loads a PNG or a JPEG over http, following a redirect, whatever Content-Type says", async () => {
    expect(await loadLogo(`${base}/logo.png`, local)).toEqual({ data: PNG, format: "png" });
    expect(await loadLogo(`${base}/logo.jpg`, local)).toEqual({ data: JPEG, format: "jpeg" });
    expect(await loadLogo(`${base}/moved`, local)).toEqual({ data: PNG, format: "png" });
    expect(await loadLogo(`${base}/mislabelled`, local)).toEqual({ data: PNG, format: "png" });
  });

  it("refuses what is not a PNG or JPEG, errors, redirect loops and files over 1 MB: null, never a throw", async () => {
    for (const path of ["/page.html", "/logo.svg", "/missing", "/loop", "/big-declared", "/big-chunked", "/nothing-here"]) {
      expect(await loadLogo(`${base}${path}`, local), path).toBeNull();
    }
  });

  it("gives up at its deadline, on a server that never answers and on a body that never ends", async () => {
    for (const path of ["/slow", "/trickle"]) {
      const deadline = new AbortController();
      const loading = loadLogo(`${base}${path}`, { ...local, deadline: deadline.signal });
      // The server has the request (and for /trickle has sent the first bytes): only the deadline can end it now.
      await vi.waitFor(() => expect(requested).toContain(path));
      deadline.abort();
      expect(await loading, path).toBeNull();
    }
  });

  it("has a deadline of 3 seconds unless told otherwise", async () => {
    expect(LOGO_TIMEOUT_MS).toBe(3_000);
    const timeout = vi.spyOn(AbortSignal, "timeout");
    try {
      await loadLogo(`${base}/logo.png`, local);
      expect(timeout).toHaveBeenCalledWith(LOGO_TIMEOUT_MS);
    } finally {
      timeout.mockRestore();
    }
  });

  it("never reaches a private address unless told to (tests only), by IP or by name", async () => {
    expect(await loadLogo(`${base}/logo.png`)).toBeNull();
    // By name: the check is on the address the name resolves to (the very one connected to).
    const byName = `${base.replace("127.0.0.1", "localhost")}/logo.png`;
    expect(await loadLogo(byName, local)).toEqual({ data: PNG, format: "png" });
    expect(await loadLogo(byName)).toBeNull();
    expect(await loadLogo("http://[::1]:9/logo.png")).toBeNull();
    expect(await loadLogo("http://169.254.169.254/latest/meta-data")).toBeNull();
  });

  it("reads data: URLs (base64 or percent-encoded) under the same rules", async () => {
    expect(await loadLogo(`data:image/png;base64,${PNG.toString("base64")}`)).toEqual({ data: PNG, format: "png" });
    const percent = `data:image/jpeg,${[...JPEG].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")}`;
    expect(await loadLogo(percent)).toEqual({ data: JPEG, format: "jpeg" });
    expect(await loadLogo(`data:image/png;base64,${Buffer.from("<svg onload=alert(1)>").toString("base64")}`)).toBeNull();
    expect(await loadLogo(`data:image/png;base64,${BIG.toString("base64")}`)).toBeNull();
    expect(await loadLogo("data:image/png;base64")).toBeNull();
  });

  it("answers null for nothing, other schemes and garbage", async () => {
    for (const url of [null, undefined, "", "   ", "ftp://example.com/logo.png", "file:///etc/passwd", "javascript:alert(1)", "not a url", "http://"]) {
      expect(await loadLogo(url), String(url)).toBeNull();
    }
  });
});
