"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { SignState } from "@/features/contracts/components/public-sign-form";
import { signPublicContract } from "@/features/contracts/contract-public.service";
import { clientSignSchema } from "@/features/contracts/contracts.schema";
import { findUnsafeText } from "@/lib/safe-text";
import { requestMeta } from "@/server/auth/request-meta";

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : undefined);
const FIELDS = ["fullName", "email", "agree", "signature"] as const;
type Field = (typeof FIELDS)[number];
const isField = (f: unknown): f is Field => FIELDS.includes(f as Field);

/** The client signs on the public contract page: checked with clientSignSchema, then signPublicContract. */
export async function signContractAction(_prev: SignState, form: FormData): Promise<SignState> {
  const token = text(form.get("token"));
  const method = text(form.get("signatureMethod"));
  const values = {
    token,
    fullName: text(form.get("fullName")),
    email: text(form.get("email")),
    agree: form.get("agree") === "on",
    signature: method === "drawn" ? { method: "drawn", image: text(form.get("signatureImage")) || undefined } : { method: "typed" },
  };
  // Text PostgreSQL cannot store (a NUL, a broken character) is refused beside its field.
  const unsafe = findUnsafeText(values);
  if (unsafe) return toState([unsafe]);
  const parsed = clientSignSchema.safeParse(values);
  if (!parsed.success) return toState(parsed.error.issues);
  const result = await signPublicContract(parsed.data, requestMeta(await headers()));
  if (!result.ok) return isField(result.field) ? { fieldErrors: { [result.field]: result.message } } : { error: result.message };
  redirect(`/c/${parsed.data.token}`);
}

function toState(issues: { path: PropertyKey[]; message: string }[]): SignState {
  const fieldErrors: NonNullable<SignState["fieldErrors"]> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (isField(field)) fieldErrors[field] ??= issue.message;
    else return { error: issue.message };
  }
  return { fieldErrors };
}
