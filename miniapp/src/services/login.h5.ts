import Taro from '@tarojs/taro';
import type { LoginModule } from './login.types';

const DEV_NAME_KEY = 'minsheng.devName';
const DEV_NAME = /^[A-Za-z0-9_-]{1,60}$/;

/**
 * The browser has no `wx.login`, so H5 logs in with `dev:<name>`, which only
 * the BFF's WeChat stand-in accepts. `?dev=<name>` in the address (before the
 * `#`) picks the resident, for demos and browser tests; otherwise this browser
 * makes up a name and keeps it, so reloading keeps the same resident.
 */
export const loginCode: LoginModule['loginCode'] = async () => {
  const name = requestedIdentity() ?? storedName() ?? `h5-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  Taro.setStorageSync(DEV_NAME_KEY, name);
  return `dev:${name}`;
};

export const requestedIdentity: LoginModule['requestedIdentity'] = () => {
  const name = new URLSearchParams(window.location.search).get('dev');
  return name !== null && DEV_NAME.test(name) ? name : null;
};

function storedName(): string | null {
  const name: unknown = Taro.getStorageSync(DEV_NAME_KEY);
  return typeof name === 'string' && DEV_NAME.test(name) ? name : null;
}
