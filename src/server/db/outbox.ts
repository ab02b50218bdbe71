// The dev outbox: mail kept instead of sent when no SMTP server is configured. A global table
// (a message belongs to its recipient, not an organization) the app role reaches with plain
// grants: it needs no BYPASSRLS.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appDb } from "./client";

/** An attachment as the dev outbox keeps it (the file itself base64-encoded). */
export interface OutboxAttachment { filename: string; contentType: string; size: number; base64: string }

/** Keeps an email that no SMTP server was configured to send (see src/server/email). */
export async function storeOutboxMessage(m: {
  to: string; from: string; subject: string; text: string; html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}): Promise<void> {
  const attachments: OutboxAttachment[] = m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.length, base64: a.content.toString("base64") }));
  await appDb().devOutboxMessage.create({
    data: { toAddress: m.to.toLowerCase(), fromAddress: m.from, subject: m.subject.slice(0, 500), textBody: m.text, htmlBody: m.html, attachments: attachments as unknown as Prisma.InputJsonValue },
  });
}

const asAttachments = (value: Prisma.JsonValue | undefined): OutboxAttachment[] => (Array.isArray(value) ? (value as unknown as OutboxAttachment[]) : []);

/** A kept message's attachments (empty for an unknown message). */
export async function outboxAttachments(id: string): Promise<OutboxAttachment[]> {
  const message = await appDb().devOutboxMessage.findUnique({ where: { id }, select: { attachments: true } });
  return asAttachments(message?.attachments);
}

/** The dev outbox, newest first; only ever called while the outbox is on (src/server/email/config.ts). */
export function listOutboxMessages(limit = 100) {
  return appDb().devOutboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit, omit: { attachments: true } });
}

export async function getOutboxMessage(id: string) {
  const message = await appDb().devOutboxMessage.findUnique({ where: { id } });
  return message ? { ...message, attachments: asAttachments(message.attachments) } : null;
}
