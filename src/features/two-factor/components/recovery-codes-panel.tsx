"use client";

import { useId, useState } from "react";

/** Shown once, right after they are made: copy, download, and confirm they are saved. */
export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const headingId = useId();
  const text = `Parley recovery codes\nEach code works once, if you can't use your authenticator app.\n\n${codes.join("\n")}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: "parley-recovery-codes.txt" });
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-md border border-amber-200 bg-amber-50 p-4">
      <div>
        <h3 id={headingId} className="font-semibold text-amber-950">Save your recovery codes</h3>
        <p className="mt-1 text-sm text-amber-900">
          If you lose your phone, each of these codes gets you in once. Keep them somewhere safe, like a password manager.
          This is the only time we&apos;ll show them.
        </p>
      </div>
      <ol className="grid grid-cols-1 gap-2 rounded-md bg-white p-4 font-mono text-sm sm:grid-cols-2" aria-label="Recovery codes">
        {codes.map((code) => <li key={code} className="tracking-wide">{code}</li>)}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={() => { void navigator.clipboard?.writeText(text).then(() => setCopied(true)); }}>
          {copied ? "Copied" : "Copy codes"}
        </button>
        <button type="button" className="btn-secondary" onClick={download}>Download .txt</button>
      </div>
      <label className="flex items-center gap-2 text-sm font-medium text-amber-950">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        I&apos;ve saved my recovery codes
      </label>
      <button type="button" className="btn-primary" disabled={!saved} onClick={onDone}>Done</button>
    </section>
  );
}
