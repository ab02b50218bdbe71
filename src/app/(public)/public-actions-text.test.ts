// The client's public forms (accept or decline a proposal, sign a contract) are server actions,
// not tRPC procedures: text PostgreSQL cannot store is refused there beside its field too,
// instead of failing the action (a 500).
import { describe, expect, it, vi } from "vitest";
import { signContractAction } from "@/app/(public)/c/[token]/actions";
import { answerProposalAction } from "@/app/(public)/p/[token]/actions";
import { NUL_MESSAGE } from "@/lib/safe-text";
import { callerAs, createOrgWithOwner, uniqueEmail } from "../../../test/helpers/fixtures";
import { linkIn } from "../../../test/helpers/smtp";
import { withTestSmtp } from "../../../test/helpers/smtp-env";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "client-browser" }) }));

const smtp = withTestSmtp();

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const email = uniqueEmail(`${label}-client`);
  const contact = await api.contacts.create({ firstName: "Cora", lastName: "Client", email });
  const [pipeline] = await api.pipelines.list();
  const deal = await api.opportunities.create({ pipelineId: pipeline!.id, name: `${label} deal`, value: "1200", contactId: contact.id });
  return { api, email, dealId: deal.id };
}

describe("public server actions", () => {
  // (Form data is made of USVStrings: a lone surrogate arrives as U+FFFD, so NUL is what can get through.)
  it("a proposal answered with a NUL in the name or the reason gets a field error, and stays unanswered", async () => {
    const { api, email, dealId } = await setup("public-proposal-text");
    const p = await api.proposals.create({ opportunityId: dealId, title: "Pilot", lines: [{ description: "Setup", quantity: "1", unitPrice: "1200" }] });
    await api.proposals.send({ id: p.id });
    const token = linkIn(await smtp.current.waitFor(email, /proposal/), "/p/").split("/p/")[1]!;

    expect(await answerProposalAction({}, form({ decision: "accept", token, fullName: "Cora\u0000 Client" }))).toEqual({ fieldErrors: { fullName: NUL_MESSAGE } });
    expect(await answerProposalAction({}, form({ decision: "reject", token, reason: "Too\u0000 dear" }))).toEqual({ fieldErrors: { reason: NUL_MESSAGE } });
    expect((await api.proposals.get({ id: p.id })).status).toBe("sent");
  });

  it("a contract signed with a NUL in the name gets a field error, and stays unsigned", async () => {
    const { api, email, dealId } = await setup("public-contract-text");
    const c = await api.contracts.create({
      opportunityId: dealId,
      values: { title: "Pilot contract", startDate: "2026-01-01", endDate: "2026-12-31", totalValue: "1200", paymentSchedule: [{ dueDate: "2026-01-01", amount: "1200" }] },
    });
    await api.contracts.sendForSignature({ id: c.id, sentToEmail: email });
    const token = linkIn(await smtp.current.waitFor(email, /contract to sign/), "/c/").split("/c/")[1]!;

    const state = await signContractAction({}, form({ token, fullName: "Cora\u0000 Client", email, agree: "on", signatureMethod: "typed" }));
    expect(state).toEqual({ fieldErrors: { fullName: NUL_MESSAGE } });
    expect((await api.contracts.get({ id: c.id })).status).toBe("pending_signature");
  });
});
