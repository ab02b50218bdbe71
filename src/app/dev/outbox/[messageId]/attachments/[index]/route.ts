// One attachment of a kept message, downloaded as the recipient's mail client would offer it.
// Like the outbox pages, it exists only while mail is kept instead of sent, and only for this machine.
import { isUuid } from "@/lib/ids";
import { withRouteErrors } from "@/server/api/route-errors";
import { outboxAttachments } from "@/server/db/outbox";
import { outboxVisibleTo } from "@/server/email/outbox-access";

export const dynamic = "force-dynamic";

export const GET = withRouteErrors("dev outbox attachment", async (request: Request, { params }: { params: Promise<{ messageId: string; index: string }> }) => {
  const { messageId, index } = await params;
  if (!outboxVisibleTo(request.headers) || !isUuid(messageId) || !/^\d{1,3}$/.test(index)) return new Response("Not found", { status: 404 });
  const attachment = (await outboxAttachments(messageId))[Number(index)];
  if (!attachment) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(Buffer.from(attachment.base64, "base64")), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Disposition": `attachment; filename="${attachment.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
});
