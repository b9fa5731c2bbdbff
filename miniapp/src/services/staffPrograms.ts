import type { CreateProgramRequest, Program, UpdateProgramRequest } from '@minsheng/shared';
import { forgetStaffPrograms, staffRequest } from './staff';

// 服务目录: an administrator opens a class or a park, edits a programme's texts, window and places, and
// closes it (GET/POST /api/admin/programs, PATCH /api/admin/programs/:id). There is no deleting.

/** Every programme of every kind, closed ones too, in the BFF's order (kind, then code). */
export async function listCatalog(): Promise<Program[]> {
  const { items } = await staffRequest<{ items: Program[] }>({ path: '/api/admin/programs' });
  return items;
}

/** Creates a programme with its stalls or seats; answers it as staff see it. */
export async function createStaffProgram(request: CreateProgramRequest): Promise<Program> {
  const program = await staffRequest<Program>({ method: 'POST', path: '/api/admin/programs', data: { ...request } });
  forgetStaffPrograms();
  return program;
}

/** Changes a programme: texts, window, places, or its status (closed to stop new applications). */
export async function updateStaffProgram(id: string, change: UpdateProgramRequest): Promise<Program> {
  const program = await staffRequest<Program>({
    method: 'PATCH',
    path: `/api/admin/programs/${encodeURIComponent(id)}`,
    data: { ...change },
  });
  forgetStaffPrograms();
  return program;
}
