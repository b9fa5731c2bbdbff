import type { FieldErrors } from '../errors';
import type { ApplicationForm } from '../schemas/application';
import type { ProgramKind } from '../schemas/common';
import type { KindWithTerms, ProgramTermsOf } from '../schemas/program';
import type { LoanRecord, StepRequest, SubsidyRecord, TransitionRequestBody } from '../schemas/review';
import { formatYuan } from '../validators/money';
import { dateProblems } from './bounds';

/**
 * What each staff step records beside its change of status, as a table
 * beside the state machines: which fields it needs, what it checks them
 * against (the programme's terms, what earlier steps recorded) and what it
 * writes. Pure: the BFF runs a rule inside its one step entry point
 * (applications/step.ts) and writes the outcome in the same claimed revision
 * as the status; the mini-program's decision form reads the same caps.
 * Stalls and seats are not here: taking one is a write of its own (capacity.ts).
 */

/** What a rule sees: the request, the application's records and form, the programme's terms, today in China. */
export interface StepInput<A extends StepAction, K extends ProgramKind> {
  request: StepRequest<A>;
  form: ApplicationForm;
  loan: LoanRecord;
  subsidy: SubsidyRecord;
  terms: ProgramTermsOf[K];
  /** YYYY-MM-DD in China. */
  today: string;
  /** When the application was submitted: no date a step records lies before it (bounds.ts). */
  submittedAt: Date | string;
}

/** What a step writes with its status: fields to set (dotted paths), arrays to append to, facts for the history. */
export interface StepRecord {
  set?: Record<string, unknown>;
  push?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/** A rule's answer: the record to write, field problems (400), or a conflict with the application's state (409). */
export type StepOutcome = { ok: true; record: StepRecord } | { ok: false; fields: FieldErrors } | { ok: false; conflict: string };

type StepAction = TransitionRequestBody['action'];
type StepRule<A extends StepAction, K extends ProgramKind> = (input: StepInput<A, K>) => StepOutcome;
type KindRules<K extends ProgramKind> = { [A in StepAction]?: StepRule<A, K> };

const yuan = (fen: number) => formatYuan(fen).replace(/\.00$/, '');
const done = (record: StepRecord): StepOutcome => ({ ok: true, record });
const refuse = (field: string, message: string): StepOutcome => ({ ok: false, fields: { [field]: message } });

/** What earlier steps recorded, as far as a cap reads it (null where the application has no such record). */
export interface StepRecords {
  loan?: Pick<LoanRecord, 'approvedFen' | 'outstandingFen'> | null | undefined;
  subsidy?: Pick<SubsidyRecord, 'approvedFen'> | null | undefined;
}

/** The highest amount a step may name, and what to say above it; null where the step has no cap. */
export interface AmountCap {
  maxFen: number;
  message: string;
}

/**
 * The cap on a step's amount: the loan product's limit, the approved amount,
 * what is still owed, a subsidy's approved amount. With `amountProblem`'s
 * floor of 1 fen, every amount a step records is a positive integer within
 * the programme's terms.
 */
export function amountCap(
  action: StepAction,
  { loan, subsidy }: StepRecords,
  terms: Partial<ProgramTermsOf['loan']> | undefined,
): AmountCap | null {
  if (action === 'approve' && terms?.maxAmountFen !== undefined) {
    return { maxFen: terms.maxAmountFen, message: `批准金额不能超过本产品最高额度 ${yuan(terms.maxAmountFen)} 元` };
  }
  if (action === 'disburse') {
    const max = loan?.approvedFen ?? 0;
    return { maxFen: max, message: `放款金额不能超过批准金额 ${yuan(max)} 元` };
  }
  if (action === 'record_repayment') {
    const max = loan?.outstandingFen ?? 0;
    return { maxFen: max, message: `还款金额不能超过未还金额 ${yuan(max)} 元` };
  }
  if (action === 'pay') {
    const max = subsidy?.approvedFen ?? 0;
    return { maxFen: max, message: `发放金额不能超过核定金额 ${yuan(max)} 元` };
  }
  return null;
}

/** Refuses an amount of zero or above the step's cap. */
function amountProblem(action: StepAction, amountFen: number, records: StepRecords, terms?: ProgramTermsOf['loan']): string | null {
  if (amountFen <= 0) return '金额应大于 0';
  const cap = amountCap(action, records, terms);
  return cap && amountFen > cap.maxFen ? cap.message : null;
}

/** `date` plus `months` calendar months, on the last day of a shorter month (01-31 + 1 → 02-28). */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

const loanRules: KindRules<'loan'> = {
  inspect: ({ request }) => done({ set: { 'loan.inspection': request.inspection }, data: { inspection: request.inspection } }),
  approve: ({ request, loan, terms }) => {
    const { approvedFen, termMonths } = request;
    if (approvedFen === undefined) return refuse('approvedFen', '请填写批准金额');
    if (termMonths === undefined) return refuse('termMonths', '请填写贷款期限');
    const problem = amountProblem('approve', approvedFen, { loan }, terms);
    if (problem) return refuse('approvedFen', problem);
    if (termMonths > terms.maxTermMonths) return refuse('termMonths', `贷款期限不能超过本产品最长期限 ${terms.maxTermMonths} 个月`);
    return done({ set: { 'loan.approvedFen': approvedFen, 'loan.termMonths': termMonths }, data: { approvedFen, termMonths } });
  },
  disburse: ({ request, loan }) => {
    const { amountFen, date } = request;
    const problem = amountProblem('disburse', amountFen, { loan });
    if (problem) return refuse('amountFen', problem);
    const dueOn = addMonths(date, loan.termMonths ?? 12);
    return done({
      set: {
        'loan.disbursedFen': amountFen,
        'loan.disbursedOn': date,
        'loan.dueOn': dueOn,
        'loan.repaidFen': 0,
        'loan.outstandingFen': amountFen,
        'loan.repayments': [],
      },
      data: { amountFen, date, dueOn },
    });
  },
  record_repayment: ({ request, loan, today }) => {
    const { amountFen } = request;
    const date = request.date ?? today;
    const problem = amountProblem('record_repayment', amountFen, { loan });
    if (problem) return refuse('amountFen', problem);
    const outstanding = loan.outstandingFen ?? 0;
    return done({
      set: { 'loan.repaidFen': loan.repaidFen + amountFen, 'loan.outstandingFen': outstanding - amountFen },
      push: { 'loan.repayments': { amountFen, paidOn: date } },
      data: { amountFen, date },
    });
  },
  settle: ({ request, loan, today }) => {
    const outstanding = loan.outstandingFen ?? 0;
    if (outstanding > 0) return { ok: false, conflict: `尚有 ${outstanding / 100} 元未还，不能结清` };
    return done({ set: { 'loan.settledOn': request.date ?? today } });
  },
};

const trainingRules: KindRules<'training'> = {
  start_training: ({ request, today }) => done({ set: { 'training.startedOn': request.date ?? today } }),
  complete: ({ request, terms, today }) =>
    done({
      set: { 'training.completedOn': request.date ?? today, 'training.subsidyDueFen': terms.subsidyPerTraineeFen },
      data: { subsidyDueFen: terms.subsidyPerTraineeFen },
    }),
};

const subsidyRules: KindRules<'subsidy'> = {
  approve: ({ form, terms }) => {
    const approvedFen = terms.amountPerPeriodFen;
    const period = form.kind === 'subsidy' ? form.period : undefined;
    return done({ set: { 'subsidy.period': period, 'subsidy.approvedFen': approvedFen }, data: { approvedFen } });
  },
  pay: ({ request, subsidy, today }) => {
    const amountFen = request.amountFen ?? subsidy.approvedFen;
    if (amountFen === undefined) return refuse('amountFen', '请填写发放金额');
    const problem = amountProblem('pay', amountFen, { subsidy });
    if (problem) return refuse('amountFen', problem);
    const date = request.date ?? today;
    return done({ set: { 'subsidy.paidFen': amountFen, 'subsidy.paidOn': date }, data: { amountFen, date } });
  },
};

/** The rules of each kind's steps; a step without one records nothing beyond its status. */
const STEP_RULES: { [K in ProgramKind]: KindRules<K> } = {
  stall: {},
  loan: loanRules,
  training: trainingRules,
  subsidy: subsidyRules,
};

/** The steps whose rule reads the programme's terms: a loan's limits, a subsidy's amount, a class's subsidy per trainee. */
const READS_TERMS: { [K in ProgramKind]: readonly StepAction[] } = {
  stall: [],
  loan: ['approve'],
  training: ['complete'],
  subsidy: ['approve'],
};

/** Whether the step's rule needs the programme's terms (the BFF reads the programme only then). */
export function stepReadsTerms(kind: ProgramKind, action: StepAction): boolean {
  return READS_TERMS[kind].includes(action);
}

/** A rule's input as the caller has it: the programme with its terms, when the step reads them. */
export type RecordStepInput = Omit<StepInput<StepAction, ProgramKind>, 'terms'> & { program?: KindWithTerms };

/** Runs the step's rule for an application of `kind`; a step without a rule records nothing. */
export function recordStep(kind: ProgramKind, { program, ...input }: RecordStepInput): StepOutcome {
  const rule = STEP_RULES[kind][input.request.action] as StepRule<StepAction, ProgramKind> | undefined;
  if (!rule) return done({});
  const dates = dateProblems(input.request, { submittedAt: input.submittedAt, today: input.today, loan: input.loan });
  if (Object.keys(dates).length > 0) return { ok: false, fields: dates };
  if (stepReadsTerms(kind, input.request.action) && program?.kind !== kind) {
    throw new Error(`${kind} ${input.request.action} needs the terms of a ${kind} programme`);
  }
  // Where the rule reads terms they were checked above to be this kind's; the other rules never read them.
  return rule({ ...input, terms: program?.details as ProgramTermsOf[ProgramKind] });
}
