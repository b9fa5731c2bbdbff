/**
 * Money is an integer number of fen (分). Yuan appear only at the edges:
 * parsed from what a person types and formatted for display.
 */

const YUAN_TEXT = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** Parses "28000", "28,000.5" or "1400.00" yuan into fen; null if it is not an amount. */
export function parseYuan(input: string): number | null {
  const m = YUAN_TEXT.exec(input.replace(/[,，\s]/g, ''));
  if (!m) return null;
  const [, whole = '0', frac = ''] = m;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Formats fen as yuan with thousands separators: 105000000 → "1,050,000.00". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}${whole}.${cents}`;
}

/** Whole yuan to fen, for figures written in yuan (catalog, seed data). */
export function yuanToFen(yuan: number): number {
  if (!Number.isSafeInteger(yuan)) throw new RangeError('yuanToFen takes whole yuan');
  return yuan * 100;
}
