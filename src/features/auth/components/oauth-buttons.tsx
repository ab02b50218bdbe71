"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";

export interface OAuthProviderOption {
  id: string;
  name: string;
}

function ProviderMark({ id }: { id: string }) {
  // Simple marks in the providers' colours; decorative, the button text names the provider.
  if (id === "google") {
    return (
      <svg aria-hidden="true" viewBox="0 0 18 18" className="h-4 w-4">
        <path fill="#4285F4" d="M17.64 9.2c0-.64-.06-1.25-.16-1.84H9v3.48h4.84a4.14 4.14 0 0 1-1.8 2.72v2.26h2.92c1.7-1.57 2.68-3.88 2.68-6.62z" />
        <path fill="#34A853" d="M9 18c2.43 0 4.47-.8 5.96-2.18l-2.92-2.26c-.8.54-1.84.86-3.04.86-2.34 0-4.32-1.58-5.03-3.7H.96v2.33A9 9 0 0 0 9 18z" />
        <path fill="#FBBC05" d="M3.97 10.72A5.4 5.4 0 0 1 3.68 9c0-.6.1-1.18.29-1.72V4.95H.96A9 9 0 0 0 0 9c0 1.45.35 2.83.96 4.05l3.01-2.33z" />
        <path fill="#EA4335" d="M9 3.58c1.32 0 2.5.45 3.44 1.35l2.58-2.58A9 9 0 0 0 .96 4.95l3.01 2.33C4.68 5.16 6.66 3.58 9 3.58z" />
      </svg>
    );
  }
  if (id === "github") {
    return (
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="#24292f">
        <path d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38l-.01-1.49c-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82a7.6 7.6 0 0 1 4 0c1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48l-.01 2.2c0 .21.15.46.55.38A8.01 8.01 0 0 0 16 8c0-4.42-3.58-8-8-8z" />
      </svg>
    );
  }
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4">
      <path fill="#f25022" d="M0 0h7.5v7.5H0z" /><path fill="#7fba00" d="M8.5 0H16v7.5H8.5z" />
      <path fill="#00a4ef" d="M0 8.5h7.5V16H0z" /><path fill="#ffb900" d="M8.5 8.5H16V16H8.5z" />
    </svg>
  );
}

/** "Continue with …" for each configured provider; nothing at all when none is. */
export function OAuthButtons({ providers, callbackUrl }: { providers: OAuthProviderOption[]; callbackUrl: string }) {
  const hydrated = useHydrated();
  const [pending, setPending] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />or<span className="h-px flex-1 bg-slate-200" />
      </div>
      <ul className="space-y-2" aria-label="Other ways to sign in">
        {providers.map((p) => (
          <li key={p.id}>
            <button type="button" className="btn-secondary w-full" disabled={!hydrated || pending !== null}
              onClick={() => { setPending(p.id); void signIn(p.id, { callbackUrl }); }}>
              <ProviderMark id={p.id} />
              {pending === p.id ? `Opening ${p.name}…` : `Continue with ${p.name}`}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
