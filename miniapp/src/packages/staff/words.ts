import {
  ACTION_LABELS,
  CATEGORY_LABELS,
  EDUCATION_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  STAFF_ROLE_LABELS,
  STALL_CATEGORY_LABELS,
  STATUS_LABELS,
  type ApplicationForm,
  type HistoryEntry,
  type Material,
  type CommunityDirectory,
  type Program,
  type StaffApplication,
} from '@minsheng/shared';
import type { Fact } from '../../components/Facts';
import { formatDateTime, yuanText } from '../../format';
import type { StepText } from '../apply/components/Timeline';

// What the staff screens show in words rather than codes.

/** Community code → name, from GET /api/communities. */
export function communityNames(directory: CommunityDirectory | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const street of directory?.streets ?? []) {
    for (const community of street.communities) names.set(community.code, community.name);
  }
  return names;
}

// The BFF sends some codes as plain strings; an unknown one is shown as it is.
function labelOf(labels: Record<string, string>, code: string): string {
  return Object.prototype.hasOwnProperty.call(labels, code) ? (labels[code] ?? code) : code;
}

function date(value: string): string {
  const [y, m, d] = value.split('-');
  return y && m && d ? `${y}年${Number(m)}月${Number(d)}日` : value;
}

/** The application form, one fact per field. */
export function formFacts(form: ApplicationForm): Fact[] {
  switch (form.kind) {
    case 'stall':
      return [
        { label: '经营类别', value: STALL_CATEGORY_LABELS[form.businessCategory] },
        { label: '经营设想', value: form.businessPlan },
      ];
    case 'loan':
      return [
        { label: '经营项目', value: form.businessName },
        { label: '申请金额', value: `${yuanText(form.amountFen)} 元` },
        { label: '贷款期限', value: `${form.termMonths} 个月` },
        { label: '贷款用途', value: form.purpose },
        ...(form.employees === undefined ? [] : [{ label: '带动就业', value: `${form.employees} 人` }]),
      ];
    case 'training':
      return [
        { label: '文化程度', value: EDUCATION_LABELS[form.education] },
        { label: '工作经历', value: form.experience || '未填写' },
      ];
    case 'subsidy': {
      const [year, quarter] = form.period.split('Q');
      return [
        { label: '申领季度', value: `${year}年第${quarter}季度` },
        { label: '灵活就业情况', value: form.employment },
        ...(form.previousApplicationId ? [{ label: '接续申请', value: '是（上一季度已申领）' }] : []),
      ];
    }
  }
}

/** The applicant beside the ID number and mobile (each shown masked, revealed with a reason, by the page). */
export function applicantFacts(applicant: StaffApplication['applicant'], communities: Map<string, string>): Fact[] {
  return [
    { label: '姓名', value: applicant.name },
    { label: '出生年份', value: `${applicant.birthYear}年` },
    { label: '性别', value: applicant.sex === 'female' ? '女' : applicant.sex === 'male' ? '男' : applicant.sex },
    { label: '户籍', value: labelOf(HOUSEHOLD_TYPE_LABELS, applicant.householdType) },
    { label: '人员类别', value: applicant.categories.map((c) => CATEGORY_LABELS[c]).join('、') || '无' },
    { label: '所在社区', value: `${applicant.street} ${communities.get(applicant.community) ?? applicant.community}` },
  ];
}

/** What has been recorded along the way: the place held, loan figures, training and subsidy dates. */
export function recordFacts(application: StaffApplication): Fact[] {
  const facts: Fact[] = [];
  if (application.assignment)
    facts.push({ label: application.kind === 'stall' ? '分配摊位' : '培训名额', value: application.assignment.label });
  if (application.waitlistPosition !== null) facts.push({ label: '候补位置', value: `第 ${application.waitlistPosition} 位` });
  const loan = application.loan;
  if (loan) {
    if (loan.inspection) {
      facts.push({ label: '贷前考察', value: `${date(loan.inspection.date)}，${loan.inspection.officer}` });
      if (loan.inspection.notes) facts.push({ label: '考察情况', value: loan.inspection.notes });
    }
    if (loan.approvedFen !== undefined) facts.push({ label: '批准金额', value: `${yuanText(loan.approvedFen)} 元` });
    if (loan.termMonths !== undefined) facts.push({ label: '批准期限', value: `${loan.termMonths} 个月` });
    if (loan.disbursedFen !== undefined) facts.push({ label: '放款金额', value: `${yuanText(loan.disbursedFen)} 元` });
    if (loan.disbursedOn) facts.push({ label: '放款日期', value: date(loan.disbursedOn) });
    if (loan.dueOn) facts.push({ label: '到期日', value: date(loan.dueOn) });
    if (loan.disbursedFen !== undefined) facts.push({ label: '已还金额', value: `${yuanText(loan.repaidFen)} 元` });
    if (loan.outstandingFen !== undefined) facts.push({ label: '未还金额', value: `${yuanText(loan.outstandingFen)} 元` });
    if (loan.settledOn) facts.push({ label: '结清日期', value: date(loan.settledOn) });
  }
  const training = application.training ?? {};
  if (training.startedOn) facts.push({ label: '到训日期', value: date(training.startedOn) });
  if (training.completedOn) facts.push({ label: '结业日期', value: date(training.completedOn) });
  const subsidy = application.subsidy ?? {};
  if (subsidy.approvedFen !== undefined) facts.push({ label: '核定补贴', value: `${yuanText(subsidy.approvedFen)} 元` });
  if (subsidy.paidFen !== undefined) facts.push({ label: '已发放', value: `${yuanText(subsidy.paidFen)} 元` });
  if (subsidy.paidOn) facts.push({ label: '发放日期', value: date(subsidy.paidOn) });
  return facts;
}

/** A material's name as the programme calls it, else its code. */
export function materialName(material: Material, program: Program | undefined): string {
  return program?.materials.find((m) => m.code === material.purpose)?.label ?? material.purpose;
}

/** 2.3 MB, 180 KB */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const ACTOR_ROLES: Record<HistoryEntry['actorRole'], string> = {
  resident: '申请人',
  system: '系统',
  ...STAFF_ROLE_LABELS,
};

/** Who took a step: "王芳（审核员）", "申请人本人", "系统自动". */
export function actorText(entry: HistoryEntry): string {
  if (entry.actorRole === 'resident') return '申请人本人';
  if (entry.actorRole === 'system') return entry.actorName ? `系统自动：${entry.actorName}` : '系统自动';
  const role = ACTOR_ROLES[entry.actorRole];
  return entry.actorName ? `${entry.actorName}（${role}）` : role;
}

function reasonPrefix(entry: HistoryEntry): string {
  if (entry.action === 'reject') return '原因';
  if (entry.action === 'request_info') return '需补充';
  return '说明';
}

/** The staff's words for a step on the timeline: "开始审核 → 审核中", when and who, and the reason by its kind. */
export function staffStepText(entry: HistoryEntry): StepText {
  return {
    title: `${entry.action === 'submit' ? '提交申请' : ACTION_LABELS[entry.action]} → ${STATUS_LABELS[entry.to]}`,
    meta: `${formatDateTime(entry.at)} · ${actorText(entry)}`,
    reason: entry.reason ? `${reasonPrefix(entry)}：${entry.reason}` : undefined,
  };
}
