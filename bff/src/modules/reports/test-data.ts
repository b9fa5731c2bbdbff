import mongoose, { Types } from 'mongoose';
import { isOpen, MACHINES, maskIdNumber, maskMobile, type Action, type ApplicationStatus, type ProgramKind } from '@minsheng/shared';
import type { PiiCipher } from '../../security/pii';
import { idNumber } from '../../../test/kit/factories';
import { SEED_COMMUNITIES } from '../communities/seed';

/**
 * Many applications inserted straight into the collection, for the reports'
 * tests: spread over kinds, statuses (along each kind's state machine),
 * streets, communities and a year of months, with China-time month edges.
 * Each comes with the facts it was made from, to compute expected figures
 * without reading the stored history.
 */

export interface GeneratedApplication {
  number: string;
  kind: ProgramKind;
  programId: string;
  status: ApplicationStatus;
  street: string;
  community: string;
  submittedAt: Date;
  decidedAt: Date | null;
  /** The first approve, waitlist or reject step. */
  firstDecisionAt: Date | null;
  /** Approved at some point, directly or promoted from the wait-list. */
  approvedEver: boolean;
  name: string;
  idNumber: string;
  idNumberMasked: string;
  assignment: string | null;
  loan: { approvedFen: number; disbursedFen: number; repaidFen: number; outstandingFen: number } | null;
  training: { completedOn: string; subsidyDueFen: number } | null;
  subsidyPaidFen: number;
}

const PATHS: Record<ProgramKind, Action[][]> = {
  stall: [
    [],
    ['start_review'],
    ['start_review', 'request_info'],
    ['start_review', 'request_info', 'resubmit', 'start_review', 'approve'],
    ['start_review', 'approve'],
    ['start_review', 'approve', 'release'],
    ['start_review', 'reject'],
    ['withdraw'],
  ],
  loan: [
    [],
    ['start_review'],
    ['start_review', 'inspect'],
    ['start_review', 'inspect', 'approve'],
    ['start_review', 'inspect', 'approve', 'disburse'],
    ['start_review', 'inspect', 'approve', 'disburse', 'record_repayment'],
    ['start_review', 'inspect', 'approve', 'disburse', 'record_repayment', 'settle'],
    ['start_review', 'reject'],
    ['start_review', 'inspect', 'reject'],
  ],
  training: [
    [],
    ['start_review'],
    ['start_review', 'approve'],
    ['start_review', 'waitlist'],
    ['start_review', 'waitlist', 'promote'],
    ['start_review', 'waitlist', 'reject'],
    ['start_review', 'approve', 'start_training'],
    ['start_review', 'approve', 'start_training', 'complete'],
    ['start_review', 'approve', 'mark_no_show'],
    ['start_review', 'approve', 'withdraw'],
    ['start_review', 'reject'],
  ],
  subsidy: [
    [],
    ['start_review'],
    ['start_review', 'approve'],
    ['start_review', 'approve', 'pay'],
    ['start_review', 'reject'],
    ['withdraw'],
  ],
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['秀英', '建国', '桂兰', '志强', '丽', '伟', '芳', '军', '海燕', '德明'];
/** Names a CSV must escape or defuse, mixed into the ordinary ones. */
export const AWKWARD_NAMES = ['=HYPERLINK("http://x.example","点我")', '王"小",二\n号', '+86 张三', '@李四', '-王五'];

/** A small deterministic generator (mulberry32), so a failing run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const HOUR = 3600_000;
const DECISIONS: readonly Action[] = ['approve', 'waitlist', 'reject'];

export interface GenerateOptions {
  count: number;
  pii: PiiCipher;
  /** Programmes to file the applications under, by kind. */
  programs: Record<ProgramKind, { id: string; title: string }[]>;
  seed?: number;
  /** First month of submissions (YYYY-MM); they spread over 12 months. */
  firstMonth?: string;
  numberPrefix?: string;
  batchSize?: number;
  /** How many of them end open (a step left to take); the rest end in a final status. Unset: whatever the paths give. */
  open?: number;
}

/** Where a path of steps ends, from submitted. */
function endOf(kind: ProgramKind, path: readonly Action[]): ApplicationStatus {
  let status: ApplicationStatus = 'submitted';
  for (const action of path) status = MACHINES[kind].transitions.find((t) => t.action === action && t.from.includes(status))?.to ?? status;
  return status;
}

/** The paths of a kind that end open, or those that end final. */
function pathsEnding(kind: ProgramKind, open: boolean): Action[][] {
  return PATHS[kind].filter((path) => isOpen(kind, endOf(kind, path)) === open);
}

/** Inserts `count` applications in batches and returns their facts. */
export async function insertGeneratedApplications(options: GenerateOptions): Promise<GeneratedApplication[]> {
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(rand() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  };
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const [startYear = 2025, startMonth = 11] = (options.firstMonth ?? '2025-11').split('-').map(Number);
  const kinds = Object.keys(PATHS) as ProgramKind[];
  const facts: GeneratedApplication[] = [];
  const batchSize = options.batchSize ?? 1000;
  let inserting: Promise<void> = Promise.resolve();

  for (let offset = 0; offset < options.count; offset += batchSize) {
    const docs: Record<string, unknown>[] = [];
    for (let i = offset; i < Math.min(options.count, offset + batchSize); i += 1) {
      const kind = pick(kinds);
      const program = pick(options.programs[kind]);
      const place = pick(SEED_COMMUNITIES);
      const monthIndex = startMonth - 1 + int(0, 11);
      const year = startYear + Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      // One in 20 falls in the first hours of a month in China time, which is still the previous month in UTC.
      const edge = i % 20 === 0;
      const submittedAt = new Date(
        `${year}-${pad(month)}-${pad(edge ? 1 : int(1, 28))}T${pad(edge ? int(0, 7) : int(0, 23))}:${pad(int(0, 59))}:00+08:00`,
      );

      const plainId = idNumber(i, `${int(1960, 1995)}${pad(int(1, 12))}${pad(int(1, 28))}`);
      const mobile = `139${pad(int(0, 99_999_999), 8)}`;
      const name = i % 97 === 0 ? (AWKWARD_NAMES[(i / 97) % AWKWARD_NAMES.length] ?? '王五') : pick(SURNAMES) + pick(GIVEN);
      const fact: GeneratedApplication = {
        number: `${options.numberPrefix ?? 'RP'}-${year}-${pad(i + 1, 6)}`,
        kind,
        programId: program.id,
        status: 'submitted',
        street: place.street,
        community: place.code,
        submittedAt,
        decidedAt: null,
        firstDecisionAt: null,
        approvedEver: false,
        name,
        idNumber: plainId,
        idNumberMasked: maskIdNumber(plainId),
        assignment: null,
        loan: null,
        training: null,
        subsidyPaidFen: 0,
      };
      const history: Record<string, unknown>[] = [
        { at: submittedAt, action: 'submit', from: null, to: 'submitted', actorRole: 'resident' },
      ];
      const loan: Record<string, unknown> = {};
      const training: Record<string, unknown> = {};
      const subsidy: Record<string, unknown> = {};
      let at = submittedAt;

      const paths = options.open === undefined ? PATHS[kind] : pathsEnding(kind, i < options.open);
      for (const action of pick(paths)) {
        const step = MACHINES[kind].transitions.find((t) => t.action === action && t.from.includes(fact.status));
        const actorRole = step?.by[0];
        if (!step || !actorRole) throw new Error(`${kind}: ${action} is not possible from ${fact.status}`);
        at = new Date(at.getTime() + int(1, 240) * HOUR + int(0, 59) * 60_000);
        const day = new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
        history.push({
          at,
          action,
          from: fact.status,
          to: step.to,
          actorRole,
          actorId: 'generator',
          actorName: '测试生成',
          ...(step.reasonRequired ? { reason: '测试' } : {}),
        });
        fact.status = step.to;
        if (DECISIONS.includes(action)) {
          fact.decidedAt = at;
          fact.firstDecisionAt ??= at;
        }
        if (step.to === 'approved') {
          fact.approvedEver = true;
          if (kind === 'stall' || kind === 'training') fact.assignment = `${kind === 'stall' ? 'A' : '座'}-${int(1, 200)}`;
        }
        if (kind === 'loan') {
          const money = (fact.loan ??= { approvedFen: 0, disbursedFen: 0, repaidFen: 0, outstandingFen: 0 });
          if (action === 'approve') {
            money.approvedFen = int(50, 500) * 10_000 + int(0, 99);
            Object.assign(loan, { approvedFen: money.approvedFen, termMonths: 24 });
          }
          if (action === 'disburse') {
            money.disbursedFen = money.approvedFen;
            money.outstandingFen = money.disbursedFen;
            Object.assign(loan, {
              disbursedFen: money.disbursedFen,
              disbursedOn: day,
              repaidFen: 0,
              outstandingFen: money.outstandingFen,
              repayments: [],
            });
          }
          if (action === 'record_repayment') {
            const amount = int(1, money.outstandingFen);
            money.repaidFen += amount;
            money.outstandingFen -= amount;
            Object.assign(loan, {
              repaidFen: money.repaidFen,
              outstandingFen: money.outstandingFen,
              repayments: [{ amountFen: amount, paidOn: day }],
            });
          }
          // Settling records the last repayment with it, as the bureau would have before settling.
          if (action === 'settle') {
            money.repaidFen += money.outstandingFen;
            money.outstandingFen = 0;
            Object.assign(loan, { repaidFen: money.repaidFen, outstandingFen: 0, settledOn: day });
          }
          if (money.approvedFen === 0) fact.loan = null;
        }
        if (kind === 'training' && action === 'start_training') training.startedOn = day;
        if (kind === 'training' && action === 'complete') {
          fact.training = { completedOn: day, subsidyDueFen: 140_000 };
          Object.assign(training, fact.training);
        }
        if (kind === 'subsidy' && action === 'approve') Object.assign(subsidy, { approvedFen: 90_000, period: '2026Q3' });
        if (kind === 'subsidy' && action === 'pay') {
          fact.subsidyPaidFen = 90_000;
          Object.assign(subsidy, { paidFen: 90_000, paidOn: day });
        }
      }

      facts.push(fact);
      docs.push({
        number: fact.number,
        kind,
        programId: new Types.ObjectId(program.id),
        programTitle: program.title,
        residentId: new Types.ObjectId(),
        applicant: {
          name,
          idNumberHash: options.pii.hash(plainId),
          idNumberSealed: options.pii.encrypt(plainId),
          idNumberMasked: fact.idNumberMasked,
          mobileSealed: options.pii.encrypt(mobile),
          mobileMasked: maskMobile(mobile),
          mobileTail: mobile.slice(-4),
          birthDate: `${plainId.slice(6, 10)}-${plainId.slice(10, 12)}-${plainId.slice(12, 14)}`,
          sex: Number(plainId.charAt(16)) % 2 === 1 ? 'male' : 'female',
          householdType: 'urban',
          categories: ['registered_unemployed'],
        },
        street: fact.street,
        community: fact.community,
        form: { kind },
        status: fact.status,
        version: history.length,
        history,
        submittedAt,
        decidedAt: fact.decidedAt,
        // A raw insert sets no timestamps; the queue sorts "waiting" by updatedAt.
        createdAt: submittedAt,
        updatedAt: at,
        assignment: fact.assignment ? { label: fact.assignment, at } : null,
        ...(kind === 'loan' && Object.keys(loan).length > 0 ? { loan } : {}),
        ...(kind === 'training' && Object.keys(training).length > 0 ? { training } : {}),
        ...(kind === 'subsidy' && Object.keys(subsidy).length > 0 ? { subsidy } : {}),
      });
    }
    // As stored, past the applications model (a lean insertMany would not cast or validate either).
    const db = mongoose.connection.db;
    if (!db) throw new Error('the database is not connected');
    // The next batch is made while the database stores this one (two cores); one batch in flight at a time.
    await inserting;
    inserting = db
      .collection('applications')
      .insertMany(docs)
      .then(() => undefined);
    // Awaited before the next batch or below; a failure meanwhile is not an unhandled rejection.
    inserting.catch(() => undefined);
  }
  await inserting;
  return facts;
}
