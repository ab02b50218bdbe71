// One look for every email Parley sends: a heading, a few paragraphs and at most one button,
// as plain text (what many clients show first and what tests read) and as simple HTML.
export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Said under the button: why they got this, what to do if it was not them. */
  footer?: string;
}

/** A file sent with the message (a signed contract's PDF). */
export interface EmailAttachment { filename: string; contentType: string; content: Buffer }

export interface RenderedEmail { subject: string; text: string; html: string; attachments?: EmailAttachment[] }

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderEmail(content: EmailContent): RenderedEmail {
  const text = [
    content.heading, "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    ...(content.footer ? [content.footer, ""] : []),
    "— Parley",
  ].join("\n");
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#4f46e5;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(content.action.label)}</a></p>
<p style="color:#64748b;font-size:13px">Or paste this link into your browser: ${escapeHtml(content.action.url)}</p>`
    : "";
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((p) => `<p style="line-height:1.5">${escapeHtml(p)}</p>`).join("\n")}
${button}
${content.footer ? `<p style="color:#64748b;font-size:13px">${escapeHtml(content.footer)}</p>` : ""}
<p style="color:#64748b;font-size:13px">— Parley</p>
</body></html>`;
  return { subject: content.subject, text, html };
}
