// How a route handler answers with a PDF: the bytes, a file name, never cached by a shared cache.

/** A download by default; `inline` lets the browser show it instead. */
export function pdfResponse(filename: string, body: Buffer, { inline = false }: { inline?: boolean } = {}): Response {
  const safeName = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${safeName}"`,
      "Content-Length": String(body.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
