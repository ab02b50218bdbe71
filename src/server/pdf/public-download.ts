// A PDF behind a public link (a proposal's or a contract's), for the client: a plain 404 when
// the link does not lead to the document any more, and the token kept out of indexes and Referer headers.
import { pdfResponse } from "./response";

export function publicPdfResponse(file: { filename: string; body: Buffer } | null, missing: string): Response {
  if (!file) {
    return new Response(missing, {
      status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
    });
  }
  const response = pdfResponse(file.filename, file.body);
  response.headers.set("X-Robots-Tag", "noindex");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}
