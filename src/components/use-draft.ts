"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * Form state that survives a reload or an accidental navigation: kept in sessionStorage
 * under `key` until `clear()` (call it once the form is saved). Never pass secrets here.
 */
export function useDraft<T extends Record<string, string>>(key: string, initial: T) {
  const storageKey = `parley:draft:${key}`;
  const [values, setValues] = useState<T>(initial);

  useEffect(() => {
    const saved = window.sessionStorage.getItem(storageKey);
    if (saved) {
      try {
        setValues((current) => ({ ...current, ...(JSON.parse(saved) as Partial<T>) }));
      } catch {
        window.sessionStorage.removeItem(storageKey);
      }
    }
  }, [storageKey]);

  const set = useCallback(
    (name: keyof T, value: string) =>
      setValues((current) => {
        const next = { ...current, [name]: value };
        window.sessionStorage.setItem(storageKey, JSON.stringify(next));
        return next;
      }),
    [storageKey],
  );

  const clear = useCallback(() => window.sessionStorage.removeItem(storageKey), [storageKey]);
  return { values, set, clear };
}
