import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">We couldn&apos;t find that page</h1>
      <p className="text-slate-600">It may have moved, or you may not have access to it.</p>
      <Link href="/dashboard" className="btn-primary">Go to your dashboard</Link>
    </main>
  );
}
