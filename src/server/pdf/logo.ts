// The organization's logo for a PDF header, from `organizations.logo_url`: a URL an admin
// typed, so it is fetched like any user-supplied URL. http(s) or a data: URL; public addresses
// only (checked on the very address connected to, and on every redirect); 3 seconds in all;
// at most 1 MB; a PNG or JPEG by its first bytes, whatever the server says it is. Any failure
// is null, and the header prints the organization's name instead: a logo never stops a PDF.
import { type LookupAddress, lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { type LookupFunction, isIP } from "node:net";
import { isPrivateAddress } from "@/lib/private-address";

export interface Logo {
  data: Buffer;
  format: "png" | "jpeg";
}

export interface LogoOptions {
  /** Ends the fetch when it aborts; by default, LOGO_TIMEOUT_MS after the call. Tests pass their own. */
  deadline?: AbortSignal;
  maxBytes?: number;
  /** Tests serve logos from 127.0.0.1; nothing else may reach private addresses. */
  allowPrivateAddresses?: boolean;
}

export const LOGO_TIMEOUT_MS = 3_000;
const MAX_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 3;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

/** PNG or JPEG by the file's first bytes; anything else (SVG, GIF, HTML...) is null. */
export function imageFormat(data: Buffer): Logo["format"] | null {
  if (data.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) return "png";
  if (data.subarray(0, JPEG_MAGIC.length).equals(JPEG_MAGIC)) return "jpeg";
  return null;
}

export async function loadLogo(url: string | null | undefined, options: LogoOptions = {}): Promise<Logo | null> {
  const source = url?.trim();
  if (!source) return null;
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  try {
    const data = /^data:/i.test(source)
      ? decodeDataUrl(source, maxBytes)
      : await download(source, { maxBytes, signal: options.deadline ?? AbortSignal.timeout(LOGO_TIMEOUT_MS), allowPrivate: options.allowPrivateAddresses ?? false });
    if (!data || data.length === 0 || data.length > maxBytes) return null;
    const format = imageFormat(data);
    return format ? { data, format } : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ data: URLs

function decodeDataUrl(url: string, maxBytes: number): Buffer | null {
  const comma = url.indexOf(",");
  if (comma < 0) return null;
  const params = url.slice(5, comma).toLowerCase().split(";");
  const payload = url.slice(comma + 1);
  if (params.includes("base64")) {
    const clean = payload.replace(/\s+/g, "");
    if (Math.floor((clean.length * 3) / 4) > maxBytes + 2) return null; // too big before decoding it
    return Buffer.from(clean, "base64");
  }
  if (payload.length > maxBytes * 3) return null;
  // Percent-encoded bytes, byte for byte (not UTF-8 text).
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    if (payload[i] === "%" && /^[0-9a-f]{2}$/i.test(payload.slice(i + 1, i + 3))) {
      bytes.push(parseInt(payload.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(payload.charCodeAt(i) & 0xff);
    }
    if (bytes.length > maxBytes) return null;
  }
  return Buffer.from(bytes);
}

// ------------------------------------------------------------------ http(s)

/** DNS lookup that refuses private addresses: the check applies to the address actually used. */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    if (!addresses.length || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(Object.assign(new Error(`${hostname} points at a private network address`), { code: "EPRIVATE" }), "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

function get(url: URL, signal: AbortSignal, allowPrivate: boolean): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.get(url, {
      signal,
      // A fresh connection every time: a pooled socket would skip the address check below.
      agent: false,
      lookup: allowPrivate ? undefined : publicLookup,
      headers: { "User-Agent": "Parley/1.0 (+organization logo for PDFs)", Accept: "image/png, image/jpeg;q=0.9" },
    }, resolve);
    request.on("error", reject);
  });
}

async function download(source: string, opts: { maxBytes: number; signal: AbortSignal; allowPrivate: boolean }): Promise<Buffer | null> {
  const { signal } = opts;
  let url = new URL(source);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // An address written as digits never goes through the lookup: check it here.
    if (!opts.allowPrivate && isIP(host) && isPrivateAddress(host)) return null;
    const response = await get(url, signal, opts.allowPrivate);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.destroy();
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status !== 200 || Number(response.headers["content-length"] ?? 0) > opts.maxBytes) {
      response.destroy();
      return null;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > opts.maxBytes) {
        response.destroy();
        return null;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }
  return null;
}
