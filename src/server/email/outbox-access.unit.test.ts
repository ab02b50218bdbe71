import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { PEER_KEY_ENV, newPeerKey } from "../../../scripts/peer-stamp.mjs";
import { PEER_HEADER } from "@/server/http/client-address";
import { outboxVisibleTo } from "./outbox-access";

const KEY = newPeerKey();
// What a request looks like to the app once scripts/serve.mjs and Next.js have handled it:
// the stamped socket address, and X-Forwarded-For filled with it when the client sent none.
const fromSocket = (peer: string, headers: Record<string, string> = {}) =>
  new Headers({ "x-forwarded-for": peer, ...headers, [PEER_HEADER]: `${KEY} ${peer}` });

beforeAll(() => {
  process.env[PEER_KEY_ENV] = KEY;
});
afterEach(() => {
  delete process.env.PARLEY_DEV_OUTBOX;
  delete process.env.TRUSTED_PROXIES;
});

describe("who may read the dev outbox", () => {
  it("this machine, while mail is kept instead of sent", () => {
    process.env.PARLEY_DEV_OUTBOX = "1";
    expect(outboxVisibleTo(fromSocket("127.0.0.1"))).toBe(true);
    expect(outboxVisibleTo(fromSocket("::1"))).toBe(true);
    expect(outboxVisibleTo(fromSocket("::ffff:127.0.0.1"))).toBe(true);
    delete process.env.PARLEY_DEV_OUTBOX;
    expect(outboxVisibleTo(fromSocket("127.0.0.1"))).toBe(false);
  });

  it("nobody else, whatever headers they send", () => {
    process.env.PARLEY_DEV_OUTBOX = "1";
    expect(outboxVisibleTo(fromSocket("203.0.113.5"))).toBe(false);
    expect(outboxVisibleTo(fromSocket("203.0.113.5", { "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(outboxVisibleTo(new Headers({ "x-forwarded-for": "127.0.0.1", [PEER_HEADER]: "forged 127.0.0.1" }))).toBe(false);
    // No stamp at all (a server started without scripts/serve.mjs): unknown, so hidden.
    expect(outboxVisibleTo(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe(false);
  });

  it("nobody a reverse proxy on this machine relays for, unless TRUSTED_PROXIES names it and it says the client is local", () => {
    process.env.PARLEY_DEV_OUTBOX = "1";
    // An nginx on this machine, not configured as trusted, relaying a remote visitor.
    expect(outboxVisibleTo(fromSocket("127.0.0.1", { "x-forwarded-for": "203.0.113.5, 127.0.0.1" }))).toBe(false);
    expect(outboxVisibleTo(fromSocket("127.0.0.1", { "x-real-ip": "203.0.113.5" }))).toBe(false);
    expect(outboxVisibleTo(fromSocket("127.0.0.1", { forwarded: "for=203.0.113.5" }))).toBe(false);
    // The same proxy once trusted: it is believed either way.
    process.env.TRUSTED_PROXIES = "127.0.0.1";
    expect(outboxVisibleTo(fromSocket("127.0.0.1", { "x-forwarded-for": "203.0.113.5" }))).toBe(false);
    expect(outboxVisibleTo(fromSocket("127.0.0.1", { "x-forwarded-for": "127.0.0.1" }))).toBe(true);
  });
});
