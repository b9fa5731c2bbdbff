import type { ApplicationForm } from './schemas/application';
import type { ProgramKind } from './schemas/common';
import { MAX_CLASS_DAYS, type KindWithTerms } from './schemas/program';
import { isLive, type ApplicationStatus } from './machines';

/**
 * Rules across programmes, as data beside each programme's eligibility: what
 * one person may hold at once (or ever) whichever programme it comes from.
 * Each rule turns an application into claim keys; the BFF claims every key
 * with a unique insert at submission and again at approval, so two
 * applications can never hold the same key (applications/cross-claims.ts),
 * and releases them when the application no longer holds them.
 */
export const CROSS_RULE_CODES = ['one_stall', 'class_dates', 'training_once', 'subsidy_quarter'] as const;
export type CrossRuleCode = (typeof CROSS_RULE_CODES)[number];

export interface CrossRule {
  code: CrossRuleCode;
  /** The kinds of programme it binds. */
  kinds: readonly ProgramKind[];
  /** The rule in plain words, under the programme's conditions. */
  text: string;
  /** What the other application is, in the refusal: "您已有{holder}（编号）". */
  holder: string;
  /** Statuses past the live ones in which the claim is kept: the benefit was had. */
  keptIn: readonly ApplicationStatus[];
}

export const CROSS_RULES: Record<CrossRuleCode, CrossRule> = {
  one_stall: {
    code: 'one_stall',
    kinds: ['stall'],
    text: '每人同时只能申请或租用一个摊位（各创业园合计）',
    holder: '一份正在办理或在租的摊位申请',
    keptIn: [],
  },
  class_dates: {
    code: 'class_dates',
    kinds: ['training'],
    text: '不能同时报名上课日期重叠的培训班',
    holder: '一份上课日期与本班重叠的培训报名',
    keptIn: [],
  },
  training_once: {
    code: 'training_once',
    kinds: ['training'],
    text: '同一职业（工种）同一等级的培训补贴每人只能享受一次',
    holder: '同一职业（工种）同一等级的培训报名',
    // A completed class was paid for: the same occupation and level is not subsidised again.
    keptIn: ['completed'],
  },
  subsidy_quarter: {
    code: 'subsidy_quarter',
    kinds: ['subsidy'],
    text: '同一季度的补贴每人只能申领一次（不论哪个补贴项目）',
    holder: '同一季度的补贴申领',
    keptIn: [],
  },
};

/** The rules across programmes that bind a programme, by its kind and terms. */
export function crossRulesOf(program: KindWithTerms): CrossRule[] {
  return CROSS_RULE_CODES.map((code) => CROSS_RULES[code]).filter(
    (rule) =>
      rule.kinds.includes(program.kind) &&
      // Only a class with a training subsidy spends "the same occupation and level once".
      (rule.code !== 'training_once' || (program.kind === 'training' && program.details.subsidyPerTraineeFen > 0)),
  );
}

/** One key an application claims under a rule. */
export interface CrossClaimKey {
  rule: CrossRuleCode;
  key: string;
}

const DAY_MS = 86_400_000;

/** Every calendar day from `from` to `to` (YYYY-MM-DD, inclusive), at most MAX_CLASS_DAYS of them. */
export function classDays(from: string, to: string | undefined): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Math.max(start, Date.parse(`${to ?? from}T00:00:00Z`));
  if (Number.isNaN(start) || Number.isNaN(end)) return [];
  const days: string[] = [];
  for (let t = start; t <= end && days.length < MAX_CLASS_DAYS; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * The keys an application of `person` (a stable, non-reversible key of the
 * person: the keyed hash of the ID number) claims under the programme's rules.
 * A class claims each of its days, so two classes overlap exactly when they
 * share a key; a class without an end date occupies its first day.
 */
export function crossClaimKeys(program: KindWithTerms, form: ApplicationForm, person: string): CrossClaimKey[] {
  return crossRulesOf(program).flatMap((rule): CrossClaimKey[] => {
    if (rule.code === 'one_stall') return [{ rule: rule.code, key: `stall:${person}` }];
    if (rule.code === 'subsidy_quarter')
      return form.kind === 'subsidy' ? [{ rule: rule.code, key: `subsidy-quarter:${person}:${form.period}` }] : [];
    if (program.kind !== 'training') return [];
    const { trade, level, startsOn, endsOn } = program.details;
    if (rule.code === 'training_once') return [{ rule: rule.code, key: `training:${person}:${trade}:${level ?? ''}` }];
    return classDays(startsOn, endsOn).map((day) => ({ rule: rule.code, key: `class-day:${person}:${day}` }));
  });
}

/** Whether an application of `kind` in `status` still holds its claims under `rule`. */
export function holdsCrossClaim(rule: CrossRuleCode, kind: ProgramKind, status: ApplicationStatus): boolean {
  return isLive(kind, status) || CROSS_RULES[rule].keptIn.includes(status);
}

/** The refusal's words: "您已有…（编号），…". */
export function crossConflictMessage(rule: CrossRuleCode, number: string, assisted: boolean): string {
  const who = assisted ? '该居民' : '您';
  return `${who}已有${CROSS_RULES[rule].holder}（${number}），${CROSS_RULES[rule].text}`;
}
