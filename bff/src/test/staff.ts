import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@minsheng/shared';
import { createStaff } from '../modules/staff/service';
import type { TestContext } from './support';

export const STAFF_PASSWORD = 'correct-horse-battery';

/** Creates a staff account directly and logs it in over HTTP; returns its token. */
export async function staffToken(
  t: TestContext,
  role: StaffRole,
  communities: string[] = role === 'officer' ? ['jmjy'] : [],
): Promise<{ token: string; id: string; username: string }> {
  const username = `${role}-${randomUUID().slice(0, 8)}`;
  const staff = await createStaff({ username, name: `测试${role}`, password: STAFF_PASSWORD, role, communities });
  const res = await t.http.post('/api/admin/login').send({ username, password: STAFF_PASSWORD }).expect(200);
  return { token: (res.body as { token: string }).token, id: String(staff._id), username };
}
