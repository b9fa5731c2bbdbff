import { randomUUID } from 'node:crypto';
import type { ProfileInput, Staff, StaffRole, TokenResponse } from '@minsheng/shared';
import type supertest from 'supertest';
import { actor, loginResident, loginStaff, ok, type Actor, type Resident, type StaffMember } from './client';

export const STAFF_PASSWORD = 'correct-horse-battery';

/** A staff account to make, before it logs in. */
export interface NewStaff {
  username: string;
  name: string;
  password: string;
  role: StaffRole;
  communities: string[];
}

/** A BFF to test against: where it listens and how a staff account is made on it. */
export interface KitTarget {
  baseUrl: string;
  /** Makes the account (directly in an in-process app's database, or by the administrator over HTTP); answers its id. */
  createStaff(account: NewStaff): Promise<string>;
}

export interface TestKit {
  baseUrl: string;
  /** Nobody logged in. */
  anonymous: Actor;
  /** A new resident logged in through the WeChat stand-in (`dev:<name>`); with `profile`, their real-name profile (`profileInput`) saved. */
  resident(options: { name?: string; profile: Partial<ProfileInput> }): Promise<Resident & { profile: ProfileInput }>;
  resident(options?: { name?: string }): Promise<Resident>;
  /** A new staff account of this role (officers: of `communities`, jmjy unless given; named 测试<role> unless given), logged in. */
  staff(role: StaffRole, options?: { communities?: string[]; name?: string }): Promise<StaffMember>;
  /** A new officer of the community, logged in. */
  officer(community: string): Promise<StaffMember>;
  /** A new administrator, logged in. */
  admin(): Promise<StaffMember>;
}

/** The actors of a test against `target`, each with a token of its own. */
export function testKit(target: KitTarget): TestKit {
  const staff: TestKit['staff'] = async (role, options = {}) => {
    const account: NewStaff = {
      username: `${role}-${randomUUID().slice(0, 8)}`,
      name: options.name ?? `测试${role}`,
      password: STAFF_PASSWORD,
      role,
      communities: options.communities ?? (role === 'officer' ? ['jmjy'] : []),
    };
    const id = await target.createStaff(account);
    return loginStaff(target.baseUrl, { id, ...account });
  };
  return {
    baseUrl: target.baseUrl,
    anonymous: actor(target.baseUrl),
    resident: ((options: { name?: string; profile?: Partial<ProfileInput> } = {}) =>
      loginResident(target.baseUrl, options)) as TestKit['resident'],
    staff,
    officer: (community) => staff('officer', { communities: [community] }),
    admin: () => staff('admin'),
  };
}

/** A BFF process (or stack) whose administrator makes the staff accounts over HTTP. */
export function remoteTarget(baseUrl: string, admin: { username: string; password: string }): KitTarget {
  let adminToken: Promise<string> | null = null;
  return {
    baseUrl,
    async createStaff(account) {
      adminToken ??= ok<TokenResponse>(actor(baseUrl).post('/api/admin/login').send(admin)).then((r) => r.token);
      const created = await ok<Staff>(
        actor(baseUrl, await adminToken)
          .post('/api/admin/staff')
          .send(account),
      );
      return created.id;
    },
  };
}

/**
 * Sends a request that must be refused with this status and error code, and
 * checks that `stored()` (a count, say) is the same after it as before.
 */
export async function expectRefused(
  request: () => PromiseLike<supertest.Response>,
  status: number,
  code: string,
  stored: () => Promise<unknown>,
): Promise<supertest.Response> {
  const before = await stored();
  const res = await request();
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(await stored()).toEqual(before);
  return res;
}
