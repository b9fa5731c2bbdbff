import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useElderMode } from '../../hooks/useElderMode';

interface Props {
  className?: string;
  children: ReactNode;
}

/** The root view of every page: carries the theme class that elder mode switches. */
export function Page({ className, children }: Props) {
  const elder = useElderMode();
  const classes = ['page', elder ? 'page--elder' : '', className ?? ''].filter(Boolean).join(' ');
  return <View className={classes}>{children}</View>;
}
