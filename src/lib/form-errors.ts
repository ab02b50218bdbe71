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
