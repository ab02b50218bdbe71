import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/dates";
import { listOutboxMessages } from "@/server/db/outbox";
import { outboxVisible } from "@/server/email/outbox-access";

export const metadata: Metadata = { title: "Dev outbox" };

export default async function OutboxPage() {
  if (!(await outboxVisible())) notFound();
  const messages = await listOutboxMessages();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Outbox</h1>
      {messages.length === 0 ? (
        <EmptyState title="No email yet"><p>Invitations, verification and password reset emails appear here as Parley sends them.</p></EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr><th scope="col" className="px-4 py-2">To</th><th scope="col" className="px-4 py-2">Subject</th><th scope="col" className="px-4 py-2">Sent</th></tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="px-4 py-2">{m.toAddress}</td>
                  <td className="px-4 py-2"><Link href={`/dev/outbox/${m.id}`} className="text-brand-700 hover:underline">{m.subject}</Link></td>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(m.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
