import {
  type QueueQuery,
  queueQuerySchema,
  queueResponseSchema,
  queueSearchSchema,
  revealIdRequestSchema,
  revealIdResponseSchema,
  revealMobileResponseSchema,
  staffApplicationSchema,
  transitionRequestSchema,
} from '@minsheng/shared';
import { route } from '../../http/route';
import { FILE_RESPONSE, attachedMaterialParams, sendAttachedMaterial } from '../materials/routes';
import { idParams } from '../../http/params';
import { ALL_STAFF } from '../staff/routes';
import type { AppContext, StaffPrincipal } from '../../http/context';
import { takeStep } from '../applications/step';
import { presentQueueItem } from './presenter';
import { getForStaff, queuePage, revealIdNumber, revealMobile } from './service';
import { openableMaterialIds, staffView } from './staff-view';

async function queueAnswer(ctx: AppContext, query: QueueQuery, viewer: StaffPrincipal) {
  const { docs, total, next, statusCounts } = await queuePage(query, viewer, ctx.deps.pii);
  return { items: docs.map((d) => presentQueueItem(d)), total, page: query.page, pageSize: query.pageSize, next, statusCounts };
}

export const reviewRoutes = [
  route({
    method: 'get',
    path: '/api/admin/applications',
    summary: 'The review queue with filters, search and paging (`after` = the previous page’s `next`)',
    tag: 'review',
    access: ALL_STAFF,
    query: queueQuerySchema,
    responses: { 200: { description: 'A page of applications', schema: queueResponseSchema } },
    handler: async (ctx, { query, staff }) => {
      ctx.body = await queueAnswer(ctx, query, staff);
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/applications/search',
    summary:
      'The review queue searched by a body, so that a full ID or mobile number never travels in an address; pages by `after` like the GET',
    tag: 'review',
    access: ALL_STAFF,
    body: queueSearchSchema,
    responses: { 200: { description: 'A page of applications', schema: queueResponseSchema } },
    handler: async (ctx, { body, staff }) => {
      ctx.body = await queueAnswer(ctx, body, staff);
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/applications/:id',
    summary: 'An application with the applicant (ID number masked), materials and full history',
    tag: 'review',
    access: ALL_STAFF,
    params: idParams,
    responses: {
      200: { description: 'The application', schema: staffApplicationSchema },
      404: { description: 'Not found, or outside the officer’s communities' },
    },
    handler: async (ctx, { params, staff }) => {
      ctx.body = await staffView(await getForStaff(params.id, staff), staff);
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/applications/:id/reveal-id',
    summary: 'Show the unmasked ID number; the reason is written to the audit log',
    tag: 'review',
    access: ALL_STAFF,
    params: idParams,
    body: revealIdRequestSchema,
    responses: { 200: { description: 'The ID number', schema: revealIdResponseSchema }, 404: { description: 'Not found' } },
    handler: async (ctx, { params, body, staff }) => {
      const doc = await getForStaff(params.id, staff);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { idNumber: await revealIdNumber(doc, staff, body.reason, ctx.deps.pii) };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/applications/:id/reveal-mobile',
    summary: 'Show the unmasked mobile, to phone the applicant; the reason is written to the audit log',
    tag: 'review',
    access: ALL_STAFF,
    params: idParams,
    body: revealIdRequestSchema,
    responses: { 200: { description: 'The mobile', schema: revealMobileResponseSchema }, 404: { description: 'Not found' } },
    handler: async (ctx, { params, body, staff }) => {
      const doc = await getForStaff(params.id, staff);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { mobile: await revealMobile(doc, staff, body.reason, ctx.deps.pii) };
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/applications/:id/materials/:materialId',
    summary: 'Download a material attached to an application, or the signed consent form of one an officer made, for checking it',
    tag: 'review',
    access: ALL_STAFF,
    params: attachedMaterialParams,
    responses: {
      200: FILE_RESPONSE,
      404: { description: 'No such application for this viewer, or the material is not attached to it' },
    },
    handler: async (ctx, { params, staff }) => {
      const doc = await getForStaff(params.id, staff);
      const concerns = { applicationId: doc._id, residentId: doc.residentId };
      const record = { materialIds: await openableMaterialIds(doc), concerns, reason: `查看申请材料（${doc.number}）` };
      await sendAttachedMaterial(ctx, staff, record, params.materialId);
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/applications/:id/transitions',
    summary: 'Move an application along its state machine (approve, reject, assign, loan and subsidy steps)',
    tag: 'review',
    access: ALL_STAFF,
    params: idParams,
    body: transitionRequestSchema,
    responses: {
      200: { description: 'The application after the step', schema: staffApplicationSchema },
      403: { description: 'The role may not take this step' },
      404: { description: 'Not found' },
      409: { description: 'Stale version, wrong status, or no free stall' },
    },
    handler: async (ctx, { params, body, staff }) => {
      const doc = await getForStaff(params.id, staff);
      ctx.body = await staffView(await takeStep(doc, body, { role: staff.role, id: staff.id, name: staff.name }), staff);
    },
  }),
];
