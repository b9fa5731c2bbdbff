import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * An ObjectId derived from a key (the first 12 bytes of its SHA-256), for a
 * document that a request with an Idempotency-Key creates: a retry finds its
 * first result by `_id` (the one read every engine serves from an index), and
 * two copies of the request racing each other collide on the primary key.
 */
export function idForKey(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12));
}
