import { checksum } from '../checksum.js';
import { isRecord, put, toJson } from '../json.js';
import { isIsoTime } from './dates.js';
import { GRADES, type Grade } from './records.js';
import { type ReviewTally, type TimedLog, tallyHolds, tallyOfTimed } from './tally.js';
import { zoneKey } from './zone.js';

/**
 * The review history apart from the rest of the progress (formats 4 and 5, see model.ts), so that commands
 * which only count (progress, log, review --stats, ready) never parse it.
 *
 * The progress file holds every card's whole review log. Read whole, a year of reviews costs more
 * than everything else a print command does, yet those commands need only a few numbers of it: how
 * many grades a card has, which of them were given today, on which days the learner reviewed. So the
 * store writes the file as two parts of one JSON object: first everything but the logs, with those
 * numbers (`LogSummary` on each card, `reviewDays` on each pack); then, as its last key, the logs
 * themselves ("reviewHistory", on one line). A reader that trusts the file (store.ts, verified
 * stamps) parses the first part only and gets each card's `log` as a property that parses the
 * history when first read; the helpers below answer from the summaries while the log is unread.
 * One file, replaced whole by one rename, so there is no moment at which the two parts disagree.
 *
 * In memory nothing changes shape: a card's `log` is always there (parsed on first use), and a
 * summary is only consulted for an object the store made from the file (a WeakMap keyed by that very
 * object), so a record or a deck built by any change is counted from its log. That rests on what all
 * of progress/ already does: a change builds new objects and never edits a record, a log or a pack's
 * "reviews" in place.
 */

export interface LogEntry {
  at: string;
  grade: Grade;
}

/**
 * What the print commands need of one card's log, kept beside it in the file:
 *
 *   "logSummary": { "count": n, "first": "<time of log[0]>", "last": "<latest time>", "recalled": n,
 *                   "recent": [<the log's entries at most RECENT_MS before "last", in log order>] }
 *
 * `recalled` counts the grades after the first that were not "again" (remembered on a later look).
 * `first`, `last` and `recent` are absent when the log is empty.
 */
export interface LogSummary {
  count: number;
  first?: string;
  last?: string;
  recalled: number;
  recent?: LogEntry[];
}

/**
 * How far back from a card's last grade `recent` reaches: two days, more than any local day is long,
 * so "the grades given today" come from `recent` whenever today began after the last grade less this.
 */
export const RECENT_MS = 2 * 24 * 3_600_000;

/**
 * The days with a review are kept as `reviewDays`: [first, last] grade times (ms since the epoch) of
 * each half day (UTC) with one. Local days are never shorter than half a day, so a half day touches
 * at most two of them, and the local days of its first and last grade are all the days it touches:
 * the learner's days, in whatever time zone they read them.
 */
const HALF_DAY_MS = 12 * 3_600_000;

export type ReviewDays = [number, number][];

export function summarizeLog(log: readonly LogEntry[]): LogSummary {
  return summarizeTimed(log, timesOf(log));
}

/** Each entry's time in ms, read once for both the summary and the days. */
function timesOf(log: readonly LogEntry[]): number[] {
  return log.map((entry) => Date.parse(entry.at));
}

function summarizeTimed(log: readonly LogEntry[], times: readonly number[]): LogSummary {
  if (log.length === 0) return { count: 0, recalled: 0 };
  let last = Number.NEGATIVE_INFINITY;
  let lastAt = '';
  let recalled = 0;
  for (let index = 0; index < log.length; index++) {
    const entry = log[index] as LogEntry;
    const ms = times[index] as number;
    if (ms > last) {
      last = ms;
      lastAt = entry.at;
    }
    if (index > 0 && entry.grade !== 'again') recalled++;
  }
  const recent: LogEntry[] = [];
  for (let index = 0; index < log.length; index++) {
    const entry = log[index] as LogEntry;
    if ((times[index] as number) >= last - RECENT_MS) recent.push({ at: entry.at, grade: entry.grade });
  }
  return { count: log.length, first: (log[0] as LogEntry).at, last: lastAt, recalled, recent };
}

export function reviewDaysOf(logs: Iterable<readonly LogEntry[]>): ReviewDays {
  return daysOfTimes([...logs].map(timesOf));
}

function daysOfTimes(times: Iterable<readonly number[]>): ReviewDays {
  const halves = new Map<number, [number, number]>();
  for (const list of times) {
    for (const ms of list) {
      const half = Math.floor(ms / HALF_DAY_MS);
      const span = halves.get(half);
      if (!span) halves.set(half, [ms, ms]);
      else {
        if (ms < span[0]) span[0] = ms;
        if (ms > span[1]) span[1] = ms;
      }
    }
  }
  return [...halves.entries()].sort(([x], [y]) => x - y).map(([, span]) => span);
}

/** Whether `found` (from a file) is the summary `expected`, field for field. */
function sameSummary(found: unknown, expected: LogSummary): boolean {
  if (!isRecord(found) || found.count !== expected.count || found.recalled !== expected.recalled) return false;
  if (found.first !== expected.first || found.last !== expected.last) return false;
  if (Object.keys(found).length !== Object.keys(expected).length) return false;
  const recent = expected.recent ?? [];
  if (!Array.isArray(found.recent)) return expected.recent === undefined && found.recent === undefined;
  return (
    found.recent.length === recent.length &&
    found.recent.every(
      (entry, i) => isRecord(entry) && Object.keys(entry).length === 2 && entry.at === recent[i]?.at && entry.grade === recent[i]?.grade,
    )
  );
}

/** Summaries of records and packs the store read from a file (see the module comment). */
const summaries = new WeakMap<object, LogSummary>();
/**
 * What a pack keeps beside its cards, derived from their logs: the days with a review
 * (`reviewDays`) and their tally by local day (`reviewTally`, tally.ts; absent from a file that
 * lacks it). Kept for a pack's reviews object the store read from a file or worked out for it.
 */
interface PackDerived {
  days: ReviewDays;
  tally?: ReviewTally;
}
const packDerived = new WeakMap<object, PackDerived>();

type MaybeRecord = { log?: unknown } | undefined;

function logOf(record: MaybeRecord): LogEntry[] {
  return record && Array.isArray(record.log) ? (record.log as LogEntry[]) : [];
}

/** How many grades the card has had. */
export function logCount(record: MaybeRecord): number {
  const summary = record ? summaries.get(record) : undefined;
  return summary ? summary.count : logOf(record).length;
}

/** Grades after the first look, and how many of them were not "again". */
export function recallCount(record: MaybeRecord): { seen: number; remembered: number } {
  const summary = record ? summaries.get(record) : undefined;
  if (summary) return { seen: Math.max(0, summary.count - 1), remembered: summary.recalled };
  const log = logOf(record);
  return { seen: Math.max(0, log.length - 1), remembered: log.slice(1).filter((entry) => entry.grade !== 'again').length };
}

/**
 * The card's grades in [from, to) (ms), and whether its first grade is among them: from the summary
 * when its recent entries reach back to `from`, else from the log (`gradesFrom`).
 */
export function gradesBetween(record: MaybeRecord, from: number, to: number): { count: number; first: boolean } {
  const { times, first } = gradesFrom(record, from);
  let count = 0;
  for (const ms of times) if (ms < to) count++;
  return { count, first: first !== undefined && first >= from && first < to };
}

/** The time (ms) of the card's latest grade, or undefined before any: from its summary when the store has one. */
export function lastGradeAt(record: MaybeRecord): number | undefined {
  const summary = record ? summaries.get(record) : undefined;
  if (summary) return summary.last === undefined ? undefined : Date.parse(summary.last);
  let last: number | undefined;
  for (const entry of logOf(record)) {
    const ms = Date.parse(entry.at);
    if (last === undefined || ms > last) last = ms;
  }
  return last;
}

/**
 * The card's grade times at or after `from` (ms), in log order, and the time of its first grade: from
 * the summary when its recent entries reach back to `from`, else from the log.
 */
export function gradesFrom(record: MaybeRecord, from: number): { times: number[]; first: number | undefined } {
  const summary = record ? summaries.get(record) : undefined;
  const since = (entries: readonly LogEntry[]) => {
    const times: number[] = [];
    for (const entry of entries) {
      const ms = Date.parse(entry.at);
      if (ms >= from) times.push(ms);
    }
    return times;
  };
  if (summary && (summary.last === undefined || from >= Date.parse(summary.last) - RECENT_MS)) {
    return { times: since(summary.recent ?? []), first: summary.first === undefined ? undefined : Date.parse(summary.first) };
  }
  const log = logOf(record);
  return { times: since(log), first: log[0] === undefined ? undefined : Date.parse(log[0].at) };
}

/**
 * The grade times that stand for every local day with a review in `pack`: from the days the file
 * keeps while its cards are a section nobody looked into (so a streak does not parse them), else from its reviews.
 */
export function reviewDayTimesOf(pack: object): number[] {
  const section = sectionOf(pack, 'reviews');
  if (section && !section.read && section.derived) return section.derived.days.flat();
  const reviews = (pack as { reviews?: unknown }).reviews;
  return reviewDayTimes(isRecord(reviews) ? (reviews as Record<string, MaybeRecord>) : {});
}

/**
 * The tally (tally.ts) of `pack`'s reviews as the file keeps it, when this machine may count from it:
 * while the pack's reviews are those read from a file checked whole or vouched for. Undefined
 * otherwise (reviews changed or made in memory, a file from before format 5, another time zone):
 * count from the logs then.
 */
export function reviewTallyOf(pack: object): ReviewTally | undefined {
  const section = sectionOf(pack, 'reviews');
  const reviews = section && !section.read ? undefined : (pack as { reviews?: unknown }).reviews;
  const derived = section && !section.read ? section.derived : isRecord(reviews) ? packDerived.get(reviews) : undefined;
  const tally = derived?.tally;
  if (tally === undefined) return undefined;
  // The file's tally, checked against this machine's days once for this version of the file and
  // this zone (zone.ts): the verdict is kept with the digests (a year's days cost milliseconds to check).
  const verdicts = section && !section.read ? section.tallyVerdict : undefined;
  const zone = verdicts ? zoneKey() : undefined;
  if (verdicts && zone !== undefined) {
    const kept = verdicts.get();
    if (isRecord(kept) && kept.zone === zone && typeof kept.holds === 'boolean') return kept.holds ? tally : undefined;
    const held = tallyHolds(tally);
    verdicts.put({ zone, holds: held !== undefined });
    return held;
  }
  return tallyHolds(tally);
}

/** The grade times that stand for every local day with a review among `reviews` (a pack's "reviews"). */
export function reviewDayTimes(reviews: Record<string, MaybeRecord>): number[] {
  const derived = packDerived.get(reviews);
  if (derived) return derived.days.flat();
  return Object.values(reviews).flatMap((record) => logOf(record).map((entry) => Date.parse(entry.at)));
}

/**
 * The progress in the layout the store writes: the object without any card's log, each card with its
 * `logSummary` and each pack with its `reviewDays`, and the logs as `{ "<pack>": { "<card>": log } }`.
 * With `reuse` (every record is one the store read lazily and none of their logs was read, see
 * `lazyProgress`), the summaries are those read and no history is returned: the file's stands.
 * With `keepUnread` too (the file's `historyCheck` is written again, `layoutProgress`), a cards'
 * section nobody looked into stays unread, to be written back as the file's text.
 */
export function splitProgress(
  progress: { packs: Record<string, unknown> } & Record<string, unknown>,
  reuse = false,
  keepUnread = false,
): { head: Record<string, unknown>; history: Record<string, Record<string, LogEntry[]>> } {
  const history: Record<string, Record<string, LogEntry[]>> = {};
  const packs: Record<string, unknown> = {};
  for (const [packId, pack] of Object.entries(progress.packs)) {
    if (!isRecord(pack) || !isRecord(pack.reviews)) {
      put(packs, packId, pack);
      continue;
    }
    // A section nobody looked into stays as it is, written back as the file's text (layoutWithTag).
    const unread = reuse && keepUnread ? sectionOf(pack, 'reviews') : undefined;
    if (unread && !unread.read && unread.derived?.tally) {
      put(packs, packId, { ...pack, reviewDays: unread.derived.days, reviewTally: unread.derived.tally });
      continue;
    }
    const reviews: Record<string, unknown> = {};
    const logs: Record<string, LogEntry[]> = {};
    const timed: TimedLog[] = [];
    for (const [cardId, record] of Object.entries(pack.reviews)) {
      if (!isRecord(record)) {
        put(reviews, cardId, record);
        continue;
      }
      // Copied key by key, so a lazy log is not read.
      const rest: Record<string, unknown> = {};
      for (const key of Object.keys(record)) if (key !== 'log') put(rest, key, record[key]);
      // A summary the store read or worked out for this very object stands; the log is read only for the history.
      const stored = summaries.get(record);
      if (stored && reuse) {
        put(reviews, cardId, { ...rest, logSummary: stored });
        continue;
      }
      const log = logOf(record);
      put(reviews, cardId, { ...rest, logSummary: stored ?? summarizeLog(log) });
      // Each entry as it is: keys a later version adds to one are kept.
      if (log.length > 0) {
        put(logs, cardId, log);
        timed.push([cardId, log, timesOf(log)]);
      }
    }
    // With `reuse`, no log was read: the reviews object is one the store read, with its days and tally (sameRecords).
    const derived = packDerived.get(pack.reviews);
    const days = derived?.days ?? daysOfTimes(timed.map(([, , times]) => times));
    const tally = derived?.tally ?? tallyOfTimed(timed);
    put(packs, packId, { ...pack, reviews, reviewDays: days, reviewTally: tally });
    if (Object.keys(logs).length > 0) put(history, packId, logs);
  }
  return { head: { ...progress, packs }, history };
}

/** The key of the review history in the file: last, alone on its line after the rest. */
export const HISTORY_KEY = 'reviewHistory';
/**
 * The key of a checksum, in the first part, of what the summaries stand for: the history's text and
 * every `logSummary` and `reviewDays` (`historyCheck`). A whole read whose checksum matches takes the
 * summaries as they are instead of working them out from every log; one changed by hand, or a history
 * changed without them, does not match and is worked out. It catches changes, not forgeries (anyone
 * could work out a SHA-256 too): a forged summary misleads only counts until the next save works
 * them out again. The sum is checksum.ts's, with the byte count: node:crypto alone costs about 4 ms
 * to load, more than a plain command's whole budget (files of format 4 written with a SHA-256
 * here simply do not match, and are worked out once).
 */
export const CHECK_KEY = 'historyCheck';

/** The checksum of `head`'s summaries with the history's text (see `CHECK_KEY`). */
export function historyCheck(head: Record<string, unknown>, historyText: string): string {
  // Its records are not split from their logs (splitProgress): summed, they would be written with them.
  for (const pack of Object.values(isRecord(head.packs) ? head.packs : {}))
    if (unreadSection(pack, 'reviews') !== undefined) throw new Error('the checksum of a file was asked over cards still unread');
  const derived = Object.entries(isRecord(head.packs) ? head.packs : {}).flatMap(([packId, pack]) =>
    isRecord(pack) && isRecord(pack.reviews)
      ? [
          [
            packId,
            pack.reviewDays ?? null,
            pack.reviewTally ?? null,
            Object.entries(pack.reviews).map(([cardId, record]) => [cardId, isRecord(record) ? (record.logSummary ?? null) : null]),
          ],
        ]
      : [],
  );
  const bytes = Buffer.from(`${historyText}\u0000${JSON.stringify(derived)}`);
  return `${checksum(bytes).toString(16).padStart(8, '0')}-${bytes.length}`;
}

/** What stands before the history in the file: toJson's indentation makes it appear nowhere else. */
export const HISTORY_MARKER = `,\n  "${HISTORY_KEY}": `;

/**
 * The file's text for `head` and the history's JSON text. The head is indented as `toJson` does it,
 * except that each card's record, each study session and a pack's `reviewDays` take one line each:
 * half the bytes to read for a year of use, and still one entry a line to read by eye. With
 * `forCheck()`: the same text with each section written back as the file's text (`unreadSection`)
 * left empty, for the check of what was written (store.ts): such a section was checked with the file
 * it came from. `check`, when given, is the file's own `historyCheck` for a save that kept every
 * summary and the history as they were (`splitProgress` with reuse).
 */
export function layoutProgress(
  head: Record<string, unknown>,
  historyText: string,
  check?: string,
): { text: string; forCheck: () => string } {
  const { [HISTORY_KEY]: _ignored, [CHECK_KEY]: _check, ...rest } = head;
  // No history, no key: a file without reviews reads as it did before format 4.
  if (historyText === '{}') {
    const laid = layoutJson(rest);
    return { text: `${laid.text}\n`, forCheck: () => `${laid.forCheck()}\n` };
  }
  const laid = layoutJson({ ...rest, [CHECK_KEY]: check ?? historyCheck(rest, historyText) });
  const withHistory = (text: string) => `${text.slice(0, text.lastIndexOf('\n}'))}${HISTORY_MARKER}${historyText}\n}\n`;
  return { text: withHistory(laid.text), forCheck: () => withHistory(laid.forCheck()) };
}

/** `toJson(head)`, with each card's record, each study session and each pack's `reviewDays` on one line. */
function layoutJson(head: Record<string, unknown>): { text: string; forCheck: () => string } {
  for (;;) {
    const laid = layoutWithTag(head, newTag());
    if (laid !== undefined) return laid;
  }
}

/**
 * A tag for `layoutWithTag`: random, and so unlikely to be in any text of the learner's (Math.random:
 * node:crypto costs more to load than a whole save may take). Whether it is, is checked there.
 */
function newTag(): string {
  return `mlroadmap-line-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}-`;
}

/**
 * `layoutJson` with `tag`: each one-line value, and each section written back as it was read, stands
 * in the text as the string `tag` and its number, then is put in its place. Undefined when the text
 * held the tag anywhere else (a note that holds it, by chance or by design), so that another is drawn.
 */
function layoutWithTag(head: Record<string, unknown>, tag: string): { text: string; forCheck: () => string } | undefined {
  const lines: string[] = [];
  /** For each section written as the file's text, what stands for it in the text checked: an empty one. */
  const empties = new Map<number, string>();
  const line = (value: unknown) => {
    lines.push(toJson(value, 0));
    return `${tag}${lines.length - 1}`;
  };
  const verbatim = (text: string, empty: string) => {
    lines.push(text);
    empties.set(lines.length - 1, empty);
    return `${tag}${lines.length - 1}`;
  };
  const packs: Record<string, unknown> = {};
  for (const [packId, pack] of Object.entries(isRecord(head.packs) ? head.packs : {})) {
    if (!isRecord(pack)) {
      put(packs, packId, pack);
      continue;
    }
    // A cards' section looked into holds records with their logs, not split from them (splitProgress):
    // never written so.
    if (sectionOf(pack, 'reviews')?.read) throw new Error('a file was to be written with cards not split from their logs');
    const shown: Record<string, unknown> = { ...pack };
    if (Array.isArray(pack.reviewDays)) put(shown, 'reviewDays', line(pack.reviewDays));
    if (isRecord(pack.reviewTally)) put(shown, 'reviewTally', line(pack.reviewTally));
    const reviewsText = unreadSection(pack, 'reviews');
    if (reviewsText !== undefined) put(shown, 'reviews', verbatim(reviewsText, '{}'));
    else if (isRecord(pack.reviews)) {
      const reviews: Record<string, unknown> = {};
      for (const [cardId, record] of Object.entries(pack.reviews)) put(reviews, cardId, isRecord(record) ? line(record) : record);
      put(shown, 'reviews', reviews);
    }
    const studyText = unreadSection(pack, 'studyLog');
    if (studyText !== undefined) put(shown, 'studyLog', verbatim(studyText, '[]'));
    else if (Array.isArray(pack.studyLog))
      put(
        shown,
        'studyLog',
        pack.studyLog.map((session) => (isRecord(session) ? line(session) : session)),
      );
    put(packs, packId, shown);
  }
  const text = toJson(isRecord(head.packs) ? { ...head, packs } : head);
  // The lines put in are not searched again: only the text around them must not hold the tag.
  if (text.split(tag).length - 1 !== lines.length) return undefined;
  const pattern = new RegExp(`"${tag}(\\d+)"`, 'g');
  return {
    text: text.replace(pattern, (_match, index: string) => lines[Number(index)] as string),
    forCheck: () => text.replace(pattern, (_match, index: string) => empties.get(Number(index)) ?? (lines[Number(index)] as string)),
  };
}

export function historyToText(history: Record<string, Record<string, LogEntry[]>>): string {
  return toJson(history, 0);
}

/**
 * Raw progress of format 4 or 5 as the model reads it: each card's log put back from "reviewHistory"
 * (a card with a history and no record gets one), summaries, "reviewDays" and "reviewTally" dropped (they are
 * worked out again at each save). `consistent` says whether the summaries were the ones its logs
 * give: only then may a reader answer from them (store.ts). Raw is not changed.
 */
export function inflateHistory(raw: Record<string, unknown>, historyText?: string): { raw: Record<string, unknown>; consistent: boolean } {
  const { [HISTORY_KEY]: history, [CHECK_KEY]: check, ...rest } = raw;
  if (!isRecord(rest.packs)) return { raw, consistent: false };
  // Summaries the checksum vouches for are taken as written (see CHECK_KEY).
  const vouched = historyText !== undefined && typeof check === 'string' && check === historyCheck(raw, historyText);
  const logs = isRecord(history) ? history : {};
  // A checksum that does not match (edited by hand) is not the file as written, even when every
  // summary is right: the next save works it out again, rather than copying it on and on.
  let consistent = (history === undefined || isRecord(history)) && (vouched || historyText === undefined || check === undefined);
  const packs: Record<string, unknown> = {};
  const packIds = new Set([...Object.keys(rest.packs), ...Object.keys(logs)]);
  for (const packId of packIds) {
    const pack = Object.hasOwn(rest.packs, packId) ? rest.packs[packId] : { steps: {} };
    const packLogs = Object.hasOwn(logs, packId) ? logs[packId] : undefined;
    if (!isRecord(pack) || (packLogs !== undefined && !isRecord(packLogs))) {
      put(packs, packId, pack);
      consistent = false;
      continue;
    }
    const cardLogs = (packLogs ?? {}) as Record<string, unknown>;
    const { reviewDays, reviewTally, ...packRest } = pack;
    const reviewsIn = isRecord(pack.reviews) ? pack.reviews : {};
    if (pack.reviews !== undefined && !isRecord(pack.reviews)) consistent = false;
    const cardIds = new Set([...Object.keys(reviewsIn), ...Object.keys(cardLogs)]);
    if (cardIds.size === 0 && pack.reviews === undefined) {
      put(packs, packId, packRest);
      if (reviewDays !== undefined || reviewTally !== undefined) consistent = false;
      continue;
    }
    const reviews: Record<string, unknown> = {};
    const allTimes: number[][] = [];
    const timed: TimedLog[] = [];
    let allValid = true;
    for (const cardId of cardIds) {
      const record = Object.hasOwn(reviewsIn, cardId) ? reviewsIn[cardId] : {};
      const fromHistory = Object.hasOwn(cardLogs, cardId) ? cardLogs[cardId] : undefined;
      if (!isRecord(record)) {
        put(reviews, cardId, record);
        consistent = false;
        allValid = false;
        continue;
      }
      const { logSummary, ...recordRest } = record;
      // A log in the record itself (an export, a file written by hand) and one in the history are both kept.
      const inline = record.log;
      if (inline !== undefined || logSummary === undefined) consistent = false;
      let log: unknown = inline ?? [];
      if (Array.isArray(fromHistory))
        log = Array.isArray(inline) ? [...inline, ...fromHistory] : inline === undefined ? fromHistory : inline;
      else if (fromHistory !== undefined) {
        // Not a list: left for the check to name.
        log = fromHistory;
        consistent = false;
      }
      const inflated = { ...recordRest, log };
      put(reviews, cardId, inflated);
      const entries = Array.isArray(log) ? (log as LogEntry[]) : [];
      // A time that is no time fails the check of the record later (records.ts), and the file with it.
      const valid = Array.isArray(log) && entries.every((entry) => isRecord(entry) && typeof entry.at === 'string');
      if (!valid) {
        consistent = false;
        allValid = false;
        continue;
      }
      if (vouched && isRecord(logSummary)) {
        summaries.set(inflated, logSummary as unknown as LogSummary);
        continue;
      }
      const times = timesOf(entries);
      const summary = summarizeTimed(entries, times);
      if (!sameSummary(logSummary, summary)) consistent = false;
      // Kept for this very object, so the next save need not work it out again (a changed record is a new object).
      summaries.set(inflated, summary);
      allTimes.push(times);
      if (entries.length > 0) timed.push([cardId, entries, times]);
    }
    if (allValid && vouched && Array.isArray(reviewDays) && isRecord(reviewTally)) {
      packDerived.set(reviews, { days: reviewDays as ReviewDays, tally: reviewTally as unknown as ReviewTally });
    } else if (allValid) {
      // Worked out in this machine's local days: a file written in another zone is not inconsistent, only counted again.
      const days = daysOfTimes(allTimes);
      const tally = tallyOfTimed(timed);
      if (JSON.stringify(reviewDays) !== JSON.stringify(days)) consistent = false;
      if (tallyHolds(reviewTally) === undefined || JSON.stringify(reviewTally) !== JSON.stringify(tally)) consistent = false;
      packDerived.set(reviews, { days, tally });
    } else consistent = false;
    put(packs, packId, { ...packRest, reviews });
  }
  return { raw: { ...rest, packs }, consistent };
}

/**
 * The pack keys whose values a trusting reader leaves as text until they are read: a year of use
 * puts most of the first part's bytes in them (500 cards, 365 study sessions), and most commands
 * read neither (roadmap, next, step, topics, check, mark, note). Each is written over many lines,
 * its entries one a line, so its end is the first line indented as its key, holding its bracket.
 */
const SECTION_KEYS = ['studyLog', 'reviews'] as const;
const PACK_KEY_INDENT = '      ';

/** A section's text as `cutSections` cut it: its bytes, decoded when first asked for. */
export interface SectionText {
  readonly text: string;
}

/** Whether `bytes` hold `pattern` at `at`. */
function holdsAt(bytes: Buffer, pattern: Buffer, at: number): boolean {
  return at + pattern.length <= bytes.length && bytes.compare(pattern, 0, pattern.length, at, at + pattern.length) === 0;
}

const SECTION_MARKS = SECTION_KEYS.map((key) => {
  const [open, close] = key === 'reviews' ? ['{', '}'] : ['[', ']'];
  return { opening: Buffer.from(`\n${PACK_KEY_INDENT}"${key}": ${open}\n`), closing: Buffer.from(`\n${PACK_KEY_INDENT}${close}`) };
});
/**
 * The pack keys whose values, worked out of the cards' logs, the writer puts on one line each
 * (`layoutWithTag`): cut as the sections are, and parsed when first read (44 kB for a year of use,
 * which only a streak, stats and a save read).
 */
const LINE_KEYS = ['reviewDays', 'reviewTally'] as const;
const LINE_OPENINGS = LINE_KEYS.map((key) => Buffer.from(`\n${PACK_KEY_INDENT}"${key}": `));
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const NEXT_PACK_KEY = Buffer.from(`,\n${PACK_KEY_INDENT}"`);
const PACK_END = Buffer.from('\n    }');

/**
 * `bytes` (a file's first part, as `layoutProgress` writes it) as text with each multi-line section of
 * a pack (`SECTION_KEYS`) replaced by a placeholder string, and the sections' texts by placeholder,
 * each decoded only when first read: a year of use puts 300 kB in them, which most commands never
 * read, and decoding them costs a start several milliseconds. A section is cut only where its layout
 * is the writer's: the line after its end starts the pack's next key or closes the pack. Undefined when
 * there is nothing to cut or a placeholder could be mistaken for text of the file's own
 * (`lazyProgress` then says whether each one landed in a pack). The cuts fall on ASCII characters,
 * which UTF-8 never uses within a character, so each part decodes as it would within the whole.
 */
export function cutSections(bytes: Buffer): CutText | undefined {
  const found: [from: number, to: number][] = [];
  for (const { opening, closing } of SECTION_MARKS) {
    for (let at = bytes.indexOf(opening); at !== -1; at = bytes.indexOf(opening, at + 1)) {
      const from = at + opening.length - 2;
      const end = bytes.indexOf(closing, from);
      if (end === -1) break;
      const to = end + closing.length;
      if (holdsAt(bytes, NEXT_PACK_KEY, to) || holdsAt(bytes, PACK_END, to)) found.push([from, to]);
    }
  }
  for (const opening of LINE_OPENINGS) {
    for (let at = bytes.indexOf(opening); at !== -1; at = bytes.indexOf(opening, at + 1)) {
      const from = at + opening.length;
      const end = bytes.indexOf(NEWLINE, from);
      if (end === -1) break;
      const to = bytes[end - 1] === COMMA ? end - 1 : end;
      if (to > from && (holdsAt(bytes, NEXT_PACK_KEY, to) || holdsAt(bytes, PACK_END, to))) found.push([from, to]);
    }
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a[0] - b[0]);
  return cutText(bytes.length, found, (from, to) => bytes.subarray(from, to));
}

/**
 * Whether each of `cuts` (a stamp's, in a first part read by `read`) stands where `cutSections` would
 * cut: after a pack key's opening, the section's own brackets at its ends (a one-line value: no check
 * but its end), and the pack's next key or its end right after. Reads a few bytes around each cut, not
 * the sections. A cut from a damaged stamp that swallows a key (from one section's start to another's
 * end) does not hold, so it is never taken for a section.
 */
export function cutsHold(cuts: readonly [number, number][], read: (from: number, to: number) => Buffer): boolean {
  const longest = Math.max(...SECTION_MARKS.map(({ opening }) => opening.length), ...LINE_OPENINGS.map((opening) => opening.length));
  for (const [from, to] of cuts) {
    const before = read(Math.max(0, from - longest), from);
    const after = read(to, to + NEXT_PACK_KEY.length);
    if (!(holdsAt(after, NEXT_PACK_KEY, 0) || holdsAt(after, PACK_END, 0))) return false;
    const line = LINE_OPENINGS.some(
      (opening) => before.length >= opening.length && holdsAt(before, opening, before.length - opening.length),
    );
    if (line) continue;
    // A section over lines: its opening line ends with its bracket, which the cut starts at.
    const mark = SECTION_MARKS.find(
      ({ opening }) =>
        before.length >= opening.length - 2 && holdsAt(before, opening.subarray(0, opening.length - 2), before.length - opening.length + 2),
    );
    if (!mark) return false;
    if (!read(from, from + 2).equals(mark.opening.subarray(mark.opening.length - 2))) return false;
    if (to - from < mark.closing.length || !read(to - mark.closing.length, to).equals(mark.closing)) return false;
  }
  return true;
}

/** A first part's text with its sections cut out (`cutSections`), their texts by placeholder, and where each was cut (bytes from, to). */
export interface CutText {
  text: string;
  sections: Map<string, SectionText>;
  cuts: [from: number, to: number][];
}

/**
 * A first part of `length` bytes, read by `read` (bytes from, to), with `cuts` (in order, apart) cut out
 * as `cutSections` cuts them: only the bytes between the cuts are read now, a section's when its text is
 * first asked for. Undefined when the cuts overlap or a placeholder could be mistaken for text of the file's own.
 */
export function cutText(
  length: number,
  cuts: readonly [number, number][],
  read: (from: number, to: number) => Buffer,
): CutText | undefined {
  const tag = `mlroadmap-section-${Math.random().toString(36).slice(2)}-`;
  const sections = new Map<string, SectionText>();
  let out = '';
  let last = 0;
  for (let n = 0; n < cuts.length; n++) {
    const [from, to] = cuts[n] as [number, number];
    // Overlapping cuts cannot come from the writer's layout.
    if (from < last || to <= from || to > length) return undefined;
    out += `${read(last, from).toString('utf8')}"${tag}${n}"`;
    let text: string | undefined;
    sections.set(`${tag}${n}`, {
      get text() {
        text ??= read(from, to).toString('utf8');
        return text;
      },
    });
    last = to;
  }
  out += read(last, length).toString('utf8');
  // The tag is random; a file that holds it anyway is read without cuts.
  if (out.split(tag).length - 1 !== cuts.length) return undefined;
  return { text: out, sections, cuts: cuts.map(([from, to]) => [from, to]) };
}

/**
 * A pack's section (`SECTION_KEYS`) as a trusting read leaves it: the file's text, parsed the first
 * time something looks into it. For a read, the pack's property parses it when first read. For a
 * change (`lazyProgress`'s `standIns`), the property's value is a stand-in (`sectionProxy`) that
 * parses the text the first time anything looks into it (a key, an entry, its length): copying the
 * pack (`{ ...pack, steps }`, as every change does) copies the stand-in and reads nothing, so a save
 * that changed neither section writes both back as the text they were read from (`unreadSection`).
 */
interface Section {
  packId: string;
  /** The file's text of it (decoded when first read: see cutSections). */
  readonly text: string;
  /** Looked into: its value is made, and what the file's text says is no longer what decides. */
  read: boolean;
  /** For the reviews: what the file keeps beside them (`reviewDays`, `reviewTally`). */
  derived?: PackDerived;
  /** What was worked out of this section in this version of the file and kept (digest.ts), if the reader keeps any. */
  cache?: SectionCache;
  /** For the reviews: whether the file's tally holds here, kept by zone for this version of the file (`reviewTallyOf`). */
  tallyVerdict?: SectionCache;
}

/**
 * What a reader keeps of a section for the version of the file it was read from (store.ts keeps it in
 * the cache folder): `get` what was kept, if anything; `put` a value worked out of the section's text.
 */
export interface SectionCache {
  get(): unknown;
  put(value: unknown): void;
}
/** The section each stand-in, and each value made from a section, stands for. */
const sections = new WeakMap<object, Section>();
/** The sections of each pack `lazyProgress` made, by key: found without reading its properties. */
const packSections = new WeakMap<object, Partial<Record<string, Section>>>();

/** The section `pack[key]` is, found without reading it (a read parses it) and without looking into a stand-in. */
function sectionOf(pack: unknown, key: string): Section | undefined {
  if (typeof pack !== 'object' || pack === null) return undefined;
  const own = packSections.get(pack)?.[key];
  if (own) return own;
  // A copy of a pack holds the stand-in (or the value) itself: getting it looks into nothing.
  const descriptor = Object.getOwnPropertyDescriptor(pack, key);
  const value: unknown = descriptor && 'value' in descriptor ? descriptor.value : undefined;
  return typeof value === 'object' && value !== null ? sections.get(value) : undefined;
}

/**
 * The file's text of the pack's section `key` when nothing has looked into it since a read of a file
 * checked whole (`lazyProgress`): its value is that text, byte for byte, so it may be written back as it is.
 */
export function unreadSection(pack: unknown, key: 'reviews' | 'studyLog'): string | undefined {
  const section = sectionOf(pack, key);
  return section && !section.read ? section.text : undefined;
}

/**
 * Whether the pack's `key` is a section still as the file's text (`lazyProgress`), asked without
 * reading it. Such a section holds entries: the writer lays an empty list or object out on its line
 * (`[]`, `{}`), which `cutSections` does not cut.
 */
export function isUnreadSection(pack: unknown, key: string): boolean {
  const section = sectionOf(pack, key);
  return section !== undefined && !section.read;
}

/** What the reader keeps of the pack's section `key` (see `SectionCache`), while nothing has looked into it. */
export function unreadSectionCache(pack: unknown, key: 'reviews' | 'studyLog'): SectionCache | undefined {
  const section = sectionOf(pack, key);
  return section && !section.read ? section.cache : undefined;
}

/**
 * Whether the pack's section `key`, while nothing has looked into it, may hold one of `values` as a
 * string anywhere, asked of its text without parsing or opening it: false only when none is there.
 * Undefined when it is no such section. In JSON text without `\\u` or `\\/` escapes, every string is
 * written as JSON.stringify writes it, so the search is exact up to strings that are not entries'.
 */
export function unreadSectionMayHold(pack: unknown, key: 'reviews' | 'studyLog', values: Iterable<string>): boolean | undefined {
  let text: string | undefined;
  try {
    text = unreadSection(pack, key);
  } catch {
    // Not readable any more (see `cutText`): it may hold anything.
    return true;
  }
  if (text === undefined) return undefined;
  if (text.includes('\\u') || text.includes('\\/')) return true;
  for (const value of values) if (text.includes(JSON.stringify(value))) return true;
  return false;
}

/**
 * Whether every entry of the pack's section `key`, while nothing has looked into it, is on a line of
 * its own that matches `line` (as the writer lays each entry out, one a line); undefined when it is no
 * such section. An entry laid out otherwise (by hand) does not match.
 */
export function unreadEntriesMatch(pack: unknown, key: 'reviews' | 'studyLog', line: RegExp): boolean | undefined {
  const text = unreadSection(pack, key);
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  // The opening bracket's line and the closing one's hold no entry.
  for (let i = 1; i < lines.length - 1; i++) if (!line.test(lines[i] as string)) return false;
  return true;
}

/**
 * A stand-in for a section (see `Section`): `open()` puts the section's value into `target` (an empty
 * object for "reviews", an empty list for "studyLog") the first time, before anything else reaches it.
 * Every operation but asking for the prototype or whether it is extensible opens it first.
 */
function sectionProxy<T extends object>(target: T, open: () => void): T {
  const handler: Record<string, unknown> = {};
  for (const trap of OPENING_TRAPS) {
    const reflect = Reflect[trap] as (...args: unknown[]) => unknown;
    handler[trap] = (...args: unknown[]) => {
      open();
      return reflect(...args);
    };
  }
  return new Proxy(target, handler as ProxyHandler<T>);
}

/** The operations that open a stand-in: all but asking for its prototype or whether it is extensible. */
const OPENING_TRAPS = [
  'get',
  'set',
  'has',
  'ownKeys',
  'getOwnPropertyDescriptor',
  'defineProperty',
  'deleteProperty',
  'preventExtensions',
  'setPrototypeOf',
] as const;

/**
 * Turns a trusted head (format 5, parsed from the file's first part) into progress whose logs are
 * read on first use: `loadHistory` is called once, at the first read of any card's log, and returns
 * the logs by pack and card. Returns the progress and `untouched(progress)`, which says whether a
 * progress derived from it still holds every lazy record as it was, none of their logs read: then
 * the history in the file is still the history.
 *
 * With `sections` (`cutSections`), a pack's value that is one of its placeholders becomes a stand-in
 * (`sectionProxy`) that parses the section's text when first looked into (`sections.parse`:
 * JSON.parse, or the value from a whole read of the file if that fails). Undefined when a placeholder
 * is found anywhere else, or not at all: the caller reads the file whole.
 */
export function lazyProgress<T extends Record<string, unknown>>(
  head: T,
  loadHistory: () => Record<string, Record<string, LogEntry[]>>,
  sectionTexts?: {
    texts: ReadonlyMap<string, SectionText>;
    /** The section's value: `{ raw }` as the file holds it, or `{ read }` as the whole file's read gives it. */
    parse: (text: string, packId: string, key: string) => { raw: unknown } | { read: unknown };
    /** For a change: each section's value a stand-in that copies of the pack carry unread (see `Section`). */
    standIns?: boolean;
    /** What the reader keeps of each section for this version of the file (see `SectionCache`). */
    cache?: (packId: string, key: string) => SectionCache;
  },
): { progress: T; untouched: (progress: { packs: Record<string, unknown> }) => boolean } | undefined {
  const lazy = new Map<object, { packId: string; cardId: string }>();
  let history: Record<string, Record<string, LogEntry[]>> | undefined;
  const logOfCard = (where: { packId: string; cardId: string }): unknown => {
    const packLogs = history && Object.hasOwn(history, where.packId) ? history[where.packId] : undefined;
    return packLogs && Object.hasOwn(packLogs, where.cardId) ? packLogs[where.cardId] : [];
  };
  const setLog = (record: object, value: unknown) =>
    Object.defineProperty(record, 'log', { value, writable: true, enumerable: true, configurable: true });
  const load = () => {
    if (history) return;
    history = loadHistory();
    for (const [record, where] of lazy) setLog(record, logOfCard(where));
  };
  // "log" an own, enumerable property of each record, so spreads and JSON carry it; read, it parses
  // the history. One pair of functions for all (a closure each costs more than the parse it saves).
  const accessor = {
    get(this: Record<string, unknown>): unknown {
      load();
      // Its own value now (never the accessor again, whatever `this` is).
      const own = Object.getOwnPropertyDescriptor(this, 'log');
      return own && 'value' in own ? own.value : undefined;
    },
    set(this: Record<string, unknown>, value: unknown) {
      load();
      setLog(this, value);
    },
    enumerable: true,
    configurable: true,
  };
  /** A pack's reviews as read, put into `into`: each record's summary set aside, its log read on first use. */
  const lazyReviews = (packId: string, read: Record<string, unknown>, into: Record<string, unknown>): void => {
    // Keys and an index, not Object.entries: unoptimised, each [id, record] pair and its
    // destructuring cost as much again over a year's 517 cards.
    const ids = Object.keys(read);
    for (let i = 0; i < ids.length; i++) {
      const cardId = ids[i] as string;
      const record = read[cardId];
      if (!isRecord(record)) {
        put(into, cardId, record);
        continue;
      }
      const { logSummary, ...made } = record;
      const where = { packId, cardId };
      // A section read after the history was: the log at once.
      if (history) setLog(made, logOfCard(where));
      else Object.defineProperty(made, 'log', accessor);
      summaries.set(made, logSummary as LogSummary);
      lazy.set(made, where);
      put(into, cardId, made);
    }
  };
  /** The packs' reviews sections. */
  const reviewSections = new Set<Section>();
  let placed = 0;
  // New objects rather than deleted keys: an object that loses a key becomes slow to build and read.
  const packs: Record<string, unknown> = {};
  for (const [packId, pack] of Object.entries(isRecord(head.packs) ? head.packs : {})) {
    if (!isRecord(pack)) {
      put(packs, packId, pack);
      continue;
    }
    const cut = (key: string) => {
      const value = pack[key];
      return sectionTexts && typeof value === 'string' ? sectionTexts.texts.get(value) : undefined;
    };
    const reviewsText = cut('reviews');
    const studyText = cut('studyLog');
    if (!isRecord(pack.reviews) && reviewsText === undefined && studyText === undefined) {
      put(packs, packId, pack);
      continue;
    }
    // Keys stay in their places (as a whole read leaves them), so both reads give the same JSON.
    const { reviewDays, reviewTally, ...packRest } = pack;
    const daysText = cut('reviewDays');
    const tallyText = cut('reviewTally');
    if (daysText) placed++;
    if (tallyText) placed++;
    const derived: PackDerived | undefined = daysText
      ? lazyDerived(daysText, tallyText ? { cut: tallyText } : isRecord(reviewTally) ? { value: reviewTally } : undefined, () => {
          // Never for a file stamped by this mlroadmap (each cut value parsed when it was stamped):
          // the days and tally of a whole read, worked out of its logs.
          const whole = (
            sectionTexts as { parse: (text: string, packId: string, key: string) => { raw: unknown } | { read: unknown } }
          ).parse('', packId, 'reviews');
          const reviews = 'read' in whole ? whole.read : undefined;
          return isRecord(reviews) ? packDerived.get(reviews) : undefined;
        })
      : Array.isArray(reviewDays)
        ? { days: reviewDays as ReviewDays, ...(isRecord(reviewTally) ? { tally: reviewTally as unknown as ReviewTally } : {}) }
        : undefined;
    const made: Record<string, unknown> = {};
    const own: Partial<Record<string, Section>> = {};
    for (const key of Object.keys(packRest)) {
      const text = key === 'reviews' ? reviewsText : key === 'studyLog' ? studyText : undefined;
      if (text === undefined) {
        let value = packRest[key];
        if (key === 'reviews' && isRecord(value)) {
          const reviews: Record<string, unknown> = {};
          lazyReviews(packId, value, reviews);
          if (derived) packDerived.set(reviews, derived);
          value = reviews;
        }
        put(made, key, value);
        continue;
      }
      placed++;
      const section: Section = {
        packId,
        get text() {
          return text.text;
        },
        read: false,
        ...(key === 'reviews' && derived ? { derived } : {}),
        ...(sectionTexts?.cache ? { cache: sectionTexts.cache(packId, key) } : {}),
        ...(sectionTexts?.cache && key === 'reviews' ? { tallyVerdict: sectionTexts.cache(packId, 'reviewTally') } : {}),
      };
      const parse = (sectionTexts as { parse: (text: string, packId: string, key: string) => { raw: unknown } | { read: unknown } }).parse;
      // The value, made when first looked into: the section parsed into it (a reviews section's records made lazy).
      const value: Record<string, unknown> | unknown[] = key === 'reviews' ? {} : [];
      const open = () => {
        if (section.read) return;
        section.read = true;
        // Text that cannot be read any more (a file written in place since) is read whole, as text that does not parse.
        let read = '';
        try {
          read = text.text;
        } catch {}
        const parsed = parse(read, packId, key);
        // From a whole read, a section's records are that read's own (their logs in them).
        const found = 'read' in parsed ? parsed.read : parsed.raw;
        if (Array.isArray(value)) {
          if (Array.isArray(found)) for (const entry of found) value.push(entry);
        } else if (isRecord(found)) {
          if ('read' in parsed) for (const [cardId, record] of Object.entries(found)) put(value, cardId, record);
          else lazyReviews(packId, found, value);
        }
      };
      sections.set(value, section);
      if (key === 'reviews') {
        if (derived) packDerived.set(value, derived);
        reviewSections.add(section);
      }
      own[key] = section;
      const standIn = sectionTexts?.standIns ? sectionProxy(value, open) : undefined;
      if (standIn) {
        sections.set(standIn, section);
        if (key === 'reviews' && derived) packDerived.set(standIn, derived);
      }
      Object.defineProperty(made, key, {
        // For a change, the stand-in until something looked into it; for a read, the value, made now.
        get: standIn
          ? () => (section.read ? value : standIn)
          : () => {
              open();
              return value;
            },
        set: (next: unknown) => {
          // Another value: no longer the section.
          delete own[key];
          Object.defineProperty(made, key, { value: next, writable: true, enumerable: true, configurable: true });
        },
        enumerable: true,
        configurable: true,
      });
    }
    packSections.set(made, own);
    put(packs, packId, made);
  }
  if (sectionTexts && placed !== sectionTexts.texts.size) return undefined;
  // The checksum is derived, and written again at each save.
  const { [CHECK_KEY]: _check, ...rest } = head;
  const progress = { ...rest, packs } as unknown as T;
  const untouched = (next: { packs: Record<string, unknown> }) => history === undefined && sameRecords(lazy, next, reviewSections);
  return { progress, untouched };
}

/**
 * A pack's days and tally (`PackDerived`) as cut from the file's text (`cutSections`), parsed when first
 * read; `tally` is given as text when cut, as a value when not, absent when the file has none. Text
 * that does not parse takes `whole()`'s instead.
 */
function lazyDerived(
  days: SectionText,
  tally: { cut: SectionText } | { value: Record<string, unknown> } | undefined,
  whole: () => PackDerived | undefined,
): PackDerived {
  // Each parsed on its own when first read: a streak reads the tally alone.
  let parsedDays: ReviewDays | undefined;
  let parsedTally: { value: ReviewTally | undefined } | undefined;
  let fallback: PackDerived | undefined;
  const instead = () => {
    fallback ??= whole() ?? { days: [] };
    return fallback;
  };
  return {
    get days() {
      if (parsedDays === undefined) {
        try {
          parsedDays = JSON.parse(days.text) as ReviewDays;
        } catch {
          parsedDays = instead().days;
        }
      }
      return parsedDays;
    },
    get tally() {
      if (parsedTally === undefined) {
        try {
          const value = tally === undefined ? undefined : 'cut' in tally ? (JSON.parse(tally.cut.text) as unknown) : tally.value;
          parsedTally = { value: value as ReviewTally | undefined };
        } catch {
          parsedTally = { value: instead().tally };
        }
      }
      return parsedTally.value;
    },
  };
}

/**
 * Whether `progress` holds exactly the records of `known`, each where it was and none with another
 * log, and every reviews section of `unread` (`lazyProgress`) that nothing has looked into, each in its own pack.
 */
function sameRecords(
  known: Map<object, { packId: string; cardId: string; log?: unknown }>,
  progress: { packs: Record<string, unknown> },
  unread: ReadonlySet<Section> = new Set(),
): boolean {
  let seen = 0;
  const found = new Set<Section>();
  for (const [packId, pack] of Object.entries(progress.packs)) {
    if (!isRecord(pack)) continue;
    // A section nobody looked into holds the records the file does, unread: counted whole, not read.
    const section = sectionOf(pack, 'reviews');
    if (section && !section.read) {
      if (section.packId !== packId || found.has(section) || !section.derived?.tally) return false;
      found.add(section);
      continue;
    }
    if (pack.reviews === undefined) continue;
    if (!isRecord(pack.reviews)) return false;
    // A reviews object rebuilt around the same records has no days of its own to reuse.
    if (!packDerived.get(pack.reviews)?.tally) return false;
    for (const [cardId, record] of Object.entries(pack.reviews)) {
      const where = isRecord(record) ? known.get(record) : undefined;
      if (!where || where.packId !== packId || where.cardId !== cardId) return false;
      if (where.log !== undefined && Object.getOwnPropertyDescriptor(record, 'log')?.value !== where.log) return false;
      seen++;
    }
  }
  // Every section still unread must be there (its pack not dropped); the records of those read are in `known`.
  for (const section of unread) if (!section.read && !found.has(section)) return false;
  return seen === known.size;
}

/**
 * For progress read whole from a file whose history is `historyText` (clean, summaries matching):
 * whether a progress derived from it still holds every record as read, so a save may copy the text.
 */
export function wholeProgressRecords(progress: {
  packs: Record<string, unknown>;
}): (progress: { packs: Record<string, unknown> }) => boolean {
  const known = new Map<object, { packId: string; cardId: string; log?: unknown }>();
  for (const [packId, pack] of Object.entries(progress.packs)) {
    if (!isRecord(pack) || !isRecord(pack.reviews)) continue;
    for (const [cardId, record] of Object.entries(pack.reviews)) {
      if (isRecord(record)) known.set(record, { packId, cardId, log: record.log });
    }
  }
  return (next) => sameRecords(known, next);
}

/**
 * The head as the model checks it: each card's summary set aside and its log empty, the pack's days
 * set aside. The summaries are the store's own work (from the logs, or read with a verified file).
 */
export function headForCheck(withCheck: Record<string, unknown>): Record<string, unknown> {
  const { [CHECK_KEY]: _check, ...head } = withCheck;
  if (!isRecord(head.packs)) return head;
  const packs: Record<string, unknown> = {};
  for (const [packId, pack] of Object.entries(head.packs)) {
    if (!isRecord(pack) || !isRecord(pack.reviews)) {
      put(packs, packId, pack);
      continue;
    }
    const { reviewDays: _days, reviewTally: _tally, ...rest } = pack;
    const reviews: Record<string, unknown> = {};
    for (const [cardId, record] of Object.entries(pack.reviews)) {
      if (!isRecord(record)) put(reviews, cardId, record);
      else {
        const { logSummary: _summary, ...kept } = record;
        put(reviews, cardId, { ...kept, log: [] });
      }
    }
    put(packs, packId, { ...rest, reviews });
  }
  return { ...head, packs };
}

/** Whether every entry of `history` is `{ at: <time>, grade }` (other keys allowed, as the check of a record allows). */
export function historyIsValid(history: Record<string, Record<string, readonly LogEntry[]>>): boolean {
  return Object.values(history).every((cards) =>
    Object.values(cards).every((log) => log.every((entry) => isRecord(entry) && isIsoTime(entry.at) && GRADES.includes(entry.grade))),
  );
}
