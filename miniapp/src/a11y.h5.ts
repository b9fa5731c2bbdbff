/**
 * A role for screen readers in the browser: `role` only. Taro's H5 components
 * would render `ariaRole` as an `aria-role` attribute, which is no ARIA
 * attribute (Lighthouse: aria-valid-attr); the mini-program keeps it (a11y.ts).
 */
export function roleProps(role: string): { role: string } {
  return { role };
}
