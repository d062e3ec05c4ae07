import type { Roadmap, Step, Topic } from '../content/schema.js';
import { UserError } from '../errors.js';
import { plural } from '../words.js';
import { dayNumber, localDayOf } from './dates.js';
import { type StudyDigest, studyDigestOf } from './digest.js';
import { reviewDayTimesOf, reviewTallyOf } from './history.js';
import { type PackProgress, type Progress, packProgress, setTopicStatus, topicStatusOf } from './model.js';
import { addDays, localDate } from './plan.js';
import { MAX_SESSION_ID, MINUTES_PER_DAY } from './records.js';
import { cardsJoining } from './review.js';
import type { TallyDay } from './tally.js';

export { localDayOf, MINUTES_PER_DAY };

/**
 * The study log (`mlroadmap log`): sessions the learner says they studied, under the pack:
 *
 *   "studyLog": [{ "id": <n, from 1>, "date": "YYYY-MM-DD", "minutes": <1-1440>,
 *                  "topic": "<topic or step id>"?, "note": "<text>"?, "at": "<ISO time logged>" }]
 *
 * Oldest logged first; a new session is numbered one past the highest number in the log (or, past
 * `MAX_SESSION_ID`, the lowest number free). A day holds at most 24 hours in all. Streaks count the learner's local days
 * with a logged session or a review.
 */
export interface StudySession {
  id: number;
  date: string;
  minutes: number;
  topic?: string;
  note?: string;
  at: string;
  /** A stable id (format 3), given at the next save when absent; `id` is the number the learner types. */
  uid?: string;
}

/** The longest note on a session: a line or two; longer thoughts belong in `mlroadmap note`. */
export const MAX_SESSION_NOTE_CHARS = 500;

export function sessionsOf(pack: PackProgress): StudySession[] {
  return Array.isArray(pack.studyLog) ? (pack.studyLog as StudySession[]) : [];
}

/**
 * Reads a duration: `90m`, `45min`, `2h`, `1.5h`, `1h30m`, `1h30`, `1:30`. Returns whole minutes, or a
 * sentence saying why not (a bare number is refused: minutes or hours?).
 */
export function parseDuration(text: string): { minutes: number } | { problem: string } {
  const token = text.trim().toLowerCase().replace(/\s+/g, '');
  const example = 'write it like 45m, 1h30m or 1.5h';
  if (/^-/.test(token)) return { problem: `a study session cannot last a negative time; ${example}` };
  const forms: [RegExp, (match: RegExpExecArray) => number][] = [
    [/^(\d{1,5}(?:\.\d+)?)(?:m|min|mins|minutes?)$/, (m) => Number(m[1])],
    [/^(\d{1,3}(?:\.\d+)?)(?:h|hr|hrs|hours?)$/, (m) => Number(m[1]) * 60],
    [/^(\d{1,3})h([0-5]?\d)(?:m|min)?$/, (m) => Number(m[1]) * 60 + Number(m[2])],
    [/^(\d{1,2}):([0-5]\d)$/, (m) => Number(m[1]) * 60 + Number(m[2])],
  ];
  let minutes: number | undefined;
  for (const [form, read] of forms) {
    const match = form.exec(token);
    if (match) {
      minutes = read(match);
      break;
    }
  }
  if (minutes === undefined) {
    if (/^\d+(\.\d+)?$/.test(token)) return { problem: `"${text}" has no unit: minutes or hours? ${example}` };
    return { problem: `"${text.slice(0, 40)}" is not a duration; ${example}` };
  }
  const rounded = Math.round(minutes);
  if (rounded < 1) return { problem: 'a study session lasts at least a minute' };
  if (rounded > MINUTES_PER_DAY) return { problem: `a day has 24 hours, and ${describeMinutes(rounded)} is more` };
  return { minutes: rounded };
}

/** Minutes in words: "45 min", "2 h", "1 h 30 min". */
export function describeMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Hours to one decimal, as lists and JSON give them: 1.5. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

/** Why a session of `minutes` on `date` cannot be logged (the day would pass 24 hours), or undefined. */
export function sessionProblem(pack: PackProgress, date: string, minutes: number): string | undefined {
  const logged = sessionsOf(pack)
    .filter((session) => session.date === date)
    .reduce((sum, session) => sum + session.minutes, 0);
  if (logged + minutes > MINUTES_PER_DAY) {
    return `${date} already has ${describeMinutes(logged)} logged, and a day has 24 hours; nothing was logged`;
  }
  return undefined;
}

/**
 * `addSession` for a learner's request: refused with a `UserError` (so `store.update` writes nothing)
 * when the day would pass 24 hours, checked against the progress being changed, not one read before.
 */
export function addSessionWithinDay(progress: Progress, packId: string, session: Omit<StudySession, 'id' | 'at'>, now: Date): Progress {
  const problem = sessionProblem(packProgress(progress, packId), session.date, session.minutes);
  if (problem) throw new UserError(problem);
  return addSession(progress, packId, session, now);
}

/** A topic that logging a session on it started, and the review cards that joined the deck with it. */
export interface StartedTopic {
  step: Step;
  topic: Topic;
  /** "2.3" */
  number: string;
  cardsAdded: number;
}

/**
 * `addSessionWithinDay`, and a topic still to do that the session is on is started with it (in
 * progress, its review cards in the deck): studying a topic is starting it. Decided on `progress`,
 * the one being changed, so `log` and the tutor's "Log study time" agree.
 */
export function logSession(
  progress: Progress,
  roadmap: Roadmap,
  session: Omit<StudySession, 'id' | 'at'>,
  now: Date,
): { progress: Progress; started?: StartedTopic } {
  const logged = addSessionWithinDay(progress, roadmap.id, session, now);
  const pack = packProgress(logged, roadmap.id);
  for (const [s, step] of roadmap.steps.entries()) {
    const t = step.topics?.findIndex((topic) => topic.id === session.topic) ?? -1;
    const topic = step.topics?.[t];
    if (!topic) continue;
    if (topicStatusOf(pack, step, topic.id) !== 'todo') return { progress: logged };
    const cardsAdded = cardsJoining(roadmap, pack, [topic.id]).length;
    return {
      progress: setTopicStatus(logged, roadmap, step, [topic.id], 'doing', now),
      started: { step, topic, number: `${s + 1}.${t + 1}`, cardsAdded },
    };
  }
  return { progress: logged };
}

/** Returns a copy of `progress` with a session added, numbered one past the highest number used. */
export function addSession(progress: Progress, packId: string, session: Omit<StudySession, 'id' | 'at'>, now: Date): Progress {
  const pack = packProgress(progress, packId);
  const log = sessionsOf(pack);
  let id = log.reduce((max, entry) => Math.max(max, entry.id), 0) + 1;
  if (id > MAX_SESSION_ID) {
    // Past the highest number the file may hold: the lowest free one (a log cannot hold them all).
    const used = new Set(log.map((entry) => entry.id));
    id = 1;
    while (used.has(id)) id++;
  }
  const entry: StudySession = { id, ...session, at: now.toISOString() };
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, studyLog: [...log, entry] } } };
}

/** Returns a copy of `progress` without session `id`; the same progress when there is none. */
export function deleteSession(progress: Progress, packId: string, id: number): Progress {
  const pack = packProgress(progress, packId);
  const log = sessionsOf(pack);
  if (!log.some((entry) => entry.id === id)) return progress;
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, studyLog: log.filter((entry) => entry.id !== id) } } };
}

/** The Monday of the local week `date` falls in. */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export interface StudyStats {
  /** All logged hours. */
  studyHours: number;
  /** Hours logged from this week's Monday to today. */
  hoursThisWeek: number;
  weekStart: string;
  /** Days in a row, up to today, with a session or a review; a streak still counts on a day not yet studied. */
  streakDays: number;
  longestStreakDays: number;
  /** The last day with study or reviews. */
  lastStudied?: string;
  sessions: number;
}

/** The days with a logged session or a review, each once. */
function activeDays(pack: PackProgress, study: StudyDigest): Set<string> {
  const days = new Set<string>();
  // Indexed loops, here and below: `for (const [a, b] of ...)` makes an iterator and its results for
  // each of a year's entries, as the code runs once, unoptimised (young garbage a read collects).
  for (let i = 0; i < study.days.length; i++) days.add((study.days[i] as [string, number])[0]);
  // The file's tally names every local day with a review, when it holds here (tally.ts); else the
  // times standing for every such day (history.ts). Either way the history is not read for a streak.
  const tally = reviewTallyOf(pack);
  if (tally) {
    for (let i = 0; i < tally.days.length; i++) days.add((tally.days[i] as TallyDay)[0]);
    return days;
  }
  const localDay = localDayOf();
  for (const ms of reviewDayTimesOf(pack)) days.add(localDay(ms));
  return days;
}

export function studyStats(pack: PackProgress, now: Date): StudyStats {
  const today = localDate(now);
  const monday = weekStart(today);
  // The log's digest (digest.ts): a year's sessions are not parsed for a sum and a few dates.
  const study = studyDigestOf(pack);
  const week = minutesOfDays(study, monday, today);
  const days = [...activeDays(pack, study)].filter((day) => day <= today).sort();
  let longest = 0;
  let run = 0;
  // Day numbers, not daysBetween: two Dates for each of a year's days cost milliseconds.
  let previous = Number.NaN;
  for (const day of days) {
    const number = dayNumber(day);
    run = number - previous === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = number;
  }
  const last = days.at(-1);
  // The run that ends on the last active day is current while that day is today or yesterday.
  const current = last !== undefined && dayNumber(today) - previous <= 1 ? run : 0;
  return {
    studyHours: hoursOf(study.minutes),
    hoursThisWeek: hoursOf(week),
    weekStart: monday,
    streakDays: current,
    longestStreakDays: longest,
    ...(last ? { lastStudied: last } : {}),
    sessions: study.sessions,
  };
}

/**
 * The week and the streak in one line: "This week: 4.5 h of the 10 h planned; streak: 3 days (longest 7)."
 * Before anything is logged, how to log.
 */
export function describeStudy(stats: StudyStats, hoursPerWeek?: number): string {
  if (stats.sessions === 0 && stats.longestStreakDays === 0) return 'Study log: nothing logged yet (mlroadmap log 45m, after studying)';
  const week = hoursPerWeek === undefined ? `${stats.hoursThisWeek} h` : `${stats.hoursThisWeek} h of the ${hoursPerWeek} h planned`;
  const streak = stats.streakDays === 0 ? 'no streak' : `streak ${stats.streakDays === 1 ? '1 day' : `${stats.streakDays} days`}`;
  const longest = stats.longestStreakDays > stats.streakDays ? ` (longest ${plural(stats.longestStreakDays, 'day')})` : '';
  return `This week: ${week}; ${streak}${longest}; ${stats.studyHours} h logged in all`;
}

/** Minutes logged from `from` to `to`, both YYYY-MM-DD and included. */
export function minutesBetween(pack: PackProgress, from: string, to: string): number {
  return minutesOfDays(studyDigestOf(pack), from, to);
}

/** Minutes of the digest's days from `from` to `to`, both YYYY-MM-DD and included. */
function minutesOfDays(study: StudyDigest, from: string, to: string): number {
  let minutes = 0;
  for (let i = 0; i < study.days.length; i++) {
    const day = study.days[i] as [string, number];
    if (day[0] >= from && day[0] <= to) minutes += day[1];
  }
  return minutes;
}
