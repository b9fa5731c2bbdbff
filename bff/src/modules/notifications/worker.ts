import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from '../../logger';
import type { WechatClient } from '../../wechat/client';
import { recordOutcome, takeLease } from './lease';
import { deliver } from './message';
import { OutboxModel, type OutboxDoc } from './model';

export interface WorkerOptions {
  wechat: WechatClient;
  templateId: string;
  leaseMs: number;
  maxAttempts: number;
  /** First retry after this long; each further one waits twice as long, at most an hour. */
  backoffMs: number;
  /** Files the notices a crash left unfiled since a time; how many (applications' sweepNotices, passed in by the caller). */
  sweep: (since: Date) => Promise<number>;
  sweepMs: number;
  sweepWindowMs: number;
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

/**
 * The outbox worker's loop. Each round re-files notices when the sweep is
 * due (filing.ts), then for each due entry takes its lease (lease.ts), reads
 * it again under the lease, sends its message (message.ts) and records the
 * outcome as the lease's holder.
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

  const handle = async (due: OutboxDoc, now: Date, result: TickResult): Promise<void> => {
    const lease = await takeLease(due, owner, options.leaseMs);
    if (!lease) {
      result.busy += 1;
      return;
    }
    // Read again under the lease: the entry may have been finished, or rescheduled, since the query.
    const entry = await OutboxModel.findById(due._id).lean<OutboxDoc>();
    if (!entry || entry.status !== 'pending' || entry.generation !== lease.generation || entry.nextAttemptAt > now) return;
    const outcome = await deliver(entry, lease, { ...options, sendTimeoutMs });
    if (!outcome) return;
    if (!(await recordOutcome(entry, lease.generation, outcome, new Date(), { owner, backoffMs: options.backoffMs }))) {
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
