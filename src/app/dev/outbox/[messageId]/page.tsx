import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/dates";
import { isUuid } from "@/lib/ids";
import { getOutboxMessage } from "@/server/db/outbox";
import { outboxVisible } from "@/server/email/outbox-access";

export const metadata: Metadata = { title: "Dev outbox" };

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** The text body with its links made clickable (the way a mail client shows them). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <pre className="whitespace-pre-wrap break-words font-sans text-sm leading-relaxed">
      {parts.map((part, i) => (i % 2 === 1 ? <a key={i} href={part} className="text-brand-700 underline">{part}</a> : part))}
    </pre>
  );
}

export default async function OutboxMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  if (!(await outboxVisible())) notFound();
  const { messageId } = await params;
  const message = isUuid(messageId) ? await getOutboxMessage(messageId) : null;
  if (!message) notFound();
  const { attachments } = message;
  return (
    <article className="card p-6">
      <p className="mb-4 text-sm"><Link href="/dev/outbox" className="text-brand-700 hover:underline">← Outbox</Link></p>
      <h1 className="text-xl font-semibold">{message.subject}</h1>
      <dl className="mb-4 mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-slate-600">
        <dt>From</dt><dd>{message.fromAddress}</dd>
        <dt>To</dt><dd>{message.toAddress}</dd>
        <dt>Sent</dt><dd>{formatDateTime(message.createdAt)}</dd>
      </dl>
      <Linkified text={message.textBody} />
      {attachments.length ? (
        <section aria-labelledby="attachments" className="mt-6 border-t border-slate-200 pt-4">
          <h2 id="attachments" className="mb-2 text-sm font-semibold">Attachments</h2>
          <ul className="space-y-1 text-sm">
            {attachments.map((a, i) => (
              <li key={i}>
                <a href={`/dev/outbox/${message.id}/attachments/${i}`} className="text-brand-700 underline">{a.filename}</a>
                <span className="text-slate-500"> · {a.contentType} · {formatBytes(a.size)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
