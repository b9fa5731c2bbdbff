import type { PhoneButtonProps } from './PhoneButton.types';

/** A browser has no verified phone number to offer: the resident types it. */
export function PhoneButton(_props: PhoneButtonProps) {
  return null;
}
