import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { phoneNumberFromWechat } from '../../../../services/me';
import type { PhoneButtonProps } from './PhoneButton.types';

/** WeChat's own button: the resident taps, confirms, and the number they verified fills the field. */
export function PhoneButton({ onNumber }: PhoneButtonProps) {
  return (
    <Button
      className="button"
      openType="getPhoneNumber"
      onGetPhoneNumber={(event) => {
        const code = (event.detail as { code?: string }).code;
        if (!code) return;
        phoneNumberFromWechat(code)
          .then(onNumber)
          .catch(() => void Taro.showToast({ title: '获取失败，请手动填写', icon: 'none' }));
      }}
    >
      使用微信绑定的手机号
    </Button>
  );
}
