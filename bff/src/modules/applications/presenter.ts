import { applicationSchema, type Application, type Material } from '@minsheng/shared';
import { presentAgreement, type AgreementDoc } from '../residents/agreement';
import type { ApplicationDoc } from './model';

/**
 * What residents and staff both see of an application. Staff also see who
 * acted in each step; residents see only the role.
 */
export function presentApplicationCore(
  doc: ApplicationDoc,
  materials: Material[],
  waitlistPosition: number | null,
  options: { actorNames: boolean },
) {
  return {
    ...presentIdentity(doc),
    form: doc.form,
    materials,
    submittedAt: doc.submittedAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    history: doc.history.map((h) => ({
      at: h.at.toISOString(),
      action: h.action,
      from: h.from ?? null,
      to: h.to,
      actorRole: h.actorRole,
      ...(options.actorNames && h.actorName ? { actorName: h.actorName } : {}),
      ...(h.reason ? { reason: h.reason } : {}),
    })),
    assignment: doc.assignment?.label ? { label: doc.assignment.label } : null,
    waitlistPosition,
    assistedBy: doc.assistedBy
      ? {
          staffName: doc.assistedBy.staffName,
          community: doc.assistedBy.community,
          communityName: doc.assistedBy.communityName,
          at: doc.assistedBy.at.toISOString(),
        }
      : null,
    declaration: doc.declaration ? presentAgreement(doc.declaration as AgreementDoc) : null,
  };
}

/** An application as its resident sees it: no staff names, no hashes or sealed values. */
export function presentApplication(doc: ApplicationDoc, materials: Material[], waitlistPosition: number | null): Application {
  return applicationSchema.parse(presentApplicationCore(doc, materials, waitlistPosition, { actorNames: false }));
}

/** What names an application and its state, as every list and view shows it. */
export function presentIdentity(
  doc: Pick<ApplicationDoc, '_id' | 'number' | 'kind' | 'programId' | 'programTitle' | 'status' | 'version'>,
) {
  return {
    id: String(doc._id),
    number: doc.number,
    kind: doc.kind,
    programId: String(doc.programId),
    programTitle: doc.programTitle,
    status: doc.status,
    version: doc.version,
  };
}
