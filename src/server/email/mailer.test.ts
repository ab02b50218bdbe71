import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestSmtp, startTestSmtp } from "../../../test/helpers/smtp";
import { listOutboxMessages, outboxAttachments } from "@/server/db/outbox";
import { appUrl } from "./config";
import { renderEmail } from "./layout";
import { sendEmail } from "./mailer";

let smtp: TestSmtp;
const saved = { ...process.env };
beforeAll(async () => { smtp = await startTestSmtp(); });
afterAll(async () => { await smtp.close(); });
afterEach(() => {
  for (const key of ["SMTP_URL", "PARLEY_DEV_OUTBOX", "EMAIL_FROM", "NEXTAUTH_URL"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

const email = () => renderEmail({
  subject: "You're invited <to Acme>", heading: "Join Acme on Parley", paragraphs: ["Olivia invited you & your team."],
  action: { label: "Accept the invitation", url: appUrl("/invite/abc") }, footer: "Not expecting this? Ignore it.",
});

describe("sendEmail", () => {
  it("delivers over SMTP when SMTP_URL is set, as text and escaped HTML", async () => {
    process.env.SMTP_URL = smtp.url;
    process.env.EMAIL_FROM = "Parley <mail@parley.test>";
    process.env.NEXTAUTH_URL = "https://crm.example.com/";
    expect(await sendEmail("Someone@Example.com", email())).toBe("smtp");
    const mail = await smtp.waitFor("someone@example.com", /invited/);
    expect(mail.subject).toBe("You're invited <to Acme>");
    expect(mail.from).toBe("mail@parley.test");
    expect(mail.text).toContain("Accept the invitation: https://crm.example.com/invite/abc");
    expect(mail.html).toContain("Olivia invited you &amp; your team.");
    expect(mail.html).not.toContain("<to Acme>");
  });

  it("keeps the message in the dev outbox when there is no SMTP server and the outbox is on", async () => {
    delete process.env.SMTP_URL;
    process.env.PARLEY_DEV_OUTBOX = "1";
    const to = `outbox-${Date.now()}@example.com`;
    expect(await sendEmail(to, email())).toBe("outbox");
    const kept = (await listOutboxMessages()).find((m) => m.toAddress === to);
    expect(kept).toMatchObject({ subject: "You're invited <to Acme>" });
    expect(kept!.textBody).toContain("/invite/abc");
  });

  it("carries attachments, over SMTP and into the outbox, byte for byte", async () => {
    const file = { filename: "C-2026-0001-signed.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.3 not really\n\u0000\u00ff") };
    process.env.SMTP_URL = smtp.url;
    await sendEmail("files@example.com", { ...email(), attachments: [file] });
    const mail = await smtp.waitFor("files@example.com");
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: file.filename, contentType: file.contentType });
    expect(mail.attachments[0]!.content.equals(file.content)).toBe(true);

    delete process.env.SMTP_URL;
    process.env.PARLEY_DEV_OUTBOX = "1";
    const to = `outbox-files-${Date.now()}@example.com`;
    await sendEmail(to, { ...email(), attachments: [file] });
    const kept = (await listOutboxMessages()).find((m) => m.toAddress === to)!;
    const [stored] = await outboxAttachments(kept.id);
    expect(stored).toMatchObject({ filename: file.filename, contentType: file.contentType, size: file.content.length });
    expect(Buffer.from(stored!.base64, "base64").equals(file.content)).toBe(true);
  });

  it("sends nothing and says why when neither is configured", async () => {
    delete process.env.SMTP_URL;
    delete process.env.PARLEY_DEV_OUTBOX;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const before = smtp.received.length;
    expect(await sendEmail("nobody@example.com", email())).toBe("not-sent");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("set SMTP_URL"));
    expect(smtp.received.length).toBe(before);
    warn.mockRestore();
  });
});
