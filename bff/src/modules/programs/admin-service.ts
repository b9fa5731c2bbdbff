import { Types } from 'mongoose';
import {
  PROGRAM_DETAILS_SCHEMAS,
  seatLabel,
  stallLabel,
  windowIsValid,
  type CapacityChange,
  type CreateProgramInput,
  type ProgramKind,
  type UpdateProgramInput,
} from '@minsheng/shared';
import { claim, claimOr } from '../../db/claim';
import { conflict, notFound, validationFailed } from '../../errors';
import { zodFieldErrors } from '../../http/zod-errors';
import { repairSlots } from '../applications/capacity';
import { promoteWaitlist } from '../applications/step';
import { holdersOf } from './places';
import { ProgramModel, SlotHoldModel, SlotModel, type ProgramDoc } from './model';
import { catalogChanged, freeSlotCounts } from './service';

type PlaceKind = 'stall' | 'seat';
type SlotRow = { _id: Types.ObjectId; label: string; order: number; held: boolean };

const isFree = (s: SlotRow) => !s.held;

const PLACE_KIND: Record<ProgramKind, PlaceKind | null> = { stall: 'stall', training: 'seat', loan: null, subsidy: null };
const PLACE_NOUN: Record<PlaceKind, string> = { stall: '摊位', seat: '座位' };

const duplicateCode = (code: string) => conflict('CONFLICT', `项目编号 ${code} 已被使用`, { field: 'code' });

/** Every programme of the catalog, closed ones too, with free places per programme. */
export async function listAllPrograms(filter: {
  kind?: ProgramKind;
  status?: 'open' | 'closed';
}): Promise<{ programs: ProgramDoc[]; free: Map<string, number> }> {
  const programs = await ProgramModel.find({
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  })
    .sort({ kind: 1, code: 1 })
    .lean<ProgramDoc[]>();
  return { programs, free: await freeSlotCounts(programs.map((p) => p._id)) };
}

/** The first `count` labels not yet used, numbering from 1 (so freed numbers are reused before new ones). */
function nextLabels(used: ReadonlySet<string>, count: number, label: (n: number) => string): string[] {
  const out: string[] = [];
  for (let n = 1; out.length < count; n += 1) {
    const candidate = label(n);
    if (!used.has(candidate)) out.push(candidate);
  }
  return out;
}

function initialLabels(input: CreateProgramInput): string[] | null {
  if (input.kind === 'training') return nextLabels(new Set(), input.capacity.places, seatLabel);
  if (input.kind !== 'stall') return null;
  const { labels, places, prefix } = input.capacity;
  if (labels) return labels;
  if (places === undefined || prefix === undefined) throw validationFailed({ 'capacity.places': '请填写名额数量和摊位编号前缀' });
  return nextLabels(new Set(), places, (n) => stallLabel(prefix, n));
}

/**
 * Creates the places that are missing, in one unordered insert: an upsert per label took seconds for a
 * programme of 1,000 places on the embedded FerretDB (schemathesis's max_response_time on POST
 * /api/admin/programs). A retry or a concurrent call adds nothing twice: the unique (programId, label) index
 * refuses the copies and the insert goes on with the rest.
 */
async function addSlots(programId: Types.ObjectId, kind: PlaceKind, labels: string[]): Promise<void> {
  if (labels.length === 0) return;
  const existing = await SlotModel.find({ programId }, { label: 1, order: 1 }).lean();
  const present = new Set(existing.map((s) => s.label));
  const start = existing.reduce((max, s) => Math.max(max, s.order + 1), 0);
  const rows = labels.filter((label) => !present.has(label)).map((label, i) => ({ programId, kind, label, order: start + i }));
  if (rows.length > 0) await claim(() => SlotModel.insertMany(rows, { ordered: false }));
}

/** Keeps the programme's total equal to its slot documents. */
async function syncCapacityTotal(programId: Types.ObjectId): Promise<void> {
  await ProgramModel.updateOne({ _id: programId }, { $set: { capacityTotal: await SlotModel.countDocuments({ programId }) } });
}

/** Deletes the given places only while they are free; a place taken meanwhile survives and the change is refused. */
async function removeFreeSlots(programId: Types.ObjectId, victims: SlotRow[], noun: string): Promise<void> {
  if (victims.length === 0) return;
  const ids = victims.map((s) => s._id);
  const full = await SlotModel.find({ _id: { $in: ids } }).lean();
  await SlotModel.deleteMany({ _id: { $in: ids } });
  // A place taken between reading the holds and deleting comes back: a held place is never removed.
  const takenMeanwhile = await SlotHoldModel.find({ _id: { $in: ids } }, { _id: 1 }).lean();
  if (takenMeanwhile.length > 0) {
    const restore = new Set(takenMeanwhile.map((h) => String(h._id)));
    await claim(() =>
      SlotModel.insertMany(
        full.filter((s) => restore.has(String(s._id))),
        { ordered: false },
      ),
    );
    await syncCapacityTotal(programId);
    throw conflict('CONFLICT', `有${noun}刚被分配，未能全部减少，请刷新后重试`);
  }
}

/** A stall prefix shared by every existing generated label (CJ for CJ-001…), if there is exactly one. */
function inferPrefix(slots: SlotRow[]): string | null {
  const prefixes = new Set(slots.map((s) => /^([A-Z0-9]{1,8})-\d{3,}$/.exec(s.label)?.[1] ?? ''));
  const [only] = [...prefixes];
  return prefixes.size === 1 && only ? only : null;
}

/** Adds places, or removes free ones; answers whether places were added. */
async function changePlaces(program: ProgramDoc, kind: PlaceKind, change: CapacityChange): Promise<boolean> {
  const noun = PLACE_NOUN[kind];
  // A hold left by a withdrawn or rejected application is no hold: free those before counting.
  await repairSlots(program._id);
  const holders = await holdersOf(program._id);
  const slots: SlotRow[] = (await SlotModel.find({ programId: program._id }, { label: 1, order: 1 }).sort({ order: 1 }).lean()).map(
    (s) => ({
      _id: s._id,
      label: s.label,
      order: s.order,
      held: holders.has(String(s._id)),
    }),
  );
  const used = new Set(slots.map((s) => s.label));

  if (change.labels) {
    const wanted = new Set(change.labels);
    const dropped = slots.filter((s) => !wanted.has(s.label));
    const held = dropped.filter((s) => !isFree(s)).map((s) => s.label);
    if (held.length > 0) throw conflict('CONFLICT', `${noun} ${held.join('、')} 已分配给申请，不能减少`, { held });
    await removeFreeSlots(program._id, dropped, noun);
    const added = change.labels.filter((l) => !used.has(l));
    await addSlots(program._id, kind, added);
    return added.length > 0;
  }

  const places = change.places ?? slots.length;
  if (places < slots.length) {
    const free = slots.filter(isFree);
    const held = slots.length - free.length;
    if (places < held) {
      throw conflict('CONFLICT', `已有 ${held} 个${noun}分配给申请，名额最少可减到 ${held} 个`, { held, minimum: held });
    }
    await removeFreeSlots(program._id, free.slice(places - held), noun);
    return false;
  }
  if (places === slots.length) return false;
  if (kind === 'seat') {
    await addSlots(program._id, kind, nextLabels(used, places - slots.length, seatLabel));
    return true;
  }
  const prefix = change.prefix ?? inferPrefix(slots);
  if (!prefix) throw validationFailed({ 'capacity.prefix': '请填写新增摊位的编号前缀' });
  await addSlots(
    program._id,
    kind,
    nextLabels(used, places - slots.length, (n) => stallLabel(prefix, n)),
  );
  return true;
}

async function withFree(programId: Types.ObjectId): Promise<{ program: ProgramDoc; free: number | null }> {
  const program = await ProgramModel.findById(programId).orFail().lean<ProgramDoc>();
  const free =
    program.capacityTotal === null || program.capacityTotal === undefined
      ? null
      : ((await freeSlotCounts([program._id])).get(String(program._id)) ?? 0);
  return { program, free };
}

/** Creates a programme of any kind, with its stalls or seats; a code in use is a conflict. */
export async function createProgram(input: CreateProgramInput): Promise<{ program: ProgramDoc; free: number | null }> {
  const labels = initialLabels(input);
  const placeKind = PLACE_KIND[input.kind];
  if (await ProgramModel.exists({ code: input.code })) throw duplicateCode(input.code);
  const doc = await claimOr(
    () =>
      ProgramModel.create({
        code: input.code,
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        benefits: input.benefits,
        eligibility: input.eligibility,
        materials: input.materials,
        details: input.details,
        opensAt: new Date(input.opensAt),
        closesAt: input.closesAt === null ? null : new Date(input.closesAt),
        status: 'open',
        capacityTotal: labels ? labels.length : null,
      }),
    () => {
      throw duplicateCode(input.code);
    },
  );
  const id = doc._id;
  if (labels && placeKind) await addSlots(id, placeKind, labels);
  catalogChanged();
  return withFree(id);
}

/**
 * Changes a programme. Places may be added at any time and removed only while
 * free. Closing (status closed) stops new applications; existing ones go on.
 */
export async function updateProgram(id: string, input: UpdateProgramInput): Promise<{ program: ProgramDoc; free: number | null }> {
  if (!Types.ObjectId.isValid(id)) throw notFound('项目不存在');
  const program = await ProgramModel.findById(id).lean<ProgramDoc>();
  if (!program) throw notFound('项目不存在');
  const { kind } = program;

  const set: Record<string, unknown> = {};
  for (const key of ['title', 'summary', 'benefits', 'eligibility', 'materials', 'status'] as const) {
    if (input[key] !== undefined) set[key] = input[key];
  }
  if (input.details !== undefined) {
    const details = PROGRAM_DETAILS_SCHEMAS[kind].safeParse(input.details);
    if (!details.success) throw validationFailed(zodFieldErrors(details.error, 'details'));
    set.details = details.data;
  }
  if (input.opensAt !== undefined) set.opensAt = new Date(input.opensAt);
  if (input.closesAt !== undefined) set.closesAt = input.closesAt === null ? null : new Date(input.closesAt);
  if (!windowIsValid(input.opensAt ?? program.opensAt, input.closesAt === undefined ? program.closesAt : input.closesAt)) {
    throw validationFailed({ closesAt: '截止时间应晚于开始时间' });
  }

  const placeKind = PLACE_KIND[kind];
  if (input.capacity && !placeKind) throw validationFailed({ capacity: '贷款和补贴项目没有名额' });
  if (input.capacity?.labels && kind !== 'stall') throw validationFailed({ 'capacity.labels': '只有创业园摊位可以逐个指定编号' });
  if (input.capacity?.prefix && kind !== 'stall') throw validationFailed({ 'capacity.prefix': '培训座位按 1号、2号… 编号，不需要前缀' });

  let added = false;
  if (input.capacity && placeKind) {
    added = await changePlaces(program, placeKind, input.capacity);
    await syncCapacityTotal(program._id);
  }
  if (Object.keys(set).length > 0) await ProgramModel.updateOne({ _id: program._id }, { $set: set });
  // New seats go first to those already waiting, in submission order.
  if (added && kind === 'training') await promoteWaitlist(program._id);
  catalogChanged();
  return withFree(program._id);
}
