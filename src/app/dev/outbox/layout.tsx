import { notFound } from "next/navigation";
import { outboxVisible } from "@/server/email/outbox-access";

// The outbox holds every message's links (invitations, password resets): it exists only while
// mail is kept instead of sent, which `npm start` turns on for its embedded database alone, and
// only for requests from this machine (src/server/email/outbox-access.ts). Each page checks too:
// a layout renders alongside its page, not before it.
export const dynamic = "force-dynamic";

export default async function OutboxLayout({ children }: { children: React.ReactNode }) {
  if (!(await outboxVisible())) notFound();
  return (
    <main className="mx-auto max-w-4xl p-6">
      <div className="mb-4 space-y-1 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        <p>Development outbox: no SMTP server is configured (SMTP_URL), so Parley keeps its email here instead of sending it.</p>
        <p>Only shown to this machine (loopback): requests from anywhere else get a 404, because these messages hold every organization&apos;s password-reset and invitation links.</p>
      </div>
      {children}
    </main>
  );
}
