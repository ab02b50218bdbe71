// Form messages beside their fields: from the zod schema in the browser, and from the server
// the same way (its zod issues, or an AppError naming a field).

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
