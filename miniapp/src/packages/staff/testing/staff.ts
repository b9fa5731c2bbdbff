// Staff sessions for tests that run against the real BFF of the Jest run
// (test/global-setup.ts, whose administrator e2e/stack.ts creates).
import type { Staff } from '@minsheng/shared';
import { ADMIN } from '../../../../e2e/stack';
import { staffLogIn } from '../../../services/staff';

/** Logs the run's administrator in through the staff service, so the screens under test carry their token. */
export function logInAsAdmin(): Promise<Staff> {
  return staffLogIn(ADMIN.username, ADMIN.password);
}

export { ADMIN };
