import {
  MACHINES,
  STEP_REASON_MAX,
  amountCap,
  dateProblems,
  dateSchema,
  formatYuan,
  parseYuan,
  transitionRequestSchema,
  type Action,
  type FieldErrors,
  type Program,
  type StaffApplication,
  type TransitionRequestBody,
} from '@minsheng/shared';
import { messageOf } from '../../components/Notice';
import { yuanText } from '../../format';
import { ApiError } from '../../services/request';

/**
 * The steps staff take on these screens, in the order their buttons appear.
 * `resubmit` is the resident's (the BFF refuses it from staff); `waitlist` and
 * `promote` happen by themselves.
 */
export const STAFF_ACTIONS = [
  'start_review',
  'approve',
  'inspect',
  'request_info',
  'reject',
  'disburse',
  'record_repayment',
  'settle',
  'pay',
  'start_training',
  'complete',
  'mark_no_show',
  'release',
  'withdraw',
] as const satisfies readonly Action[];
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** Steps that end or take something away: shown in red. */
export const DANGEROUS_ACTIONS: readonly StaffAction[] = ['reject', 'mark_no_show', 'release', 'withdraw'];

/** The viewer's actions (from the API) that have a form here, in button order. */
export function offeredActions(actions: readonly Action[]): StaffAction[] {
  return STAFF_ACTIONS.filter((action) => actions.includes(action));
}

export type DecisionFieldName =
  'slotLabel' | 'approvedAmount' | 'termMonths' | 'inspectionDate' | 'inspectionOfficer' | 'inspectionNotes' | 'amount' | 'date' | 'reason';

export interface DecisionField {
  name: DecisionFieldName;
  label: string;
  input: 'text' | 'textarea' | 'yuan' | 'months' | 'date';
  optional: boolean;
  placeholder: string;
  hint?: string;
  maxLength: number;
}

export type DecisionValues = Partial<Record<DecisionFieldName, string>>;
export type DecisionErrors = Partial<Record<DecisionFieldName, string>>;

/** What a decision form needs to know besides the action. */
export interface DecisionContext {
  application: StaffApplication;
  /** The application's programme, when loaded: the loan product's limits. */
  program?: Program;
  /** Prefills the officer of a pre-loan inspection. */
  staffName: string;
  /** YYYY-MM-DD in China: the default date of dated steps. */
  today: string;
}

function reasonRequired(action: StaffAction, application: StaffApplication): boolean {
  const transition = MACHINES[application.kind].transitions.find((t) => t.action === action);
  return transition?.reasonRequired === true;
}

function reasonField(action: StaffAction, application: StaffApplication): DecisionField {
  const required = reasonRequired(action, application);
  const common = { name: 'reason', input: 'textarea', optional: !required, maxLength: STEP_REASON_MAX } as const;
  if (action === 'reject') return { ...common, label: '不予通过的原因', placeholder: '写明不予通过的原因，申请人能看到' };
  if (action === 'request_info') return { ...common, label: '需要补充的内容', placeholder: '写明需要补充的材料或说明，申请人能看到' };
  if (action === 'withdraw') return { ...common, label: '撤回原因', placeholder: '如：申请人本人要求撤回' };
  return { ...common, label: '备注', placeholder: '选填，记入办理经过' };
}

function dateField(label: string): DecisionField {
  return { name: 'date', label, input: 'date', optional: false, placeholder: '日期，如 2026-03-05', maxLength: 10 };
}

/** A sum of money in yuan that the step records (disbursed, repaid, paid), with what is known of it as the hint. */
function amountField(label: string, placeholder: string, hint?: string): DecisionField {
  return { name: 'amount', label, input: 'yuan', optional: false, placeholder, hint, maxLength: 15 };
}

function loanLimits(program: Program | undefined): { maxAmountFen?: number; maxTermMonths?: number } {
  return program?.kind === 'loan' ? program.details : {};
}

/** The fields of the form for `action` on this application, the reason (or note) last. */
export function decisionFields(action: StaffAction, { application, program }: DecisionContext): DecisionField[] {
  const fields: DecisionField[] = [];
  const form = application.form;
  const loan = application.loan;
  switch (action) {
    case 'approve':
      if (application.kind === 'stall') {
        fields.push({
          name: 'slotLabel',
          label: '摊位编号',
          input: 'text',
          optional: true,
          placeholder: '如 CJ-001，留空则分配第一个空闲摊位',
          maxLength: 30,
        });
      }
      if (form.kind === 'loan') {
        const { maxAmountFen, maxTermMonths } = loanLimits(program);
        fields.push({
          name: 'approvedAmount',
          label: '批准金额',
          input: 'yuan',
          optional: false,
          placeholder: '批准的贷款金额，单位元',
          hint: `申请 ${yuanText(form.amountFen)} 元${maxAmountFen === undefined ? '' : `，本产品最高 ${yuanText(maxAmountFen)} 元`}`,
          maxLength: 15,
        });
        fields.push({
          name: 'termMonths',
          label: '贷款期限',
          input: 'months',
          optional: false,
          placeholder: '批准的期限，单位月',
          hint: `申请 ${form.termMonths} 个月${maxTermMonths === undefined ? '' : `，本产品最长 ${maxTermMonths} 个月`}`,
          maxLength: 3,
        });
      }
      break;
    case 'inspect':
      fields.push(
        {
          name: 'inspectionDate',
          label: '考察日期',
          input: 'date',
          optional: false,
          placeholder: '考察日期，如 2026-03-05',
          maxLength: 10,
        },
        { name: 'inspectionOfficer', label: '考察人', input: 'text', optional: false, placeholder: '考察人姓名', maxLength: 30 },
        {
          name: 'inspectionNotes',
          label: '考察情况',
          input: 'textarea',
          optional: true,
          placeholder: '经营场所、经营情况等',
          maxLength: 1000,
        },
      );
      break;
    case 'disburse':
      fields.push(
        amountField(
          '放款金额',
          '实际放款金额，单位元',
          loan?.approvedFen === undefined ? undefined : `批准金额 ${yuanText(loan.approvedFen)} 元`,
        ),
        dateField('放款日期'),
      );
      break;
    case 'record_repayment':
      fields.push(
        amountField(
          '还款金额',
          '本次还款金额，单位元',
          loan?.outstandingFen === undefined ? undefined : `未还 ${yuanText(loan.outstandingFen)} 元`,
        ),
        dateField('还款日期'),
      );
      break;
    case 'settle':
      fields.push(dateField('结清日期'));
      break;
    case 'pay': {
      const approvedFen = application.subsidy?.approvedFen;
      fields.push(
        typeof approvedFen === 'number'
          ? { ...amountField('发放金额', '发放金额，单位元', `核定 ${yuanText(approvedFen)} 元，留空按核定金额发放`), optional: true }
          : amountField('发放金额', '发放金额，单位元'),
        dateField('发放日期'),
      );
      break;
    }
    case 'start_training':
      fields.push(dateField('到训日期'));
      break;
    case 'complete':
      fields.push(dateField('结业日期'));
      break;
    default:
      break;
  }
  fields.push(reasonField(action, application));
  return fields;
}

/** A sentence shown above the fields, where the step does something not obvious from them. */
export function decisionNote(action: StaffAction, application: StaffApplication): string | null {
  if (action === 'approve' && application.kind === 'training') return '批准后自动分配培训名额；名额已满时按提交顺序转入候补。';
  if (action === 'approve' && application.kind === 'stall') return '批准后分配摊位；摊位已满时按提交顺序转入候补，有摊位退租时自动递补。';
  if (action === 'approve' && application.kind === 'subsidy') return '批准后按补贴标准核定发放金额。';
  if (action === 'release') return '退租后摊位空出，可分配给其他申请人。';
  if (action === 'mark_no_show') return '登记未到训后名额空出，候补中的申请人自动转正。';
  return null;
}

// A number field (the digit keyboard; type=number in a browser) takes no thousands separators.
function yuanInput(fen: number): string {
  return formatYuan(fen).replace(/,/g, '').replace(/\.00$/, '');
}

/** What the form starts with: today's date, the viewer as inspector, the amounts applied for or approved. */
export function initialValues(action: StaffAction, { application, staffName, today }: DecisionContext): DecisionValues {
  const form = application.form;
  switch (action) {
    case 'approve':
      return form.kind === 'loan' ? { approvedAmount: yuanInput(form.amountFen), termMonths: String(form.termMonths) } : {};
    case 'inspect':
      return { inspectionDate: today, inspectionOfficer: staffName };
    case 'disburse': {
      const approved = application.loan?.approvedFen;
      return { amount: approved === undefined ? '' : yuanInput(approved), date: today };
    }
    case 'record_repayment':
    case 'settle':
    case 'pay':
    case 'start_training':
    case 'complete':
      return { date: today };
    default:
      return {};
  }
}

function requiredMessage(action: StaffAction, field: DecisionField): string {
  if (field.name === 'reason' && action === 'reject') return '请填写不予通过的原因';
  if (field.name === 'reason' && action === 'request_info') return '请写明需要补充的内容';
  return `请填写${field.label}`;
}

// The caps the BFF's step rule applies (shared machines/steps.ts), checked here so that the reviewer hears at once.
function amountLimit(action: StaffAction, context: DecisionContext): { maxFen: number; message: string } | null {
  const { loan, subsidy } = context.application;
  const program = context.program;
  const cap = amountCap(action, { loan, subsidy }, program?.kind === 'loan' ? program.details : undefined);
  // Before an amount is on record (a loan not yet approved or disbursed), the BFF's answer is the check.
  if (action === 'disburse' && loan?.approvedFen === undefined) return null;
  if (action === 'record_repayment' && loan?.outstandingFen === undefined) return null;
  if (action === 'pay' && subsidy?.approvedFen === undefined) return null;
  return cap;
}

// Where the BFF's field names (and the schema's paths) land in the form.
const FIELD_OF: Record<string, DecisionFieldName> = {
  reason: 'reason',
  slotLabel: 'slotLabel',
  approvedFen: 'approvedAmount',
  termMonths: 'termMonths',
  amountFen: 'amount',
  date: 'date',
  inspection: 'inspectionDate',
  'inspection.date': 'inspectionDate',
  'inspection.officer': 'inspectionOfficer',
  'inspection.notes': 'inspectionNotes',
};

/** Splits the BFF's field errors into those shown at a field and the rest. */
export function errorsFromApi(fields: FieldErrors): { errors: DecisionErrors; rest: string[] } {
  const errors: DecisionErrors = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const name = FIELD_OF[path];
    if (name) errors[name] = message;
    else rest.push(message);
  }
  return { errors, rest };
}

export type BuiltTransition =
  | { ok: true; body: TransitionRequestBody }
  /** `general`: a problem that belongs to no field. */
  | { ok: false; errors: DecisionErrors; general?: string };

/**
 * Checks the form and turns it into the transition request: yuan into fen
 * (shared parseYuan), the version the reviewer saw, and the shared request
 * schema as the last word.
 */
export function buildTransition(action: StaffAction, context: DecisionContext, values: DecisionValues): BuiltTransition {
  const errors: DecisionErrors = {};
  const parsed: Partial<Record<DecisionFieldName, string | number>> = {};

  for (const field of decisionFields(action, context)) {
    const raw = (values[field.name] ?? '').trim();
    if (raw === '') {
      if (!field.optional) errors[field.name] = requiredMessage(action, field);
      continue;
    }
    if (field.input === 'yuan') {
      const fen = parseYuan(raw);
      const limit = amountLimit(action, context);
      if (fen === null) errors[field.name] = '金额格式不正确，如 30000 或 30000.50';
      else if (fen === 0) errors[field.name] = '金额应大于 0';
      else if (limit && fen > limit.maxFen) errors[field.name] = limit.message;
      else parsed[field.name] = fen;
    } else if (field.input === 'months') {
      const months = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
      const max = loanLimits(context.program).maxTermMonths ?? 120;
      if (!(months >= 1 && months <= max)) errors[field.name] = `请填写 1 到 ${max} 之间的整月数`;
      else parsed[field.name] = months;
    } else if (field.input === 'date') {
      if (dateSchema.safeParse(raw).success) parsed[field.name] = raw;
      else errors[field.name] = '日期格式应为 2026-03-05';
    } else if (raw.length > field.maxLength) {
      errors[field.name] = `${field.label}最多 ${field.maxLength} 个字`;
    } else {
      parsed[field.name] = raw;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const fields = {
    reason: parsed.reason,
    slotLabel: parsed.slotLabel,
    approvedFen: parsed.approvedAmount,
    termMonths: parsed.termMonths,
    amountFen: parsed.amount,
    date: parsed.date,
    inspection:
      action === 'inspect'
        ? { date: parsed.inspectionDate, officer: parsed.inspectionOfficer, notes: parsed.inspectionNotes ?? '' }
        : undefined,
  };
  // Each step's schema names exactly its own fields: only those the form filled in are sent.
  const candidate = {
    action,
    version: context.application.version,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  };
  const checked = transitionRequestSchema.safeParse(candidate);
  // The dates' bounds are the BFF's own (shared machines/bounds.ts): within the application's life, not after today.
  const problems = checked.success
    ? dateProblems(checked.data, { submittedAt: context.application.submittedAt, today: context.today, loan: context.application.loan })
    : Object.fromEntries(checked.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
  if (checked.success && Object.keys(problems).length === 0) return { ok: true, body: checked.data };
  const { errors: fieldErrors, rest } = errorsFromApi(problems);
  return { ok: false, errors: fieldErrors, ...(rest.length > 0 ? { general: rest.join('；') } : {}) };
}

/** What to tell the reviewer when a step failed, and whether the application must be read again. */
export function transitionFailure(error: unknown): { title: string; message: string; reload: boolean } {
  if (!(error instanceof ApiError)) return { title: '操作没有完成', message: messageOf(error), reload: false };
  switch (error.code) {
    case 'STALE_VERSION':
      return {
        title: '申请已被他人处理',
        message: '这份申请刚刚被其他工作人员处理过，页面已刷新为最新状态，请核对后再操作。',
        reload: true,
      };
    case 'NO_CAPACITY':
      return { title: '名额已满', message: `${error.message}。未能批准，页面已刷新。`, reload: true };
    case 'INVALID_TRANSITION':
      return { title: '不能进行此操作', message: '申请当前的状态不能进行此操作，页面已刷新为最新状态。', reload: true };
    case 'CONFLICT':
      return { title: '操作没有完成', message: error.message, reload: true };
    case 'FORBIDDEN':
      return { title: '没有权限', message: '您的角色不能进行此操作。', reload: false };
    case 'NOT_FOUND':
      return { title: '找不到申请', message: '这份申请不存在，或不在您负责的社区。', reload: false };
    default:
      return { title: '操作没有完成', message: error.message, reload: false };
  }
}
