import type { CreateStaffRequest, Staff, UpdateStaffRequest } from '@minsheng/shared';
import { randomBytes } from './randomBytes';
import { staffRequest } from './staff';

// 工作人员账号: an administrator creates reviewers and officers, changes their role and communities,
// resets a password and disables an account (GET/POST /api/admin/staff, PATCH /api/admin/staff/:id).

/** Every staff account, administrators first (the BFF's order: role, then username). */
export async function listStaffAccounts(): Promise<Staff[]> {
  const { items } = await staffRequest<{ items: Staff[] }>({ path: '/api/admin/staff' });
  return items;
}

/** Creates an account with its initial password; answers the account (never the password). */
export function createStaffAccount(request: CreateStaffRequest): Promise<Staff> {
  return staffRequest<Staff>({ method: 'POST', path: '/api/admin/staff', data: { ...request } });
}

/** Changes an account: role, communities, password, disabled. A new password or disabling ends its sessions. */
export function updateStaffAccount(id: string, change: UpdateStaffRequest): Promise<Staff> {
  return staffRequest<Staff>({ method: 'PATCH', path: `/api/admin/staff/${encodeURIComponent(id)}`, data: { ...change } });
}

// No 0/O, 1/l/I: the password is read out or copied by hand.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const GENERATED_PASSWORD_LENGTH = 12;

/** A random password of 12 characters from the platform's secure generator, each character equally likely. */
export async function generatePassword(): Promise<string> {
  const n = PASSWORD_ALPHABET.length;
  // Bytes at or above the last whole multiple of n are dropped, so that no character is likelier than another.
  const limit = 256 - (256 % n);
  let password = '';
  while (password.length < GENERATED_PASSWORD_LENGTH) {
    for (const byte of await randomBytes(32)) {
      if (byte < limit && password.length < GENERATED_PASSWORD_LENGTH) password += PASSWORD_ALPHABET[byte % n];
    }
  }
  return password;
}
