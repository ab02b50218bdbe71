"use client";

import "@fontsource/dancing-script/latin-400.css";
import type { PointGroup, default as SignaturePadType } from "signature_pad";
import { useCallback, useEffect, useId, useRef, useState } from "react";

export type CapturedSignature = { method: "typed" } | { method: "drawn"; image: string | null };

const METHODS = [
  { key: "typed", label: "Type" },
  { key: "drawn", label: "Draw" },
] as const;

/**
 * How someone signs: "Type" (their full name, shown in a script face as it will appear) or
 * "Draw" (signature_pad on a canvas sized for the screen's pixel ratio; mouse, touch and pen;
 * the drawing leaves as a PNG data URL). Keyboard users can always sign by typing.
 *
 * With `fieldNames`, hidden inputs carry the choice in a plain form post (the public page's
 * server action); `onChange` tells a controlled form.
 */
export function SignatureCapture({ typedName, onChange, error, fieldNames, disabled }: {
  /** The signer's full name, typed in the form's name field: the typed signature. */
  typedName: string;
  onChange?: (signature: CapturedSignature) => void;
  /** A message about the signature (e.g. "Draw your signature"). */
  error?: string;
  fieldNames?: { method: string; image: string };
  disabled?: boolean;
}) {
  const ids = useId();
  const [method, setMethod] = useState<CapturedSignature["method"]>("typed");
  const [image, setImage] = useState<string | null>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  // The strokes drawn so far, kept while the Type tab is showing.
  const strokes = useRef<PointGroup[]>([]);

  const choose = (next: CapturedSignature["method"]) => {
    setMethod(next);
    onChange?.(next === "typed" ? { method: "typed" } : { method: "drawn", image });
  };
  const drawn = useCallback((dataUrl: string | null) => {
    setImage(dataUrl);
    onChange?.({ method: "drawn", image: dataUrl });
  }, [onChange]);

  function onTabKey(event: React.KeyboardEvent, index: number) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + METHODS.length) % METHODS.length;
    choose(METHODS[next]!.key);
    tabs.current[next]?.focus();
  }

  const errorId = `${ids}-signature-error`;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined} disabled={disabled}>
      <legend className="mb-1 text-sm font-medium text-slate-700">Signature</legend>
      <div role="tablist" aria-label="How to sign" className="inline-flex rounded-md border border-slate-300 bg-slate-50 p-0.5">
        {METHODS.map((m, i) => (
          <button key={m.key} ref={(el) => { tabs.current[i] = el; }} type="button" role="tab" id={`${ids}-tab-${m.key}`}
            aria-selected={method === m.key} aria-controls={`${ids}-panel-${m.key}`} tabIndex={method === m.key ? 0 : -1}
            onClick={() => choose(m.key)} onKeyDown={(e) => onTabKey(e, i)}
            className={`rounded px-4 py-1.5 text-sm font-medium ${method === m.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}>
            {m.label}
          </button>
        ))}
      </div>
      {method === "typed" ? (
        <div role="tabpanel" id={`${ids}-panel-typed`} aria-labelledby={`${ids}-tab-typed`}>
          <div className="flex h-28 items-end rounded-md border border-slate-300 bg-white px-4 pb-3" data-testid="typed-signature">
            <p className="w-full truncate border-b border-slate-300 pb-1 text-4xl leading-normal text-slate-900" style={{ fontFamily: "'Dancing Script', 'Segoe Script', 'Brush Script MT', cursive" }}>
              {typedName.trim() || <span className="text-2xl text-slate-400">Your name</span>}
            </p>
          </div>
          <p className="mt-1 text-xs text-slate-500">Your typed full name is your signature; this is how it will appear.</p>
        </div>
      ) : (
        <div role="tabpanel" id={`${ids}-panel-drawn`} aria-labelledby={`${ids}-tab-drawn`}>
          <DrawPad onChange={drawn} strokes={strokes} hasDrawing={Boolean(image)} labelledBy={`${ids}-draw-help`} />
          <p id={`${ids}-draw-help`} className="mt-1 text-xs text-slate-500">Draw your signature with a mouse, finger or pen. Prefer the keyboard? Choose Type.</p>
        </div>
      )}
      {fieldNames ? (
        <>
          <input type="hidden" name={fieldNames.method} value={method} />
          <input type="hidden" name={fieldNames.image} value={method === "drawn" ? image ?? "" : ""} />
        </>
      ) : null}
      {error ? <p id={errorId} role="alert" className="text-sm text-red-600">{error}</p> : null}
    </fieldset>
  );
}

/** The drawing canvas: sized to its box times devicePixelRatio, kept through resizes. */
function DrawPad({ onChange, strokes, hasDrawing, labelledBy }: {
  onChange: (dataUrl: string | null) => void; strokes: React.RefObject<PointGroup[]>; hasDrawing: boolean; labelledBy: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [ready, setReady] = useState(false);
  const pad = useRef<SignaturePadType | null>(null);
  const report = useRef(onChange);
  useEffect(() => { report.current = onChange; }, [onChange]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void import("signature_pad").then(({ default: SignaturePad }) => {
      if (cancelled) return;
      const sp = new SignaturePad(el, { penColor: "#0f172a", minWidth: 0.8, maxWidth: 2.6 });
      pad.current = sp;
      let lastWidth = 0;
      const fit = () => {
        const width = el.offsetWidth;
        const height = el.offsetHeight;
        if (!width || width === lastWidth) return;
        lastWidth = width;
        const ratio = Math.max(window.devicePixelRatio || 1, 1);
        el.width = width * ratio;
        el.height = height * ratio;
        el.getContext("2d")?.scale(ratio, ratio);
        sp.clear();
        // Coming back from the Type tab, or the box resized: the drawing made before stays.
        if (strokes.current.length) sp.fromData(strokes.current);
      };
      fit();
      observer = new ResizeObserver(fit);
      observer.observe(el);
      sp.addEventListener("endStroke", () => {
        strokes.current = sp.toData();
        report.current(sp.isEmpty() ? null : sp.toDataURL("image/png"));
      });
      setReady(true);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      pad.current?.off();
      pad.current = null;
    };
  }, [strokes]);

  return (
    <div>
      <div className="relative rounded-md border border-slate-300 bg-white">
        <canvas ref={canvas} role="img" aria-label="Signature drawing area" aria-describedby={labelledBy} data-testid="signature-canvas"
          data-ready={ready ? "true" : "false"} data-drawn={hasDrawing ? "true" : "false"}
          className="block h-40 w-full cursor-crosshair touch-none rounded-md" />
        <div aria-hidden="true" className="pointer-events-none absolute inset-x-6 bottom-8 border-b border-dashed border-slate-300" />
        <span aria-hidden="true" className="pointer-events-none absolute bottom-9 left-6 text-lg text-slate-300">×</span>
      </div>
      <div className="mt-2 flex justify-end">
        <button type="button" className="btn-secondary px-3 py-1" onClick={() => { pad.current?.clear(); strokes.current = []; report.current(null); }}>Clear</button>
      </div>
    </div>
  );
}
