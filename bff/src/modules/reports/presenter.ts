import { chinaDateTime, PROGRAM_KIND_LABELS, STATUS_LABELS, type ApplicationStatus, type ProgramKind } from '@minsheng/shared';

export interface ExportColumn {
  header: string;
  width: number;
  /** `yuan` cells hold fen: the CSV writes them as exact decimal text, the workbook as numbers shown with 2 decimals. */
  type: 'text' | 'yuan';
}

/** The export's columns, in order. Only the masked ID number and mobile ever leave in a file. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: '申请编号', width: 18, type: 'text' },
  { header: '服务类型', width: 14, type: 'text' },
  { header: '项目', width: 28, type: 'text' },
  { header: '状态', width: 12, type: 'text' },
  { header: '申请人', width: 10, type: 'text' },
  { header: '身份证号(脱敏)', width: 22, type: 'text' },
  { header: '手机号(脱敏)', width: 14, type: 'text' },
  { header: '街道', width: 14, type: 'text' },
  { header: '社区', width: 14, type: 'text' },
  { header: '提交时间', width: 17, type: 'text' },
  { header: '决定时间', width: 17, type: 'text' },
  { header: '分配摊位/座位', width: 14, type: 'text' },
  { header: '批准金额(元)', width: 14, type: 'yuan' },
  { header: '已放款(元)', width: 14, type: 'yuan' },
  { header: '未还(元)', width: 14, type: 'yuan' },
];

/** The fields an export row is made of; sealed values are never read. */
export const EXPORT_PROJECTION = {
  number: 1,
  kind: 1,
  programTitle: 1,
  status: 1,
  'applicant.name': 1,
  'applicant.idNumberMasked': 1,
  'applicant.mobileMasked': 1,
  street: 1,
  community: 1,
  submittedAt: 1,
  decidedAt: 1,
  'assignment.label': 1,
  'loan.approvedFen': 1,
  'loan.disbursedFen': 1,
  'loan.outstandingFen': 1,
};

export interface ExportDoc {
  number: string;
  kind: ProgramKind;
  programTitle: string;
  status: ApplicationStatus;
  applicant: { name: string; idNumberMasked: string; mobileMasked: string };
  street: string;
  community: string;
  submittedAt: Date;
  decidedAt?: Date | null;
  assignment?: { label?: string } | null;
  loan?: { approvedFen?: unknown; disbursedFen?: unknown; outstandingFen?: unknown } | null;
}

/** A cell: text, fen in a `yuan` column, or empty. */
export type ExportCell = string | number | null;

function fenOrEmpty(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** One export row, in the order of EXPORT_COLUMNS. */
export function exportCells(doc: ExportDoc, communityNames: ReadonlyMap<string, string>): ExportCell[] {
  return [
    doc.number,
    PROGRAM_KIND_LABELS[doc.kind] ?? doc.kind,
    doc.programTitle,
    STATUS_LABELS[doc.status] ?? doc.status,
    doc.applicant.name,
    doc.applicant.idNumberMasked,
    doc.applicant.mobileMasked,
    doc.street,
    communityNames.get(doc.community) ?? doc.community,
    chinaDateTime(doc.submittedAt),
    doc.decidedAt ? chinaDateTime(doc.decidedAt) : null,
    doc.assignment?.label ?? null,
    fenOrEmpty(doc.loan?.approvedFen),
    fenOrEmpty(doc.loan?.disbursedFen),
    fenOrEmpty(doc.loan?.outstandingFen),
  ];
}
