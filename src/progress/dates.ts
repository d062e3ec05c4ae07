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
  // The year in four digits, as the file's dates and toISOString write years 0-999 (0999-03-01).
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
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
 * The first UTC day (1973-01-01) from which every zone's offset is whole minutes, as getTimezoneOffset
 * gives it: before, some were in seconds (local mean time; Monrovia's -0:44:30 lasted to 1972), and
 * the arithmetic below would be off by them. Days before are worked out with Dates.
 */
const WHOLE_MINUTES_FROM = 1096;

/** Days since 1970-01-01 of a date written YYYY-MM-DD (proleptic Gregorian, any year 0000-9999). */
export function dayNumber(date: string): number {
  // Howard Hinnant's days_from_civil: integer arithmetic, no Date (stats counts a year of days with it).
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date (YYYY-MM-DD) `n` days after 1970-01-01: `dayNumber`'s inverse, for years 0000-9999. */
export function dateOfDay(n: number): string {
  // Howard Hinnant's civil_from_days.
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The offset from UTC (ms, local = UTC + offset) at the start of each UTC day, kept per day: one Date a day. */
function offsetsByUtcDay(): (utcDay: number) => number {
  const offsets = new Map<number, number>();
  return (utcDay) => {
    let offset = offsets.get(utcDay);
    if (offset === undefined) {
      offset = -new Date(utcDay * DAY_MS).getTimezoneOffset() * 60_000;
      offsets.set(utcDay, offset);
    }
    return offset;
  };
}

/**
 * The bounds [start, end) in ms of the learner's local days, as `localDayStart` gives them (the day's
 * start, the next day's start), without two Dates a day: where the offset from UTC is the same at the
 * four UTC midnights around a day (a day and its neighbours hold no clock change, as `localDayOf`
 * takes it), its start is its UTC midnight less that offset and it lasts 24 hours. Offsets are kept
 * per UTC day; the days around a clock change get their Dates.
 */
export function localDayBoundsOf(): (date: string) => [start: number, end: number] {
  const offsetAt = offsetsByUtcDay();
  return (date) => {
    const day = dayNumber(date);
    if (day >= WHOLE_MINUTES_FROM) {
      const offset = offsetAt(day);
      if (offsetAt(day - 1) === offset && offsetAt(day + 1) === offset && offsetAt(day + 2) === offset) {
        const start = day * DAY_MS - offset;
        return [start, start + DAY_MS];
      }
    }
    return [localDayStart(date), localDayStart(date, 1)];
  };
}

/**
 * The learner's local date of an instant, as `localDate` gives it, without a Date for each of
 * thousands of reviews: a UTC day whose start and end have the same offset from UTC (every day but
 * the two a year when the clocks change) has that offset throughout, so the local day is found by
 * arithmetic; the rest, and days before 1973 (`WHOLE_MINUTES_FROM`), get a Date each. Offsets are
 * kept per UTC day, day names per local day.
 *
 * (Written so, with a Date to name a day: a version that shared `offsetsByUtcDay` and named days
 * with `dateOfDay` was no faster over a year of reviews, yet hot enough for V8 to optimise it, which
 * added 4 MB to the peak memory of `progress --json`.)
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
      offset = utcDay >= WHOLE_MINUTES_FROM && start === offsetAt((utcDay + 1) * DAY_MS) ? start : undefined;
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
