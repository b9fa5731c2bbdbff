import {
  applicationListResponseSchema,
  applicationSchema,
  createApplicationRequestSchema,
  resubmitApplicationRequestSchema,
  withdrawApplicationRequestSchema,
} from '@minsheng/shared';
import { answerCreated, idempotencyHeaders, requireIdempotencyKey } from '../../http/idempotency';
import { idParams } from '../../http/params';
import { route } from '../../http/route';
import { materialsByIds } from '../materials/service';
import type { ApplicationDoc } from './model';
import { presentApplication } from './presenter';
import { getOwnApplication, listOwnApplications, resubmitOwn, submitApplication, waitlistPosition, withdrawOwn } from './service';

async function present(doc: ApplicationDoc) {
  return presentApplication(doc, await materialsByIds(doc.materialIds), await waitlistPosition(doc));
}

export const applicationRoutes = [
  route({
    method: 'post',
    path: '/api/applications',
    summary: 'Submit an application (retry-safe with the Idempotency-Key header)',
    tag: 'applications',
    access: { kind: 'resident' },
    before: [requireIdempotencyKey],
    headers: idempotencyHeaders,
    body: createApplicationRequestSchema,
    responses: {
      201: { description: 'The application (also when a retry replays the first result)', schema: applicationSchema },
      403: { description: 'The real-name profile is missing' },
      409: { description: 'A live application for this programme exists, or the key was used for different content' },
      422: { description: 'Not eligible, or the programme is not accepting applications' },
    },
    handler: async (ctx, { headers, body, resident }) => {
      const { application, replayed } = await submitApplication(
        {
          residentId: resident.id,
          idempotencyKey: headers['idempotency-key'],
          programId: body.programId,
          form: body.form,
          materialIds: body.materialIds,
          declarationVersion: body.declarationVersion,
        },
        { numberPrefix: ctx.deps.config.APPLICATION_NUMBER_PREFIX },
      );
      answerCreated(ctx, replayed, await present(application));
    },
  }),
  route({
    method: 'get',
    path: '/api/applications',
    summary: "The resident's applications, newest first",
    tag: 'applications',
    access: { kind: 'resident' },
    responses: { 200: { description: 'Applications', schema: applicationListResponseSchema } },
    handler: async (ctx, { resident }) => {
      const docs = await listOwnApplications(resident.id);
      const materials = await materialsByIds(docs.flatMap((d) => d.materialIds));
      const byId = new Map(materials.map((m) => [m.id, m]));
      ctx.body = {
        items: docs.map((d) =>
          presentApplication(
            d,
            d.materialIds.flatMap((id) => byId.get(String(id)) ?? []),
            null,
          ),
        ),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/applications/:id',
    summary: 'One of the resident’s applications with its history',
    tag: 'applications',
    access: { kind: 'resident' },
    params: idParams,
    responses: { 200: { description: 'The application', schema: applicationSchema }, 404: { description: 'Not found (or not yours)' } },
    handler: async (ctx, { params, resident }) => {
      ctx.body = await present(await getOwnApplication(resident.id, params.id));
    },
  }),
  route({
    method: 'post',
    path: '/api/applications/:id/withdraw',
    summary: 'Withdraw an application before it is decided',
    tag: 'applications',
    access: { kind: 'resident' },
    params: idParams,
    body: withdrawApplicationRequestSchema,
    responses: {
      200: { description: 'The withdrawn application', schema: applicationSchema },
      404: { description: 'Not found (or not yours)' },
      409: { description: 'Already decided, or changed since it was read (stale version)' },
    },
    handler: async (ctx, { params, body, resident }) => {
      ctx.body = await present(await withdrawOwn(resident.id, params.id, body.version, body.reason));
    },
  }),
  route({
    method: 'post',
    path: '/api/applications/:id/resubmit',
    summary: 'Answer a request for more information: edit and resubmit',
    tag: 'applications',
    access: { kind: 'resident' },
    params: idParams,
    body: resubmitApplicationRequestSchema,
    responses: {
      200: { description: 'The resubmitted application', schema: applicationSchema },
      404: { description: 'Not found (or not yours)' },
      409: { description: 'No information was requested, or stale version' },
    },
    handler: async (ctx, { params, body, resident }) => {
      ctx.body = await present(await resubmitOwn(resident.id, params.id, body));
    },
  }),
];
