"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";
import { ACTION_LABELS, RESOURCE_GROUPS, RESOURCE_LABELS } from "../permission-labels";
import { ACTIONS, type Action, type PermissionName, type Resource } from "../permissions";

const key = (resource: Resource, action: Action) => `${resource}:${action}` as PermissionName;

/**
 * Resources × actions as a grid of checkboxes. Tab reaches the grid, arrow keys move between
 * cells, Space toggles. Any action implies View, so checking one checks View and clearing View
 * clears the row. Permissions the editor's own role lacks cannot be added.
 */
export function PermissionMatrix({ roleId, roleName, initial, editable, readOnlyReason, grantable }: {
  roleId: string;
  roleName: string;
  initial: readonly string[];
  editable: boolean;
  /** Shown instead of the save bar when the grid cannot be edited. */
  readOnlyReason?: string;
  /** What the editor may add (their own role's permissions). */
  grantable: readonly string[];
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const grid = useRef<HTMLTableElement>(null);
  const [saved, setSaved] = useState(() => new Set(initial));
  const [checked, setChecked] = useState(() => new Set(initial));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const save = api.roles.setPermissions.useMutation();
  const mayGrant = useMemo(() => new Set(grantable), [grantable]);

  const changes = useMemo(() => {
    let n = 0;
    for (const p of checked) if (!saved.has(p)) n++;
    for (const p of saved) if (!checked.has(p)) n++;
    return n;
  }, [checked, saved]);

  const canToggle = (p: PermissionName) => editable && (saved.has(p) || checked.has(p) || mayGrant.has(p));

  function toggle(resource: Resource, action: Action, on: boolean) {
    setStatus(null);
    setChecked((current) => {
      const next = new Set(current);
      if (on) {
        next.add(key(resource, action));
        if (action !== "read") next.add(key(resource, "read"));
      } else {
        next.delete(key(resource, action));
        if (action === "read") for (const a of ACTIONS) next.delete(key(resource, a));
      }
      return next;
    });
  }

  function moveFocus(event: React.KeyboardEvent<HTMLTableElement>) {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    const target = event.target as HTMLElement;
    if (!move || target.tagName !== "INPUT") return;
    const row = Number(target.dataset.row);
    const col = Number(target.dataset.col);
    event.preventDefault();
    for (let r = row + move[0], c = col + move[1]; ; r += move[0], c += move[1]) {
      const cell = grid.current?.querySelector<HTMLInputElement>(`input[data-row="${r}"][data-col="${c}"]`);
      if (!cell) return;
      if (!cell.disabled) return cell.focus();
    }
  }

  async function submit() {
    setStatus(null);
    try {
      const result = await save.mutateAsync({ id: roleId, permissions: [...checked] as PermissionName[] });
      const next = new Set<string>(result.permissions);
      setSaved(next);
      setChecked(next);
      setStatus({ ok: true, text: `Saved. People with the ${roleName} role have these permissions from their next click.` });
      router.refresh();
    } catch (error) {
      setStatus({ ok: false, text: error instanceof Error ? error.message : "Could not save; try again." });
    }
  }

  let rowIndex = 0;
  return (
    <div>
      <div className="card overflow-x-auto">
        <table ref={grid} onKeyDown={moveFocus} className="w-full min-w-[36rem] text-left text-sm" aria-describedby="matrix-help">
          <caption className="sr-only">Permissions of the {roleName} role: resources in rows, actions in columns</caption>
          <thead className="sticky top-0 border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold uppercase tracking-wide">Area</th>
              {ACTIONS.map((action) => (
                <th key={action} scope="col" className="px-3 py-3 text-center">
                  <span className="block font-semibold uppercase tracking-wide">{ACTION_LABELS[action].label}</span>
                  <span className="block font-normal normal-case text-slate-500">{ACTION_LABELS[action].description}</span>
                </th>
              ))}
            </tr>
          </thead>
          {RESOURCE_GROUPS.map((group) => (
            <tbody key={group.label} className="divide-y divide-slate-100">
              <tr className="bg-slate-50/70">
                <th scope="rowgroup" colSpan={ACTIONS.length + 1} className="px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{group.label}</th>
              </tr>
              {group.resources.map((resource) => {
                const row = rowIndex++;
                return (
                  <tr key={resource} className="hover:bg-slate-50">
                    <th scope="row" className="px-4 py-2 font-medium text-slate-800">{RESOURCE_LABELS[resource]}</th>
                    {ACTIONS.map((action, col) => {
                      const p = key(resource, action);
                      const on = checked.has(p);
                      const changed = on !== saved.has(p);
                      const locked = !canToggle(p);
                      return (
                        <td key={action} className={`px-3 py-2 text-center ${changed ? "bg-amber-50" : ""}`}>
                          <input type="checkbox" checked={on} disabled={!hydrated || locked || save.isPending}
                            data-row={row} data-col={col}
                            aria-label={`${RESOURCE_LABELS[resource]}: ${ACTION_LABELS[action].label}`}
                            title={editable && locked ? "Your own role does not have this permission, so you cannot grant it" : undefined}
                            onChange={(e) => toggle(resource, action, e.target.checked)}
                            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus-visible:ring-2 focus-visible:ring-brand-500 disabled:cursor-not-allowed disabled:opacity-50" />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
      <p id="matrix-help" className="mt-2 text-xs text-slate-500">
        Arrow keys move between boxes; Space checks or clears one. Any action includes View.
      </p>
      {editable ? (
        <div className="sticky bottom-0 mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-3 backdrop-blur">
          <button type="button" className="btn-primary" disabled={!hydrated || changes === 0 || save.isPending} onClick={submit}>
            {save.isPending ? "Saving…" : "Save permissions"}
          </button>
          <button type="button" className="btn-secondary" disabled={changes === 0 || save.isPending}
            onClick={() => { setChecked(new Set(saved)); setStatus(null); }}>
            Discard changes
          </button>
          <p className="text-sm text-slate-600">{changes ? `${changes} unsaved ${changes === 1 ? "change" : "changes"}` : "No unsaved changes"}</p>
          {status ? <p role={status.ok ? "status" : "alert"} className={`w-full text-sm ${status.ok ? "text-emerald-700" : "text-red-600"}`}>{status.text}</p> : null}
        </div>
      ) : readOnlyReason ? (
        <p className="mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">{readOnlyReason}</p>
      ) : null}
    </div>
  );
}
