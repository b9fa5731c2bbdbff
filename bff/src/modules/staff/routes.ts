import {
  STAFF_ROLE_LABELS,
  createStaffRequestSchema,
  staffLoginRequestSchema,
  staffLoginResponseSchema,
  staffSchema,
  updateStaffRequestSchema,
  type UpdateStaffRequest,
} from '@minsheng/shared';
import { z } from 'zod';
import { idParams } from '../../http/params';
import { route } from '../../http/route';
import { logoutRoute } from '../../security/revocation';
import { audit } from '../audit/service';
import { presentStaff } from './presenter';
import { createStaff, listStaff, login, updateStaff } from './service';

export const ADMIN_ONLY = { kind: 'staff', roles: ['admin'] } as const;
export const ALL_STAFF = { kind: 'staff', roles: ['admin', 'reviewer', 'officer'] } as const;

/** What an account change changed, for the audit log: the fields, never a password. */
function changeSummary(username: string, body: UpdateStaffRequest): string {
  const parts: string[] = [];
  if (body.name !== undefined) parts.push(`姓名改为 ${body.name}`);
  if (body.role !== undefined) parts.push(`角色改为 ${STAFF_ROLE_LABELS[body.role]}`);
  if (body.communities !== undefined) parts.push(`负责社区改为 ${body.communities.join('、') || '无'}`);
  if (body.password !== undefined) parts.push('重设密码');
  if (body.disabled !== undefined) parts.push(body.disabled ? '停用' : '启用');
  return `修改账号 ${username}：${parts.join('，')}`;
}

export const staffRoutes = [
  route({
    method: 'post',
    path: '/api/admin/login',
    summary: 'Staff login with username and password',
    tag: 'staff',
    access: { kind: 'public' },
    body: staffLoginRequestSchema,
    responses: {
      200: { description: 'A staff bearer token', schema: staffLoginResponseSchema },
      401: { description: 'Wrong username or password' },
      429: { description: 'Too many failures; try later' },
    },
    handler: async (ctx, { body }) => {
      const { token, expiresAt, staff } = await login(body.username, body.password, ctx.ip, ctx.deps);
      ctx.body = { token, expiresAt: expiresAt.toISOString(), staff: presentStaff(staff) };
    },
  }),
  logoutRoute({
    path: '/api/admin/logout',
    summary: 'Staff logout: the presented token stops working at once (other sessions of the account go on)',
    tag: 'staff',
    access: ALL_STAFF,
  }),
  route({
    method: 'get',
    path: '/api/admin/me',
    summary: 'The logged-in staff member',
    tag: 'staff',
    access: ALL_STAFF,
    responses: {
      200: {
        description: 'The account',
        schema: z.object({ id: z.string(), username: z.string(), name: z.string(), role: z.string(), communities: z.array(z.string()) }),
      },
    },
    handler: async (ctx, { staff }) => {
      ctx.body = { id: staff.id, username: staff.username, name: staff.name, role: staff.role, communities: staff.communities };
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/staff',
    summary: 'All staff accounts',
    tag: 'staff',
    access: ADMIN_ONLY,
    responses: { 200: { description: 'Accounts', schema: z.object({ items: z.array(staffSchema) }) } },
    handler: async (ctx) => {
      ctx.body = { items: (await listStaff()).map(presentStaff) };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/staff',
    summary: 'Create a staff account',
    tag: 'staff',
    access: ADMIN_ONLY,
    body: createStaffRequestSchema,
    responses: { 201: { description: 'Created', schema: staffSchema }, 409: { description: 'Username taken' } },
    handler: async (ctx, { body, staff }) => {
      const created = await createStaff(body);
      await audit(staff, {
        action: 'staff_create',
        accountId: created._id,
        reason: `新建账号 ${created.username}（${STAFF_ROLE_LABELS[created.role]}）`,
      });
      ctx.status = 201;
      ctx.body = presentStaff(created);
    },
  }),
  route({
    method: 'patch',
    path: '/api/admin/staff/:id',
    summary: 'Change name, password, role, communities; disable or enable',
    tag: 'staff',
    access: ADMIN_ONLY,
    params: idParams,
    body: updateStaffRequestSchema,
    responses: { 200: { description: 'Updated', schema: staffSchema }, 404: { description: 'No such account' } },
    handler: async (ctx, { params, body, staff }) => {
      const updated = await updateStaff(params.id, body, staff.id);
      await audit(staff, { action: 'staff_update', accountId: updated._id, reason: changeSummary(updated.username, body) });
      ctx.body = presentStaff(updated);
    },
  }),
];
