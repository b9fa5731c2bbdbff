import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A titled section whose content sits in one card. */
export function CardSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="section">
      <Text className="section__title">{title}</Text>
      <View className="card">{children}</View>
    </View>
  );
}
