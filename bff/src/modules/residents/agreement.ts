import { Schema } from 'mongoose';
import type { Agreement, DeclarationVia } from '@minsheng/shared';

// Embedded in a resident's profile (the privacy notice) and in each application
// (the applicant's declaration), so it lives apart from either model.

/** Which versioned text (shared/src/privacy.ts) was agreed to, when, and whose hand: the resident's, or with an officer (帮办). */
export const agreementSchema = new Schema(
  {
    version: { type: String, required: true },
    at: { type: Date, required: true },
    via: { type: String, enum: ['resident', 'assisted'], required: true },
  },
  { _id: false },
);

export interface AgreementDoc {
  version: string;
  at: Date;
  via: DeclarationVia;
}

/** The agreement to `version` now, keeping the first time it was given when the same version was agreed to before. */
export function agree(version: string, via: DeclarationVia, earlier: AgreementDoc | null | undefined, now: Date): AgreementDoc {
  return earlier?.version === version ? earlier : { version, at: now, via };
}

export function presentAgreement(a: AgreementDoc): Agreement {
  return { version: a.version, at: a.at.toISOString(), via: a.via };
}
