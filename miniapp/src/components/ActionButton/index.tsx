import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';
import { roleProps } from '../../a11y';

interface Props {
  /** primary: the one thing to do next; danger: cannot be undone. */
  kind?: 'primary' | 'secondary' | 'danger';
  /** Working on it: shows a spinner and ignores taps. */
  busy?: boolean;
  /** What a screen reader says instead of the text, when the text alone is ambiguous (several alike on one screen). */
  label?: string;
  onClick: () => void;
  children: ReactNode;
}

/** A full-width button at least 44 points tall (taller in elder mode). */
export function ActionButton({ kind = 'secondary', busy = false, label, onClick, children }: Props) {
  // Only pass the states when on: Taro's H5 button writes `disabled="false"`, which its CSS takes for disabled.
  const state = busy ? { loading: true, disabled: true } : {};
  const named = label ? { 'aria-label': label } : {};
  // Taro's H5 button is a custom element that names no role of its own.
  return (
    <Button
      className={`button button--${kind}`}
      hoverClass="button--pressed"
      {...roleProps('button')}
      {...state}
      {...named}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}
