import {
  certificateApplyRequestSchema,
  certificateDecisionRequestSchema,
  certificateQueueQuerySchema,
  certificateQueueSchema,
  certificateSchema,
  myCertificateResponseSchema,
  staffCertificateDetailSchema,
  staffCertificateSchema,
} from '@minsheng/shared';
import { idParams } from '../../http/params';
import { route } from '../../http/route';
import { consentedAssisted } from '../assisted/service';
import { getSignedInResident } from '../residents/service';
import { FILE_RESPONSE, attachedMaterialParams, sendAttachedMaterial } from '../materials/routes';
import { presentCertificate, presentStaffCertificate, presentStaffCertificateDetail } from './presenter';
import { applyForCertificate, certificateForStaff, certificateQueue, decideCertificate, latestCertificateOf } from './service';

const STAFF = { kind: 'staff', roles: ['admin', 'reviewer', 'officer'] } as const;
const OFFICERS = { kind: 'staff', roles: ['admin', 'officer'] } as const;

/** The resident's side: apply with evidence, see where it stands. */
export const certificateResidentRoutes = [
  route({
    method: 'get',
    path: '/api/me/certificate',
    summary: 'The resident’s 就业创业证: its status, and the number once issued',
    tag: 'certificates',
    access: { kind: 'resident' },
    responses: { 200: { description: 'The latest certificate, or null', schema: myCertificateResponseSchema } },
    handler: async (ctx, { resident }) => {
      const doc = await latestCertificateOf(resident.id);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { certificate: doc ? presentCertificate(doc) : null };
    },
  }),
  route({
    method: 'post',
    path: '/api/me/certificate',
    summary: 'Apply for the 就业创业证 with uploaded evidence; the station checks and the bureau approves',
    tag: 'certificates',
    access: { kind: 'resident' },
    body: certificateApplyRequestSchema,
    responses: {
      201: { description: 'The application, pending the station’s check', schema: certificateSchema },
      400: { description: 'A field is wrong, or a material is not the resident’s' },
      403: { description: 'No real-name profile yet' },
      409: { description: 'A certificate is already pending, active or suspended' },
    },
    handler: async (ctx, { body, resident }) => {
      const doc = await applyForCertificate(await getSignedInResident(resident.id), body, { role: 'resident', id: resident.id });
      ctx.status = 201;
      ctx.body = presentCertificate(doc);
    },
  }),
];

/** The staff side: officers apply for residents and check; the bureau approves, suspends and cancels. */
export const certificateStaffRoutes = [
  route({
    method: 'post',
    path: '/api/admin/assisted/residents/:id/certificate',
    summary: 'Apply for the 就业创业证 on an assisted resident’s behalf, with materials uploaded for them',
    tag: 'certificates',
    access: OFFICERS,
    params: idParams,
    body: certificateApplyRequestSchema,
    responses: {
      201: { description: 'The application, pending the station’s check', schema: staffCertificateSchema },
      400: { description: 'A field is wrong, or a material is not the resident’s' },
      403: { description: 'The resident’s consent is not recorded yet (fields.consent)' },
      404: { description: 'Not found, or outside the officer’s communities' },
      409: { description: 'A certificate is already pending, active or suspended' },
    },
    handler: async (ctx, { params, body, staff }) => {
      const resident = await consentedAssisted(staff, params.id);
      const doc = await applyForCertificate(resident, body, { role: staff.role === 'admin' ? 'admin' : 'officer', staff });
      ctx.status = 201;
      ctx.body = presentStaffCertificate(doc, staff);
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/certificates',
    summary: 'Certificates waiting for a station’s check or the bureau’s approval, in the viewer’s communities',
    tag: 'certificates',
    access: STAFF,
    query: certificateQueueQuerySchema,
    responses: { 200: { description: 'Oldest first', schema: certificateQueueSchema } },
    handler: async (ctx, { query, staff }) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { items: (await certificateQueue(staff, query.status)).map((d) => presentStaffCertificate(d, staff)) };
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/certificates/:id',
    summary: 'A certificate with its evidence and history',
    tag: 'certificates',
    access: STAFF,
    params: idParams,
    responses: {
      200: { description: 'The certificate', schema: staffCertificateDetailSchema },
      404: { description: 'Not found, or outside the viewer’s communities' },
    },
    handler: async (ctx, { params, staff }) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await presentStaffCertificateDetail(await certificateForStaff(staff, params.id), staff);
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/certificates/:id/materials/:materialId',
    summary: 'Download a file of a certificate’s evidence, for checking it against the original',
    tag: 'certificates',
    access: STAFF,
    params: attachedMaterialParams,
    responses: {
      200: FILE_RESPONSE,
      404: { description: 'No such certificate for this viewer, or the file is not part of its evidence' },
    },
    handler: async (ctx, { params, staff }) => {
      const doc = await certificateForStaff(staff, params.id);
      const concerns = { certificateId: doc._id, residentId: doc.residentId };
      await sendAttachedMaterial(
        ctx,
        staff,
        { materialIds: doc.materialIds, concerns, reason: '查看就业创业证证明材料' },
        params.materialId,
      );
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/certificates/:id/decisions',
    summary: 'Check, approve (issuing the number), reject, suspend, reinstate or cancel a certificate',
    tag: 'certificates',
    access: STAFF,
    params: idParams,
    body: certificateDecisionRequestSchema,
    responses: {
      200: { description: 'The certificate after the step', schema: staffCertificateDetailSchema },
      400: { description: 'A reason is required' },
      403: { description: 'The role may not take this step' },
      404: { description: 'Not found, or outside the viewer’s communities' },
      409: { description: 'Decided by someone else meanwhile, or not possible in this status' },
    },
    handler: async (ctx, { params, body, staff }) => {
      ctx.body = await presentStaffCertificateDetail(await decideCertificate(staff, params.id, body), staff);
    },
  }),
];
