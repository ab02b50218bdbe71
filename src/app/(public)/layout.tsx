// Pages a signed-out visitor opens from a link (a client reading a proposal): no app shell,
// no marketing navigation.
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return <main id="main" className="min-h-screen bg-slate-50">{children}</main>;
}
