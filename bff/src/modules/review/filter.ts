import { chinaDate, chinaDayEnd, chinaDayStart, normalizeIdNumber, isValidIdNumber, type ApplicationFilter } from '@minsheng/shared';
import { Types } from 'mongoose';
import type { StaffPrincipal } from '../../http/context';
import type { PiiCipher } from '../../security/pii';

const NUMBER = /^[A-Z]{1,4}-\d{4}-\d{6}$/;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The MongoDB filter for the queue, statistics and export. Officers are
 * confined to their communities whatever they ask for. Every field used here
 * has an index (see applications/model.ts).
 */
export function buildApplicationFilter(
  filter: ApplicationFilter,
  viewer: StaffPrincipal,
  pii: PiiCipher,
  now: Date = new Date(),
): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  const scope = viewer.scope.where('community');
  if (scope) and.push(scope);
  if (filter.status) and.push({ status: filter.status });
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.programId) and.push({ programId: new Types.ObjectId(filter.programId) });
  if (filter.street) and.push({ street: filter.street });
  if (filter.community) and.push({ community: filter.community });
  if (filter.from || filter.to) {
    const range: Record<string, Date> = {};
    if (filter.from) range.$gte = chinaDayStart(filter.from);
    if (filter.to) range.$lt = chinaDayEnd(filter.to);
    and.push({ submittedAt: range });
  }
  if (filter.overdue === 'true') {
    and.push({ kind: 'loan', status: { $in: ['disbursed', 'repaying'] }, 'loan.dueOn': { $lt: chinaDate(now) } });
  }
  if (filter.q) and.push(queryMatch(filter.q, pii));
  if (and.length === 0) return {};
  if (and.length === 1) return and[0] ?? {};
  return { $and: and };
}

/**
 * The search that names its applications by a lookup document (read by
 * `_id`, closed applications too): an application number, or a full ID
 * number as its keyed hash. Null for a name or mobile-tail search.
 */
export function searchLookup(raw: string | undefined, pii: PiiCipher): { number: string } | { idNumberHash: string } | null {
  if (!raw) return null;
  const q = raw.trim();
  const upper = q.toUpperCase();
  if (NUMBER.test(upper)) return { number: upper };
  const id = normalizeIdNumber(q);
  if (id.length === 18 && isValidIdNumber(id)) return { idNumberHash: pii.hash(id) };
  return null;
}

function queryMatch(raw: string, pii: PiiCipher): Record<string, unknown> {
  const q = raw.trim();
  const upper = q.toUpperCase();
  if (NUMBER.test(upper)) return { number: upper };
  const id = normalizeIdNumber(q);
  if (id.length === 18 && isValidIdNumber(id)) return { 'applicant.idNumberHash': pii.hash(id) };
  if (/^\d{4}$/.test(q)) return { 'applicant.mobileTail': q };
  return { 'applicant.name': { $regex: `^${escapeRegex(q)}` } };
}
