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
export const MINUTES_PER_DAY = 24 * 60;

/** Checks the pack's "reviews" and "settings"; a sentence naming the first problem, or undefined. */
export function reviewDataProblem(packId: string, pack: Record<string, unknown>): string | undefined {
  const where = `"packs.${packId}`;
  if (pack.reviews !== undefined) {
    if (!isRecord(pack.reviews)) return `${where}.reviews" is not an object`;
    for (const [cardId, record] of Object.entries(pack.reviews)) {
      if (!isReviewRecord(record)) return `the review history of card "${cardId}" is not { log: [{ at, grade }], schedule? }`;
    }
  }
  if (pack.settings !== undefined) {
    if (!isRecord(pack.settings)) return `${where}.settings" is not an object`;
    const count = pack.settings.newCardsPerDay;
    if (count !== undefined && !(typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_NEW_CARDS_PER_DAY))
      return `${where}.settings.newCardsPerDay" is not a whole number from 0 to ${MAX_NEW_CARDS_PER_DAY}`;
  }
  return undefined;
}

function isReviewRecord(record: unknown): boolean {
  if (!isRecord(record) || !Array.isArray(record.log)) return false;
  if (record.added !== undefined && !isIsoTime(record.added)) return false;
  const entries = record.log.every((entry) => isRecord(entry) && isIsoTime(entry.at) && GRADES.includes(entry.grade as Grade));
  return entries && (record.schedule === undefined || isSchedule(record.schedule));
}

function isSchedule(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const numbers = ['stability', 'difficulty', 'scheduledDays', 'learningSteps', 'reps', 'lapses'];
  return (
    isIsoTime(value.due) &&
    isIsoTime(value.lastReview) &&
    SCHEDULED_STATES.includes(value.state as ScheduledState) &&
    numbers.every((key) => typeof value[key] === 'number' && Number.isFinite(value[key]) && (value[key] as number) >= 0)
  );
}

/** Checks the pack's "studyLog"; a sentence naming the first problem, or undefined. */
export function studyLogProblem(packId: string, pack: Record<string, unknown>): string | undefined {
  if (pack.studyLog === undefined) return undefined;
  if (!Array.isArray(pack.studyLog)) return `"packs.${packId}.studyLog" is not a list`;
  const ids = new Set<number>();
  for (const [index, entry] of pack.studyLog.entries()) {
    const valid =
      isRecord(entry) &&
      typeof entry.id === 'number' &&
      Number.isInteger(entry.id) &&
      entry.id >= 1 &&
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
    if (!valid) return `study session ${index + 1} is not { id, date YYYY-MM-DD, minutes 1-1440, topic?, note?, at }`;
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
