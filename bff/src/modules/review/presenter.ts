import {
  birthYearOf,
  chinaDate,
  staffApplicationSchema,
  type Action,
  type Material,
  type QueueItem,
  type StaffApplication,
} from '@minsheng/shared';
import type { ApplicationDoc } from '../applications/model';
import { presentApplicationCore, presentIdentity } from '../applications/presenter';
import type { QueueItemDoc } from '../applications/read-models';

const DAY = 24 * 3600_000;

function isOverdue(doc: QueueItemDoc, today: string): boolean {
  const dueOn = doc.loan?.dueOn;
  return doc.kind === 'loan' && (doc.status === 'disbursed' || doc.status === 'repaying') && Boolean(dueOn && dueOn < today);
}

/** A queue row (read-models `queueRowOf` of an application) as the queue lists it. */
export function presentQueueItem(doc: QueueItemDoc, now: Date = new Date()): QueueItem {
  return {
    ...presentIdentity(doc),
    applicantName: doc.applicant.name,
    idNumberMasked: doc.applicant.idNumberMasked,
    mobileMasked: doc.applicant.mobileMasked,
    street: doc.street,
    community: doc.community,
    submittedAt: doc.submittedAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    waitingDays: Math.max(0, Math.floor((now.getTime() - doc.updatedAt.getTime()) / DAY)),
    overdue: isOverdue(doc, chinaDate(now)),
    assisted: doc.assisted,
  };
}

/** The full application for staff: ID number masked, history with who acted. */
export function presentStaffApplication(
  doc: ApplicationDoc,
  materials: Material[],
  waitlistPosition: number | null,
  actions: Action[],
  applicant: Pick<StaffApplication, 'certificate' | 'consent'>,
): StaffApplication {
  return staffApplicationSchema.parse({
    ...presentApplicationCore(doc, materials, waitlistPosition, { actorNames: true }),
    applicant: {
      name: doc.applicant.name,
      idNumberMasked: doc.applicant.idNumberMasked,
      mobileMasked: doc.applicant.mobileMasked,
      birthYear: birthYearOf(doc.applicant.birthDate),
      sex: doc.applicant.sex,
      householdType: doc.applicant.householdType,
      categories: doc.applicant.categories,
      street: doc.street,
      community: doc.community,
    },
    decidedAt: doc.decidedAt ? doc.decidedAt.toISOString() : null,
    loan: doc.loan ?? null,
    training: doc.training ?? null,
    subsidy: doc.subsidy ?? null,
    linkedApplicationId: doc.linkedApplicationId ? String(doc.linkedApplicationId) : null,
    ...applicant,
    actions,
  });
}
