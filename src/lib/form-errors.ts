import type { z } from "zod";

export type FieldErrors = Partial<Record<string, string>>;

/** Client-side check with the same schema the procedure uses; first message per field. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): { data: z.output<S>; errors: null } | { data: null; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return { data: null, errors };
}

interface TRPCClientErrorLike {
  message: string;
  data?: { fieldErrors?: Record<string, string[] | undefined>; field?: string } | null;
}

/** A server error as per-field messages (zod issues, or an AppError naming its field). */
export function errorsFromServer(error: TRPCClientErrorLike): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, messages] of Object.entries(error.data?.fieldErrors ?? {})) {
    if (messages?.[0]) errors[field] = messages[0];
  }
  if (error.data?.field) errors[error.data.field] = error.message;
  if (Object.keys(errors).length === 0) errors.form = error.message;
  return errors;
}

// ------------------------------------------------------------------ forms with nested fields
// Forms with rows (a payment schedule's instalments, a proposal's lines) name a field by its
// whole path ("paymentSchedule.0.amount"), from the schema in the browser and from the server.

export type FormErrors = Record<string, string | undefined>;

type Issue = { path: readonly PropertyKey[]; message: string };

/** The first message for each field path ("title", "paymentSchedule.0.amount", …). */
export function issuesToErrors(issues: readonly Issue[], dropPrefix?: string): FormErrors {
  const found: FormErrors = {};
  for (const issue of issues) {
    const path = issue.path[0] === dropPrefix && dropPrefix !== undefined ? issue.path.slice(1) : issue.path;
    found[path.map(String).join(".") || "form"] ??= issue.message;
  }
  return found;
}

/**
 * A failed mutation's messages: zod issues (tRPC sends them as the message, as JSON) beside
 * their fields, `dropPrefix` removing the input's wrapper ("values"); an AppError's field gets
 * its message; anything else (CONFLICT, a lost connection) goes in the form's banner.
 */
export function serverErrors(error: unknown, dropPrefix?: string): FormErrors {
  const e = error as { message?: string; data?: { field?: string | null; fieldErrors?: unknown } | null };
  const message = e?.message || "That did not work; try again.";
  if (e?.data?.fieldErrors) {
    try {
      const issues = JSON.parse(message) as Issue[];
      if (Array.isArray(issues) && issues.every((i) => Array.isArray(i.path) && typeof i.message === "string")) {
        return { ...issuesToErrors(issues, dropPrefix), form: "Some fields need your attention: see the messages below." };
      }
    } catch {
      // Not JSON: a plain message.
    }
  }
  const field = e?.data?.field;
  return { form: message, ...(field ? { [field]: message } : {}) };
}

/** A short message from any failed call, for buttons and dialogs without fields. */
export const errorMessage = (error: unknown) => (error instanceof Error && error.message ? error.message : "That did not work; try again.");
