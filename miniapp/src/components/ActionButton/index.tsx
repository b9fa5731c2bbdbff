import { Button } from '@tarojs/components'
import type { ReactNode } from 'react'

interface Props {
  /** primary: the one thing to do next; danger: cannot be undone. */
  kind?: 'primary' | 'secondary' | 'danger'
  /** Working on it: shows a spinner and ignores taps. */
  busy?: boolean
  onClick: () => void
  children: ReactNode
}

/** A full-width button at least 44 points tall (taller in elder mode). */
export function ActionButton({ kind = 'secondary', busy = false, onClick, children }: Props) {
  // Only pass the states when on: Taro's H5 button writes `disabled="false"`, which its CSS takes for disabled.
  const state = busy ? { loading: true, disabled: true } : {}
  return (
    <Button className={`button button--${kind}`} hoverClass='button--pressed' {...state} onClick={onClick}>
      {children}
    </Button>
  )
}
