// Work done for a visitor who came through an emailed link (a proposal's or a contract's): they
// are in no organization, so the link names the organization and the member the work is
// recorded as (the record's owner); the visitor's IP and browser go on the audit rows, and
// email waits until the transaction has committed.
import type { RequestMeta } from "@/server/request-meta";
import { withOrg } from "@/server/db/tenant";
import { type OrgScope, afterCommitQueue, createOrgScope } from "./scope";

export async function withLinkScope<T>(actor: { orgId: string; userId: string }, meta: RequestMeta, fn: (scope: OrgScope) => Promise<T>): Promise<T> {
  const later = afterCommitQueue();
  const result = await withOrg(actor, (tx) => fn(createOrgScope(tx, { ...actor, meta }, undefined, later.add)));
  await later.run();
  return result;
}
