import { isRecord } from '../json.js';
import { sanitizeDeep } from '../render/sanitize.js';
import { isIsoTime } from './dates.js';
import { gradesFrom, lastGradeAt, RECENT_MS, recallCount, type SectionCache, unreadSectionCache } from './history.js';
import type { PackProgress } from './model.js';
import { studyLogProblem } from './records.js';
import type { ReviewRecord } from './review.js';
import type { StudySession } from './studylog.js';

/**
 * What the counting commands need of a pack's study log and cards, worked out of them once for each
 * version of the progress file and kept in the cache folder (store.ts), so that a year of use is not
 * parsed to print a few numbers.
 *
 * A year of use puts 300 kB in the two sections (365 sessions, 500 cards): `progress`, `log`,
 * `review --stats`, `stats` and the tutor's first screen parsed both on every run for a sum of
 * minutes, a few dates and each card's due time. Here each section's digest is what those commands
 * read instead. It is worked out of the section's own entries (the same function whether they came
 * from the file or a change), kept for the version of the file it was read from (its identity as the
 * store's stamps name it: device, inode, size and times), and used only while that section is the
 * file's, unread: a change, a newer file, another folder or no cache folder at all means the digest
 * is worked out again from the entries. Nothing is kept in the progress file itself: the digests are
 * a cache, and losing them loses nothing.
 */

/** How many sessions `mlroadmap log` lists without `--all`. */
export const LOG_LISTED = 20;

/** Sessions in the order `mlroadmap log` lists them: by date, then by number. */
export function bySessionDate(a: StudySession, b: StudySession): number {
  return a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1;
}

export interface StudyDigest {
  /** How many sessions the log holds. */
  sessions: number;
  /** Their minutes in all. */
  minutes: number;
  /** Minutes by the sessions' dates (YYYY-MM-DD), earliest first. */
  days: [date: string, minutes: number][];
  /** Minutes by the topic or step id each session names, as logged (sessions without one left out). */
  topics: [id: string, minutes: number][];
  /** The last `LOG_LISTED` sessions in the order `log` lists them (`bySessionDate`). */
  latest: StudySession[];
}

/**
 * One card's record: its id, its schedule's due time (ISO) and state, or null for both when it has
 * none (added, never graded), its stability (null without a schedule), and `recallCount`'s grades
 * after the first and how many of them were remembered.
 */
export type CardDigest = [id: string, due: string | null, state: string | null, stability: number | null, seen: number, remembered: number];

export interface CardsDigest {
  cards: CardDigest[];
  /**
   * The latest grade of any card less `RECENT_MS` (ms), or null before any grade: `recent` holds every
   * grade at or after it, so the grades of any day that began at or after it are all there.
   */
  from: number | null;
  /** Each grade at or after `from`: its card and time (ms). */
  recent: [id: string, at: number][];
  /** Each card whose first grade is at or after `from`: its card and that grade's time (ms). */
  firsts: [id: string, at: number][];
}

/** The digest of a log's sessions, as they are in the log. */
export function digestStudy(sessions: readonly StudySession[]): StudyDigest {
  const byDay = new Map<string, number>();
  const byTopic = new Map<string, number>();
  let minutes = 0;
  for (const session of sessions) {
    minutes += session.minutes;
    byDay.set(session.date, (byDay.get(session.date) ?? 0) + session.minutes);
    if (typeof session.topic === 'string') byTopic.set(session.topic, (byTopic.get(session.topic) ?? 0) + session.minutes);
  }
  return {
    sessions: sessions.length,
    minutes,
    days: [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    topics: [...byTopic.entries()],
    latest: latestSessions(sessions),
  };
}

/** The last `LOG_LISTED` sessions in `log`'s order: sorted only when the log is not in that order already (it nearly always is). */
function latestSessions(sessions: readonly StudySession[]): StudySession[] {
  for (let i = 1; i < sessions.length; i++) {
    if (bySessionDate(sessions[i - 1] as StudySession, sessions[i] as StudySession) > 0)
      return [...sessions].sort(bySessionDate).slice(-LOG_LISTED);
  }
  return sessions.slice(-LOG_LISTED);
}

/** The digest of a pack's card records (`reviewsOf`), from their summaries where the store has them. */
export function digestCards(reviews: Readonly<Record<string, ReviewRecord>>): CardsDigest {
  const ids = Object.keys(reviews);
  let latest: number | undefined;
  for (const id of ids) {
    const last = lastGradeAt(reviews[id]);
    if (last !== undefined && (latest === undefined || last > latest)) latest = last;
  }
  const from = latest === undefined ? null : latest - RECENT_MS;
  const cards: CardDigest[] = [];
  const recent: [string, number][] = [];
  const firsts: [string, number][] = [];
  for (const id of ids) {
    const record = reviews[id] as ReviewRecord;
    // Not a record (never in a checked file): not in the deck, as reviewStats counted it.
    if (!record) continue;
    const schedule = isRecord(record) ? record.schedule : undefined;
    const { seen, remembered } = recallCount(record);
    cards.push(
      schedule ? [id, schedule.due, schedule.state, schedule.stability, seen, remembered] : [id, null, null, null, seen, remembered],
    );
    if (from === null) continue;
    const graded = gradesFrom(record, from);
    for (const at of graded.times) recent.push([id, at]);
    if (graded.first !== undefined && graded.first >= from) firsts.push([id, graded.first]);
  }
  return { cards, from, recent, firsts };
}

const madeStudy = new WeakMap<object, StudyDigest>();
const madeCards = new WeakMap<object, CardsDigest>();

/** The pack's study digest: kept for its file's version while its log is unread, else worked out of the log (once per log). */
export function studyDigestOf(pack: PackProgress): StudyDigest {
  // Reading the log opens the section when it is unread.
  return digestOf(
    pack,
    'studyLog',
    isStudyDigest,
    madeStudy,
    () => (Array.isArray(pack.studyLog) ? (pack.studyLog as StudySession[]) : []),
    digestStudy,
  );
}

/** The pack's cards digest, as `studyDigestOf` gives the study log's. */
export function cardsDigestOf(pack: PackProgress): CardsDigest {
  return digestOf(
    pack,
    'reviews',
    isCardsDigest,
    madeCards,
    () => (isRecord(pack.reviews) ? (pack.reviews as Record<string, ReviewRecord>) : {}),
    digestCards,
  );
}

/** The digest of the pack's section `key`: kept, or worked out of `entries()` once per entries and kept (see the module comment). */
function digestOf<E extends object, D extends object>(
  pack: PackProgress,
  key: 'studyLog' | 'reviews',
  is: (value: unknown) => value is D,
  made: WeakMap<object, D>,
  entries: () => E,
  work: (entries: E) => D,
): D {
  const cache = unreadSectionCache(pack, key);
  const kept = cache ? keptValue(cache, is) : undefined;
  if (kept) return kept;
  const read = entries();
  let digest = made.get(read);
  if (!digest) {
    digest = work(read);
    made.set(read, digest);
  }
  cache?.put(digest);
  return digest;
}

/**
 * The study digest kept for the pack's unread log, if there is one: without opening the log. Only
 * what was kept, never worked out (aliases.ts asks it which topic ids the log names).
 */
export function keptStudyDigest(pack: PackProgress): StudyDigest | undefined {
  const cache = unreadSectionCache(pack, 'studyLog');
  return cache ? keptValue(cache, isStudyDigest) : undefined;
}

/** Values kept in the cache folder that passed their check, so each is checked once. */
const checked = new WeakSet<object>();

/** What `cache` kept, when it has the shape `is` checks (a cache file is the learner's, but may be damaged). */
function keptValue<T extends object>(cache: SectionCache, is: (value: unknown) => value is T): T | undefined {
  const value = cache.get();
  if (typeof value !== 'object' || value === null) return undefined;
  if (checked.has(value)) return value as T;
  if (!is(value)) return undefined;
  checked.add(value);
  return value;
}

/** A schedule's states (review.ts), and "new", which a file edited by hand may hold and is counted as new. */
const STATES = new Set<unknown>(['learning', 'review', 'relearning', 'new']);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

// The checks below run once a process, unoptimised, over a year's entries: plain loops by index.

/** Whether `list` is a list of [text, count] (`counts`) or [text, time] pairs. */
function isPairs(list: unknown, counts: boolean): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const pair: unknown = list[i];
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') return false;
    if (!(counts ? isCount(pair[1]) : isTime(pair[1]))) return false;
  }
  return true;
}

function isStudyDigest(value: unknown): value is StudyDigest {
  if (!isRecord(value) || !isCount(value.sessions) || !isCount(value.minutes)) return false;
  if (!isPairs(value.days, true) || !isPairs(value.topics, true)) return false;
  const latest = value.latest;
  // The sessions `log` prints: each as the model checks a study log's, with nothing to strip from its
  // text (a damaged cache must not crash `log` or put escape codes on the terminal).
  if (!Array.isArray(latest) || latest.length > LOG_LISTED) return false;
  return studyLogProblem('', { studyLog: latest }) === undefined && sanitizeDeep(latest) === latest;
}

function isCardsDigest(value: unknown): value is CardsDigest {
  if (!isRecord(value) || !(value.from === null || isTime(value.from))) return false;
  if (!isPairs(value.recent, false) || !isPairs(value.firsts, false)) return false;
  const cards = value.cards;
  if (!Array.isArray(cards)) return false;
  for (let i = 0; i < cards.length; i++) {
    const card: unknown = cards[i];
    if (!Array.isArray(card) || card.length !== 6 || typeof card[0] !== 'string' || !isCount(card[4]) || !isCount(card[5])) return false;
    // A due time and a state as a schedule holds them (`nextDue` is printed as it is kept).
    const scheduled = card[1] === null ? card[2] === null && card[3] === null : isIsoTime(card[1]) && STATES.has(card[2]);
    if (!scheduled || !(card[3] === null || typeof card[3] === 'number')) return false;
  }
  return true;
}
