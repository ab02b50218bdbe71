import { notFound } from "next/navigation";
import { emailConfig } from "@/server/email/config";

// The outbox holds every message's links (invitations, password resets): it exists only while
// mail is kept instead of sent, which `npm start` turns on for its embedded database alone.
export const dynamic = "force-dynamic";

export default function OutboxLayout({ children }: { children: React.ReactNode }) {
  if (!emailConfig().outbox) notFound();
  return (
    <main className="mx-auto max-w-4xl p-6">
      <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        Development outbox: no SMTP server is configured (SMTP_URL), so Parley keeps its email here instead of sending it.
      </p>
      {children}
    </main>
  );
}
