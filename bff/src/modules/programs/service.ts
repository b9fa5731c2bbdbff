import { Types } from 'mongoose';
import type { KindWithTerms, ProgramKind } from '@minsheng/shared';
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

type Catalog = { programs: ProgramDoc[]; free: Map<string, number> };

/**
 * How long one read of the catalog serves every request of this process. On
 * application day the whole district reads the catalog at once; each read is
 * three queries (on FerretDB three scans). Places left may lag by this much
 * on another process; the place itself is decided at approval by a unique hold.
 */
const CATALOG_TTL_MS = 1000;
const catalogReads = new Map<string, { at: number; read: Promise<Catalog> }>();

/** Forgets cached catalog reads: this process changed programmes or places. */
export function catalogChanged(): void {
  catalogReads.clear();
}

async function readCatalog(kind?: ProgramKind): Promise<Catalog> {
  const programs = await ProgramModel.find({ status: 'open', ...(kind ? { kind } : {}) })
    .sort({ kind: 1, code: 1 })
    .lean<ProgramDoc[]>();
  return { programs, free: await freeSlotCounts(programs.map((p) => p._id)) };
}

/** Programmes open to residents, optionally of one kind, ordered for the catalog; concurrent callers share one read. */
export function listPrograms(kind?: ProgramKind): Promise<Catalog> {
  const key = kind ?? '';
  const now = Date.now();
  const cached = catalogReads.get(key);
  if (cached && now - cached.at < CATALOG_TTL_MS) return cached.read;
  const entry = { at: now, read: readCatalog(kind) };
  catalogReads.set(key, entry);
  entry.read.catch(() => {
    if (catalogReads.get(key) === entry) catalogReads.delete(key);
  });
  return entry.read;
}

/** The programme as stored, without its free places (a submission needs no count of them). */
export async function findProgram(id: string): Promise<ProgramDoc> {
  if (!Types.ObjectId.isValid(id)) throw notFound('项目不存在');
  const program = await ProgramModel.findById(id).lean<ProgramDoc>();
  if (!program) throw notFound('项目不存在');
  return program;
}

/** One programme by id with its free places (closed ones too: a resident may hold an application to it). */
export async function getProgram(id: string): Promise<{ program: ProgramDoc; free: number | null }> {
  const program = await findProgram(id);
  const free =
    program.capacityTotal === null || program.capacityTotal === undefined
      ? null
      : ((await freeSlotCounts([program._id])).get(String(program._id)) ?? 0);
  return { program, free };
}

/** True when the programme accepts applications at this moment. */
export function acceptingNow(program: Pick<ProgramDoc, 'status' | 'opensAt' | 'closesAt'>, now: Date): boolean {
  if (program.status !== 'open') return false;
  if (program.opensAt.getTime() > now.getTime()) return false;
  return !program.closesAt || program.closesAt.getTime() > now.getTime();
}

/** True when a programme with this id exists, open or closed. */
export async function programExists(id: string): Promise<boolean> {
  return Types.ObjectId.isValid(id) && (await ProgramModel.exists({ _id: new Types.ObjectId(id) })) !== null;
}

/** Titles of these programmes by id; unknown ids are left out. */
export async function programTitles(ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await ProgramModel.find({ _id: { $in: ids.map((p) => new Types.ObjectId(p)) } }, { title: 1 }).lean();
  return new Map(rows.map((p) => [String(p._id), p.title]));
}

/** These programmes, open or closed, as stored. */
export async function programsById(ids: readonly Types.ObjectId[]): Promise<ProgramDoc[]> {
  return ProgramModel.find({ _id: { $in: ids } }).lean<ProgramDoc[]>();
}

/** Every open programme by kind and opening date (not cached, unlike listPrograms). */
export async function openProgramsByOpening(): Promise<ProgramDoc[]> {
  return ProgramModel.find({ status: 'open' }).sort({ kind: 1, opensAt: 1 }).lean<ProgramDoc[]>();
}

/** The programme's kind with its terms, typed: `details` is stored only as checked by its kind's schema (program-admin.ts). */
export function termsOf(program: Pick<ProgramDoc, 'kind' | 'details'>): KindWithTerms {
  return { kind: program.kind, details: program.details } as KindWithTerms;
}
