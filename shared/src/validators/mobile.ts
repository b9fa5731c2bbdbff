/** Mainland China mobile numbers: 11 digits starting 13-19, optionally +86 / 86. */
const MOBILE = /^1[3-9]\d{9}$/;

/** Strips spaces, dashes and a +86 / 0086 / 86 prefix. */
export function normalizeMobile(input: string): string {
  const compact = input.replace(/[\s-]/g, '');
  return compact.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
}

/** True for a mainland mobile number after normalisation. */
export function isValidMobile(input: string): boolean {
  return MOBILE.test(normalizeMobile(input));
}

/** Shows the first 3 and last 4 digits: 138****5678. */
export function maskMobile(input: string): string {
  const m = normalizeMobile(input);
  if (m.length !== 11) return '*'.repeat(m.length);
  return `${m.slice(0, 3)}****${m.slice(7)}`;
}
