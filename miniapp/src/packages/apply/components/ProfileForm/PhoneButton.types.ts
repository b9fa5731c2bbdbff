export interface PhoneButtonProps {
  /** Called with the 11-digit number WeChat verified. */
  onNumber(mobile: string): void;
}
