// Stripe's webhook endpoint. The body is read raw (its bytes are what Stripe signed) and
// capped in size; src/server/billing/webhook.ts verifies and processes it.
import { withRouteErrors } from "@/server/api/route-errors";
import { handleStripeWebhook } from "@/server/billing/webhook";

export const dynamic = "force-dynamic";

const MAX_BYTES = 1024 * 1024;

async function readBody(request: Request): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// A database outage answers 503 (Stripe retries the event later); other failures a 500 with a logged reference.
export const POST = withRouteErrors("Stripe webhook", async (request: Request) => {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) return Response.json({ error: "Body too large" }, { status: 413 });
  let body: Buffer | null;
  try {
    body = await readBody(request);
  } catch {
    return Response.json({ error: "Could not read the body" }, { status: 400 });
  }
  if (!body) return Response.json({ error: "Body too large" }, { status: 413 });
  const result = await handleStripeWebhook(body, request.headers.get("stripe-signature"));
  return Response.json(result.body, { status: result.status });
});
