import {
  assistedListQuerySchema,
  assistedResidentDetailSchema,
  assistedResidentListSchema,
  assistedResidentSchema,
  createApplicationRequestSchema,
  materialPurposeSchema,
  materialSchema,
  meResponseSchema,
  registerAssistedRequestSchema,
  staffApplicationSchema,
} from '@minsheng/shared';
import { z } from 'zod';
import { answerCreated, idempotencyHeaders, requireIdempotencyKey } from '../../http/idempotency';
import { idParams } from '../../http/params';
import { route, type BeforeHandler } from '../../http/route';
import { fileField, singleFile, uploadedFile } from '../materials/routes';
import { latestCertificateOf } from '../certificates/service';
import { presentMe } from '../residents/presenter';
import { staffView } from '../review/staff-view';
import { presentAssistedDetail, presentAssistedList } from './presenter';
import {
  applicationsOf,
  confirmConsent,
  getAssisted,
  listAssisted,
  registerAssisted,
  submitFor,
  uploadConsentForm,
  uploadFor,
} from './service';

/** Station officers register and apply for residents; admins may too. Reviewers decide, they do not apply. */
const OFFICERS = { kind: 'staff', roles: ['admin', 'officer'] } as const;
/** Refuses a resident outside the viewer's communities before a file or form is read. */
const inScope: BeforeHandler<typeof OFFICERS> = async (ctx, next, { staff }) => {
  await getAssisted(staff, ctx.params.id ?? '');
  return next();
};

async function presentOne(doc: Parameters<typeof presentAssistedList>[0][number]) {
  const [item] = await presentAssistedList([doc]);
  return item;
}

export const assistedRoutes = [
  route({
    method: 'get',
    path: '/api/admin/assisted/residents',
    summary: 'Residents registered by station officers (帮办), in the viewer’s communities',
    tag: 'assisted',
    access: OFFICERS,
    query: assistedListQuerySchema,
    community: ({ query }) => query.community,
    responses: {
      200: { description: 'Assisted residents, newest first', schema: assistedResidentListSchema },
      403: { description: 'Another community' },
    },
    handler: async (ctx, { query, staff }) => {
      ctx.body = { items: await presentAssistedList(await listAssisted(staff, query.community)) };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/assisted/residents',
    summary: 'Register a resident without a smartphone: real-name profile with ID number, in the officer’s community',
    tag: 'assisted',
    access: OFFICERS,
    body: registerAssistedRequestSchema,
    community: ({ body }) => body.community,
    responses: {
      201: { description: 'The registered resident (consent pending)', schema: assistedResidentSchema },
      403: { description: 'The community is not the officer’s' },
      409: { description: 'The ID number already has a resident account' },
    },
    handler: async (ctx, { body, staff }) => {
      ctx.status = 201;
      ctx.body = await presentOne(await registerAssisted(staff, body, ctx.deps.pii));
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/assisted/residents/:id',
    summary: 'An assisted resident with consent and the applications submitted for them',
    tag: 'assisted',
    access: OFFICERS,
    params: idParams,
    responses: {
      200: { description: 'The resident', schema: assistedResidentDetailSchema },
      404: { description: 'Not found, or outside the officer’s communities' },
    },
    handler: async (ctx, { params, staff }) => {
      const resident = await getAssisted(staff, params.id);
      ctx.body = await presentAssistedDetail(resident, await applicationsOf(resident._id), await latestCertificateOf(resident._id));
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/assisted/residents/:id/consent',
    summary: 'Upload the resident’s signed consent form (JPG, PNG, WebP or PDF); records consent',
    tag: 'assisted',
    access: OFFICERS,
    params: idParams,
    before: [inScope, singleFile],
    bodyType: 'multipart',
    body: z.strictObject({ file: fileField }),
    responses: {
      200: { description: 'The resident with consent recorded', schema: assistedResidentSchema },
      404: { description: 'Not found, or outside the officer’s communities' },
      413: { description: 'File too large' },
      415: { description: 'Not an accepted file type, or the type lies' },
    },
    handler: async (ctx, { params, staff }) => {
      ctx.body = await presentOne(await uploadConsentForm(staff, params.id, uploadedFile(ctx)));
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/assisted/residents/:id/materials',
    summary: 'Upload a supporting material for the resident (owned by the resident)',
    tag: 'assisted',
    access: OFFICERS,
    params: idParams,
    before: [inScope, singleFile],
    bodyType: 'multipart',
    body: z.strictObject({ purpose: materialPurposeSchema, file: fileField }),
    responses: {
      201: { description: 'The stored material', schema: materialSchema },
      404: { description: 'Not found, or outside the officer’s communities' },
      413: { description: 'File too large' },
      415: { description: 'Not an accepted file type, or the type lies' },
    },
    handler: async (ctx, { params, body, staff }) => {
      ctx.status = 201;
      ctx.body = await uploadFor(staff, params.id, body.purpose, uploadedFile(ctx));
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/assisted/residents/:id/applications',
    summary: 'Submit an application on the resident’s behalf (retry-safe with the Idempotency-Key header)',
    tag: 'assisted',
    access: OFFICERS,
    params: idParams,
    before: [inScope, requireIdempotencyKey],
    headers: idempotencyHeaders,
    body: createApplicationRequestSchema,
    responses: {
      201: { description: 'The application (also when a retry replays the first result)', schema: staffApplicationSchema },
      403: { description: 'Consent not recorded yet, or another community' },
      404: { description: 'Not found, or outside the officer’s communities' },
      409: { description: 'A live application for this person and programme exists, or the key was used for different content' },
      422: { description: 'Not eligible, or the programme is not accepting applications' },
    },
    handler: async (ctx, { params, headers, body, staff: viewer }) => {
      const { application, replayed } = await submitFor(
        viewer,
        params.id,
        {
          idempotencyKey: headers['idempotency-key'],
          programId: body.programId,
          form: body.form,
          materialIds: body.materialIds,
          declarationVersion: body.declarationVersion,
        },
        { numberPrefix: ctx.deps.config.APPLICATION_NUMBER_PREFIX },
      );
      answerCreated(ctx, replayed, await staffView(application, viewer));
    },
  }),
  route({
    method: 'post',
    path: '/api/me/consent',
    summary: 'The resident confirms that the station officer who registered them may apply on their behalf',
    tag: 'residents',
    access: { kind: 'resident' },
    responses: {
      200: { description: 'The resident, consent confirmed', schema: meResponseSchema },
      404: { description: 'Nothing to confirm' },
    },
    handler: async (ctx, { resident }) => {
      ctx.body = await presentMe(await confirmConsent(resident.id), ctx.deps.pii);
    },
  }),
];
