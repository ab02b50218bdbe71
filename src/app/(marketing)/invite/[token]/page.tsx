import type { Metadata } from "next";
import Link from "next/link";
import {
  CreateAccountAndJoinForm, JoinButton, SignInAndJoinForm, SwitchAccountButton,
} from "@/features/members/components/accept-invitation";
import { formatDate } from "@/lib/dates";
import type { InvitationLink } from "@/server/db/system/invitations";
import { getSession, serverApi } from "@/trpc/server";

// The token is in the URL: keep it out of search indexes and out of Referer headers.
export const metadata: Metadata = { title: "Invitation", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Dead = Exclude<InvitationLink["state"], "valid">;

function deadLinkCopy(state: Dead, invitation: InvitationLink["invitation"]): { title: string; body: string } {
  const org = invitation?.organization.name ?? "the organization";
  const inviter = invitation?.inviterName ?? "the person who invited you";
  switch (state) {
    case "accepted":
      return { title: "This invitation has already been used", body: `It was accepted, so the link no longer works. If that was you, sign in to open ${org}.` };
    case "revoked":
      return { title: "This invitation was withdrawn", body: `An administrator of ${org} revoked it. If you still need access, ask ${inviter} for a new invitation.` };
    case "expired":
      return { title: "This invitation has expired", body: `Invitations work for 7 days. Ask ${inviter} to send it again from ${org}'s members page.` };
    case "replaced":
      return { title: "This link has been replaced", body: `A newer invitation to ${org} was sent${invitation ? ` to ${invitation.email}` : ""}. Open the link in the most recent email.` };
    case "invalid":
      return { title: "This invitation link isn't valid", body: "It may have been cut short when copied. Open the whole link from the email, or ask for a new invitation." };
  }
}

function Shell({ children }: { children: React.ReactNode }) {
  return <div className="mx-auto max-w-md px-4 py-12"><div className="card p-6 sm:p-8">{children}</div></div>;
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token: raw } = await params;
  const token = raw.slice(0, 512);
  const [session, link] = await Promise.all([getSession(), serverApi().then((api) => api.invitations.preview({ token }))]);
  const { invitation } = link;

  if (link.state !== "valid" || !invitation) {
    const copy = deadLinkCopy(link.state === "valid" ? "invalid" : link.state, invitation);
    const signedInMember = link.state === "accepted" && session && invitation && session.user.email === invitation.email;
    return (
      <Shell>
        <div aria-hidden="true" className="mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-amber-50 text-xl text-amber-700">!</div>
        <h1 className="text-2xl font-semibold">{copy.title}</h1>
        <p className="mt-2 text-sm text-slate-600">{copy.body}</p>
        <div className="mt-6 flex flex-wrap gap-2">
          {signedInMember ? (
            <Link href={`/${invitation.organization.slug}`} className="btn-primary">Open {invitation.organization.name}</Link>
          ) : session ? (
            <Link href="/dashboard" className="btn-primary">Go to Parley</Link>
          ) : (
            <>
              <Link href="/login" className="btn-primary">Sign in</Link>
              <Link href="/" className="btn-secondary">About Parley</Link>
            </>
          )}
        </div>
      </Shell>
    );
  }

  const org = invitation.organization.name;
  const signedInAs = session?.user.email ?? null;
  return (
    <Shell>
      <p className="text-sm font-medium text-brand-700">You&apos;re invited</p>
      <h1 className="mt-1 text-2xl font-semibold">Join {org} on Parley</h1>
      <p className="mt-2 text-sm text-slate-600">
        {invitation.inviterName ? <><span className="font-medium text-slate-900">{invitation.inviterName}</span> invited you</> : "You were invited"} to join{" "}
        <span className="font-medium text-slate-900">{org}</span> as <span className="font-medium text-slate-900">{invitation.role?.name}</span>.
      </p>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-sm">
        <dt className="text-slate-500">For</dt><dd className="break-words">{invitation.email}</dd>
        <dt className="text-slate-500">Role</dt><dd>{invitation.role?.name}{invitation.role?.description ? <span className="text-slate-500"> · {invitation.role.description}</span> : null}</dd>
        <dt className="text-slate-500">Expires</dt><dd>{formatDate(invitation.expiresAt)}</dd>
      </dl>

      <div className="mt-6">
        {signedInAs === invitation.email ? (
          <JoinButton token={token} organizationName={org} />
        ) : signedInAs ? (
          <div className="space-y-4">
            <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              You&apos;re signed in as <strong className="break-words">{signedInAs}</strong>, but this invitation is for <strong className="break-words">{invitation.email}</strong>.
              Sign out, then open this link again to continue as {invitation.email}.
            </p>
            <SwitchAccountButton token={token} />
          </div>
        ) : link.accountExists ? (
          <>
            <p className="mb-4 text-sm text-slate-600">You already have a Parley account. Sign in to join {org}.</p>
            <SignInAndJoinForm token={token} email={invitation.email} organizationName={org} />
          </>
        ) : (
          <>
            <p className="mb-4 text-sm text-slate-600">Create your account to join. It takes a moment.</p>
            <CreateAccountAndJoinForm token={token} email={invitation.email} organizationName={org} />
          </>
        )}
      </div>
    </Shell>
  );
}
