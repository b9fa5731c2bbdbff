import { isDuplicateKeyError } from './connection';

/**
 * "A unique insert decides the race": of writers racing for the same key
 * (a revision, a place, a lease, a grant, a first touch), the unique index
 * lets exactly one through, on MongoDB and on FerretDB 1.x alike, whose
 * conditional updates are not atomic but whose unique indexes are. Runs the
 * write and answers `taken()` when the index refused it; any other error
 * is thrown.
 */
export async function claimOr<T, U>(write: () => Promise<T>, taken: () => U | Promise<U>): Promise<T | U> {
  try {
    return await write();
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return taken();
  }
}

/** Runs a write a unique index may refuse: true when it went through, false when the key was already taken. */
export async function claim(write: () => Promise<unknown>): Promise<boolean> {
  return claimOr(
    async () => {
      await write();
      return true;
    },
    () => false,
  );
}
