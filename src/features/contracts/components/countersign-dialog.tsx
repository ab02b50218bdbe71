"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormError } from "@/components/ui/field";
import { api } from "@/trpc/react";
import { countersignSchema } from "../contracts.schema";
import { type FormErrors, issuesToErrors, serverErrors } from "@/lib/form-errors";
import { Modal } from "@/components/ui/modal";
import { type CapturedSignature, SignatureCapture } from "./signature-capture";

/** The countersignature (contracts:admin): full name, consent, and a typed or drawn signature. */
export function CountersignDialog({ id, contractNumber, organizationName, userName, open, onClose }: {
  id: string; contractNumber: string; organizationName: string; userName: string; open: boolean; onClose: () => void;
}) {
  return (
    <Modal open={open} onClose={onClose} title={`Countersign ${contractNumber}`} wide>
      <CountersignForm id={id} organizationName={organizationName} userName={userName} onClose={onClose} />
    </Modal>
  );
}

function CountersignForm({ id, organizationName, userName, onClose }: { id: string; organizationName: string; userName: string; onClose: () => void }) {
  const router = useRouter();
  const ids = useId();
  const countersign = api.contracts.countersign.useMutation();
  const [fullName, setFullName] = useState(userName);
  const [agree, setAgree] = useState(false);
  const [signature, setSignature] = useState<CapturedSignature>({ method: "typed" });
  const [errors, setErrors] = useState<FormErrors>({});

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = countersignSchema.safeParse({
      id, fullName, agree, signature: signature.method === "drawn" ? { method: "drawn", image: signature.image ?? undefined } : { method: "typed" },
    });
    if (!parsed.success) return setErrors(withSignature(issuesToErrors(parsed.error.issues)));
    setErrors({});
    try {
      await countersign.mutateAsync(parsed.data);
      onClose();
      router.refresh();
    } catch (error) {
      setErrors(withSignature(serverErrors(error)));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Countersign">
      <p className="text-sm text-slate-600">You sign for {organizationName}. The contract becomes active once every required signature is in.</p>
      <FormError message={errors.form ?? errors.id} />
      <div>
        <label htmlFor={`${ids}-name`} className="mb-1 block text-sm font-medium text-slate-700">Full name</label>
        <input id={`${ids}-name`} className="input" autoComplete="name" maxLength={200} value={fullName} onChange={(e) => setFullName(e.target.value)}
          aria-invalid={errors.fullName ? true : undefined} aria-describedby={errors.fullName ? `${ids}-name-error` : undefined} />
        {errors.fullName ? <p id={`${ids}-name-error`} role="alert" className="mt-1 text-sm text-red-600">{errors.fullName}</p> : null}
      </div>
      <SignatureCapture typedName={fullName} onChange={setSignature} error={errors.signature} />
      <div>
        <div className="flex items-start gap-2">
          <input id={`${ids}-agree`} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" checked={agree} onChange={(e) => setAgree(e.target.checked)}
            aria-invalid={errors.agree ? true : undefined} aria-describedby={errors.agree ? `${ids}-agree-error` : undefined} />
          <label htmlFor={`${ids}-agree`} className="text-sm text-slate-800">I agree to sign electronically on behalf of {organizationName}</label>
        </div>
        {errors.agree ? <p id={`${ids}-agree-error`} role="alert" className="ml-6 mt-1 text-sm text-red-600">{errors.agree}</p> : null}
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onClose}>Cancel</button>
        <button type="submit" className="btn-primary" disabled={countersign.isPending}>{countersign.isPending ? "Signing…" : "Countersign"}</button>
      </div>
    </form>
  );
}

/** "signature.image" and "signature" both land beside the signature pad. */
function withSignature(errors: FormErrors): FormErrors {
  return { ...errors, signature: errors["signature.image"] ?? errors["signature.method"] ?? errors.signature };
}
