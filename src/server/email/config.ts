// Where mail goes: the SMTP server SMTP_URL names (smtp://user:pass@host:587, smtps://… for
// TLS), else the dev outbox when PARLEY_DEV_OUTBOX is on (npm start sets it on its embedded
// database), else nowhere (logged, so a self-hosted install without SMTP says why no mail came).
export interface EmailConfig {
  smtpUrl: string | null;
  from: string;
  outbox: boolean;
}

export function emailConfig(): EmailConfig {
  return {
    smtpUrl: process.env.SMTP_URL || null,
    from: process.env.EMAIL_FROM || "Parley <no-reply@parley.localhost>",
    outbox: !process.env.SMTP_URL && process.env.PARLEY_DEV_OUTBOX === "1",
  };
}

/** An absolute link into the app, for emails (they are read outside the browser tab). */
export function appUrl(path: string): string {
  const base = (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}
