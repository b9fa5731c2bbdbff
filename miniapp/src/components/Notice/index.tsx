import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { roleProps } from '../../a11y';
import { ApiError, NetworkError } from '../../services/request';
import './index.scss';

type Tone = 'info' | 'success' | 'warning' | 'error';

interface Props {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
}

/** A boxed message: an error, a result, or something the resident should know. */
export function Notice({ tone = 'info', title, children }: Props) {
  return (
    <View className={`notice notice--${tone}`} {...roleProps(tone === 'error' ? 'alert' : 'status')}>
      {title ? <Text className="notice__title">{title}</Text> : null}
      {children}
    </View>
  );
}

/** What went wrong with a call, when something did: a red notice with the Chinese message, and what to do (children). */
export function FailureNotice({ title, error, children }: { title: string; error: unknown; children?: ReactNode }) {
  if (!error) return null;
  return (
    <Notice tone="error" title={title}>
      <Text>{messageOf(error)}</Text>
      {children}
    </Notice>
  );
}

/** The Chinese message to show for a failed call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  return '系统出了点问题，请稍后再试';
}
