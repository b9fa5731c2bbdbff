import type { AuditAction, AuditPage } from '@minsheng/shared';
import { staffRequest } from './staff';

/** The log's filters; `after` is the `next` token of the page before. */
export interface AuditParams {
  action?: AuditAction;
  /** China calendar days, both included. */
  from?: string;
  to?: string;
  after?: string;
  pageSize?: number;
}

/** A page of the audit log (administrators only), newest first. */
export function listAudit(params: AuditParams = {}): Promise<AuditPage> {
  const data: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') data[key] = value;
  return staffRequest<AuditPage>({ path: '/api/admin/audit', data });
}
