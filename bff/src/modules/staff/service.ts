import { hash, verify } from '@node-rs/argon2';
import { Types } from 'mongoose';
import type { CreateStaffRequest, StaffRole, UpdateStaffRequest } from '@minsheng/shared';
import { AppError, conflict, forbidden, notFound, unauthenticated, validationFailed } from '../../errors';
import type { StaffPrincipal } from '../../http/context';
import { communityScope } from '../../http/scope';
import type { PiiCipher } from '../../security/pii';
import { requireNotRevoked } from '../../security/revocation';
import type { TokenClaims, TokenService } from '../../security/tokens';
import { claim, claimOr } from '../../db/claim';
import { serialized } from '../../db/serialized';
import { communitiesExist } from '../communities/service';
import { LoginThrottleModel, StaffModel, type StaffDoc } from './model';

/** Failures inside one window before answers slow down, and before the key is locked. */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  /** Failures of one account before its answers slow down. */
  slowAfter: 3,
  /**
   * Failures before a key is locked: an account soon, an address later, since
   * a village station's officers often share one address.
   */
  lockAfter: { user: 8, ip: 30 },
  lockMs: 15 * 60_000,
  maxDelayMs: 2000,
};

// Verified against when the username is unknown, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

async function lockedUntil(keys: string[], now: Date): Promise<Date | null> {
  const rows = await LoginThrottleModel.find({ _id: { $in: keys }, lockedUntil: { $gt: now } }).lean();
  const times = rows.map((r) => r.lockedUntil?.getTime() ?? 0);
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** Counts one failure for the key; returns its failures in the current window. */
async function countFailure(key: string, lockAfter: number, now: Date): Promise<number> {
  const windowFloor = new Date(now.getTime() - THROTTLE.windowMs);
  // A window that has passed starts again at one failure.
  const reset = await LoginThrottleModel.findOneAndUpdate(
    { _id: key, windowStart: { $lt: windowFloor } },
    { $set: { failures: 1, windowStart: now, lockedUntil: null } },
    { returnDocument: 'after' },
  ).lean();
  const row =
    reset ??
    (await LoginThrottleModel.findOneAndUpdate(
      { _id: key },
      { $inc: { failures: 1 }, $setOnInsert: { windowStart: now } },
      { upsert: true, returnDocument: 'after' },
    ).lean());
  const failures = row?.failures ?? 1;
  if (failures >= lockAfter) {
    await LoginThrottleModel.updateOne({ _id: key }, { $set: { lockedUntil: new Date(now.getTime() + THROTTLE.lockMs) } });
  }
  return failures;
}

/**
 * The throttle's keys for a login: keyed hashes (the blind index of ID numbers, `security/pii.ts`), never
 * the typed username or the address themselves: people type their ID number or mobile as a username.
 */
function throttleKeys(username: string, ip: string, pii: PiiCipher): { user: string; ip: string } {
  return { user: `user:${pii.hash(`login-username:${username}`)}`, ip: `ip:${pii.hash(`login-address:${ip}`)}` };
}

/** Counts one failure for the account and the address; returns the account's failures in its window. */
async function recordFailure(keys: { user: string; ip: string }, now: Date): Promise<number> {
  // Parallel guesses must each count: one key's counter changes one write at a time (see `serialized`).
  const count = (key: string, lockAfter: number) => serialized(`login-throttle:${key}`, () => countFailure(key, lockAfter, now));
  await count(keys.ip, THROTTLE.lockAfter.ip);
  return count(keys.user, THROTTLE.lockAfter.user);
}

/**
 * Checks a username and password. Repeated failures for an account or from an
 * address are answered ever more slowly, then refused (429) for a while.
 */
export async function login(username: string, password: string, ip: string, deps: { tokens: TokenService; pii: PiiCipher }) {
  const now = new Date();
  const keys = throttleKeys(username, ip, deps.pii);
  const locked = await lockedUntil([keys.user, keys.ip], now);
  if (locked) {
    throw new AppError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试', undefined, {
      retryAfterSeconds: Math.ceil((locked.getTime() - now.getTime()) / 1000),
    });
  }
  const staff = await StaffModel.findOne({ username }).lean<StaffDoc>();
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verify(staff?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!staff || !ok || staff.disabled) {
    const failures = await recordFailure(keys, now);
    if (failures > THROTTLE.slowAfter) {
      const delay = Math.min(THROTTLE.maxDelayMs, 250 * 2 ** (failures - THROTTLE.slowAfter - 1));
      await new Promise((r) => setTimeout(r, delay));
    }
    if (staff?.disabled && ok) throw new AppError('BAD_CREDENTIALS', '该账号已停用，请联系管理员');
    throw new AppError('BAD_CREDENTIALS');
  }
  await LoginThrottleModel.deleteOne({ _id: keys.user });
  const issued = await deps.tokens.issue(String(staff._id), 'staff', { gen: staff.tokenGeneration });
  return { ...issued, staff };
}

/**
 * Resolves a staff token to its account and its claims; a disabled account, an old generation or a token
 * logged out is refused. The account and the revocation are two reads by _id, side by side.
 */
export async function principalFromToken(token: string, tokens: TokenService): Promise<{ principal: StaffPrincipal; claims: TokenClaims }> {
  const claims = await tokens.verify(token, 'staff');
  if (!Types.ObjectId.isValid(claims.sub)) throw unauthenticated();
  const [staff] = await Promise.all([StaffModel.findById(claims.sub).lean<StaffDoc>(), requireNotRevoked(claims)]);
  if (!staff || staff.disabled || staff.tokenGeneration !== (claims.gen ?? -1)) {
    throw unauthenticated('账号已停用或登录已失效，请重新登录');
  }
  const principal: StaffPrincipal = {
    id: String(staff._id),
    username: staff.username,
    name: staff.name,
    role: staff.role,
    communities: staff.communities,
    scope: communityScope(staff.role, staff.communities),
  };
  return { principal, claims };
}

export function requireRole(principal: StaffPrincipal, roles: readonly StaffRole[]): void {
  if (!roles.includes(principal.role)) throw forbidden();
}

async function checkCommunities(codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  if (!(await communitiesExist(codes))) throw validationFailed({ communities: '有社区编码不存在' });
}

export async function createStaff(input: CreateStaffRequest & { communities: string[] }): Promise<StaffDoc> {
  await checkCommunities(input.communities);
  if (input.role === 'officer' && input.communities.length === 0) {
    throw validationFailed({ communities: '协理员至少要负责一个社区' });
  }
  const passwordHash = await hashPassword(input.password);
  const doc = await claimOr(
    () => StaffModel.create({ username: input.username, name: input.name, passwordHash, role: input.role, communities: input.communities }),
    () => {
      throw conflict('CONFLICT', '用户名已被使用');
    },
  );
  return doc.toObject() as StaffDoc;
}

export async function updateStaff(id: string, input: UpdateStaffRequest, actorId: string): Promise<StaffDoc> {
  if (!Types.ObjectId.isValid(id)) throw notFound('账号不存在');
  const current = await StaffModel.findById(id).lean<StaffDoc>();
  if (!current) throw notFound('账号不存在');
  if (input.communities) await checkCommunities(input.communities);
  if (id === actorId && (input.disabled === true || (input.role && input.role !== 'admin'))) {
    throw validationFailed({ role: '不能停用自己或取消自己的管理员角色' });
  }
  const role = input.role ?? current.role;
  const communities = input.communities ?? current.communities;
  if (role === 'officer' && communities.length === 0) throw validationFailed({ communities: '协理员至少要负责一个社区' });
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.role !== undefined) set.role = input.role;
  if (input.communities !== undefined) set.communities = input.communities;
  if (input.disabled !== undefined) set.disabled = input.disabled;
  if (input.password !== undefined) set.passwordHash = await hashPassword(input.password);
  const revoke = input.disabled === true || input.password !== undefined;
  const updated = await StaffModel.findOneAndUpdate(
    { _id: id },
    { $set: set, ...(revoke ? { $inc: { tokenGeneration: 1 } } : {}) },
    { returnDocument: 'after' },
  ).lean<StaffDoc>();
  if (!updated) throw notFound('账号不存在');
  return updated;
}

export async function listStaff(): Promise<StaffDoc[]> {
  return StaffModel.find().sort({ role: 1, username: 1 }).limit(1000).lean<StaffDoc[]>();
}

/** Creates the first administrator from configuration, once; an existing account is left as it is. */
export async function ensureFirstAdmin(username: string | undefined, password: string | undefined): Promise<boolean> {
  if (!username || !password) return false;
  const exists = await StaffModel.exists({ username: username.toLowerCase() });
  if (exists) return false;
  const passwordHash = await hashPassword(password);
  return claim(() => StaffModel.create({ username: username.toLowerCase(), name: '管理员', passwordHash, role: 'admin', communities: [] }));
}
