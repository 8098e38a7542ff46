import { useEffect, useState } from 'react';

/**
 * A form's unsaved values, kept in sessionStorage while the person types, so that a trip to the sign-in page (a
 * session that could not be renewed) or a reload loses nothing. Cleared when the form is saved or abandoned, and at
 * sign-out.
 */
const PREFIX = 'hexatask.draft:';

export function readDraft<T>(key: string): T | null {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function writeDraft<T>(key: string, value: T): void {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the draft is a convenience, the form still works.
  }
}

export function discardDraft(key: string): void {
  window.sessionStorage.removeItem(PREFIX + key);
}

export function discardAllDrafts(): void {
  for (const key of Object.keys(window.sessionStorage)) {
    if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
  }
}

/** State that survives a reload of the tab: initialised from the draft when there is one; untouched, none is kept. */
export function useDraft<T>(key: string, initial: () => T): [T, (value: T) => void, boolean] {
  const [start] = useState(() => ({ draft: readDraft<T>(key), pristine: JSON.stringify(initial()) }));
  const [value, setValue] = useState<T>(() => start.draft ?? (JSON.parse(start.pristine) as T));
  useEffect(() => {
    if (JSON.stringify(value) === start.pristine) discardDraft(key);
    else writeDraft(key, value);
  }, [key, value, start]);
  return [value, setValue, start.draft !== null];
}
