import { SEED_PROGRAMS, type ProgramSeed } from '@minsheng/shared/catalog';
import { claim } from '../../db/claim';
import { ProgramModel, SlotModel } from './model';

/**
 * Creates each missing programme and its stalls or seats. Safe to run at
 * every start and from several processes: unique codes and labels refuse copies.
 */
export async function seedPrograms(seeds: ProgramSeed[] = SEED_PROGRAMS): Promise<void> {
  for (const seed of seeds) {
    const { slots, ...program } = seed;
    const doc = await ProgramModel.findOneAndUpdate(
      { code: seed.code },
      { $setOnInsert: { ...program, status: 'open', capacityTotal: slots ? slots.labels.length : null } },
      { upsert: true, returnDocument: 'after' },
    ).orFail();
    if (!slots) continue;
    const existing = await SlotModel.countDocuments({ programId: doc._id });
    if (existing >= slots.labels.length) continue;
    // Only the missing places, in one insert: an upsert per place takes seconds on the embedded FerretDB. A
    // concurrent seeder's copies are refused by the unique (programId, label) index.
    const present = new Set((await SlotModel.find({ programId: doc._id }, { label: 1 }).lean()).map((s) => s.label));
    const rows = slots.labels
      .map((label, order) => ({ programId: doc._id, kind: slots.kind, label, order }))
      .filter((row) => !present.has(row.label));
    await claim(() => SlotModel.insertMany(rows, { ordered: false }));
  }
}
