import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { describeDevice } from "@/lib/user-agent";

const LABELS: Record<string, string> = {
  "account.created": "Account created",
  "sign_in.succeeded": "Signed in",
  "sign_in.failed": "Failed sign-in (wrong password)",
  "sign_in.throttled": "Sign-in slowed down after repeated failures",
  // Before sign-in was throttled instead of locked.
  "sign_in.locked": "Account locked after failed sign-ins",
  sign_out: "Signed out",
  "session.revoked": "Session revoked",
  "session.revoked_others": "Signed out all other sessions",
  "email.verification_sent": "Verification email sent",
  "email.verified": "Email verified",
  "email.change_requested": "Email change requested",
  "email.change_cancelled": "Email change cancelled",
  "email.changed": "Email address changed",
  "password.reset_requested": "Password reset requested",
  "password.reset": "Password reset",
  "password.changed": "Password changed",
  "two_factor.setup_started": "Two-factor setup started",
  "two_factor.enabled": "Two-factor authentication turned on",
  "two_factor.disabled": "Two-factor authentication turned off",
  "two_factor.failed": "Failed sign-in (wrong two-factor code)",
  "two_factor.recovery_code_used": "Recovery code used",
  "two_factor.recovery_codes_regenerated": "New recovery codes generated",
  "oauth.linked": "Sign-in provider connected",
  "organization.two_factor_required": "Required two-factor authentication for an organization",
  "organization.two_factor_not_required": "Stopped requiring two-factor authentication for an organization",
};

const METHODS: Record<string, string> = {
  password: "password", "password+totp": "password and authenticator code", "password+recovery": "password and recovery code",
};

function describe(event: { event: string; details: unknown }): string {
  const label = LABELS[event.event] ?? event.event.replace(/[._]/g, " ");
  const details = (event.details ?? {}) as Record<string, unknown>;
  const method = typeof details.method === "string" ? details.method : null;
  if (event.event === "sign_in.succeeded" && method) {
    const oauth = method.match(/^oauth:([\w-]+)(\+\w+)?$/);
    const via = oauth ? `${{ google: "Google", github: "GitHub", "azure-ad": "Microsoft" }[oauth[1]!] ?? oauth[1]}${oauth[2] ? " and a code" : ""}` : METHODS[method] ?? method;
    return `${label} with ${via}`;
  }
  if (event.event === "sign_in.throttled" && typeof details.retryAfterSeconds === "number") return `${label} (next try after ${details.retryAfterSeconds} seconds)`;
  if (event.event === "email.changed" && typeof details.to === "string") return `${label} to ${details.to}`;
  if (event.event === "oauth.linked" && typeof details.provider === "string") return `${label}: ${details.provider}`;
  if (event.event.startsWith("organization.") && typeof details.organization === "string") return `${label}: ${details.organization}`;
  return label;
}

type SecurityEventRow = { id: string; event: string; ipAddress: string | null; userAgent: string | null; details: unknown; createdAt: Date };

export function SecurityActivity({ events }: { events: SecurityEventRow[] }) {
  if (events.length === 0) return <EmptyState title="No activity yet">Sign-ins and changes to your account's security will be listed here.</EmptyState>;
  return (
    <ol className="divide-y divide-slate-100" aria-label="Recent security activity">
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 py-2.5 text-sm">
          <span className={e.event.endsWith("failed") || e.event.endsWith("locked") || e.event.endsWith("throttled") ? "font-medium text-red-700" : "font-medium"}>{describe(e)}</span>
          <span className="text-slate-500">
            {e.userAgent ? `${describeDevice(e.userAgent)} · ` : ""}{e.ipAddress ?? "unknown IP"} · <time dateTime={new Date(e.createdAt).toISOString()} title={formatDateTime(new Date(e.createdAt))}>{formatRelative(new Date(e.createdAt))}</time>
          </span>
        </li>
      ))}
    </ol>
  );
}
