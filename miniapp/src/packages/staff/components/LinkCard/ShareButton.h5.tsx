import type { ShareButtonProps } from './ShareButton.types';

/** A browser cannot share a mini-program card: staff copy the H5 address instead. */
export function ShareButton(_props: ShareButtonProps) {
  return null;
}
