import { isRecord, put } from '../json.js';
import { isCalendarDate, localDayBoundsOf, localDayOf } from './dates.js';

/**
 * A pack's review grades counted by the learner's local day, kept in the file beside `reviewDays`
 * (format 5, see history.ts) so that `mlroadmap stats` counts a year of reviews without reading them:
 *
 *   "reviewTally": { "days": [["<YYYY-MM-DD>", <start>, <end>, <grades>, <later>, <remembered>], ...],
 *                    "unordered": { "<card id>": [<later>, <remembered>] } }
 *
 * Each day is a local day of the machine that wrote the file, with its bounds [start, end) in ms
 * since the epoch. A reader whose own local day of that date has the same bounds would put every
 * grade counted there on that day too, so it may take the counts as they are; a reader anywhere
 * else (another time zone, new daylight-saving rules) counts from the history (`tallyHolds`).
 * `later` counts the grades of a card after its first in time, `remembered` those of them that
 * were not "again": what stats' retention counts. `unordered` is there only for cards whose log is
 * not in order of time (a clock set back), with the card's own two counts: for every other card
 * they are its summary's count less one and its `recalled` (history.ts).
 */
export type TallyDay = [date: string, start: number, end: number, grades: number, later: number, remembered: number];

export interface ReviewTally {
  days: TallyDay[];
  unordered?: Record<string, [later: number, remembered: number]>;
}

/** One card's log for `tallyOfTimed`: its id, its entries' grades and their times in ms. */
export type TimedLog = readonly [cardId: string, log: readonly { grade: string }[], times: readonly number[]];

/** The tally of `cards`, in this machine's local days. */
export function tallyOfTimed(cards: Iterable<TimedLog>): ReviewTally {
  const localDay = localDayOf();
  const byDay = new Map<string, [number, number, number]>();
  let unordered: Record<string, [number, number]> | undefined;
  for (const [cardId, log, times] of cards) {
    let sorted = true;
    for (let i = 1; i < times.length; i++) {
      if ((times[i] as number) < (times[i - 1] as number)) {
        sorted = false;
        break;
      }
    }
    const order = times.map((_, i) => i);
    // A stable sort: grades given at one time keep the log's order, as stats' `timeOrder` has them.
    if (!sorted) order.sort((a, b) => (times[a] as number) - (times[b] as number));
    let later = 0;
    let remembered = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const day = localDay(times[i] as number);
      let counts = byDay.get(day);
      if (!counts) {
        counts = [0, 0, 0];
        byDay.set(day, counts);
      }
      counts[0]++;
      if (k === 0) continue;
      counts[1]++;
      later++;
      if (log[i]?.grade !== 'again') {
        counts[2]++;
        remembered++;
      }
    }
    if (!sorted) {
      unordered ??= {};
      put(unordered, cardId, [later, remembered]);
    }
  }
  const dayBounds = localDayBoundsOf();
  const days = [...byDay.keys()].sort().map((date): TallyDay => {
    const [start, end] = dayBounds(date);
    const [grades, later, remembered] = byDay.get(date) as [number, number, number];
    return [date, start, end, grades, later, remembered];
  });
  return unordered ? { days, unordered } : { days };
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * `raw` (a pack's "reviewTally" from a file) when it is a tally this machine may count from: well
 * formed, its days in order, and each day's bounds this machine's own. Undefined otherwise.
 */
export function tallyHolds(raw: unknown): ReviewTally | undefined {
  if (!isRecord(raw)) return undefined;
  // Asked again of the same tally (a streak, then stats), in the same zone: the same answer.
  const zone = process.env.TZ;
  const known = held.get(raw);
  if (known && known.zone === zone) return known.tally;
  const tally = checkTally(raw);
  held.set(raw, { zone, tally });
  return tally;
}

const held = new WeakMap<object, { zone: string | undefined; tally: ReviewTally | undefined }>();

function checkTally(raw: Record<string, unknown>): ReviewTally | undefined {
  if (!Array.isArray(raw.days)) return undefined;
  let previous = '';
  const dayBounds = localDayBoundsOf();
  const days = raw.days as unknown[];
  // Indexes rather than destructuring: this runs once a process, unoptimised, over a year of days.
  for (let i = 0; i < days.length; i++) {
    const day = days[i];
    if (!Array.isArray(day) || day.length !== 6) return undefined;
    const date: unknown = day[0];
    const start: unknown = day[1];
    const end: unknown = day[2];
    const grades: unknown = day[3];
    const later: unknown = day[4];
    const remembered: unknown = day[5];
    if (typeof date !== 'string' || date <= previous || !isCalendarDate(date)) return undefined;
    if (!isCount(grades) || !isCount(later) || !isCount(remembered) || later > grades || remembered > later) return undefined;
    const [from, to] = dayBounds(date);
    if (start !== from || end !== to) return undefined;
    previous = date;
  }
  if (raw.unordered !== undefined) {
    if (!isRecord(raw.unordered)) return undefined;
    for (const counts of Object.values(raw.unordered)) {
      if (!Array.isArray(counts) || counts.length !== 2 || !isCount(counts[0]) || !isCount(counts[1]) || counts[1] > counts[0])
        return undefined;
    }
  }
  return raw as unknown as ReviewTally;
}
