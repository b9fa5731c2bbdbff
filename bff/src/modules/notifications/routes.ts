import {
  idempotencyKeySchema,
  markMessagesReadRequestSchema,
  markMessagesReadResponseSchema,
  messageListQuerySchema,
  messageListResponseSchema,
  subscriptionGrantRequestSchema,
  subscriptionsResponseSchema,
} from '@minsheng/shared';
import { z } from 'zod';
import { route } from '../../http/route';
import { listMessages, markRead, recordGrants, subscriptionsOf } from './service';

export const notificationRoutes = [
  route({
    method: 'get',
    path: '/api/me/messages',
    summary: "The resident's messages about their applications, newest first, with the unread count",
    tag: 'notifications',
    access: { kind: 'resident' },
    query: messageListQuerySchema,
    responses: { 200: { description: 'A page of messages; `nextCursor` fetches the next', schema: messageListResponseSchema } },
    handler: async (ctx, { query, resident }) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await listMessages(resident.id, query);
    },
  }),
  route({
    method: 'post',
    path: '/api/me/messages/read',
    summary: "Mark some of the resident's messages (or all) read",
    tag: 'notifications',
    access: { kind: 'resident' },
    body: markMessagesReadRequestSchema,
    responses: { 200: { description: 'How many were marked, and the unread count after', schema: markMessagesReadResponseSchema } },
    handler: async (ctx, { body, resident }) => {
      ctx.body = await markRead(resident.id, body);
    },
  }),
  route({
    method: 'get',
    path: '/api/me/subscriptions',
    summary: 'Subscribe-message template ids to ask for, and the grants the resident has left',
    tag: 'notifications',
    access: { kind: 'resident' },
    responses: { 200: { description: 'Template ids and unused grants', schema: subscriptionsResponseSchema } },
    handler: async (ctx, { resident }) => {
      ctx.body = await subscriptionsOf(resident.id, [ctx.deps.config.WECHAT_SUBSCRIBE_TEMPLATE_ID]);
    },
  }),
  route({
    method: 'post',
    path: '/api/me/subscriptions',
    summary:
      'Record the templates the resident accepted in requestSubscribeMessage (one message each; retry-safe with the Idempotency-Key header)',
    tag: 'notifications',
    access: { kind: 'resident' },
    headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }),
    body: subscriptionGrantRequestSchema,
    responses: {
      200: { description: 'Template ids and unused grants', schema: subscriptionsResponseSchema },
      400: { description: 'A template id the BFF does not send with' },
    },
    handler: async (ctx, { headers, body, resident }) => {
      ctx.body = await recordGrants(resident.id, body.accepted, [ctx.deps.config.WECHAT_SUBSCRIBE_TEMPLATE_ID], {
        idempotencyKey: headers['idempotency-key'],
      });
    },
  }),
];
