import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { limitRequestBody, readBodyUpTo } from "./body-limit";

const LIMIT = 1024;
const URL_ = "http://localhost:3000/api/trpc/auth.signUp";

/** A body sent in chunks with no Content-Length, like `Transfer-Encoding: chunked`. */
function chunked(total: number, chunk = 256): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled: () => sent };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit);

const tooLarge = () => new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: "Request body too large: at most 1 KB is accepted." });

async function throughTrpc(request: Request) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: limitRequestBody(request, LIMIT, tooLarge),
    router: appRouter,
    createContext: () => ({ session: null, apiKey: null, meta: { ip: null, userAgent: null }, orgSlug: null }),
  });
  return { status: response.status, body: await response.json() };
}

describe("request body limit", () => {
  it("tRPC answers 413 with a message when Content-Length says the body is too large, without reading it", async () => {
    const { stream, pulled } = chunked(10 * LIMIT);
    const { status, body } = await throughTrpc(post(stream, { "content-length": String(10 * LIMIT) }));
    expect(status).toBe(413);
    expect(body.error.json.message).toMatch(/too large: at most 1 KB/);
    expect(body.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled()).toBeLessThanOrEqual(LIMIT);
  });

  it("counts a chunked body (no Content-Length) and stops reading just past the limit", async () => {
    const { stream, pulled } = chunked(100 * LIMIT);
    const { status } = await throughTrpc(post(stream));
    expect(status).toBe(413);
    // Not the whole body: the rest was never pulled from the client.
    expect(pulled()).toBeLessThan(3 * LIMIT);
  });

  it("does not believe a Content-Length that understates the body", async () => {
    const { stream } = chunked(10 * LIMIT);
    const { status } = await throughTrpc(post(stream, { "content-length": "10" }));
    expect(status).toBe(413);
  });

  it("lets a body within the limit through unchanged", async () => {
    const { status, body } = await throughTrpc(post(JSON.stringify({ json: { email: "not-an-email" } })));
    expect(status).toBe(400);
    expect(body.error.json.data.fieldErrors.email).toBeDefined();
  });

  it("readBodyUpTo returns the body, or null past the limit", async () => {
    expect(Buffer.from((await readBodyUpTo(post("hello"), LIMIT))!).toString()).toBe("hello");
    expect(await readBodyUpTo(post(chunked(2 * LIMIT).stream), LIMIT)).toBeNull();
    expect(await readBodyUpTo(post("x", { "content-length": String(LIMIT + 1) }), LIMIT)).toBeNull();
  });
});
