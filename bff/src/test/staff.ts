// The old token-based staff helper, kept for the tests not yet moved to the kit: new tests use `testKit(t).staff(role)`.
import type { StaffRole } from '@minsheng/shared';
import { testKit, type TestContext } from '../../test/kit';

export { STAFF_PASSWORD } from '../../test/kit';

/** Creates a staff account directly and logs it in over HTTP; returns its token. */
export async function staffToken(
  t: TestContext,
  role: StaffRole,
  communities?: string[],
): Promise<{ token: string; id: string; username: string }> {
  const { token, id, username } = await testKit(t).staff(role, { communities });
  return { token, id, username };
}
