// The contract renewal job (pg-boss, hourly; see src/server/jobs/workers.ts). For each active
// contract with an end date, on its organization's own calendar day:
//   - 30 days or less before the end, its owner is reminded once (renewal_reminder_sent_at);
//   - once the end date has passed, an auto-renewing contract is renewed (a new active contract
//     for the next term, the old one marked renewed) and any other is marked expired.
// Each contract is handled in its own transaction, under its organization's RLS scope, locked
// and re-checked, so overlapping runs and a failure on one contract harm nothing else.
import type { Prisma } from "@/generated/prisma/client";
import { nextDocumentNumber } from "@/features/records/document-number";
import { recordTimelineEvent } from "@/features/timeline/timeline.service";
import { formatMoney } from "@/lib/money";
import { toDateOnly } from "@/lib/form-fields";
import { type OrgScope, afterCommitQueue, createOrgScope } from "@/server/api/scope";
import { organizationsWithContractsDue } from "@/server/db/system/jobs";
import { type Tx, withOrg } from "@/server/db/tenant";
import { appUrl } from "@/server/email/config";
import { renderEmail } from "@/server/email/layout";
import { sendEmail } from "@/server/email/mailer";
import { type ShapedContract, contractKey, lockContract } from "./contracts.service";
import { daysBetween, nextTerm } from "./payment-schedule";
import { formatIsoDay } from "@/lib/dates";

export const REMINDER_DAYS = 30;
/** A contract left many terms behind (the job was off) catches up at most this many terms per run. */
const MAX_PASSES = 24;

export interface RenewalRun { reminded: number; renewed: number; expired: number; failed: number }

type Due = { id: string; action: "remind" | "end"; actor: string | null };

/** This organization's due contracts and who each is handled as (its owner, else its author, else an Owner). */
async function dueContracts(tx: Tx): Promise<Due[]> {
  return tx.$queryRaw<Due[]>`
    WITH today AS (SELECT (now() AT TIME ZONE o.timezone)::date AS d FROM organizations o WHERE o.id = NULLIF(current_setting('app.current_org_id', TRUE), '')::uuid)
    SELECT c.id, CASE WHEN c.end_date < today.d THEN 'end' ELSE 'remind' END AS action,
      coalesce(c.owner_id, c.created_by, (SELECT m.user_id FROM memberships m JOIN roles r ON r.organization_id = m.organization_id AND r.id = m.role_id
        WHERE r.is_system AND r.name = 'Owner' AND m.status = 'active' ORDER BY m.created_at LIMIT 1)) AS actor
    FROM contracts c, today
    WHERE c.status = 'active' AND c.end_date IS NOT NULL
      AND (c.end_date < today.d OR (c.renewal_reminder_sent_at IS NULL AND c.end_date <= today.d + ${REMINDER_DAYS}::int))
    ORDER BY c.end_date, c.id`;
}

async function orgToday(scope: OrgScope): Promise<string> {
  const [row] = await scope.tx.$queryRaw<{ d: string }[]>`SELECT to_char((now() AT TIME ZONE o.timezone)::date, 'YYYY-MM-DD') AS d FROM organizations o WHERE o.id = ${scope.orgId}::uuid`;
  return row!.d;
}

const automatic = { automatic: true, by: "contract renewal job" };

function mailOwner(scope: OrgScope, c: ShapedContract, subject: string, paragraphs: string[], orgSlug: string) {
  const to = c.owner?.email;
  if (!to) return;
  scope.afterCommit(() => sendEmail(to, renderEmail({ subject, heading: subject, paragraphs, action: { label: "Open the contract", url: appUrl(`/${orgSlug}/contracts/${c.id}`) } })));
}

async function remind(scope: OrgScope, c: ShapedContract, today: string, orgSlug: string) {
  const days = daysBetween(today, c.endDate!);
  await scope.tx.contract.update({ where: contractKey(scope, c.id), data: { renewalReminderSentAt: new Date() } });
  const what = c.autoRenew ? "It renews automatically for another term unless you terminate it." : "It expires then unless you agree a renewal with the client.";
  await scope.audit({ action: "contract.renewal_reminder", resourceType: "contract", resourceId: c.id, details: { ...automatic, endDate: c.endDate, daysLeft: days } });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: c.opportunityId, eventType: "contract_renewal_reminder",
    title: `Contract ${c.contractNumber} ends on ${formatIsoDay(c.endDate!)} (in ${days} days): owner reminded`, metadata: { contractId: c.id, contractNumber: c.contractNumber },
  });
  mailOwner(scope, c, `Contract ${c.contractNumber} ends in ${days} days`, [`“${c.title}” (${c.opportunity.company?.name ?? c.opportunity.name}) ends on ${formatIsoDay(c.endDate!)}.`, what], orgSlug);
}

async function renew(scope: OrgScope, c: ShapedContract, orgSlug: string) {
  const term = nextTerm(c.startDate, c.endDate!);
  const contractNumber = await nextDocumentNumber(scope, "contract");
  const renewal = await scope.tx.contract.create({
    data: {
      organizationId: scope.orgId, opportunityId: c.opportunityId, contractNumber, title: c.title, type: c.type, status: "active",
      startDate: toDateOnly(term.start)!, endDate: toDateOnly(term.end)!, autoRenew: true, renewalTerms: c.renewalTerms, currency: c.currency,
      totalValue: c.totalValue, paymentTerms: c.paymentTerms, body: c.body, clientSignatureRequired: c.clientSignatureRequired,
      paymentSchedule: c.paymentSchedule.map((i) => ({ ...i, dueDate: term.shift(i.dueDate) })) as unknown as Prisma.InputJsonValue,
      supplierName: c.supplierName, clientName: c.clientName, activatedAt: new Date(), renewedFromId: c.id, ownerId: c.ownerId, createdBy: scope.userId,
    },
    select: { id: true },
  });
  await scope.tx.contract.update({ where: contractKey(scope, c.id), data: { status: "renewed" } });
  await scope.audit({ action: "contract.renewed", resourceType: "contract", resourceId: c.id, oldValues: { status: "active" }, newValues: { status: "renewed", renewalId: renewal.id, renewalNumber: contractNumber }, details: automatic });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: c.opportunityId, eventType: "contract_renewed",
    title: `Contract ${c.contractNumber} renewed as ${contractNumber} for ${term.start} – ${term.end} (${formatMoney(c.totalValue, c.currency)})`,
    metadata: { contractId: renewal.id, contractNumber, renewedFromId: c.id },
  });
  mailOwner(scope, c, `Contract ${c.contractNumber} renewed as ${contractNumber}`, [`“${c.title}” renewed automatically for ${term.start} to ${term.end}.`], orgSlug);
}

async function expire(scope: OrgScope, c: ShapedContract, orgSlug: string) {
  await scope.tx.contract.update({ where: contractKey(scope, c.id), data: { status: "expired" } });
  await scope.audit({ action: "contract.expired", resourceType: "contract", resourceId: c.id, oldValues: { status: "active" }, newValues: { status: "expired" }, details: automatic });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: c.opportunityId, eventType: "contract_expired",
    title: `Contract ${c.contractNumber} expired on ${formatIsoDay(c.endDate!)}`, metadata: { contractId: c.id, contractNumber: c.contractNumber },
  });
  mailOwner(scope, c, `Contract ${c.contractNumber} has expired`, [`“${c.title}” ended on ${formatIsoDay(c.endDate!)} and did not renew automatically.`], orgSlug);
}

/** Handles one due contract in its own transaction; false when there was nothing (left) to do. */
async function handle(orgId: string, due: Due, run: RenewalRun): Promise<boolean> {
  if (!due.actor) return false;
  const actor = { orgId, userId: due.actor };
  const later = afterCommitQueue();
  const done = await withOrg(actor, async (tx) => {
    const scope = createOrgScope(tx, { ...actor, meta: { ip: null, userAgent: "contract renewal job" } }, undefined, later.add);
    const c = await lockContract(scope, due.id);
    const today = await orgToday(scope);
    if (c.status !== "active" || !c.endDate) return false;
    const org = await tx.organization.findUnique({ where: { id: orgId }, select: { slug: true } });
    const slug = org?.slug ?? "";
    if (c.endDate < today) {
      if (c.autoRenew) {
        await renew(scope, c, slug);
        run.renewed++;
      } else {
        await expire(scope, c, slug);
        run.expired++;
      }
      return true;
    }
    if (!c.renewalReminderSentAt && daysBetween(today, c.endDate) <= REMINDER_DAYS) {
      await remind(scope, c, today, slug);
      run.reminded++;
      return true;
    }
    return false;
  });
  await later.run();
  return done;
}

export async function runContractRenewals(): Promise<RenewalRun> {
  const run: RenewalRun = { reminded: 0, renewed: 0, expired: 0, failed: 0 };
  for (const orgId of await organizationsWithContractsDue(REMINDER_DAYS)) {
    // A renewal can itself be due (a reminder, or a whole term missed): pass again until quiet.
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const due = await withOrg({ orgId, userId: null }, dueContracts);
      let progressed = false;
      for (const item of due) {
        try {
          progressed = (await handle(orgId, item, run)) || progressed;
        } catch (error) {
          run.failed++;
          console.error(`contract renewal: ${item.id} failed:`, error instanceof Error ? error.message : error);
        }
      }
      if (!progressed) break;
    }
  }
  return run;
}
