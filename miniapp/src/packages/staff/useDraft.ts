import { useState } from 'react';
import { placeRefusal } from './components/StaffAccount';

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

/**
 * A form's requests to the BFF: `busy` names the one running; a refusal goes on the form's `fields` (a
 * CONFLICT on `conflictField`) and, when no field takes it, into `failure` for a notice. `submit` answers
 * what the request answered, or undefined when it was refused.
 */
export function useSubmission<F extends string, B extends string>(
  fields: readonly F[],
  setErrors: (errors: Partial<Record<F, string>>) => void,
  conflictField?: F,
) {
  const [busy, setBusy] = useState<B | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  async function submit<T>(what: B, run: () => Promise<T>): Promise<T | undefined> {
    setBusy(what);
    setFailure(null);
    setErrors({});
    try {
      return await run();
    } catch (error) {
      const placed = placeRefusal(error, fields, conflictField);
      setErrors(placed.errors);
      if (placed.notice) setFailure(error);
      return undefined;
    } finally {
      setBusy(null);
    }
  }
  return { busy, failure, setFailure, submit };
}
