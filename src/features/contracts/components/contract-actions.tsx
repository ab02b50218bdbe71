"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";
import type { ContractStatus } from "../contracts.schema";
import { CountersignDialog } from "./countersign-dialog";
import { type FormErrors, errorMessage, serverErrors } from "@/lib/form-errors";
import { Modal } from "@/components/ui/modal";

type Panel = "send" | "resend" | "countersign" | "terminate" | null;

/**
 * What can be done with a contract now, by its status and the member's permissions:
 * a draft is edited, sent for signature or deleted; one waiting for signatures gets a new
 * link, goes back to draft or is countersigned (contracts:admin); an active one is terminated
 * (contracts:admin).
 */
export function ContractActions({ orgSlug, contract, can, defaultEmail, userName, organizationName }: {
  orgSlug: string;
  contract: {
    id: string; contractNumber: string; status: ContractStatus; clientSignatureRequired: boolean;
    awaiting: { client: boolean; internal: boolean }; sentToEmail: string | null;
  };
  can: { write: boolean; delete: boolean; admin: boolean };
  /** The deal contact's email, for the first signing link. */
  defaultEmail: string;
  userName: string;
  organizationName: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [panel, setPanel] = useState<Panel>(null);
  const withdraw = api.contracts.withdraw.useMutation();
  const remove = api.contracts.delete.useMutation();
  const { id, status } = contract;
  const close = () => setPanel(null);

  const buttons: React.ReactNode[] = [];
  if (status === "draft") {
    if (can.write) {
      buttons.push(<button key="send" type="button" className="btn-primary" disabled={!hydrated} onClick={() => setPanel("send")}>Send for signature</button>);
      buttons.push(<Link key="edit" href={`/${orgSlug}/contracts/${id}/edit`} className="btn-secondary">Edit</Link>);
    }
    if (can.delete) {
      buttons.push(
        <ConfirmButton key="delete" label="Delete" title={`Delete ${contract.contractNumber}?`} confirmLabel="Delete draft"
          body="The draft contract is deleted for good. Its number is not used again."
          onConfirm={async () => {
            await remove.mutateAsync({ id });
            router.push(`/${orgSlug}/contracts`);
            router.refresh();
          }} />,
      );
    }
  }
  if (status === "pending_signature") {
    if (can.admin && contract.awaiting.internal) {
      buttons.push(<button key="countersign" type="button" className="btn-primary" disabled={!hydrated} onClick={() => setPanel("countersign")}>Countersign</button>);
    }
    if (can.write && contract.clientSignatureRequired && contract.awaiting.client) {
      buttons.push(<button key="resend" type="button" className="btn-secondary" disabled={!hydrated} onClick={() => setPanel("resend")}>Resend link</button>);
    }
    if (can.write) {
      buttons.push(
        <ConfirmButton key="withdraw" label="Withdraw to draft" title={`Withdraw ${contract.contractNumber} to draft?`} confirmLabel="Withdraw"
          className="btn-secondary"
          body="The signing link stops working and any signature already given is void, so you can change the terms and send it again."
          onConfirm={async () => {
            await withdraw.mutateAsync({ id });
            router.refresh();
          }} />,
      );
    }
  }
  if (status === "active" && can.admin) {
    buttons.push(<button key="terminate" type="button" className="btn-danger" disabled={!hydrated} onClick={() => setPanel("terminate")}>Terminate</button>);
  }
  if (buttons.length === 0) return null;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">{buttons}</div>
      <Modal open={panel === "send" || panel === "resend"} onClose={close} title={panel === "resend" ? "Send a new signing link" : `Send ${contract.contractNumber} for signature`}>
        <SendForm id={id} mode={panel === "resend" ? "resend" : "send"} clientSigns={contract.clientSignatureRequired}
          defaultEmail={panel === "resend" ? contract.sentToEmail ?? defaultEmail : defaultEmail} onDone={() => { close(); router.refresh(); }} onCancel={close} />
      </Modal>
      {panel === "countersign" ? (
        <CountersignDialog id={id} contractNumber={contract.contractNumber} organizationName={organizationName} userName={userName} open onClose={close} />
      ) : null}
      <Modal open={panel === "terminate"} onClose={close} title={`Terminate ${contract.contractNumber}`}>
        <TerminateForm id={id} onDone={() => { close(); router.refresh(); }} onCancel={close} />
      </Modal>
    </div>
  );
}

function SendForm({ id, mode, clientSigns, defaultEmail, onDone, onCancel }: {
  id: string; mode: "send" | "resend"; clientSigns: boolean; defaultEmail: string; onDone: () => void; onCancel: () => void;
}) {
  const ids = useId();
  const send = api.contracts.sendForSignature.useMutation();
  const resend = api.contracts.resend.useMutation();
  const [email, setEmail] = useState(defaultEmail);
  const [errors, setErrors] = useState<FormErrors>({});
  const pending = send.isPending || resend.isPending;
  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await (mode === "send" ? send : resend).mutateAsync({ id, sentToEmail: clientSigns ? email : undefined });
      onDone();
    } catch (error) {
      setErrors(serverErrors(error));
    }
  }
  const emailError = errors.sentToEmail;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={mode === "send" ? "Send for signature" : "Resend link"}>
      {clientSigns ? (
        <div>
          <label htmlFor={`${ids}-email`} className="mb-1 block text-sm font-medium text-slate-700">Signer&apos;s email</label>
          <input id={`${ids}-email`} type="email" className="input" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email"
            aria-invalid={emailError ? true : undefined} aria-describedby={`${ids}-email-help`} />
          {emailError ? <p role="alert" className="mt-1 text-sm text-red-600">{emailError}</p> : null}
          <p id={`${ids}-email-help`} className="mt-1 text-xs text-slate-500">
            {mode === "send"
              ? "The terms are frozen and the client gets an email with a link to read and sign the contract. Empty: the deal's contact."
              : "They get a new link; the one sent before stops working."}
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">The client does not sign this contract: sending freezes the terms, and it becomes active once someone in your organization countersigns it.</p>
      )}
      {errors.form && errors.form !== emailError ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{errors.form}</p> : null}
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Sending…" : mode === "send" ? "Send for signature" : "Send new link"}</button>
      </div>
    </form>
  );
}

function TerminateForm({ id, onDone, onCancel }: { id: string; onDone: () => void; onCancel: () => void }) {
  const ids = useId();
  const terminate = api.contracts.terminate.useMutation();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError("Say why the contract ends");
    setError(undefined);
    try {
      await terminate.mutateAsync({ id, reason });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Terminate">
      <p className="text-sm text-slate-600">The contract ends today and will not renew. This cannot be undone.</p>
      <div>
        <label htmlFor={`${ids}-reason`} className="mb-1 block text-sm font-medium text-slate-700">Reason</label>
        <textarea id={`${ids}-reason`} rows={3} className="input" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${ids}-reason-error` : undefined} />
        {error ? <p id={`${ids}-reason-error`} role="alert" className="mt-1 text-sm text-red-600">{error}</p> : null}
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" className="btn bg-red-600 text-white hover:bg-red-700" disabled={terminate.isPending}>{terminate.isPending ? "Terminating…" : "Terminate contract"}</button>
      </div>
    </form>
  );
}
