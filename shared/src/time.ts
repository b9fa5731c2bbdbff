// China time (Asia/Shanghai) for the BFF and the mini-program alike, whatever
// time zone the server or the phone is set to. China has kept UTC+8 all year
// since 1991, so a fixed offset is exact for every date the product handles,
// and cheaper than building an Intl.DateTimeFormat (which some mini-program
// runtimes lack time zone data for).

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The instant moved by China's offset: its UTC fields (getUTCFullYear, getUTCHours…) read China's wall clock. */
export function chinaClock(at: Date): Date {
  return new Date(at.getTime() + CHINA_OFFSET_MS);
}

/** The calendar day in China of an instant (today by default), as YYYY-MM-DD. */
export function chinaDate(at: Date = new Date()): string {
  return chinaClock(at).toISOString().slice(0, 10);
}

/** The month in China of an instant, as YYYY-MM. */
export function chinaMonth(at: Date): string {
  return chinaDate(at).slice(0, 7);
}

/** The year in China of an instant. */
export function chinaYear(at: Date): number {
  return chinaClock(at).getUTCFullYear();
}

/** An instant as China's wall clock to the minute: "2026-11-26 09:05". */
export function chinaDateTime(at: Date): string {
  return chinaClock(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a China calendar day (YYYY-MM-DD) begins. */
export function chinaDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** The instant the China calendar day after `date` begins: the end of `date`, exclusive. */
export function chinaDayEnd(date: string): Date {
  return new Date(chinaDayStart(date).getTime() + DAY_MS);
}

/** The China calendar day `days` days after (or, negative, before) the day of `at`. */
export function chinaDateAdd(at: Date, days: number): string {
  return chinaDate(new Date(at.getTime() + days * DAY_MS));
}
