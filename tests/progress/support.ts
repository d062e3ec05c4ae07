import { afterEach, vi } from 'vitest';
import type { LogEntry } from '../../src/progress/history.js';
import { GRADES, type Scheduler } from '../../src/progress/review.js';
import { useVerifiedStamps } from '../../src/progress/store.js';
import { cleanup, tempDir } from '../robustness/support.js';

/** What the tests of the progress file's layout (history.test.ts, lazy-saves*.test.ts) share. */

export const DAY = 86_400_000;
/** The end of the year of reviews the tests build. */
export const END = Date.parse('2026-11-30T20:00:00.000Z');

/** A grade given `days` before END. */
export const entry = (days: number, grade: LogEntry['grade'] = 'good'): LogEntry => ({
  at: new Date(END - days * DAY).toISOString(),
  grade,
});

/** A scheduler that needs no ts-fsrs: the next day, whatever the grade. */
export const nextDayScheduler: Scheduler = {
  preview: (_schedule, now) =>
    Object.fromEntries(
      GRADES.map((grade) => [
        grade,
        {
          due: new Date(now.getTime() + DAY).toISOString(),
          state: 'review',
          stability: 1,
          difficulty: 5,
          scheduledDays: 1,
          learningSteps: 0,
          reps: 1,
          lapses: 0,
          lastReview: now.toISOString(),
        },
      ]),
    ) as ReturnType<Scheduler['preview']>,
};

/**
 * A maker of temporary folders for a test file's tests, called at its top level: after each test
 * the folders are removed, the verified stamps turned off and the clock real again.
 */
export function tempFolders(defaultPrefix: string): (prefix?: string) => string {
  const made: string[] = [];
  afterEach(() => {
    useVerifiedStamps(undefined);
    vi.useRealTimers();
    cleanup(...made.splice(0));
  });
  return (prefix = defaultPrefix) => {
    const dir = tempDir(prefix);
    made.push(dir);
    return dir;
  };
}
