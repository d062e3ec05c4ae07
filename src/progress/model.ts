import type { Roadmap, Step, Topic } from '../content/schema.js';
import { isRecord } from '../json.js';
import { sanitizeDeep } from '../render/sanitize.js';
import { isCalendarDate, isIsoTime } from './dates.js';
import { type ExerciseRecord, exerciseRecordsProblem } from './exercises.js';
import { CHECK_KEY, HISTORY_KEY, inflateHistory } from './history.js';
import { projectsDataProblem, reviewDataProblem, studyLogProblem } from './records.js';

export { isCalendarDate, isIsoTime };

/**
 * The progress file (JSON, written by `store.ts`), as format 2 had it; what formats 3 and 4 add follows:
 *
 *   {
 *     "version": 2,
 *     "packs": {
 *       "<pack id>": {
 *         "steps": {
 *           "<step id>": { "status": "doing" | "done" | "skipped", "updatedAt": "<ISO time>", "completedAt": "<ISO time, when done>" }
 *         },
 *         "topics": { "<topic id>": { <as a step's> } },
 *         "notes": {
 *           "<step id>": [{ "at": "<ISO time written>", "text": "<the learner's words, as typed>" }]
 *         },
 *         "assessments": {
 *           "<skill id>": [{ "at": "<ISO time>", "rating": <integer 1-5> }]
 *         },
 *         "quizzes": {
 *           "<quiz id>": { "best": <score>, "total": <questions>, "attempts": [{ "at": "<ISO time>", "score": <n> }] }
 *         },
 *         "plan": { "hoursPerWeek": <0 < n <= 168>, "start": "YYYY-MM-DD", "steps": ["<step id>", ...] },
 *         "exercises": {
 *           "<exercise id>": { "runs": <finished runs>, "lastRunAt": "<ISO time>", "lastResult": "passed" | "failing",
 *                              "passedAt": "<ISO time of the first pass>", "passedAfterRuns": <n>, "updatedAt": "<ISO time>" }
 *         }
 *       }
 *     }
 *   }
 *
 * Steps are keyed by id, never by position. A step with no entry is "todo". Entries for ids the
 * content no longer has, and keys this version does not know, are kept as they are.
 *
 * "topics" is optional too: the topics the learner marked, keyed by topic id, with the same records
 * as steps. A topic with no entry is done when its step is marked done, else to do; a step with topics
 * follows them (all done: done; some: in progress) unless marked skipped or done (see stepStatusOf).
 * Files written before topics existed keep their meaning: a step marked done counts its topics done.
 *
 * "notes" is optional (older files have none); a step's (or a topic's) notes are kept oldest first and stay when
 * its status changes. Note text is the learner's own and may hold anything: strip control
 * characters before printing it.
 *
 * "assessments", "quizzes" and "plan" are optional too. A skill's self-ratings (`mlroadmap assess`)
 * are kept oldest first, so the last is the current one. A quiz keeps every finished attempt and the
 * best score out of `total` questions. A plan (`mlroadmap plan`) records the hours a week, the start
 * date and the steps that were open when it was made, in roadmap order: the target dates are
 * worked out from those, so finishing steps later does not move the goalposts.
 *
 * "exercises" (format 2) records the finished runs of each exercise's checks (see progress/exercises.ts).
 *
 * Format 3 makes the file mergeable, so two machines' progress can be joined (`mlroadmap sync`,
 * `import --merge`; the rules are in merge.ts). It adds, all optional:
 *
 *   - "id" on each note and "uid" on each study session: a stable id, a hash of what the entry holds
 *     (so two machines give the same entry the same id). Notes stay numbered by position and
 *     sessions by their "id" number: those are the numbers `note 2.1 --delete 2` and `log --delete 3`
 *     take, and a merge may renumber sessions.
 *   - "deleted" in a pack: { "<what>": "<ISO time deleted>" }, a tombstone for each removed entry:
 *     "step:<id>" and "topic:<id>" (set back to to do: the dated record of that status),
 *     "note:<step id>:<note id>", "session:<uid>", "milestone:<project id>:<phase id>". A tombstone
 *     is dropped 180 days after its time (`TOMBSTONE_DAYS`): a machine that has not synced for longer
 *     may bring the entry back.
 *   - "stamps" in a pack: { "plan": "<ISO time>", "settings.<key>": "<ISO time>" }, when the plan and
 *     each setting (newCardsPerDay, desiredRetention, ...) last changed, present or removed.
 *   - "epochs" at the top: { "<pack id>": { "at": "<ISO time>", "why": "reset" | "restore" } }, the
 *     last reset or restore of that pack: a merge keeps what the other machine did after it, and
 *     drops what it holds from before.
 *
 * What needs no new field: a step's or topic's "updatedAt" is the time of its last change (the later
 * of it and its tombstone wins); self-ratings, quiz attempts and review-log entries are told apart by
 * their time and value and are never deleted; exercise records merge field by field; a milestone's
 * "at" dates it. Times from a clock that ran ahead are capped at the sync that sees them.
 *
 * Changes are stamped by the store when it saves them (track.ts), so the print commands do no more
 * than before.
 *
 * Format 4 keeps the review history apart, so that commands which only count never parse it
 * (history.ts). The store writes each card's record without its "log", with a "logSummary" in its
 * place, and each pack with "reviewDays"; the logs themselves come last, as
 *
 *     "reviewHistory": { "<pack id>": { "<card id>": [{ "at": "<ISO time>", "grade": "<grade>" }] } }
 *
 * on one line, after "historyCheck", a checksum of that text and of the summaries. Read whole, the
 * file means what format 3 means with each card's log put back (a log in the record itself is read
 * too, as exports and sync's file carry them); the summaries are worked out again at each save and
 * trusted only when the checksum or the logs vouch for them. In memory a card always has its "log"
 * (read from the history on first use). One file, replaced by one rename as before: a crash leaves
 * the old file or the new one, history and all.
 *
 * Format 5 adds "reviewTally" to each pack with reviews, beside "reviewDays": its grades counted by
 * local day, with each day's bounds, so that `stats` counts a year of reviews without reading them
 * (tally.ts). Like the summaries it is derived: worked out again whenever the logs change, summed
 * into "historyCheck", and counted from the logs instead wherever it does not hold (another time
 * zone, a file of format 4).
 *
 * Formats 1 to 4 read as format 5 unchanged (entries without ids get them at the next save or
 * merge; the summaries, days and tally are worked out) and are written as format 5 at the next
 * change. A file of a format above 5 is refused and never rewritten or merged into.
 */
export const PROGRESS_VERSION = 5;
/** Every format this version reads. */
export const READABLE_PROGRESS_VERSIONS: readonly number[] = [1, 2, 3, 4, 5];

/**
 * The largest progress file: far more than years of notes take. A change that would make the file
 * larger is refused, and `import` takes exports up to twice this, so whatever is saved can be
 * exported and imported back.
 */
export const MAX_PROGRESS_BYTES = 16 * 1024 * 1024;
/** Real progress nests six levels deep; keys unknown to this version may add a few. */
export const MAX_PROGRESS_DEPTH = 64;

/**
 * Format 0, from before progress files had a version: `{ "completed": { "<step id>": "<ISO time>" } }`,
 * the done steps of the shipped roadmap and when each was done. `parseProgress` reads it as format 1:
 * each entry becomes a "done" record in pack `LEGACY_PACK_ID`, `updatedAt` and `completedAt` set to its
 * time (a value that is not a time keeps the step done with the time unknown: `updatedAt` ""), and other
 * top-level keys are kept. Nothing is dropped; the file is rewritten as format 1 at the next change.
 */
export const LEGACY_PACK_ID = 'ml-engineer';

function isLegacyProgress(raw: Record<string, unknown>): raw is { completed: Record<string, unknown> } {
  return raw.version === undefined && raw.packs === undefined && isRecord(raw.completed);
}

function migrateLegacyProgress(raw: { completed: Record<string, unknown> }): Record<string, unknown> {
  const { completed, ...rest } = raw;
  // Object.fromEntries defines properties: a "__proto__" step id stays a key, never a prototype.
  const steps = Object.fromEntries(
    Object.entries(completed).map(([id, at]) => [
      id,
      isIsoTime(at) ? { status: 'done', updatedAt: at, completedAt: at } : { status: 'done', updatedAt: '' },
    ]),
  );
  return { ...rest, version: PROGRESS_VERSION, packs: { [LEGACY_PACK_ID]: { steps } } };
}

export type Status = 'todo' | 'doing' | 'done' | 'skipped';
export const STATUSES: readonly Status[] = ['todo', 'doing', 'done', 'skipped'];
/** Each status in words, as lists and messages say it. */
export const STATUS_WORDS: Record<Status, string> = { todo: 'to do', doing: 'in progress', done: 'done', skipped: 'skipped' };

export interface StepRecord {
  status: Exclude<Status, 'todo'>;
  updatedAt: string;
  completedAt?: string;
}

/** A dated note the learner wrote on a step. */
export interface Note {
  /** When it was written, as an ISO time. */
  at: string;
  text: string;
  /** A stable id (format 3), given at the next save when absent. */
  id?: string;
}

export interface PackProgress {
  steps: Record<string, StepRecord>;
  /** Topics the learner marked, by topic id (topic ids are unique in a pack); absent when none. */
  topics?: Record<string, StepRecord>;
  /** Notes by step id, oldest first; absent when the learner has written none. */
  notes?: Record<string, Note[]>;
  /** Self-ratings by skill id, oldest first. */
  assessments?: Record<string, Assessment[]>;
  /** Quiz results by quiz id. */
  quizzes?: Record<string, QuizRecord>;
  plan?: Plan;
  /** Finished runs of exercises' checks, by exercise id (format 2). */
  exercises?: Record<string, ExerciseRecord>;
  /** Tombstones of removed entries: "<what>" to the ISO time it was removed (format 3). */
  deleted?: Record<string, string>;
  /** When the plan and each setting last changed (format 3). */
  stamps?: Record<string, string>;
  [key: string]: unknown;
}

/** One self-assessment of a skill: 1 (just starting) to 5 (could teach it). */
export interface Assessment {
  at: string;
  rating: number;
}

/** The results of one quiz: the best score out of `total` questions, and every finished attempt. */
export interface QuizRecord {
  best: number;
  total: number;
  attempts: { at: string; score: number }[];
}

/** A study plan: so many hours a week from `start` over `steps`, the steps open when it was made. */
export interface Plan {
  hoursPerWeek: number;
  /** A calendar date, YYYY-MM-DD. */
  start: string;
  steps: string[];
}

/** The last reset or restore of a pack (format 3). */
export interface Epoch {
  at: string;
  why: 'reset' | 'restore';
}

export interface Progress {
  version: number;
  packs: Record<string, PackProgress>;
  /** The last reset or restore of each pack (format 3). */
  epochs?: Record<string, Epoch>;
  [key: string]: unknown;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, packs: {} };
}

/**
 * Checks parsed JSON and returns it as `Progress`, or a sentence saying what is wrong with it.
 * Never repairs: a file that does not fit is reported, not rewritten.
 */
export function parseProgress(raw: unknown, historyText?: string): { progress: Progress; clean: boolean } | { problem: string } {
  if (!isRecord(raw)) return { problem: 'it does not hold a JSON object' };
  if (isLegacyProgress(raw)) return parseProgress(migrateLegacyProgress(raw));
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { problem: 'it has no valid format version' };
  }
  if (version > PROGRESS_VERSION) {
    return {
      problem: `it was written by a newer mlroadmap (format ${version}; this one reads up to ${PROGRESS_VERSION}); upgrade mlroadmap`,
    };
  }
  if (version >= 4 && isRecord(raw.packs)) {
    // Each card's log put back from the history (history.ts); the summaries are not kept in memory.
    // `historyText`, the history as the file holds it, lets a checksum vouch for the summaries.
    const inflated = inflateHistory(raw, historyText);
    if (inflated.raw !== raw) {
      const parsed = parseProgress({ ...inflated.raw, version: 3 });
      if ('problem' in parsed) return parsed;
      // Format 4 reads as format 5 (its tally is worked out at the next save).
      return { progress: { ...parsed.progress, version: PROGRESS_VERSION }, clean: parsed.clean && inflated.consistent };
    }
  } else {
    // Older formats knew no such keys: a file that has them was not written by them.
    const key = [HISTORY_KEY, CHECK_KEY].find((name) => Object.hasOwn(raw, name));
    if (key) return { problem: `"${key}" is a key of format 4, in a file of format ${version}` };
  }
  if (!isRecord(raw.packs)) return { problem: '"packs" is not an object' };
  if (raw.epochs !== undefined) {
    const valid =
      isRecord(raw.epochs) &&
      Object.values(raw.epochs).every(
        (epoch) => isRecord(epoch) && isIsoTime(epoch.at) && (epoch.why === 'reset' || epoch.why === 'restore'),
      );
    if (!valid) return { problem: '"epochs" is not { "<pack id>": { at, why: reset | restore } }' };
  }
  for (const [packId, pack] of Object.entries(raw.packs)) {
    if (!isRecord(pack) || !isRecord(pack.steps)) return { problem: `"packs.${packId}.steps" is not an object` };
    for (const [stepId, record] of Object.entries(pack.steps)) {
      if (!isStepRecord(record)) return { problem: `the entry for step "${stepId}" is not a valid step record` };
    }
    if (pack.topics !== undefined) {
      if (!isRecord(pack.topics)) return { problem: `"packs.${packId}.topics" is not an object` };
      for (const [topicId, record] of Object.entries(pack.topics)) {
        if (!isStepRecord(record)) return { problem: `the entry for topic "${topicId}" is not a valid topic record` };
      }
    }
    if (pack.notes !== undefined) {
      if (!isRecord(pack.notes)) return { problem: `"packs.${packId}.notes" is not an object` };
      for (const [stepId, notes] of Object.entries(pack.notes)) {
        if (!Array.isArray(notes) || !notes.every(isNote)) {
          return { problem: `the notes for step "${stepId}" are not a list of { at, text }` };
        }
      }
    }
    for (const key of ['deleted', 'stamps'] as const) {
      const map = pack[key];
      if (map !== undefined && !(isRecord(map) && Object.values(map).every(isIsoTime))) {
        return { problem: `"packs.${packId}.${key}" is not { "<what>": "<ISO time>" }` };
      }
    }
    const studyProblem =
      studyDataProblem(packId, pack) ??
      reviewDataProblem(packId, pack) ??
      studyLogProblem(packId, pack) ??
      projectsDataProblem(packId, pack) ??
      exerciseRecordsProblem(packId, pack);
    if (studyProblem) return { problem: studyProblem };
  }
  // Text from a file may hold escape sequences that would clear the screen or write the clipboard:
  // stripped here, where it is read, so no printer has to remember.
  const progress = sanitizeDeep(raw) as Progress;
  const clean = progress === raw;
  // Formats 1 to 4 are format 5 without its optional or derived keys: written back as format 5 at the next change.
  return { progress: progress.version < PROGRESS_VERSION ? { ...progress, version: PROGRESS_VERSION } : progress, clean };
}

/** The progress of one pack; an empty record when the learner has not started it. */
export function packProgress(progress: Progress, packId: string): PackProgress {
  return Object.hasOwn(progress.packs, packId) ? (progress.packs[packId] as PackProgress) : { steps: {} };
}

export function statusOf(pack: PackProgress, stepId: string): Status {
  return Object.hasOwn(pack.steps, stepId) ? (pack.steps[stepId] as StepRecord).status : 'todo';
}

/**
 * A topic's status: what the learner marked it, else done when its step was marked done (a step
 * marked done before it had topics, or checked whole, counts every required topic done), else to do.
 * An optional topic is never done on its step's account: it is done only when the learner says so.
 */
export function topicStatusOf(pack: PackProgress, step: Step, topicId: string): Status {
  return topicStatusIn(pack, topicId, step.topics?.find((topic) => topic.id === topicId)?.optional, statusOf(pack, step.id));
}

/** `topicStatusOf` given whether the topic is optional and its step's status as marked. */
export function topicStatusIn(pack: PackProgress, topicId: string, optional: boolean | undefined, marked: Status): Status {
  const record = pack.topics && Object.hasOwn(pack.topics, topicId) ? pack.topics[topicId] : undefined;
  if (record) return record.status;
  if (optional) return 'todo';
  return marked === 'done' ? 'done' : 'todo';
}

/**
 * Whether a topic counts in the step's status, the percentage, the plan and "next": a required topic
 * always does; an optional one once the learner has taken it up (started, checked or skipped it).
 */
export function topicCounts(pack: PackProgress, step: Step, topic: Topic): boolean {
  return topic.optional !== true || topicStatusOf(pack, step, topic.id) !== 'todo';
}

/** The step's topics that count (see `topicCounts`), in order. */
export function countedTopics(pack: PackProgress, step: Step): Topic[] {
  return (step.topics ?? []).filter((topic) => topicCounts(pack, step, topic));
}

/**
 * A step's status, which follows its topics unless the learner set it: skipped or done as marked;
 * otherwise, for a step with topics, done when every topic is done or skipped (and one is done), in
 * progress when any is done or in progress, else as marked (to do, or in progress).
 */
export function stepStatusOf(pack: PackProgress, step: Step): Status {
  const marked = statusOf(pack, step.id);
  return stepStatusFrom(marked, step, tallyTopics(pack, step, marked));
}

/** How many of a step's topics count (`topicCounts`), and of those how many are done, skipped and in progress. */
interface TopicTally {
  counted: number;
  done: number;
  skipped: number;
  doing: number;
}

/** The tally of `step`'s topics, its status as marked being `marked`: each topic's status worked out once. */
function tallyTopics(pack: PackProgress, step: Step, marked: Status): TopicTally {
  const tally = { counted: 0, done: 0, skipped: 0, doing: 0 };
  const topics = step.topics ?? [];
  // By index, each topic at hand: topicStatusOf searches the step's topics for its own, and unoptimised,
  // asking it three or four times a topic took a pack of 2,000 steps' `roadmap` about 5 ms.
  for (let t = 0; t < topics.length; t++) {
    const topic = topics[t] as Topic;
    const status = topicStatusIn(pack, topic.id, topic.optional, marked);
    if (topic.optional === true && status === 'todo') continue;
    tally.counted++;
    if (status === 'done') tally.done++;
    else if (status === 'skipped') tally.skipped++;
    else if (status === 'doing') tally.doing++;
  }
  return tally;
}

/** `stepStatusOf` from the step's status as marked and its topics' tally. */
function stepStatusFrom(marked: Status, step: Step, tally: TopicTally): Status {
  if (marked === 'skipped' || marked === 'done' || !step.topics?.length) return marked;
  // An optional topic left to do neither holds the step back nor moves it on.
  if (tally.done > 0 && tally.done + tally.skipped === tally.counted) return 'done';
  if (tally.done > 0 || tally.doing > 0) return 'doing';
  return marked;
}

/**
 * Sets steps to a status, and keeps their topics in step: a step checked (done) or unchecked (to do)
 * takes its topics with it, so what the learner marked on a topic before does not contradict it.
 */
export function setStepStatus(progress: Progress, roadmap: Roadmap, stepIds: readonly string[], status: Status, now: Date): Progress {
  const changed = setStatus(progress, roadmap.id, stepIds, status, now);
  if (status !== 'done' && status !== 'todo') return changed;
  const pack = packProgress(changed, roadmap.id);
  if (!pack.topics) return changed;
  const topics = { ...pack.topics };
  for (const step of roadmap.steps.filter((candidate) => stepIds.includes(candidate.id))) {
    for (const topic of step.topics ?? []) delete topics[topic.id];
  }
  return { ...changed, packs: { ...changed.packs, [roadmap.id]: { ...pack, topics } } };
}

/**
 * Sets topics of `step` to a status. A step marked done whose topic is unchecked is done no more: its
 * other required topics, done because the step was, are marked done themselves. When every topic that
 * counts (see `topicCounts`) is then done, the step is marked done too, so it keeps the date it was finished.
 */
export function setTopicStatus(
  progress: Progress,
  roadmap: Roadmap,
  step: Step,
  topicIds: readonly string[],
  status: Status,
  now: Date,
): Progress {
  let pack = packProgress(progress, roadmap.id);
  const at = now.toISOString();
  const topics = { ...pack.topics };
  const steps = { ...pack.steps };
  if (statusOf(pack, step.id) === 'done' && status !== 'done') {
    // The step stops being done as a whole: what it stood for is kept topic by topic.
    for (const topic of step.topics ?? []) {
      if (!topic.optional && !Object.hasOwn(topics, topic.id)) topics[topic.id] = { status: 'done', updatedAt: at, completedAt: at };
    }
    delete steps[step.id];
  }
  for (const id of topicIds) {
    const previous = Object.hasOwn(topics, id) ? topics[id] : undefined;
    if (status === 'todo') delete topics[id];
    else if (previous?.status !== status)
      topics[id] = status === 'done' ? { status, updatedAt: at, completedAt: at } : { status, updatedAt: at };
  }
  pack = { ...pack, steps, topics };
  const all = countedTopics(pack, step);
  if (all.length > 0 && all.every((topic) => topicStatusOf(pack, step, topic.id) === 'done') && statusOf(pack, step.id) !== 'done') {
    steps[step.id] = { status: 'done', updatedAt: at, completedAt: at };
  }
  return { ...progress, packs: { ...progress.packs, [roadmap.id]: { ...pack, steps, topics } } };
}

/** Returns a copy of `progress` with the given steps set to `status`; other packs and keys stay as they are. */
export function setStatus(progress: Progress, packId: string, stepIds: readonly string[], status: Status, now: Date): Progress {
  const pack = packProgress(progress, packId);
  const steps = { ...pack.steps };
  const at = now.toISOString();
  for (const id of stepIds) {
    const previous = Object.hasOwn(steps, id) ? steps[id] : undefined;
    if (status === 'todo') {
      delete steps[id];
    } else if (previous?.status !== status) {
      steps[id] = status === 'done' ? { status, updatedAt: at, completedAt: at } : { status, updatedAt: at };
    }
  }
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, steps } } };
}

/** The longest note: a few pages of text. Longer text belongs in a file of the learner's own. */
export const MAX_NOTE_CHARS = 10_000;

/** Why `text` cannot be a note, or undefined when it can. */
export function noteProblem(text: string): string | undefined {
  if (text.length > MAX_NOTE_CHARS) {
    return `a note holds at most ${MAX_NOTE_CHARS.toLocaleString('en')} characters and this one has ${text.length.toLocaleString('en')}; keep long text in a file of your own and note where it is`;
  }
  return undefined;
}

/** The notes on a step, oldest first; empty when it has none. */
export function notesOf(pack: PackProgress, stepId: string): Note[] {
  return pack.notes && Object.hasOwn(pack.notes, stepId) ? (pack.notes[stepId] as Note[]) : [];
}

/** Returns a copy of `progress` with a note added after the step's other notes. */
export function addNote(progress: Progress, packId: string, stepId: string, text: string, now: Date): Progress {
  const pack = packProgress(progress, packId);
  const notes = { ...pack.notes, [stepId]: [...notesOf(pack, stepId), { at: now.toISOString(), text }] };
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, notes } } };
}

/**
 * Returns a copy of `progress` without the step's note at `index` (0-based, oldest first); a step left
 * with no notes loses its key. An index out of range changes nothing.
 */
export function deleteNote(progress: Progress, packId: string, stepId: string, index: number): Progress {
  const pack = packProgress(progress, packId);
  const kept = notesOf(pack, stepId).filter((_, i) => i !== index);
  const notes = { ...pack.notes, [stepId]: kept };
  if (kept.length === 0) delete notes[stepId];
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, notes } } };
}

/** Returns a copy of `progress` without the given pack's entry. */
export function clearPack(progress: Progress, packId: string): Progress {
  const packs = { ...progress.packs };
  delete packs[packId];
  return { ...progress, packs };
}

export interface StepSummary {
  number: number;
  id: string;
  title: string;
  status: Status;
  completedAt?: string;
  /** For a step with topics: how many are done, of how many. */
  topicCount?: { done: number; total: number };
}

/**
 * What the progress bar and its percentage count: topics, a step without topics counting as one, so
 * three topics done of 79 show as 3% rather than 0 of 10 steps. A topic of a skipped step is skipped.
 */
export interface WorkCount {
  done: number;
  skipped: number;
  total: number;
  /** Done as a whole percentage of the total. */
  percent: number;
  /** What is counted, for the bar's label. */
  unit: 'topics' | 'steps' | 'topics and steps';
}

export interface Summary {
  done: number;
  skipped: number;
  doing: number;
  /** Steps in the roadmap. */
  total: number;
  /** Done steps as a whole percentage of all steps. */
  percent: number;
  steps: StepSummary[];
  /** Topics done, and topics in the roadmap (0 for a pack without topics). */
  topicsDone: number;
  topicsTotal: number;
  /** What the progress bar shows. */
  work: WorkCount;
}

/**
 * Counts the learner's progress through the roadmap's steps; entries for unknown ids are ignored here.
 * One pass, each step's topics tallied once (`tallyTopics`; topic ids are unique in a valid pack).
 */
export function summarize(roadmap: Roadmap, progress: Progress): Summary {
  const pack = packProgress(progress, roadmap.id);
  let topicsDone = 0;
  let topicsTotal = 0;
  let done = 0;
  let skipped = 0;
  let doing = 0;
  const work = { done: 0, skipped: 0, total: 0 };
  const list = roadmap.steps;
  const steps: StepSummary[] = new Array(list.length);
  for (let index = 0; index < list.length; index++) {
    const step = list[index] as Step;
    const marked = statusOf(pack, step.id);
    const tally = tallyTopics(pack, step, marked);
    const { counted } = tally;
    const status = stepStatusFrom(marked, step, tally);
    if (status === 'done') done++;
    else if (status === 'skipped') skipped++;
    else if (status === 'doing') doing++;
    // Optional topics count once the learner takes them up; a step of optional topics alone counts as one.
    if (counted > 0) {
      work.total += counted;
      if (status === 'skipped') work.skipped += counted;
      else {
        work.done += tally.done;
        work.skipped += tally.skipped;
      }
      topicsDone += tally.done;
      topicsTotal += counted;
    } else {
      work.total += 1;
      if (status === 'done') work.done += 1;
      else if (status === 'skipped') work.skipped += 1;
    }
    const summary: StepSummary = { number: index + 1, id: step.id, title: step.title, status };
    const completedAt = status === 'done' && Object.hasOwn(pack.steps, step.id) ? pack.steps[step.id]?.completedAt : undefined;
    if (completedAt) summary.completedAt = completedAt;
    if (counted > 0) summary.topicCount = { done: tally.done, total: counted };
    steps[index] = summary;
  }
  const total = steps.length;
  return {
    done,
    skipped,
    doing,
    total,
    percent: total === 0 ? 0 : Math.floor((done / total) * 100),
    steps,
    topicsDone,
    topicsTotal,
    work: {
      ...work,
      percent: work.total === 0 ? 0 : Math.floor((work.done / work.total) * 100),
      unit: topicsTotal === 0 ? 'steps' : topicsTotal === work.total ? 'topics' : 'topics and steps',
    },
  };
}

/**
 * The topic to work on next in a step: the first in progress, else the first required one to do; none
 * when all are done or skipped. An optional topic comes next only once the learner has started it.
 */
export function nextTopic(pack: PackProgress, step: Step): { topic: Topic; number: number; status: Status } | undefined {
  const topics = (step.topics ?? []).map((topic, index) => ({ topic, number: index + 1, status: topicStatusOf(pack, step, topic.id) }));
  return topics.find((entry) => entry.status === 'doing') ?? topics.find((entry) => entry.status === 'todo' && !entry.topic.optional);
}

/**
 * The step to work on next: the first one in progress ('doing'); else the first to-do step after
 * the last done one, wrapping round to the start; `undefined` when no step is left to do
 * (every step done or skipped).
 */
export function nextStep(summary: Pick<Summary, 'steps'>): StepSummary | undefined {
  const { steps } = summary;
  const doing = steps.find((step) => step.status === 'doing');
  if (doing) return doing;
  const lastDone = steps.findLastIndex((step) => step.status === 'done');
  const after = steps.slice(lastDone + 1).find((step) => step.status === 'todo');
  return after ?? steps.slice(0, lastDone + 1).find((step) => step.status === 'todo');
}

/** Why a step comes next, for the learner and for scripts. */
export type NextReason = 'in-progress' | 'after-last-done' | 'wrapped' | 'first';

/** Why a step comes next, in words; `next` and the tutor's "continue" say it. */
export const NEXT_REASONS: Record<NextReason, string> = {
  'in-progress': 'You are working on this step.',
  'after-last-done': 'The next open step after the last one you finished.',
  wrapped: 'The steps after your last finished one are done or skipped, so back to the first open one.',
  first: 'Start here: the first step of the roadmap.',
};

/** Says why `nextStep` picked the step numbered `number`. */
export function nextReason(summary: Summary, number: number): NextReason {
  const step = summary.steps[number - 1];
  if (step?.status === 'doing') return 'in-progress';
  const lastDone = summary.steps.findLastIndex((s) => s.status === 'done');
  if (lastDone === -1) return 'first';
  return number - 1 > lastDone ? 'after-last-done' : 'wrapped';
}

/** Checks a pack's optional "assessments", "quizzes" and "plan"; returns a sentence naming the first problem. */
function studyDataProblem(packId: string, pack: Record<string, unknown>): string | undefined {
  const where = `"packs.${packId}`;
  // Safe integers: 1e308 is an integer too, and prints as one.
  const isCount = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  const isRating = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
  if (pack.assessments !== undefined) {
    if (!isRecord(pack.assessments)) return `${where}.assessments" is not an object`;
    for (const [skillId, ratings] of Object.entries(pack.assessments)) {
      const valid = (entry: unknown) => isRecord(entry) && isIsoTime(entry.at) && isRating(entry.rating);
      if (!Array.isArray(ratings) || !ratings.every(valid)) return `the ratings of skill "${skillId}" are not a list of { at, rating 1-5 }`;
    }
  }
  if (pack.quizzes !== undefined) {
    if (!isRecord(pack.quizzes)) return `${where}.quizzes" is not an object`;
    for (const [quizId, record] of Object.entries(pack.quizzes)) {
      const valid =
        isRecord(record) &&
        isCount(record.best) &&
        isCount(record.total) &&
        (record.best as number) <= (record.total as number) &&
        Array.isArray(record.attempts) &&
        record.attempts.every((attempt) => isRecord(attempt) && isIsoTime(attempt.at) && isCount(attempt.score));
      if (!valid) return `the results of quiz "${quizId}" are not { best (at most total), total, attempts: [{ at, score }] }`;
    }
  }
  if (pack.plan !== undefined) {
    const plan = pack.plan;
    const valid =
      isRecord(plan) &&
      typeof plan.hoursPerWeek === 'number' &&
      Number.isFinite(plan.hoursPerWeek) &&
      plan.hoursPerWeek > 0 &&
      plan.hoursPerWeek <= 168 &&
      isCalendarDate(plan.start) &&
      Array.isArray(plan.steps) &&
      plan.steps.every((id) => typeof id === 'string');
    if (!valid) return `${where}.plan" is not { hoursPerWeek 0-168, start: a real date YYYY-MM-DD, steps }`;
  }
  return undefined;
}

function isStepRecord(record: unknown): boolean {
  return (
    isRecord(record) &&
    ['doing', 'done', 'skipped'].includes(record.status as string) &&
    // "" is a legacy step whose time was not known.
    (record.updatedAt === '' || isIsoTime(record.updatedAt)) &&
    (record.completedAt === undefined || isIsoTime(record.completedAt))
  );
}

function isNote(value: unknown): value is Note {
  return (
    isRecord(value) && isIsoTime(value.at) && typeof value.text === 'string' && (value.id === undefined || typeof value.id === 'string')
  );
}

/** A step's topics numbered as the learner names them (`2.3`), with their status, for lists and pages. */
export function topicRows(number: number, step: Step, pack: PackProgress) {
  return (step.topics ?? []).map((topic, index) => ({
    number: `${number}.${index + 1}`,
    id: topic.id,
    title: topic.title,
    status: topicStatusOf(pack, step, topic.id),
    effortHours: topic.effortHours,
  }));
}
