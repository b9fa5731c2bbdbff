import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { STATUS_LABELS } from '@minsheng/shared';
import { claim } from '../../db/claim';
import type { Logger } from '../../logger';
import type { WechatClient } from '../../wechat/client';
import { ResidentModel } from '../residents/model';
import { OutboxLeaseModel, OutboxModel, type OutboxDoc } from './model';
import { spendGrant, returnGrant } from './service';

export interface WorkerOptions {
  wechat: WechatClient;
  templateId: string;
  leaseMs: number;
  maxAttempts: number;
  /** First retry after this long; each further one waits twice as long, at most an hour. */
  backoffMs: number;
  sweepMs: number;
  sweepWindowMs: number;
  /** Files the notices a crash left unfiled since a time; how many (applications' sweepNotices, passed in by the caller). */
  sweep: (since: Date) => Promise<number>;
  /** The WeChat call's timeout: a send starts only with this much lease (plus a margin) left. */
  sendTimeoutMs?: number;
  logger?: Logger;
  /** Names this worker in leases and outcomes; defaults to host, pid and a random tag. */
  owner?: string;
  batch?: number;
}

export interface TickResult {
  filed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Due entries another worker held. */
  busy: number;
}

export interface NotificationWorker {
  readonly owner: string;
  /** One round: re-file notices when the sweep is due, then handle each due outbox entry this worker can lease. */
  tick(now?: Date): Promise<TickResult>;
  /** Runs `tick` every `intervalMs` until stopped; rounds never overlap. */
  start(intervalMs: number): void;
  /** Stops the timer and waits for the round in progress. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 3600_000;
/**
 * How far before its previous sweep a worker looks again. A notice is filed
 * by whoever applies its change, moments after the change was claimed (the
 * revision's `at`); the sweep re-files what a crash in between left out. A
 * worker's first sweep covers the whole window (crashes before this process
 * started, its own included), later ones only the time since the previous
 * sweep and this much before it: every minute re-reading a day of revisions
 * was a scan of the day's changes in every process.
 */
const SWEEP_OVERLAP_MS = 10 * 60_000;
/** Time kept between the end of a send (timeout included) and the lease's expiry, for recording the outcome. */
const LEASE_MARGIN_MS = 2000;
/** WeChat's "the user has not subscribed / no quota left": retrying cannot help. */
const NOT_SUBSCRIBED = 43101;

type Outcome = { status: 'sent' } | { status: 'skipped'; reason: string } | { status: 'retry' | 'failed'; reason: string };

/** WeChat's field limits: thing ≤ 20 characters. */
const thing = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text);

function chinaTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/** The page a subscribe message opens: the application, naming the message so opening it marks it read. */
export function messagePage(entry: Pick<OutboxDoc, '_id' | 'applicationId'>): string {
  return `packages/apply/pages/application/index?id=${String(entry.applicationId)}&message=${encodeURIComponent(entry._id)}`;
}

/**
 * The outbox worker. Each due entry is taken by inserting the lease
 * "<outboxId>#<generation>"; an expired lease is taken over by moving the
 * entry to the next generation and inserting that lease (concurrent takers
 * all write the same next generation; one insert wins). Only the holder of
 * the entry's current generation sends and records the outcome, and it
 * starts a send only while the lease outlives the send's timeout.
 *
 * Delivery is at least once, not exactly once, in one window: a process that
 * dies after WeChat accepted a message and before recording "sent" leaves
 * the entry pending; when its lease expires another worker sends it again.
 * subscribeMessage.send has no idempotency key, so nothing on our side can
 * close that window; it is as wide as one database write.
 */
export function createNotificationWorker(options: WorkerOptions): NotificationWorker {
  const owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const sendTimeoutMs = options.sendTimeoutMs ?? 5000;
  const batch = options.batch ?? 50;
  let lastSweep = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  /** Takes the entry's lease; the generation held, or null when another worker holds it. */
  const takeLease = async (entry: OutboxDoc): Promise<{ generation: number; expiresAt: Date } | null> => {
    // The clock is read now, not at the start of the round: a round's earlier sends must not eat this lease.
    const now = new Date();
    const lease = (generation: number) => ({
      _id: `${entry._id}#${generation}`,
      outboxId: entry._id,
      owner,
      takenAt: now,
      expiresAt: new Date(now.getTime() + options.leaseMs),
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
  };

  const deliver = async (entry: OutboxDoc, expiresAt: Date): Promise<Outcome | null> => {
    const resident = await ResidentModel.findById(entry.residentId, { openid: 1 }).lean<{ openid?: string | null }>();
    // A resident registered by an officer has no WeChat account (yet): the in-app message is all they get.
    if (!resident?.openid) return { status: 'skipped', reason: 'no_openid' };
    const grant = await spendGrant(entry.residentId, options.templateId, entry._id);
    if (!grant) return { status: 'skipped', reason: 'no_grant' };
    // Too little lease left to finish the call and record it before someone else may take over: leave it.
    if (expiresAt.getTime() - Date.now() < sendTimeoutMs + LEASE_MARGIN_MS) return null;
    const result = await options.wechat.sendSubscribeMessage({
      touser: resident.openid,
      templateId: options.templateId,
      page: messagePage(entry),
      data: {
        thing1: { value: thing(entry.programTitle) },
        character_string2: { value: entry.applicationNumber },
        phrase3: { value: STATUS_LABELS[entry.applicationStatus] },
        thing4: { value: thing(entry.title) },
        time5: { value: chinaTime(entry.createdAt) },
      },
    });
    if (result.ok) return { status: 'sent' };
    const reason = `errcode ${result.errcode}: ${result.errmsg}`.slice(0, 200);
    if (result.errcode === NOT_SUBSCRIBED) {
      await returnGrant(grant, entry._id);
      return { status: 'skipped', reason };
    }
    if (entry.attempts + 1 >= options.maxAttempts) {
      await returnGrant(grant, entry._id);
      return { status: 'failed', reason };
    }
    return { status: 'retry', reason };
  };

  /** Records the outcome as the holder of `generation`; false when the lease was lost meanwhile. */
  const record = async (entry: OutboxDoc, generation: number, outcome: Outcome, now: Date): Promise<boolean> => {
    const attempts = entry.attempts + (outcome.status === 'skipped' ? 0 : 1);
    const set: Record<string, unknown> =
      outcome.status === 'retry'
        ? {
            generation: generation + 1,
            attempts,
            lastError: outcome.reason,
            nextAttemptAt: new Date(now.getTime() + Math.min(options.backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS)),
          }
        : { status: outcome.status, attempts, lastError: outcome.status === 'sent' ? null : outcome.reason, doneBy: owner, doneAt: now };
    const res = await OutboxModel.updateOne({ _id: entry._id, generation }, { $set: set });
    return res.matchedCount > 0;
  };

  const handle = async (due: OutboxDoc, now: Date, result: TickResult): Promise<void> => {
    const lease = await takeLease(due);
    if (!lease) {
      result.busy += 1;
      return;
    }
    // Read again under the lease: the entry may have been finished, or rescheduled, since the query.
    const entry = await OutboxModel.findById(due._id).lean<OutboxDoc>();
    if (!entry || entry.status !== 'pending' || entry.generation !== lease.generation || entry.nextAttemptAt > now) return;
    const outcome = await deliver(entry, lease.expiresAt);
    if (!outcome) return;
    if (!(await record(entry, lease.generation, outcome, new Date()))) {
      options.logger?.warn(
        { outboxId: entry._id, outcome: outcome.status },
        'notification lease lost before recording; the entry may be sent again',
      );
    }
    if (outcome.status === 'retry') result.retried += 1;
    else result[outcome.status] += 1;
  };

  const tick = async (now: Date = new Date()): Promise<TickResult> => {
    const result: TickResult = { filed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, busy: 0 };
    if (now.getTime() - lastSweep >= options.sweepMs) {
      const windowStart = now.getTime() - options.sweepWindowMs;
      const from = lastSweep === 0 ? windowStart : Math.max(windowStart, lastSweep - SWEEP_OVERLAP_MS);
      lastSweep = now.getTime();
      result.filed = await options.sweep(new Date(from));
    }
    const due = await OutboxModel.find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(batch)
      .lean<OutboxDoc[]>();
    for (const entry of due) await handle(entry, now, result);
    return result;
  };

  const round = () => {
    running = tick()
      .catch((err: unknown) =>
        options.logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'notification round failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };

  return {
    owner,
    tick,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        if (!running) round();
      }, intervalMs);
      round();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
