import { Types } from 'mongoose';
import type { StaffPrincipal } from '../../http/context';
import { AuditModel, type AuditAction } from './model';

export interface AuditEntry {
  action: AuditAction;
  /** Why, as the staff member gave it, or what was done when the action has no stated reason. */
  reason: string;
  applicationId?: Types.ObjectId;
  programId?: Types.ObjectId;
  certificateId?: Types.ObjectId;
  filters?: Record<string, unknown>;
}

/** Appends who did what, now. */
export async function audit(viewer: StaffPrincipal, entry: AuditEntry): Promise<void> {
  await AuditModel.create({ at: new Date(), staffId: new Types.ObjectId(viewer.id), staffName: viewer.name, role: viewer.role, ...entry });
}
