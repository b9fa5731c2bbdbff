import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Remote } from '../../hooks/useRemote';
import { ActionButton } from '../ActionButton';
import { messageOf, Notice } from '../Notice';

interface Props<T> {
  remote: Remote<T>;
  children: (data: T) => ReactNode;
}

/** Shows "loading", or the failure with a retry button, or the loaded data. */
export function Loadable<T>({ remote, children }: Props<T>) {
  if (remote.data !== undefined) return <>{children(remote.data)}</>;
  if (remote.loading) return <Text className="page__hint">正在加载…</Text>;
  return (
    <Notice tone="error" title="没有加载出来">
      <Text>{messageOf(remote.error)}</Text>
      <ActionButton onClick={remote.reload}>重新加载</ActionButton>
    </Notice>
  );
}
