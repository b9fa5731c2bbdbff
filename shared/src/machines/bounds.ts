import type { FieldErrors } from '../errors';
import type { LoanRecord, TransitionRequestBody } from '../schemas/review';
import { chinaDate, chinaDateAdd } from '../time';

/**
 * The bounds on every date a staff step records, one definition for the BFF's
 * step rule (machines/steps.ts) and the mini-program's decision form.
 *
 * A date lies within the application's life: not before the day it was
 * submitted (a disbursement before submission would make the loan overdue at
 * once), not before the disbursement for what follows it (a repayment, the
 * settlement), and not after today in China plus DATE_MARGIN_DAYS. The margin
 * is 0: a step records what has happened (money paid out, a trainee who came,
 * an inspection made), never what is planned, so a future date is a typing
 * error. Amounts are bounded by the step's cap (steps.ts `amountCap`).
 */
export const DATE_MARGIN_DAYS = 0;

/** What the bounds of a step's dates depend on. */
export interface DateBoundsInput {
  /** When the application was submitted (an ISO date-time or a Date). */
  submittedAt: Date | string;
  /** YYYY-MM-DD in China. */
  today: string;
  loan: Pick<LoanRecord, 'disbursedOn'> | null | undefined;
}

/** The earliest and the latest date a step may record, each with what to say beyond it. */
export interface DateRange {
  min: string;
  max: string;
  tooEarly: string;
  tooLate: string;
}

/** The steps whose date follows the loan's disbursement. */
const AFTER_DISBURSEMENT: readonly TransitionRequestBody['action'][] = ['record_repayment', 'settle'];

/** The latest date any step may record: today in China plus the margin. */
export function latestRecordedDate(today: string): string {
  return chinaDateAdd(new Date(`${today}T12:00:00+08:00`), DATE_MARGIN_DAYS);
}

/** The range of dates `action` may record on this application. */
export function stepDateRange(action: TransitionRequestBody['action'], input: DateBoundsInput): DateRange {
  const submittedOn = chinaDate(new Date(input.submittedAt));
  const disbursedOn = AFTER_DISBURSEMENT.includes(action) ? input.loan?.disbursedOn : undefined;
  const afterDisbursement = disbursedOn !== undefined && disbursedOn > submittedOn;
  const min = afterDisbursement ? disbursedOn : submittedOn;
  const max = latestRecordedDate(input.today);
  return {
    min,
    max,
    tooEarly: afterDisbursement ? `日期不能早于放款日期 ${min}` : `日期不能早于申请提交日期 ${min}`,
    tooLate: DATE_MARGIN_DAYS === 0 ? `日期不能晚于今天 ${max}` : `日期不能晚于 ${max}`,
  };
}

/** What is wrong with `date` for `action`, or null when it lies within the range. */
export function dateProblem(action: TransitionRequestBody['action'], date: string, input: DateBoundsInput): string | null {
  const range = stepDateRange(action, input);
  if (date < range.min) return range.tooEarly;
  if (date > range.max) return range.tooLate;
  return null;
}

/** The dates a step's request records, by the request's field path. */
export function recordedDates(request: TransitionRequestBody): [string, string][] {
  const dates: [string, string][] = [];
  if ('date' in request && request.date !== undefined) dates.push(['date', request.date]);
  if (request.action === 'inspect') dates.push(['inspection.date', request.inspection.date]);
  return dates;
}

/** The field problems of a request's dates (field path → message); empty when every date is within bounds. */
export function dateProblems(request: TransitionRequestBody, input: DateBoundsInput): FieldErrors {
  const problems: FieldErrors = {};
  for (const [field, date] of recordedDates(request)) {
    const problem = dateProblem(request.action, date, input);
    if (problem) problems[field] = problem;
  }
  return problems;
}
