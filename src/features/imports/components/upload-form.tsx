"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/field";
import { IMPORT_RESOURCES, type ImportResource } from "../import-fields";

const LABEL: Record<ImportResource, string> = { leads: "Leads", companies: "Companies", contacts: "Contacts" };

/** Sends the file as the request body (streamed to disk by the server) with upload progress. */
export function UploadForm({ orgSlug, initialResource, allowed }: { orgSlug: string; initialResource: ImportResource; allowed: ImportResource[] }) {
  const router = useRouter();
  const [resource, setResource] = useState<ImportResource>(allowed.includes(initialResource) ? initialResource : allowed[0]!);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return setError("Choose a CSV file to import");
    setError(undefined);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/imports?org=${encodeURIComponent(orgSlug)}&resource=${resource}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100)); };
    xhr.onload = () => {
      const body = (() => { try { return JSON.parse(xhr.responseText) as { id?: string; error?: string }; } catch { return {}; } })();
      if (xhr.status === 201 && body.id) router.push(`/${orgSlug}/imports/${body.id}`);
      else { setProgress(null); setError(body.error ?? `Upload failed (${xhr.status})`); }
    };
    xhr.onerror = () => { setProgress(null); setError("The upload was interrupted; check your connection and try again"); };
    xhr.send(file);
    setProgress(0);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Upload a CSV" className="card space-y-4 p-5">
      <FormError message={error} />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">What does the file hold?</legend>
        <div className="flex flex-wrap gap-2">
          {IMPORT_RESOURCES.filter((r) => allowed.includes(r)).map((r) => (
            <label key={r} className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm ${resource === r ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-200 hover:bg-slate-50"}`}>
              <input type="radio" name="resource" value={r} checked={resource === r} onChange={() => setResource(r)} className="sr-only" />
              {LABEL[r]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="import-file" className="mb-1 block text-sm font-medium text-slate-700">CSV file</label>
        <input id="import-file" type="file" accept=".csv,text/csv" className="block text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <p className="mt-1 text-xs text-slate-500">First row: column names. Up to 100 MB; you map the columns on the next step.</p>
      </div>
      {progress !== null ? (
        <div role="progressbar" aria-label="Upload progress" aria-valuenow={progress} aria-valuemin={0} aria-valuemax={100} className="h-2 rounded bg-slate-100">
          <div className="h-2 rounded bg-brand-500 transition-all" style={{ width: `${progress}%` }} />
        </div>
      ) : null}
      <button type="submit" className="btn-primary" disabled={progress !== null}>{progress !== null ? `Uploading… ${progress}%` : "Upload and map columns"}</button>
    </form>
  );
}
