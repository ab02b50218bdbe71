// Sends one email: through SMTP when configured, into the dev outbox when that is on, else
// logs that it could not. Call it after the transaction that decided to send has committed
// (scope.afterCommit), so a rolled-back change never sends mail.
import nodemailer, { type Transporter } from "nodemailer";
import { storeOutboxMessage } from "@/server/db/outbox";
import { emailConfig } from "./config";
import type { RenderedEmail } from "./layout";

export type Delivery = "smtp" | "outbox" | "not-sent";

let transport: { url: string; transporter: Transporter } | null = null;

function smtpTransport(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

export async function sendEmail(to: string, email: RenderedEmail): Promise<Delivery> {
  const config = emailConfig();
  if (config.smtpUrl) {
    await smtpTransport(config.smtpUrl).sendMail({
      from: config.from, to, subject: email.subject, text: email.text, html: email.html,
      attachments: email.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
    return "smtp";
  }
  if (config.outbox) {
    await storeOutboxMessage({ to, from: config.from, subject: email.subject, text: email.text, html: email.html, attachments: email.attachments ?? [] });
    return "outbox";
  }
  console.warn(`Email to ${to} ("${email.subject}") not sent: set SMTP_URL to send mail (see .env.example).`);
  return "not-sent";
}
