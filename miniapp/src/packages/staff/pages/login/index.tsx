import { staffLoginRequestSchema } from '@minsheng/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../../../components/ActionButton';
import { Notice, messageOf } from '../../../../components/Notice';
import { Page } from '../../../../components/Page';
import { TextField } from '../../../../components/TextInput';
import { ApiError } from '../../../../services/request';
import { currentStaff, staffLogIn } from '../../../../services/staff';
import { staffRoutes } from '../../routes';
import './index.scss';

/** The login failure in words a staff member can act on. */
export function loginFailureText(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return '用户名或密码不正确，请重新输入。';
  if (error instanceof ApiError && error.status === 429) return '登录失败次数过多，已暂时锁定，请 15 分钟后再试。';
  return messageOf(error);
}

export default function StaffLogin() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    if (currentStaff()) void Taro.redirectTo({ url: staffRoutes.queue });
  });

  async function logIn() {
    const checked = staffLoginRequestSchema.safeParse({ username, password });
    if (!checked.success) {
      const byField: { username?: string; password?: string } = {};
      for (const issue of checked.error.issues) {
        const field = issue.path[0];
        if ((field === 'username' || field === 'password') && !byField[field]) byField[field] = issue.message;
      }
      setErrors(byField);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await staffLogIn(checked.data.username, checked.data.password);
      void Taro.redirectTo({ url: staffRoutes.queue });
    } catch (error) {
      setFailure(loginFailureText(error));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page>
      <Text className="page__title">工作人员登录</Text>
      <Text className="login__intro">区就业服务中心、社区劳动保障站工作人员使用。</Text>
      {failure ? (
        <Notice tone="error" title="登录没有成功">
          <Text>{failure}</Text>
        </Notice>
      ) : null}
      <View className="card">
        <TextField
          label="用户名"
          error={errors.username}
          value={username}
          placeholder="请输入用户名"
          maxLength={32}
          onChange={setUsername}
        />
        <TextField
          label="密码"
          error={errors.password}
          password
          value={password}
          placeholder="请输入密码"
          maxLength={128}
          onChange={setPassword}
          onConfirm={() => void logIn()}
        />
        <ActionButton kind="primary" busy={busy} onClick={() => void logIn()}>
          登录
        </ActionButton>
      </View>
    </Page>
  );
}
