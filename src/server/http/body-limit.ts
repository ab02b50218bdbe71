// Request bodies are read with a byte count and refused past a limit, before anything parses
// them: a JSON parser handed 100 MB holds it several times over. Content-Length is checked
// first (cheap), but a chunked body has none and a declared length can lie, so the count is
// kept while reading. Over the limit, reading stops without cancelling the request stream (that
// would reset the connection before the 413 goes out); Node discards the rest once the response
// is sent. CSV uploads have their own route and limit (src/app/api/imports/route.ts).

/** tRPC calls, sign-in forms, webhooks: JSON and form posts are small. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

export const formatLimit = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`);

function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

/**
 * The same request, whose body fails with `tooLarge()` once more than `maxBytes` have been read
 * (at once when Content-Length already says so). For handlers that parse the body themselves
 * and turn the error into their own 413 (tRPC).
 */
export function limitRequestBody(request: Request, maxBytes: number, tooLarge: () => Error): Request {
  if (!request.body) return request;
  const declared = declaredLength(request);
  const reader = request.body.getReader();
  let seen = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (declared !== null && declared > maxBytes) return controller.error(tooLarge());
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > maxBytes) return controller.error(tooLarge());
      controller.enqueue(value);
    },
  });
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: "half" } as RequestInit);
}

/** The whole body, or null when it is larger than `maxBytes`. */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = declaredLength(request);
  if (declared !== null && declared > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > maxBytes) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** 413, saying what the limit is; the connection is closed rather than read to its end. */
export function payloadTooLarge(maxBytes: number, what = "Request body"): Response {
  return Response.json(
    { error: { code: "PAYLOAD_TOO_LARGE", message: `${what} too large: at most ${formatLimit(maxBytes)} is accepted here.` } },
    { status: 413, headers: { Connection: "close" } },
  );
}
