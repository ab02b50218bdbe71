// Who may read the dev outbox. It holds every organization's mail, password-reset and
// invitation links included, so beyond being switched on (src/server/email/config.ts) it is
// shown only to requests from this machine, judged by the connection's real address
// (src/server/http/local-request.ts); anyone else gets a 404, as if it did not exist.
import { headers } from "next/headers";
import type { HeaderSource } from "@/server/http/header-source";
import { isLocalRequest } from "@/server/http/local-request";
import { emailConfig } from "./config";

export function outboxVisibleTo(requestHeaders: HeaderSource): boolean {
  return emailConfig().outbox && isLocalRequest(requestHeaders);
}

/** For the outbox's pages: whether this request may see it. */
export async function outboxVisible(): Promise<boolean> {
  return outboxVisibleTo(await headers());
}
