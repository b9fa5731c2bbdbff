import { Types } from 'mongoose';
import type { ProgramKind } from '@minsheng/shared';
import { notFound } from '../../errors';
import { ProgramModel, SlotHoldModel, SlotModel, type ProgramDoc } from './model';

/** Free stalls or seats per programme id: places minus holds. */
export async function freeSlotCounts(programIds: Types.ObjectId[]): Promise<Map<string, number>> {
  if (programIds.length === 0) return new Map();
  const match = { $match: { programId: { $in: programIds } } };
  const group = { $group: { _id: '$programId', n: { $sum: 1 } } };
  const [places, holds] = await Promise.all([
    SlotModel.aggregate<{ _id: Types.ObjectId; n: number }>([match, group]),
    SlotHoldModel.aggregate<{ _id: Types.ObjectId; n: number }>([match, group]),
  ]);
  const held = new Map(holds.map((h) => [String(h._id), h.n]));
  return new Map(places.map((p) => [String(p._id), Math.max(0, p.n - (held.get(String(p._id)) ?? 0))]));
}

/** Programmes open to residents, optionally of one kind, ordered for the catalog. */
export async function listPrograms(kind?: ProgramKind): Promise<{ programs: ProgramDoc[]; free: Map<string, number> }> {
  const programs = await ProgramModel.find({ status: 'open', ...(kind ? { kind } : {}) })
    .sort({ kind: 1, code: 1 })
    .lean<ProgramDoc[]>();
  return { programs, free: await freeSlotCounts(programs.map((p) => p._id)) };
}

/** One programme by id (closed ones too: a resident may hold an application to it). */
export async function getProgram(id: string): Promise<{ program: ProgramDoc; free: number | null }> {
  if (!Types.ObjectId.isValid(id)) throw notFound('项目不存在');
  const program = await ProgramModel.findById(id).lean<ProgramDoc>();
  if (!program) throw notFound('项目不存在');
  const free = program.capacityTotal === null || program.capacityTotal === undefined ? null : ((await freeSlotCounts([program._id])).get(String(program._id)) ?? 0);
  return { program, free };
}

/** True when the programme accepts applications at this moment. */
export function acceptingNow(program: Pick<ProgramDoc, 'status' | 'opensAt' | 'closesAt'>, now: Date): boolean {
  if (program.status !== 'open') return false;
  if (program.opensAt.getTime() > now.getTime()) return false;
  return !program.closesAt || program.closesAt.getTime() > now.getTime();
}
