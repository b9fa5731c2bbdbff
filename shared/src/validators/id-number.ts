/**
 * The 18-digit resident identity number of GB 11643-1999:
 * 6-digit area code, 8-digit birth date, 3-digit sequence (odd = male),
 * and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;

export type Sex = 'male' | 'female';

export interface IdNumberFacts {
  /** Birth date as YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
  /** The first six digits: province, city and county of first registration. */
  areaCode: string;
}

/** Upper-cases a trailing x and removes spaces people type between groups. */
export function normalizeIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character GB 11643 assigns to the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Parses a resident ID number; returns the facts it encodes, or null when the
 * shape, the birth date or the check character is wrong.
 */
export function parseIdNumber(input: string, today: Date = new Date()): IdNumberFacts | null {
  const id = normalizeIdNumber(input);
  const m = SHAPE.exec(id);
  if (!m) return null;
  const [, y, mo, d] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  if (year < 1900 || date.getTime() > today.getTime()) return null;
  if (idNumberCheckChar(id.slice(0, 17)) !== id.charAt(17)) return null;
  return {
    birthDate: `${y}-${mo}-${d}`,
    sex: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female',
    areaCode: id.slice(0, 6),
  };
}

/** True when the input is a well-formed ID number with a correct check character. */
export function isValidIdNumber(input: string): boolean {
  return parseIdNumber(input) !== null;
}

/** Shows only the first 3 and last 4 characters: 320***********123X. */
export function maskIdNumber(input: string): string {
  const id = normalizeIdNumber(input);
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** The year of a YYYY-MM-DD birth date: what staff see beside a masked ID number. */
export function birthYearOf(birthDate: string): number {
  return Number(birthDate.slice(0, 4));
}

/** Whole years of age on the given day, from a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, day: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return Number.NaN;
  let age = day.getUTCFullYear() - y;
  const beforeBirthday = day.getUTCMonth() + 1 < m || (day.getUTCMonth() + 1 === m && day.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}
