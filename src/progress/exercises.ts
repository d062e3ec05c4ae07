import type { Exercise } from '../content/schema.js';
import { isRecord } from '../json.js';
import { isIsoTime } from './dates.js';
import type { PackProgress, Progress } from './model.js';

/**
 * The learner's runs of one exercise's checks (`packs.<id>.exercises.<exercise id>`, progress format 2).
 * Only runs that finished count: a run cut short (timeout, Ctrl+C) or one that could not start (no
 * Python, a missing library) leaves no trace. Keyed by exercise id with times as ISO strings, so two
 * machines' records can be merged field by field: `runs` is a count, `passedAt` the earliest pass.
 */
export interface ExerciseRecord {
  /** Finished runs of its checks, passing or not. */
  runs: number;
  /** When its checks last finished. */
  lastRunAt: string;
  /** How that run ended: every check passed, or one failed (or the learner's file did not import). */
  lastResult: 'passed' | 'failing';
  /** When it first passed; absent until it has. It stays when a later run fails. */
  passedAt?: string;
  /** How many runs the first pass took (that run included). */
  passedAfterRuns?: number;
  /** When the record last changed. */
  updatedAt: string;
}

/** Where an exercise stands for the learner. */
export type ExerciseStatus = 'not-started' | 'failing' | 'passed';
export const EXERCISE_STATUS_WORDS: Record<ExerciseStatus, string> = { 'not-started': 'not started', failing: 'failing', passed: 'passed' };

export function exerciseRecordOf(pack: PackProgress, id: string): ExerciseRecord | undefined {
  const records = pack.exercises;
  return records && Object.hasOwn(records, id) ? records[id] : undefined;
}

/** Passed once it has ever passed: a later failing run (an edit to try something) does not take the pass away. */
export function exerciseStatusOf(pack: PackProgress, id: string): ExerciseStatus {
  const record = exerciseRecordOf(pack, id);
  if (!record) return 'not-started';
  return record.passedAt !== undefined ? 'passed' : 'failing';
}

/** The progress with one more finished run of `exerciseId` in pack `packId`. */
export function recordExerciseRun(progress: Progress, packId: string, exerciseId: string, passed: boolean, now: Date): Progress {
  const at = now.toISOString();
  const pack: PackProgress = Object.hasOwn(progress.packs, packId) ? (progress.packs[packId] as PackProgress) : { steps: {} };
  const before = exerciseRecordOf(pack, exerciseId);
  const runs = (before?.runs ?? 0) + 1;
  const record: ExerciseRecord = {
    runs,
    lastRunAt: at,
    lastResult: passed ? 'passed' : 'failing',
    ...(before?.passedAt !== undefined
      ? { passedAt: before.passedAt, ...(before.passedAfterRuns !== undefined ? { passedAfterRuns: before.passedAfterRuns } : {}) }
      : passed
        ? { passedAt: at, passedAfterRuns: runs }
        : {}),
    updatedAt: at,
  };
  return {
    ...progress,
    packs: { ...progress.packs, [packId]: { ...pack, exercises: { ...(pack.exercises ?? {}), [exerciseId]: record } } },
  };
}

/** The exercises of a topic, in their order. */
export function exercisesOfTopic(exercises: readonly Exercise[] | undefined, topicId: string): Exercise[] {
  return (exercises ?? []).filter((exercise) => exercise.topic === topicId);
}

/** What is wrong with a pack's exercise records, or undefined. */
export function exerciseRecordsProblem(packId: string, pack: Record<string, unknown>): string | undefined {
  if (pack.exercises === undefined) return undefined;
  if (!isRecord(pack.exercises)) return `"packs.${packId}.exercises" is not an object`;
  for (const [id, record] of Object.entries(pack.exercises)) {
    const valid =
      isRecord(record) &&
      typeof record.runs === 'number' &&
      Number.isInteger(record.runs) &&
      record.runs >= 0 &&
      isIsoTime(record.lastRunAt) &&
      (record.lastResult === 'passed' || record.lastResult === 'failing') &&
      isIsoTime(record.updatedAt) &&
      (record.passedAt === undefined || isIsoTime(record.passedAt)) &&
      (record.passedAfterRuns === undefined ||
        (typeof record.passedAfterRuns === 'number' && Number.isInteger(record.passedAfterRuns) && record.passedAfterRuns >= 1));
    if (!valid) return `the record of exercise "${id}" is not a valid exercise record`;
  }
  return undefined;
}
