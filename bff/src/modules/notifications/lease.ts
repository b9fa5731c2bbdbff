import { claim } from '../../db/claim';
import { OutboxLeaseModel, OutboxModel, type OutboxDoc } from './model';

/**
 * Leases on outbox entries. Each due entry is taken by inserting the lease
 * "<outboxId>#<generation>"; an expired lease is taken over by moving the
 * entry to the next generation and inserting that lease (concurrent takers
 * all write the same next generation; one insert wins). Only the holder of
 * the entry's current generation sends and records the outcome.
 */

/** The generation of an entry a worker holds, and when its hold ends. */
export interface Lease {
  generation: number;
  expiresAt: Date;
}

/** What came of one outbox entry: sent, not to be sent, or failed (for now or for good). */
export type Outcome = { status: 'sent' } | { status: 'skipped'; reason: string } | { status: 'retry' | 'failed'; reason: string };

const MAX_BACKOFF_MS = 3600_000;
/** Time kept between the end of a send (timeout included) and the lease's expiry, for recording the outcome. */
const LEASE_MARGIN_MS = 2000;

/** Takes the entry's lease for `owner`; the generation held, or null when another worker holds it. */
export async function takeLease(entry: OutboxDoc, owner: string, leaseMs: number): Promise<Lease | null> {
  // The clock is read now, not at the start of the round: a round's earlier sends must not eat this lease.
  const now = new Date();
  const lease = (generation: number) => ({
    _id: `${entry._id}#${generation}`,
    outboxId: entry._id,
    owner,
    takenAt: now,
    expiresAt: new Date(now.getTime() + leaseMs),
  });
  const first = lease(entry.generation);
  if (await claim(() => OutboxLeaseModel.create(first))) return { generation: entry.generation, expiresAt: first.expiresAt };
  const held = await OutboxLeaseModel.findById(first._id).lean();
  if (held && held.expiresAt > now) return null;
  // The holder died or stalled: move the entry on. Every taker sets the same next generation, so the
  // non-atomic conditional update of FerretDB 1.x does no harm; the lease insert below decides.
  await OutboxModel.updateOne(
    { _id: entry._id, generation: entry.generation, status: 'pending' },
    { $set: { generation: entry.generation + 1 } },
  );
  const next = lease(entry.generation + 1);
  if (await claim(() => OutboxLeaseModel.create(next))) return { generation: entry.generation + 1, expiresAt: next.expiresAt };
  return null;
}

/** True while the lease leaves room for a send of `sendTimeoutMs` and recording it before anyone else may take over. */
export function leaseOutlives(lease: Lease, sendTimeoutMs: number): boolean {
  return lease.expiresAt.getTime() - Date.now() >= sendTimeoutMs + LEASE_MARGIN_MS;
}

/**
 * Records the outcome as the holder of `generation` (a retry moves the entry
 * to the next generation, due after the backoff); false when the lease was
 * lost meanwhile.
 */
export async function recordOutcome(
  entry: OutboxDoc,
  generation: number,
  outcome: Outcome,
  now: Date,
  by: { owner: string; backoffMs: number },
): Promise<boolean> {
  const attempts = entry.attempts + (outcome.status === 'skipped' ? 0 : 1);
  const set: Record<string, unknown> =
    outcome.status === 'retry'
      ? {
          generation: generation + 1,
          attempts,
          lastError: outcome.reason,
          nextAttemptAt: new Date(now.getTime() + Math.min(by.backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS)),
        }
      : { status: outcome.status, attempts, lastError: outcome.status === 'sent' ? null : outcome.reason, doneBy: by.owner, doneAt: now };
  const res = await OutboxModel.updateOne({ _id: entry._id, generation }, { $set: set });
  return res.matchedCount > 0;
}
