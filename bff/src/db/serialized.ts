const tails = new Map<string, Promise<void>>();

/**
 * Runs `fn` once every earlier call with the same key has finished, within
 * this process. Used where a counter should not lose increments to parallel
 * requests of one process (login throttling); correctness across processes
 * comes from unique indexes instead.
 */
export async function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (tails.get(key) ?? Promise.resolve()).then(fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
