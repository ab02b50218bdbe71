/** The sender's logo and name at the top of a page a client opens from an email link. */
export function PublicOrgHeader({ organization }: { organization: { name: string; logoUrl: string | null } | null }) {
  if (!organization) return null;
  return (
    <div className="mb-6 flex items-center gap-3">
      {organization.logoUrl && /^https?:\/\//i.test(organization.logoUrl) ? <img src={organization.logoUrl} alt="" className="h-10 w-10 rounded object-contain" /> : null}
      <p className="text-lg font-semibold">{organization.name}</p>
    </div>
  );
}
