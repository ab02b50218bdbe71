// Reads a company's public website for what a rep would otherwise copy by hand: its title and
// description, social profiles, contact emails and phone numbers. Guarded like any server-side
// fetch of a user-supplied URL: http(s) only, public addresses only (re-checked on every
// redirect), a time limit and a size limit.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { parse } from "node-html-parser";
import { isPrivateAddress } from "@/lib/private-address";

const TIMEOUT_MS = 6_000;
const MAX_BYTES = 1_000_000;
const MAX_REDIRECTS = 3;

export class EnrichmentError extends Error {}

async function assertPublic(url: URL) {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new EnrichmentError("Only http and https websites can be read");
  // Tests point at a local server; nothing else may reach private addresses.
  if (process.env.PARLEY_ENRICH_ALLOW_PRIVATE === "1") return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => { throw new EnrichmentError(`${host} could not be found`); })).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) throw new EnrichmentError("That website points at a private network address");
}

async function fetchPage(start: string): Promise<{ url: string; html: string }> {
  let url = new URL(start);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    await assertPublic(url);
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS), headers: { "User-Agent": "ParleyBot/1.0 (+lead enrichment)", Accept: "text/html" } })
      .catch((e: Error) => { throw new EnrichmentError(e.name === "TimeoutError" ? "The website took too long to answer" : "The website could not be reached"); });
    if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
      url = new URL(response.headers.get("location")!, url);
      continue;
    }
    if (!response.ok) throw new EnrichmentError(`The website answered ${response.status}`);
    if (!(response.headers.get("content-type") ?? "text/html").includes("html")) throw new EnrichmentError("The website did not send a web page");
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      chunks.push(value);
      if (size >= MAX_BYTES) { await reader.cancel(); break; }
    }
    return { url: url.toString(), html: Buffer.concat(chunks).toString("utf8") };
  }
  throw new EnrichmentError("The website redirected too many times");
}

export interface WebsiteFacts {
  url: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  linkedinUrl: string | null;
  facebookUrl: string | null;
  instagramUrl: string | null;
  twitterUrl: string | null;
  emails: string[];
  phones: string[];
}

export function extractFacts(url: string, html: string): WebsiteFacts {
  const root = parse(html);
  const meta = (name: string) => root.querySelector(`meta[name="${name}"], meta[property="${name}"]`)?.getAttribute("content")?.trim() || null;
  const hrefs = root.querySelectorAll("a[href]").map((a) => a.getAttribute("href")!.trim());
  const social = (host: RegExp) => hrefs.find((h) => { try { return host.test(new URL(h, url).hostname); } catch { return false; } }) ?? null;
  const unique = (xs: string[]) => [...new Set(xs)].slice(0, 5);
  return {
    url,
    title: root.querySelector("title")?.text.trim().slice(0, 300) || null,
    description: (meta("description") ?? meta("og:description"))?.slice(0, 1000) ?? null,
    siteName: meta("og:site_name"),
    linkedinUrl: social(/(^|\.)linkedin\.com$/),
    facebookUrl: social(/(^|\.)facebook\.com$/),
    instagramUrl: social(/(^|\.)instagram\.com$/),
    twitterUrl: social(/(^|\.)(twitter|x)\.com$/),
    emails: unique(hrefs.filter((h) => h.toLowerCase().startsWith("mailto:")).map((h) => h.slice(7).split("?")[0]!.toLowerCase()).filter((e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e))),
    phones: unique(hrefs.filter((h) => h.toLowerCase().startsWith("tel:")).map((h) => decodeURIComponent(h.slice(4)).trim()).filter((p) => /^[+()0-9 .-]{5,}$/.test(p))),
  };
}

export async function readWebsite(website: string): Promise<WebsiteFacts> {
  const page = await fetchPage(website);
  return extractFacts(page.url, page.html);
}
