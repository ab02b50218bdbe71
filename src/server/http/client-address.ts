// Who is on the other end of a request. The only address nobody can forge is the socket's,
// which Parley's server (scripts/serve.mjs) stamps into a keyed header before Next.js sees the
// request (scripts/peer-stamp.mjs says why). X-Forwarded-For is believed only as far as it was
// written by proxies named in TRUSTED_PROXIES: read from the right, each trusted hop vouches
// for the address to its left, and the first address that is not a trusted proxy is the client.
import { BlockList, isIP } from "node:net";
import { timingSafeEqual } from "node:crypto";
import { type HeaderSource, headerValue } from "./header-source";

/** Must match scripts/peer-stamp.mjs (a test checks that they do). */
export const PEER_HEADER = "x-parley-peer";
const PEER_KEY_ENV = "PARLEY_PEER_KEY";

/** `::ffff:192.0.2.1` → `192.0.2.1`, `[2001:db8::1]:443` → `2001:db8::1`; null when it is no IP address. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let value = raw?.trim();
  if (!value) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.toLowerCase();
  if (value.startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value : null;
}

const family = (ip: string) => (isIP(ip) === 6 ? "ipv6" : "ipv4");

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  /** `TRUSTED_PROXIES`: addresses and CIDR ranges, separated by commas or spaces. */
  constructor(spec: string | undefined) {
    let count = 0;
    for (const entry of (spec ?? "").split(/[\s,]+/).filter(Boolean)) {
      const [address, prefix, ...rest] = entry.split("/");
      const ip = normalizeAddress(address);
      const bits = prefix === undefined ? null : Number(prefix);
      const max = ip && isIP(ip) === 6 ? 128 : 32;
      if (!ip || rest.length || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= max))) {
        throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, ::1)`);
      }
      if (bits === null) this.list.addAddress(ip, family(ip));
      else this.list.addSubnet(ip, bits, family(ip));
      count++;
    }
    this.empty = count === 0;
  }

  has(ip: string): boolean {
    return !this.empty && this.list.check(ip, family(ip));
  }
}

let cached: { spec: string | undefined; proxies: TrustedProxies } | null = null;

export function trustedProxies(): TrustedProxies {
  const spec = process.env.TRUSTED_PROXIES;
  if (!cached || cached.spec !== spec) cached = { spec, proxies: new TrustedProxies(spec) };
  return cached.proxies;
}

let warnedUnstamped = false;

/** The socket address scripts/serve.mjs stamped, or null when the request did not come through it. */
export function peerAddress(headers: HeaderSource): string | null {
  const key = process.env[PEER_KEY_ENV];
  if (!key) {
    if (!warnedUnstamped && process.env.NODE_ENV === "production") {
      warnedUnstamped = true;
      console.warn("Parley was not started through scripts/serve.mjs (npm start): client addresses are unknown, so sign-in throttling by address is shared and the dev outbox is hidden.");
    }
    return null;
  }
  const stamp = headerValue(headers, PEER_HEADER);
  const space = stamp?.indexOf(" ") ?? -1;
  if (!stamp || space < 0) return null;
  const given = Buffer.from(stamp.slice(0, space));
  const expected = Buffer.from(key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return normalizeAddress(stamp.slice(space + 1));
}

/**
 * The client's address: the socket's, or when the socket is a trusted proxy, the right-most
 * address in X-Forwarded-For that is not one (the left-most when all are). Null when unknown.
 */
export function clientAddress(headers: HeaderSource, proxies: TrustedProxies = trustedProxies()): string | null {
  const peer = peerAddress(headers);
  if (!peer || !proxies.has(peer)) return peer;
  const chain = (headerValue(headers, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  let vouchedBy = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(chain[i]);
    // A trusted proxy wrote something that is no address: believe no further than that proxy.
    if (!hop) return vouchedBy;
    if (!proxies.has(hop)) return hop;
    vouchedBy = hop;
  }
  return vouchedBy;
}

export function isLoopbackAddress(ip: string | null): boolean {
  const value = normalizeAddress(ip);
  if (!value) return false;
  return isIP(value) === 4 ? value.startsWith("127.") : value === "::1";
}
