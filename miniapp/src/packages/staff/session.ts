import type { Staff } from '@minsheng/shared';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { currentStaff, isSessionError } from '../../services/staff';
import { staffRoutes } from './routes';

/** Replaces the current screen with the staff login. */
export function goToLogin(): void {
  void Taro.redirectTo({ url: staffRoutes.login });
}

/**
 * The logged-in staff member. Sends the viewer to the login screen when no
 * staff session is stored, or when `error` says the BFF refused the token
 * (expired, or the account was disabled).
 */
export function useStaff(error?: unknown): Staff | null {
  const [staff] = useState(() => currentStaff());
  const refused = isSessionError(error);
  useEffect(() => {
    if (!staff || refused) goToLogin();
  }, [staff, refused]);
  return staff;
}
