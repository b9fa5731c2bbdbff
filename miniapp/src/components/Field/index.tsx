import { roleProps } from '../../a11y';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  label: string;
  /** Shown after the label: the field may be left empty. */
  optional?: boolean;
  hint?: string;
  /** A Chinese message shown under the field, in place of the hint. */
  error?: string;
  children: ReactNode;
}

/** A labelled form field with its hint or error underneath. */
export function Field({ label, optional, hint, error, children }: Props) {
  return (
    <View className="field">
      <Text className="field__label">
        {label}
        {optional ? <Text className="field__optional">（选填）</Text> : null}
      </Text>
      {children}
      {error ? (
        <View className="field__error" {...roleProps('alert')}>
          <Text>{error}</Text>
        </View>
      ) : hint ? (
        <Text className="field__hint">{hint}</Text>
      ) : null}
    </View>
  );
}
