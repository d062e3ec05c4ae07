import { isRecord } from '../json.js';
import { isCalendarDate, isIsoTime } from './dates.js';

/**
 * The checks of the progress file's review history, settings and study log (see review.ts and
 * studylog.ts for what they hold), with the limits they share, apart so that model.ts can check a
 * file without importing what builds on it.
 */

export type Grade = 'again' | 'hard' | 'good' | 'easy';
export const GRADES: readonly Grade[] = ['again', 'hard', 'good', 'easy'];
export type ScheduledState = 'learning' | 'review' | 'relearning';
export const SCHEDULED_STATES: readonly ScheduledState[] = ['learning', 'review', 'relearning'];
export const MAX_NEW_CARDS_PER_DAY = 1000;
/** The share of cards the learner wants to still know when each comes back: FSRS schedules for it. */
export const DEFAULT_DESIRED_RETENTION = 0.9;
export const MIN_DESIRED_RETENTION = 0.7;
export const MAX_DESIRED_RETENTION = 0.97;
export const MINUTES_PER_DAY = 24 * 60;
/** The highest study session number: far more sessions than a file holds, and far below 2^53, where adding one stops counting. */
export const MAX_SESSION_ID = 1_000_000_000;

/**
 * The bounds of a saved schedule, those within which FSRS (ts-fsrs) can schedule the card again:
 * outside them it throws ("Invalid memory state" for a stability below its minimum or a difficulty
 * below 1) or computes no date at all ("Invalid time value" from a stability and difficulty of 1e308
 * in learning). Every schedule FSRS writes lies inside them, so a file is refused only when someone
 * else wrote it. Counts stop well short of 2^53, so adding one stays exact.
 */
export const SCHEDULE_BOUNDS = {
  stability: { min: 0.001, max: 36_500, integer: false },
  difficulty: { min: 1, max: 10, integer: false },
  scheduledDays: { min: 0, max: 36_500, integer: true },
  learningSteps: { min: 0, max: 1_000_000_000, integer: true },
  reps: { min: 0, max: 1_000_000_000, integer: true },
  lapses: { min: 0, max: 1_000_000_000, integer: true },
} as const;
export type ScheduleNumber = keyof typeof SCHEDULE_BOUNDS;

/** Checks the pack's "reviews" and "settings"; a sentence naming the first problem (and the card), or undefined. */
export function reviewDataProblem(packId: string, pack: Record<string, unknown>): string | undefined {
  const where = `"packs.${packId}`;
  if (pack.reviews !== undefined) {
    if (!isRecord(pack.reviews)) return `${where}.reviews" is not an object`;
    for (const [cardId, record] of Object.entries(pack.reviews)) {
      const problem = reviewRecordProblem(record);
      if (problem) return `the review history of card "${cardId}" ${problem}`;
    }
  }
  if (pack.settings !== undefined) {
    if (!isRecord(pack.settings)) return `${where}.settings" is not an object`;
    const count = pack.settings.newCardsPerDay;
    if (count !== undefined && !(typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_NEW_CARDS_PER_DAY))
      return `${where}.settings.newCardsPerDay" is not a whole number from 0 to ${MAX_NEW_CARDS_PER_DAY}`;
    const retention = pack.settings.desiredRetention;
    if (
      retention !== undefined &&
      !(typeof retention === 'number' && retention >= MIN_DESIRED_RETENTION && retention <= MAX_DESIRED_RETENTION)
    )
      return `${where}.settings.desiredRetention" is not a number from ${MIN_DESIRED_RETENTION} to ${MAX_DESIRED_RETENTION}`;
  }
  return undefined;
}

const RECORD_SHAPE = 'is not { log: [{ at, grade }], schedule? }';

function reviewRecordProblem(record: unknown): string | undefined {
  if (!isRecord(record) || !Array.isArray(record.log)) return RECORD_SHAPE;
  if (record.added !== undefined && !isIsoTime(record.added)) return 'has an "added" that is not a time';
  for (const entry of record.log) {
    if (!(isRecord(entry) && isIsoTime(entry.at) && GRADES.includes(entry.grade as Grade))) return RECORD_SHAPE;
  }
  if (record.schedule === undefined) return undefined;
  const schedule = record.schedule;
  if (!isRecord(schedule)) return 'has a "schedule" that is not an object';
  for (const key of ['due', 'lastReview'] as const) {
    if (!isIsoTime(schedule[key])) return `has a schedule whose "${key}" is not a time`;
  }
  if (!SCHEDULED_STATES.includes(schedule.state as ScheduledState))
    return `has a schedule whose "state" is not one of ${SCHEDULED_STATES.join(', ')}`;
  for (const [key, bounds] of Object.entries(SCHEDULE_BOUNDS)) {
    const value = schedule[key];
    const fits =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= bounds.min &&
      value <= bounds.max &&
      (!bounds.integer || Number.isInteger(value));
    if (!fits) {
      const kind = bounds.integer ? 'a whole number' : 'a number';
      return `has a schedule whose "${key}" is ${describeValue(value)}, not ${kind} from ${bounds.min} to ${bounds.max.toLocaleString('en')}`;
    }
  }
  return undefined;
}

/** A value from a file, short, for a message. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}

/** Checks the pack's "studyLog"; a sentence naming the first problem, or undefined. */
export function studyLogProblem(packId: string, pack: Record<string, unknown>): string | undefined {
  if (pack.studyLog === undefined) return undefined;
  if (!Array.isArray(pack.studyLog)) return `"packs.${packId}.studyLog" is not a list`;
  const ids = new Set<number>();
  // By index: unoptimised, an entries() iterator makes two arrays an entry, over a year's 365 sessions.
  for (let index = 0; index < pack.studyLog.length; index++) {
    const entry: unknown = pack.studyLog[index];
    const valid =
      isRecord(entry) &&
      typeof entry.id === 'number' &&
      Number.isInteger(entry.id) &&
      entry.id >= 1 &&
      entry.id <= MAX_SESSION_ID &&
      !ids.has(entry.id) &&
      isCalendarDate(entry.date) &&
      typeof entry.minutes === 'number' &&
      Number.isInteger(entry.minutes) &&
      entry.minutes >= 1 &&
      entry.minutes <= MINUTES_PER_DAY &&
      (entry.topic === undefined || typeof entry.topic === 'string') &&
      (entry.note === undefined || typeof entry.note === 'string') &&
      (entry.uid === undefined || typeof entry.uid === 'string') &&
      isIsoTime(entry.at);
    if (!valid)
      return `study session ${index + 1} is not { id 1-${MAX_SESSION_ID.toLocaleString('en')}, date YYYY-MM-DD, minutes 1-1440, topic?, note?, at }`;
    ids.add(entry.id as number);
  }
  return undefined;
}

/** Checks the pack's "projects"; a sentence naming the first problem, or undefined. */
export function projectsDataProblem(packId: string, pack: Record<string, unknown>): string | undefined {
  if (pack.projects === undefined) return undefined;
  if (!isRecord(pack.projects)) return `"packs.${packId}.projects" is not an object`;
  for (const [id, record] of Object.entries(pack.projects)) {
    const valid =
      isRecord(record) &&
      (record.started === undefined || isIsoTime(record.started)) &&
      (record.folder === undefined || typeof record.folder === 'string') &&
      (record.milestones === undefined ||
        (isRecord(record.milestones) && Object.values(record.milestones).every((done) => isRecord(done) && isIsoTime(done.at))));
    if (!valid) return `the progress on project "${id}" is not { started?, folder?, milestones?: { <phase>: { at } } }`;
  }
  return undefined;
}
