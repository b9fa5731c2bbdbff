import { z } from 'zod';
import { textSchema } from '../validators/text';
import { isValidIdNumber, normalizeIdNumber } from '../validators/id-number';
import { isValidMobile, normalizeMobile } from '../validators/mobile';
import { categorySchema, householdTypeSchema } from './common';
import { communityCodeSchema } from './communities';
import { profileCertificateSchema } from './certificates';
import { agreementSchema, privacyNoticeVersionSchema } from '../privacy';
import { labelledEnum } from './labelled-enum';

const personNameSchema = textSchema({ error: '请填写姓名' })
  .trim()
  .min(2, { error: '姓名至少 2 个字' })
  .max(30, { error: '姓名最多 30 个字' })
  .regex(/^[\p{Script=Han}A-Za-z·•.\s]+$/u, { error: '姓名只能包含汉字、字母和间隔号' })
  // The API document spells the rule without \p{} and the u flag, which its readers (other languages' regex engines,
  // OpenAPI tooling) do not all understand; the rarer Han blocks outside the BMP are left out of the description.
  .meta({ pattern: '^[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaffA-Za-z·•.\\s]+$' });

export const idNumberSchema = z
  .string({ error: '请填写身份证号' })
  .transform(normalizeIdNumber)
  .refine(isValidIdNumber, { error: '身份证号不正确，请核对 18 位号码' })
  // The shape the document can state (spaces are dropped, x is X); the birth date and the check character it cannot.
  .meta({ pattern: '^\\s*(?:\\d\\s*){17}[\\dXx]\\s*$' });

const mobileSchema = z
  .string({ error: '请填写手机号' })
  .transform(normalizeMobile)
  .refine(isValidMobile, { error: '手机号不正确，应为 11 位手机号码' })
  // normalizeMobile's input: an optional +86/0086/86 and 1[3-9] and 9 digits, spaces and hyphens anywhere.
  .meta({ pattern: '^[\\s-]*(?:(?:\\+[\\s-]*|0[\\s-]*0[\\s-]*)?8[\\s-]*6[\\s-]*)?1[\\s-]*[3-9](?:[\\s-]*\\d){9}[\\s-]*$' });

/**
 * The certificate number once typed here unlocked benefits by itself; the
 * number is now issued by the system on approval (certificates.ts), so a
 * typed one is refused on its field rather than silently dropped.
 */
const typedCertificateNoSchema = z
  .never({ error: '《就业创业证》编号由系统在审批通过后核发，不能填写；请在“我的”中申请办理' })
  // OpenAPI: no value is valid (`not: {}`); the generator needs a `type` for z.never, and any type is as empty under `not`.
  .meta({
    type: 'string',
    not: {},
    deprecated: true,
    description: 'No longer accepted: the number is issued on approval of the certificate',
  })
  .optional();

/**
 * PUT /api/me. The ID number is required the first time; afterwards it may be
 * left out (it is never sent back unmasked, so the form cannot prefill it).
 */
export const profileInputSchema = z
  .strictObject({
    name: personNameSchema,
    idNumber: idNumberSchema.optional(),
    mobile: mobileSchema,
    community: communityCodeSchema,
    householdType: householdTypeSchema,
    categories: z
      .array(categorySchema)
      .max(7)
      .default([])
      .refine((c) => new Set(c).size === c.length, { error: '人员类别重复' })
      .meta({ uniqueItems: true }),
    reemploymentCertificateNo: typedCertificateNoSchema,
    /** Asked with every save: the form shows the notice above the ID number, ticked once agreed to this version. */
    privacyNoticeVersion: privacyNoticeVersionSchema,
  })
  .meta({ id: 'ProfileInput' });
export type ProfileInput = z.input<typeof profileInputSchema>;
export type ProfileData = z.output<typeof profileInputSchema>;

const profileViewSchema = z
  .object({
    name: z.string(),
    idNumberMasked: z.string(),
    birthDate: z.string(),
    sex: z.enum(['male', 'female']),
    mobile: z.string(),
    community: z.string(),
    communityName: z.string(),
    street: z.string(),
    householdType: householdTypeSchema,
    categories: z.array(categorySchema),
    /** The verified 就业创业证 ("已核验" and its number), or the one on its way; null when none. */
    certificate: profileCertificateSchema.nullable(),
    /** The privacy notice agreed to last (none on profiles saved before the notice). */
    privacyNotice: agreementSchema.optional(),
  })
  .meta({ id: 'Profile' });
export type ProfileView = z.infer<typeof profileViewSchema>;

/**
 * The resident's consent to an officer acting for them: pending until the
 * officer uploads the signed form or the resident confirms in the mini-program.
 */
export const {
  values: CONSENT_STATUSES,
  schema: consentStatusSchema,
  labels: CONSENT_STATUS_LABELS,
} = labelledEnum({ pending: '待本人确认', signed_form: '已上传签字授权书', confirmed: '本人已在线确认' });
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

export const meResponseSchema = z
  .object({
    id: z.string(),
    profile: profileViewSchema.nullable(),
    /** Present when a station officer registered this resident (帮办). */
    assisted: z.object({ staffName: z.string(), communityName: z.string(), consent: consentStatusSchema }).optional(),
    /**
     * Present when this save joined the WeChat login to the record an officer
     * had registered: the account's id changed, so the app must switch to this token.
     */
    joined: z.object({ token: z.string(), expiresAt: z.string() }).optional(),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof meResponseSchema>;
