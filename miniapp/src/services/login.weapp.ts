import Taro from '@tarojs/taro';
import type { LoginModule } from './login.types';

/** A `wx.login` code, which the BFF exchanges with WeChat for the resident's openid. */
export const loginCode: LoginModule['loginCode'] = async () => {
  const { code } = await Taro.login();
  return code;
};

/** WeChat's user is whoever owns the phone's WeChat account: nothing to ask for. */
export const requestedIdentity: LoginModule['requestedIdentity'] = () => null;
