import { serverApi } from "@/trpc/server";
import { ResendVerificationButton } from "./resend-verification-button";

/** Until the email is verified: a reminder on every page, with a way to get a new link. */
export async function VerifyEmailBanner() {
  const status = await (await serverApi()).account.emailStatus().catch(() => null);
  if (!status || status.verified) return null;
  return (
    <section aria-label="Verify your email" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
      <div className="flex items-start gap-3">
        <span aria-hidden="true">✉</span>
        <p>
          <strong className="font-semibold">Verify your email.</strong> We sent a link to <span className="break-words">{status.email}</span>; open it to confirm your address.{" "}
          <ResendVerificationButton className="font-medium text-amber-900 underline hover:text-amber-950" />
        </p>
      </div>
    </section>
  );
}
