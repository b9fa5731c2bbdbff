/**
 * A role for screen readers. Browsers (the H5 build) read `role`; `ariaRole`
 * is Taro's name for it on the mini-program platforms whose templates carry it
 * (Taro 4.2's WeChat templates do not yet, so there the text is what is read).
 */
export function roleProps(role: string): { role: string; ariaRole: string } {
  return { role, ariaRole: role };
}
