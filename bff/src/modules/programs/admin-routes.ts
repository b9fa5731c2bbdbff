import {
  adminProgramListQuerySchema,
  createProgramRequestSchema,
  programListResponseSchema,
  programSchema,
  updateProgramRequestSchema,
  type UpdateProgramRequest,
} from '@minsheng/shared';
import { idParams } from '../../http/params';
import { route } from '../../http/route';
import { audit } from '../audit/service';
import { ADMIN_ONLY, ALL_STAFF } from '../staff/routes';
import { createProgram, listAllPrograms, updateProgram } from './admin-service';
import { presentProgram } from './presenter';

/** What a change touched, for the audit: 修改项目：标题、名额 (or 关闭项目 / 重新开放项目). */
const FIELD_LABELS: Record<keyof UpdateProgramRequest, string> = {
  title: '标题',
  summary: '简介',
  benefits: '政策内容',
  eligibility: '申请条件',
  materials: '所需材料',
  details: '项目详情',
  opensAt: '开始时间',
  closesAt: '截止时间',
  status: '状态',
  capacity: '名额',
};

function changeSummary(change: UpdateProgramRequest): string {
  const fields = (Object.keys(change) as (keyof UpdateProgramRequest)[]).filter((key) => change[key] !== undefined);
  const others = fields.filter((key) => key !== 'status').map((key) => FIELD_LABELS[key]);
  const status = change.status === 'closed' ? '关闭项目' : change.status === 'open' ? '重新开放项目' : '';
  return [status, others.length > 0 ? `修改项目：${others.join('、')}` : ''].filter(Boolean).join('；') || '修改项目（无变化）';
}

/**
 * Staff's side of the catalog. There is deliberately no DELETE: a programme
 * with applications can be closed but not deleted. Closing (PATCH status
 * closed) takes it out of the residents' catalog and stops new applications;
 * existing applications go on to their end.
 */
export const programAdminRoutes = [
  route({
    method: 'get',
    path: '/api/admin/programs',
    summary: 'Every programme, closed ones too, with stalls or seats in total and left',
    tag: 'programs',
    access: ALL_STAFF,
    query: adminProgramListQuerySchema,
    responses: { 200: { description: 'The programmes', schema: programListResponseSchema } },
    handler: async (ctx, { query }) => {
      const { programs, free } = await listAllPrograms(query);
      ctx.body = { items: programs.map((p) => presentProgram(p, free.get(String(p._id)) ?? null)) };
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/programs',
    summary: 'Create a programme of any kind; parks and classes with their stalls or seats',
    tag: 'programs',
    access: ADMIN_ONLY,
    body: createProgramRequestSchema,
    responses: {
      201: { description: 'The new programme', schema: programSchema },
      409: { description: 'The code is in use' },
    },
    handler: async (ctx, { body, staff }) => {
      const { program, free } = await createProgram(body);
      await audit(staff, { action: 'program_create', programId: program._id, reason: `新建项目：${program.title}` });
      ctx.status = 201;
      ctx.body = presentProgram(program, free);
    },
  }),
  route({
    method: 'patch',
    path: '/api/admin/programs/:id',
    summary: 'Change texts, rules, materials, details, window or status (close instead of delete); add places or remove free ones',
    tag: 'programs',
    access: ADMIN_ONLY,
    params: idParams,
    body: updateProgramRequestSchema,
    responses: {
      200: { description: 'The programme after the change', schema: programSchema },
      404: { description: 'No such programme' },
      409: { description: 'Removing places that are held by applications' },
    },
    handler: async (ctx, { params, body, staff }) => {
      const { program, free } = await updateProgram(params.id, body);
      await audit(staff, { action: 'program_update', programId: program._id, reason: changeSummary(body) });
      ctx.body = presentProgram(program, free);
    },
  }),
];
