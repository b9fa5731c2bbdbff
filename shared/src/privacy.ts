import { z } from 'zod';
import { dateTimeSchema } from './schemas/common';

/**
 * The privacy notice (个人信息保护告知) a resident reads and accepts before the profile collects an ID number,
 * and the applicant's declaration made with each submission. Each is versioned: a changed text gets a new
 * version, and the API accepts only the current one, so what a resident agreed to is always the text shown.
 */
export const PRIVACY_NOTICE = {
  version: '2026-12-01',
  title: '个人信息保护告知',
  paragraphs: [
    '为办理就业创业服务，区人社部门需要收集您的姓名、身份证号、手机号、所在社区、户籍类型和人员类别。',
    '这些信息仅用于核验您的申请资格、审核与发放补贴，以及向您发送办理进度通知，不会用于其他用途或提供给无关第三方。',
    '身份证号和手机号加密保存；工作人员查看时默认隐去，查看完整号码会留下记录。',
    '您可以随时查看和修改自己的信息；如需注销或有疑问，可到所在社区服务站或拨打区人社部门电话咨询。',
  ],
  consent: '我已阅读并同意《个人信息保护告知》',
} as const;

/** The applicant's declaration (本人承诺) made with each submission. */
export const APPLICANT_DECLARATION = {
  version: '2026-12-01',
  text: '本人承诺所填信息真实、准确、完整，如有虚假，愿意承担相应责任并退还已领取的补贴。',
} as const;

/** PUT /api/me's `privacyNoticeVersion`: the version of the notice the resident accepted. */
export const privacyNoticeVersionSchema = z.literal(PRIVACY_NOTICE.version, {
  error: '请先阅读并同意《个人信息保护告知》',
});

/** The declaration fields of a submission: ticked, and the version of the text shown. */
export const declarationFields = {
  declaration: z.literal(true, { error: '请勾选“本人承诺所填信息真实”' }),
  declarationVersion: z.literal(APPLICANT_DECLARATION.version, { error: '承诺书已更新，请重新阅读并勾选' }),
};

/** How a declaration was made: by the resident in the mini-program, or with an officer submitting for them (帮办). */
export type DeclarationVia = 'resident' | 'assisted';

/** A recorded agreement, as residents and staff see it: which text, when, and whose hand. */
export const agreementSchema = z
  .object({ version: z.string(), at: dateTimeSchema, via: z.enum(['resident', 'assisted']) })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof agreementSchema>;
