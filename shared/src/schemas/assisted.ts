import { z } from 'zod';
import { assistedByViewSchema } from './application';
import { categorySchema, dateTimeSchema, householdTypeSchema, objectIdSchema } from './common';
import { communityCodeSchema } from './communities';
import { consentStatusSchema, idNumberSchema, profileInputSchema } from './profile';
import { certificateSummarySchema } from './certificates';
import { queueItemSchema } from './review';

/**
 * POST /api/admin/assisted/residents: an officer registers a resident who has
 * no smartphone. The resident's own profile form, with the ID number required.
 */
export const registerAssistedRequestSchema = profileInputSchema
  .extend({ idNumber: idNumberSchema })
  .meta({ id: 'RegisterAssistedRequest' });
export type RegisterAssistedRequest = z.input<typeof registerAssistedRequestSchema>;

export const assistedListQuerySchema = z.strictObject({ community: communityCodeSchema.optional() });

/** An assisted resident as staff see them: ID number and mobile masked. */
export const assistedResidentSchema = z
  .object({
    id: objectIdSchema,
    name: z.string(),
    idNumberMasked: z.string(),
    mobileMasked: z.string(),
    /** The year only: with the full birth date beside the masked number, only the county code stays hidden (about two candidates). */
    birthYear: z.number().int(),
    sex: z.enum(['male', 'female']),
    street: z.string(),
    community: z.string(),
    communityName: z.string(),
    householdType: householdTypeSchema,
    categories: z.array(categorySchema),
    /** The resident has since logged in with WeChat and joined this record. */
    joined: z.boolean(),
    consent: z.object({
      status: consentStatusSchema,
      /** The signed form, once uploaded. */
      materialId: objectIdSchema.nullable(),
      at: dateTimeSchema.nullable(),
    }),
    assistedBy: assistedByViewSchema,
  })
  .meta({ id: 'AssistedResident' });
export type AssistedResident = z.infer<typeof assistedResidentSchema>;

export const assistedResidentListSchema = z.object({ items: z.array(assistedResidentSchema) }).meta({ id: 'AssistedResidentList' });
export type AssistedResidentList = z.infer<typeof assistedResidentListSchema>;

/** One assisted resident with the applications submitted for them. */
export const assistedResidentDetailSchema = assistedResidentSchema
  .extend({
    applications: z.array(queueItemSchema),
    /** The resident's latest 就业创业证 (its id opens it in 证件核验), or null when none was applied for. */
    certificate: certificateSummarySchema.nullable(),
  })
  .meta({ id: 'AssistedResidentDetail' });
export type AssistedResidentDetail = z.infer<typeof assistedResidentDetailSchema>;
