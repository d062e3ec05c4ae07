/** Times and dates as the progress file holds them. Checked without making a Date: a year of reviews holds thousands. */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether day `d` of month `m` (1-12) of year `y` exists. */
function dayExists(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] as number));
}

/**
 * An instant as mlroadmap writes it (`Date.toISOString()`), or with a UTC offset: 2026-03-01T09:30:00.000Z.
 * Every string this accepts, Date.parse reads (years 0000-9999, offsets up to ±23:59).
 */
export function isIsoTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (!/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(value)) return false;
  return dayExists(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
}

/** A calendar date that exists, written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return dayExists(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
}

/** The learner's calendar date (local time) of an instant, YYYY-MM-DD. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The first moment (ms) of the learner's local day `date` (YYYY-MM-DD), or of the day `days` after
 * it: the day's start as `localDate` reads it (where a day begins at 01:00, then).
 */
export function localDayStart(date: string, days = 0): number {
  // setFullYear, not new Date(y, m, d): years below 100 are years, not 1900 plus.
  const at = new Date(2000, 0, 1);
  at.setFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days);
  at.setHours(0, 0, 0, 0);
  return at.getTime();
}

const DAY_MS = 86_400_000;

/**
 * The learner's local date of an instant, as `localDate` gives it, without a Date for each of
 * thousands of reviews: a UTC day whose start and end have the same offset from UTC (every day but
 * the two a year when the clocks change) has that offset throughout, so the local day is found by
 * arithmetic; the rest get a Date each. Offsets and day names are kept per day.
 */
export function localDayOf(): (ms: number) => string {
  const offsets = new Map<number, number | undefined>();
  const names = new Map<number, string>();
  const offsetAt = (ms: number) => -new Date(ms).getTimezoneOffset() * 60_000;
  return (ms) => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = offsets.get(utcDay);
    if (!offsets.has(utcDay)) {
      const start = offsetAt(utcDay * DAY_MS);
      offset = start === offsetAt((utcDay + 1) * DAY_MS) ? start : undefined;
      offsets.set(utcDay, offset);
    }
    if (offset === undefined) return localDate(new Date(ms));
    const day = Math.floor((ms + offset) / DAY_MS);
    let name = names.get(day);
    if (name === undefined) {
      name = new Date(day * DAY_MS).toISOString().slice(0, 10);
      names.set(day, name);
    }
    return name;
  };
}
