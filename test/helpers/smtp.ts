// A real SMTP server on 127.0.0.1 for tests: Parley's mailer (nodemailer) delivers to it over
// SMTP, and tests read what arrived, parsed as a mail client would.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { vi } from "vitest";

export interface ReceivedMail {
  to: string[]; from: string; subject: string; text: string; html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** The first message to `to` (optionally matching `subject`), waiting up to 5 s for it. */
  waitFor(to: string, subject?: RegExp): Promise<ReceivedMail>;
  /** The `nth` message (from 1) to `to`, waiting up to 5 s for it. */
  nthTo(to: string, nth: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          attachments: mail.attachments.map((a) => ({ filename: a.filename ?? "", contentType: a.contentType, content: a.content })),
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, subject) {
      const match = () => received.find((m) => m.to.includes(to.toLowerCase()) && (!subject || subject.test(m.subject)));
      return vi.waitFor(() => {
        const found = match();
        if (!found) throw new Error(`no email to ${to}${subject ? ` matching ${subject}` : ""}; received: ${received.map((m) => `${m.to.join(",")}: ${m.subject}`).join("; ") || "nothing"}`);
        return found;
      }, { timeout: 5_000, interval: 25 });
    },
    async nthTo(to, nth) {
      return vi.waitFor(() => {
        const found = received.filter((m) => m.to.includes(to.toLowerCase()))[nth - 1];
        if (!found) throw new Error(`no email #${nth} to ${to}`);
        return found;
      }, { timeout: 5_000, interval: 25 });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in an email's text that starts with `prefix` (e.g. the app's invite path). */
export function linkIn(mail: ReceivedMail, pathPart: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(pathPart));
  if (!link) throw new Error(`no link containing ${pathPart} in: ${mail.text}`);
  return link;
}
