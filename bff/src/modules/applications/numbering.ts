import { chinaYear } from '@minsheng/shared';
import { claim } from '../../db/claim';
import { CounterModel, NumberBlockModel } from './model';

/** How many numbers one claim gives a process; at most this many minus one are skipped when it stops. */
export const NUMBER_BLOCK_SIZE = 10;

/** Moves the year's hint up to `seq`; two first upserts at once may clash on the `_id`, and the second try updates. */
async function raiseHint(counterId: string, seq: number): Promise<void> {
  if (!(await claim(() => CounterModel.updateOne({ _id: counterId }, { $max: { seq } }, { upsert: true })))) {
    await CounterModel.updateOne({ _id: counterId }, { $max: { seq } });
  }
}

/**
 * Application numbers of the year (YH-2026-000123), handed out by each
 * process from blocks it owns. A block is owned by inserting its document
 * (`application:<year>:<index>`): a unique insert is the one write that
 * decides a race on every engine, FerretDB 1.x included, whose `$inc` is a
 * read-then-write that handed one number to two submissions. A claim costs
 * two writes per block instead of a round trip per number drawn one at a time.
 *
 * Numbers are unique, not gapless and not strictly in submission order
 * across processes: a process that stops skips the rest of its block, and two
 * processes fill two blocks at once. The year's counter only hints where the
 * free blocks start; it may lag, which costs a claim a few refused inserts.
 */
export class ApplicationNumbers {
  private blocks = new Map<number, { next: number; end: number }>();
  private claims = new Map<number, Promise<void>>();

  /** `series` names the counter: applications' numbers by default, another series (certificates) counts apart. */
  constructor(
    private readonly blockSize = NUMBER_BLOCK_SIZE,
    private readonly series = 'application',
  ) {}

  async next(prefix: string, now: Date): Promise<string> {
    const year = chinaYear(now);
    for (;;) {
      const block = this.blocks.get(year);
      if (block && block.next <= block.end) {
        const seq = block.next;
        block.next += 1;
        return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
      }
      // Requests that find the block used up wait for one claim together.
      let claim = this.claims.get(year);
      if (!claim) {
        claim = this.claimBlock(year).finally(() => this.claims.delete(year));
        this.claims.set(year, claim);
      }
      await claim;
    }
  }

  private async claimBlock(year: number): Promise<void> {
    const counterId = `${this.series}:${year}`;
    const hint = (await CounterModel.findById(counterId).lean())?.seq ?? 0;
    // The first block wholly above the highest number the counter has seen.
    let index = Math.ceil(hint / this.blockSize) + 1;
    while (!(await claim(() => NumberBlockModel.create({ _id: `${counterId}:${index}`, at: new Date() })))) index += 1;
    const end = index * this.blockSize;
    await raiseHint(counterId, end);
    this.blocks.set(year, { next: end - this.blockSize + 1, end });
  }
}
