// A test file's own SMTP server, with SMTP_URL pointing at it for the file's tests.
import { afterAll, beforeAll } from "vitest";
import { type TestSmtp, startTestSmtp } from "./smtp";

export function withTestSmtp(): { readonly current: TestSmtp } {
  const holder = {} as { current: TestSmtp };
  const saved = process.env.SMTP_URL;
  beforeAll(async () => {
    holder.current = await startTestSmtp();
    process.env.SMTP_URL = holder.current.url;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
    await holder.current?.close();
  });
  return holder;
}
