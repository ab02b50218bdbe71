"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { AnswerState } from "@/features/proposals/components/public-answer";
import { answerPublicProposal } from "@/features/proposals/proposal-public.service";
import { acceptPublicProposalSchema, rejectPublicProposalSchema } from "@/features/proposals/proposals.schema";
import { findUnsafeText } from "@/lib/safe-text";
import { requestMeta } from "@/server/auth/request-meta";


const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : undefined);

/** The client's Accept or Decline on the public proposal page. */
export async function answerProposalAction(_prev: AnswerState, form: FormData): Promise<AnswerState> {
  const decision = text(form.get("decision"));
  const token = text(form.get("token"));
  // Text PostgreSQL cannot store (a NUL, a broken character) is refused beside its field.
  const unsafe = findUnsafeText({ token, fullName: text(form.get("fullName")), reason: text(form.get("reason")) });
  if (unsafe) return toState([unsafe]);
  let result;
  if (decision === "accept") {
    const parsed = acceptPublicProposalSchema.safeParse({ token, fullName: text(form.get("fullName")) });
    if (!parsed.success) return toState(parsed.error.issues);
    result = await answerPublicProposal(parsed.data.token, { decision: "accept", fullName: parsed.data.fullName }, requestMeta(await headers()));
  } else if (decision === "reject") {
    const parsed = rejectPublicProposalSchema.safeParse({ token, reason: text(form.get("reason")) });
    if (!parsed.success) return toState(parsed.error.issues);
    result = await answerPublicProposal(parsed.data.token, { decision: "reject", reason: parsed.data.reason }, requestMeta(await headers()));
  } else {
    return { error: "Choose to accept or decline the proposal." };
  }
  if (!result.ok) return { error: result.message };
  redirect(`/p/${token}`);
}

function toState(issues: { path: PropertyKey[]; message: string }[]): AnswerState {
  const fieldErrors: AnswerState["fieldErrors"] = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (field === "fullName" || field === "reason") fieldErrors[field] ??= issue.message;
    else return { error: issue.message };
  }
  return { fieldErrors };
}
