import Link from "next/link";

const FEATURES = [
  { title: "Pipelines that move", body: "Leads, companies and deals on a board your reps can drive from the keyboard." },
  { title: "Proposals to contracts", body: "Price with your product catalog, send proposals, and track signatures and renewals." },
  { title: "Dashboards on the server", body: "Forecasts, win rates and alerts, fast enough to open on every call." },
  { title: "Delivery after the sale", body: "Hand won work to delivery with milestones, teams and documents in one place." },
  { title: "Real-estate ready", body: "Properties, media and market analyses for brokerages that sell homes, not seats." },
  { title: "Secure by construction", body: "Every organization's data is walled off in the database itself, not just the app." },
];

export default function LandingPage() {
  return (
    <div>
      <section className="mx-auto max-w-4xl px-4 py-20 text-center">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">The CRM for teams that sell, deliver and renew</h1>
        <p className="mx-auto mt-6 max-w-2xl text-lg text-slate-600">
          Parley keeps your leads, pipeline, proposals, contracts and delivery in one workspace, with dashboards
          your whole team trusts.
        </p>
        <div className="mt-8 flex justify-center gap-3">
          <Link href="/signup" className="btn-primary px-6 py-3 text-base">Create your workspace</Link>
          <Link href="/login" className="btn-secondary px-6 py-3 text-base">Sign in</Link>
        </div>
      </section>
      <section aria-labelledby="features" className="mx-auto max-w-6xl px-4 pb-20">
        <h2 id="features" className="sr-only">Features</h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map((f) => (
            <li key={f.title} className="card p-6">
              <h3 className="font-semibold">{f.title}</h3>
              <p className="mt-2 text-sm text-slate-600">{f.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
