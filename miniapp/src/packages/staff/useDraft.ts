import { useState } from 'react';

/** A form's draft and the messages on its fields; a change clears the messages of the fields it changed. */
export function useDraft<D extends object>(empty: D) {
  const [draft, setDraft] = useState<D>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof D, string>>>({});
  const change = (next: Partial<D>) => {
    setDraft((current) => ({ ...current, ...next }));
    setErrors((current) => {
      const left = { ...current };
      for (const key of Object.keys(next)) delete left[key as keyof D];
      return left;
    });
  };
  return { draft, setDraft, errors, setErrors, change };
}
