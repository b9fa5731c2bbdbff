import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { roleProps } from '../../a11y';

interface Props {
  /** The card's classes: `card` (a boxed item of a list) or `row` (a line of a menu), with the screen's own. */
  className: string;
  onClick: () => void;
  children: ReactNode;
}

/** A card or row that opens something when tapped: a link for screen readers, greyed while pressed. */
export function CardLink({ className, onClick, children }: Props) {
  return (
    <View className={className} hoverClass="card--pressed" {...roleProps('link')} onClick={onClick}>
      {children}
    </View>
  );
}
