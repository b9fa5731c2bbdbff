import { Types } from 'mongoose';

/** The update that moves an application's submission `days` days into the past (steps.ts `backdateSubmission`). */
export function backdating(applicationId: string, days: number) {
  const submittedAt = new Date(Date.now() - days * 24 * 3600_000);
  return [{ _id: new Types.ObjectId(applicationId) }, { $set: { submittedAt } }] as const;
}
