import { chinaClock } from '@minsheng/shared/time';
import { formatYuan } from '@minsheng/shared/validators';

// Dates are shown as the calendar in China, whatever the phone's time zone.
function chinaParts(iso: string): Date {
  return chinaClock(new Date(iso));
}

/** 2026年3月5日 */
export function formatDate(iso: string): string {
  const d = chinaParts(iso);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 2026年3月5日 14:05 */
export function formatDateTime(iso: string): string {
  const d = chinaParts(iso);
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${formatDate(iso)} ${time}`;
}

/** Fen as yuan for reading: 5000000 → "50,000", 150 → "1.50". */
export function yuanText(fen: number): string {
  return formatYuan(fen).replace(/\.00$/, '');
}

/**
 * The applicant's declaration as recorded: "2026-12-01 版，本人于 2026年3月1日 10:00 确认". Applications from
 * before the declaration existed have none: "未记录（早于承诺书上线）".
 */
export function declarationText(declaration: { version: string; at: string; via: 'resident' | 'assisted' } | null): string {
  if (!declaration) return '未记录（早于承诺书上线）';
  const who = declaration.via === 'assisted' ? '经工作人员帮办，本人' : '本人';
  return `${declaration.version} 版，${who}于 ${formatDateTime(declaration.at)} 确认`;
}

/** Who applied on the resident's behalf: "由景明佳园社区王芳帮办". */
export function assistedByText(by: { staffName: string; communityName: string }): string {
  return `由${by.communityName}${by.staffName}帮办`;
}
