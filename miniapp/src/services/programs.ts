import type { Program, ProgramKind, ProgramListResponse } from '@minsheng/shared';
import { request } from './request';

/** The catalog, optionally of one kind. */
export async function listPrograms(kind?: ProgramKind): Promise<Program[]> {
  const { items } = await request<ProgramListResponse>({ path: '/api/programs', data: kind ? { kind } : {} });
  return items;
}

/** One programme with its rules, materials, window and places left. */
export function getProgram(id: string): Promise<Program> {
  return request<Program>({ path: `/api/programs/${encodeURIComponent(id)}` });
}
