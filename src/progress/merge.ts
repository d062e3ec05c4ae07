import { isRecord, put } from '../json.js';
import type { ExerciseRecord } from './exercises.js';
import type { Assessment, Epoch, Note, PackProgress, Progress, QuizRecord, StepRecord } from './model.js';
import { PROGRESS_VERSION } from './model.js';
import type { ProjectRecord } from './projects.js';
import { type CardSchedule, desiredRetention, type Grade, type ReviewRecord, type Scheduler } from './review.js';
import type { StudySession } from './studylog.js';
import { noteId, sessionUid, withIds } from './track.js';

/**
 * Merging two machines' progress (format 3, see model.ts). Pure: no files, no clock, no git; the
 * time of the sync and the review scheduler are handed in. The rules:
 *
 * - Step and topic statuses, the plan and each setting: the latest change wins, a tombstone being
 *   the dated change to "to do" (or to no plan). Equal times are broken by the record's JSON, so
 *   both orders agree.
 * - A time later than the sync (`now`) is taken as `now` and saved so: a machine whose clock ran
 *   ahead cannot outrank changes made after the sync that saw its time.
 * - Notes, study sessions, milestones: the union by stable id, less what a tombstone removed.
 *   Self-ratings and quiz attempts: the union (they are never deleted). Exercises: the first pass
 *   kept, the larger run count and the later last run (runs on two machines between syncs are not
 *   added up, so merging twice changes nothing).
 * - Reviews: each card's log is the union of both logs, in time order, and its schedule is
 *   recomputed from the merged log at the merged pack's desired retention (FSRS's fuzz is seeded by
 *   the review, so every machine gets the same schedule from the same log).
 * - A reset or restore (`epochs`): the later one wins; from the other side only what is dated after
 *   it is kept.
 * - Tombstones older than `TOMBSTONE_DAYS` before the sync are dropped.
 * - Keys this version does not know: the first side's (the local machine's) when both have them.
 */

export const TOMBSTONE_DAYS = 180;
const DAY_MS = 86_400_000;

/** Something one side had that the merge replaced with the other side's, in words for the output. */
export interface Overwritten {
  pack: string;
  what: string;
  /** The value that lost, and the one kept. */
  lost: string;
  kept: string;
}

export interface MergeResult {
  progress: Progress;
  /** Values of `local` replaced by newer ones from `remote`. */
  overwrittenLocal: Overwritten[];
  /** Values of `remote` replaced by newer ones from `local`. */
  overwrittenRemote: Overwritten[];
}

/**
 * `map[key]` when it is the map's own entry: a key such as "toString" or "constructor" from a file
 * is an entry like any other, never a function the object inherits.
 */
function own<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Every key of either map, once: what a merge goes through, each key then taken from both sides with `own`. */
function keysOfBoth(x: object | undefined, y: object | undefined): Set<string> {
  return new Set([...Object.keys(x ?? {}), ...Object.keys(y ?? {})]);
}

/** A side's map of records by id, or an empty one where the side has none (or something that is no map). */
function recordsOf<T>(value: unknown): Record<string, T> {
  return (isRecord(value) ? value : {}) as Record<string, T>;
}

const time = (at: string | undefined): number => {
  const ms = at ? Date.parse(at) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
};

/** Merges `local` and `remote` at `now` (the time of the sync). Both must be of the current format. */
export function mergeProgress(
  local: Progress,
  remote: Progress,
  now: Date,
  scheduler: Scheduler | ((retention: number) => Scheduler),
): MergeResult {
  const cap = now.toISOString();
  const capAt = (at: string): string => (time(at) > now.getTime() ? cap : at);
  const overwrittenLocal: Overwritten[] = [];
  const overwrittenRemote: Overwritten[] = [];
  const epochs: Record<string, Epoch> = {};
  const localEpochs = local.epochs ?? {};
  const remoteEpochs = remote.epochs ?? {};
  for (const packId of keysOfBoth(localEpochs, remoteEpochs)) {
    const a = own(localEpochs, packId);
    const b = own(remoteEpochs, packId);
    const pick = !a ? b : !b ? a : latest(a, b, (e) => e.at);
    if (pick) put(epochs, packId, { ...pick, at: capAt(pick.at) });
  }
  const packs: Record<string, PackProgress> = {};
  for (const packId of keysOfBoth(local.packs, remote.packs)) {
    const epoch = own(epochs, packId);
    const side = (progress: Progress, itsEpochs: Record<string, Epoch>): PackProgress | undefined => {
      const found = own(progress.packs, packId);
      const pack = found ? withIds(found) : undefined;
      if (!pack || !epoch) return pack;
      const mine = own(itsEpochs, packId);
      // The side that made the reset or restore keeps all it holds; the other, what came after it.
      if (mine && capAt(mine.at) === epoch.at && mine.why === epoch.why) return pack;
      return after(pack, epoch.at);
    };
    const a = side(local, localEpochs);
    const b = side(remote, remoteEpochs);
    const merged = mergePack(packId, a ?? { steps: {} }, b ?? { steps: {} }, now, capAt, scheduler, overwrittenLocal, overwrittenRemote);
    if (a || b) put(packs, packId, merged);
  }
  // Keys in a fixed order, so both machines write the same bytes and the repository's diffs stay small.
  const { version: _v, packs: _p, epochs: _e, ...rest } = { ...remote, ...local };
  const progress: Progress = { version: PROGRESS_VERSION, packs: sortKeys(packs), ...sortKeys(rest) };
  if (Object.keys(epochs).length > 0) progress.epochs = sortKeys(epochs);
  return { progress, overwrittenLocal, overwrittenRemote };
}

/** Of two values, the one changed later; equal times broken by their JSON so both orders agree. */
function latest<T>(a: T, b: T, at: (value: T) => string | undefined): T {
  const ta = time(at(a));
  const tb = time(at(b));
  if (ta !== tb) return ta > tb ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/** The part of a pack dated after `at`: what another machine did after a reset or restore it had not seen. */
function after(pack: PackProgress, at: string): PackProgress {
  const since = time(at);
  const later = (value: string | undefined) => time(value) > since;
  const keep = <T>(record: Record<string, T> | undefined, when: (value: T) => string | undefined) =>
    record ? Object.fromEntries(Object.entries(record).filter(([, value]) => later(when(value)))) : undefined;
  const out: PackProgress = { steps: keep(pack.steps, (r) => r.updatedAt) ?? {} };
  const topics = keep(pack.topics, (r) => r.updatedAt);
  if (topics) out.topics = topics;
  if (pack.notes) out.notes = Object.fromEntries(Object.entries(pack.notes).map(([id, notes]) => [id, notes.filter((n) => later(n.at))]));
  if (pack.assessments)
    out.assessments = Object.fromEntries(Object.entries(pack.assessments).map(([id, list]) => [id, list.filter((r) => later(r.at))]));
  if (pack.quizzes) {
    const quizzes: Record<string, QuizRecord> = {};
    for (const [id, record] of Object.entries(pack.quizzes)) {
      const attempts = record.attempts.filter((attempt) => later(attempt.at));
      if (attempts.length > 0) put(quizzes, id, { total: record.total, attempts, best: Math.max(...attempts.map((x) => x.score)) });
    }
    out.quizzes = quizzes;
  }
  if (Array.isArray(pack.studyLog)) out.studyLog = (pack.studyLog as StudySession[]).filter((s) => later(s.at));
  if (pack.exercises) out.exercises = keep(pack.exercises, (r) => r.updatedAt) as Record<string, ExerciseRecord>;
  if (isRecord(pack.reviews)) {
    const reviews: Record<string, ReviewRecord> = {};
    for (const [id, record] of Object.entries(pack.reviews as Record<string, ReviewRecord>)) {
      const log = record.log.filter((entry) => later(entry.at));
      const added = record.added !== undefined && later(record.added) ? record.added : undefined;
      if (log.length > 0 || added)
        put(reviews, id, {
          ...(added ? { added } : {}),
          log,
          ...(log.length === record.log.length && record.schedule ? { schedule: record.schedule } : {}),
        });
    }
    out.reviews = reviews;
  }
  if (isRecord(pack.projects)) {
    const projects: Record<string, ProjectRecord> = {};
    for (const [id, record] of Object.entries(pack.projects as Record<string, ProjectRecord>)) {
      const milestones = keep(record.milestones, (m) => m.at);
      const started = record.started !== undefined && later(record.started) ? record.started : undefined;
      if (started || (milestones && Object.keys(milestones).length > 0))
        put(projects, id, {
          ...(started ? { started } : {}),
          ...(record.folder ? { folder: record.folder } : {}),
          ...(milestones ? { milestones } : {}),
        });
    }
    out.projects = projects;
  }
  const stamps = keep(pack.stamps, (t) => t);
  if (stamps && Object.keys(stamps).length > 0) {
    out.stamps = stamps;
    if (stamps.plan && pack.plan) out.plan = pack.plan;
    if (isRecord(pack.settings)) {
      const settings = Object.fromEntries(Object.entries(pack.settings).filter(([key]) => Object.hasOwn(stamps, `settings.${key}`)));
      if (Object.keys(settings).length > 0) out.settings = settings;
    }
  }
  const deleted = keep(pack.deleted, (t) => t);
  if (deleted && Object.keys(deleted).length > 0) out.deleted = deleted;
  return out;
}

function mergePack(
  packId: string,
  a: PackProgress,
  b: PackProgress,
  now: Date,
  capAt: (at: string) => string,
  scheduler: Scheduler | ((retention: number) => Scheduler),
  overwrittenLocal: Overwritten[],
  overwrittenRemote: Overwritten[],
): PackProgress {
  const horizon = now.getTime() - TOMBSTONE_DAYS * DAY_MS;
  // Tombstones: the later of the two for each entry, capped; the old ones forgotten.
  const deleted: Record<string, string> = {};
  for (const source of [a.deleted ?? {}, b.deleted ?? {}]) {
    for (const [key, at] of Object.entries(source)) {
      const capped = capAt(at);
      if (!Object.hasOwn(deleted, key) || time(capped) > time(deleted[key])) put(deleted, key, capped);
    }
  }
  const deletedAt = (key: string): number | undefined => (Object.hasOwn(deleted, key) ? time(deleted[key]) : undefined);
  const note = (list: Overwritten[], what: string, lost: string, kept: string) => list.push({ pack: packId, what, lost, kept });

  // Statuses: latest wins among the two records and the tombstone.
  const statuses = (kind: 'step' | 'topic', ra: Record<string, StepRecord>, rb: Record<string, StepRecord>) => {
    const out: Record<string, StepRecord> = {};
    for (const id of keysOfBoth(ra, rb)) {
      const x = Object.hasOwn(ra, id) ? capRecord(ra[id] as StepRecord, capAt) : undefined;
      const y = Object.hasOwn(rb, id) ? capRecord(rb[id] as StepRecord, capAt) : undefined;
      const pick = x && y ? latest(x, y, (r) => r.updatedAt) : (x ?? y);
      if (!pick) continue;
      const gone = deletedAt(`${kind}:${id}`);
      if (gone !== undefined && gone >= time(pick.updatedAt)) {
        if (x) note(overwrittenLocal, `${kind} ${id}`, x.status, 'todo');
        if (y) note(overwrittenRemote, `${kind} ${id}`, y.status, 'todo');
        continue;
      }
      delete deleted[`${kind}:${id}`];
      put(out, id, pick);
      if (x && y && x.status !== y.status) {
        if (pick === x) note(overwrittenRemote, `${kind} ${id}`, y.status, x.status);
        else note(overwrittenLocal, `${kind} ${id}`, x.status, y.status);
      }
    }
    return out;
  };
  const pack: PackProgress = { ...b, ...a, steps: statuses('step', a.steps, b.steps) };
  const topics = statuses('topic', a.topics ?? {}, b.topics ?? {});
  if (a.topics || b.topics) pack.topics = topics;

  // Notes: the union by id, oldest first.
  if (a.notes || b.notes) {
    const notes: Record<string, Note[]> = {};
    for (const stepId of keysOfBoth(a.notes, b.notes)) {
      const byId = new Map<string, Note>();
      for (const list of [own(a.notes, stepId) ?? [], own(b.notes, stepId) ?? []]) {
        for (const entry of list) {
          const id = noteId(stepId, entry);
          if (deletedAt(`note:${stepId}:${id}`) !== undefined) continue;
          byId.set(id, { ...entry, id });
        }
      }
      const list = [...byId.values()].sort((x, y) => time(x.at) - time(y.at) || ((x.id as string) < (y.id as string) ? -1 : 1));
      if (list.length > 0) put(notes, stepId, list);
    }
    pack.notes = notes;
  }

  // Self-ratings and quiz attempts: the union, by time and value. A side whose latest rating of a
  // skill (the one that counts) is no longer the latest is told, as for a status: the other side's
  // later one replaced it (an import of an older export, then a sync, brings the later one back).
  if (a.assessments || b.assessments) {
    const assessments: Record<string, Assessment[]> = {};
    for (const skill of keysOfBoth(a.assessments, b.assessments)) {
      const x = own(a.assessments, skill) ?? [];
      const y = own(b.assessments, skill) ?? [];
      const merged = unionBy([...x, ...y], (r) => `${r.at}|${r.rating}`);
      put(assessments, skill, merged);
      const kept = merged.at(-1);
      const replaced = (list: Assessment[], into: Overwritten[]) => {
        const latest = list.at(-1);
        if (latest && kept && (latest.at !== kept.at || latest.rating !== kept.rating))
          note(into, `self-rating ${skill}`, `${latest.rating}/5`, `${kept.rating}/5`);
      };
      replaced(x, overwrittenLocal);
      replaced(y, overwrittenRemote);
    }
    pack.assessments = assessments;
  }
  if (a.quizzes || b.quizzes) {
    const quizzes: Record<string, QuizRecord> = {};
    for (const quiz of keysOfBoth(a.quizzes, b.quizzes)) {
      const x = own(a.quizzes, quiz);
      const y = own(b.quizzes, quiz);
      const attempts = unionBy([...(x?.attempts ?? []), ...(y?.attempts ?? [])], (r) => `${r.at}|${r.score}`);
      put(quizzes, quiz, {
        best: Math.max(x?.best ?? 0, y?.best ?? 0),
        total: Math.max(x?.total ?? 0, y?.total ?? 0),
        attempts,
      });
    }
    pack.quizzes = quizzes;
  }

  // Study sessions: the union by stable id, in time order, numbered again from 1.
  if (Array.isArray(a.studyLog) || Array.isArray(b.studyLog)) {
    const byUid = new Map<string, StudySession>();
    for (const list of [a.studyLog, b.studyLog]) {
      for (const session of Array.isArray(list) ? (list as StudySession[]) : []) {
        const uid = sessionUid(session);
        if (deletedAt(`session:${uid}`) === undefined) byUid.set(uid, { ...session, uid });
      }
    }
    const sessions = [...byUid.values()].sort((x, y) => time(x.at) - time(y.at) || ((x.uid as string) < (y.uid as string) ? -1 : 1));
    pack.studyLog = sessions.map((session, index) => ({ ...session, id: index + 1 }));
  }

  // Exercises: the first pass, the most runs, the last run.
  if (a.exercises || b.exercises) {
    const exercises: Record<string, ExerciseRecord> = {};
    for (const id of keysOfBoth(a.exercises, b.exercises)) {
      const x = own(a.exercises, id);
      const y = own(b.exercises, id);
      put(exercises, id, x && y ? mergeExercise(x, y) : ((x ?? y) as ExerciseRecord));
    }
    pack.exercises = exercises;
  }

  // Projects: milestones by id with tombstones; the first start; this machine's folder.
  if (isRecord(a.projects) || isRecord(b.projects)) {
    const pa = recordsOf<ProjectRecord>(a.projects);
    const pb = recordsOf<ProjectRecord>(b.projects);
    const projects: Record<string, ProjectRecord> = {};
    for (const id of keysOfBoth(pa, pb)) {
      const x = own(pa, id);
      const y = own(pb, id);
      const milestones: Record<string, { at: string }> = {};
      for (const source of [x?.milestones ?? {}, y?.milestones ?? {}]) {
        for (const [phase, done] of Object.entries(source)) {
          const gone = deletedAt(`milestone:${id}:${phase}`);
          if (gone !== undefined && gone >= time(done.at)) continue;
          if (!Object.hasOwn(milestones, phase) || time(done.at) < time(milestones[phase]?.at)) put(milestones, phase, done);
        }
      }
      for (const phase of Object.keys(milestones)) delete deleted[`milestone:${id}:${phase}`];
      const starts = [x?.started, y?.started].filter((s): s is string => s !== undefined).sort((p, q) => time(p) - time(q));
      const folder = x?.folder ?? y?.folder;
      put(projects, id, {
        ...(starts[0] ? { started: starts[0] } : {}),
        ...(folder !== undefined ? { folder } : {}),
        ...(Object.keys(milestones).length > 0 || x?.milestones || y?.milestones ? { milestones } : {}),
      });
    }
    pack.projects = projects;
  }

  // Plan and settings: the latest change wins; a stamp without a value is a removal.
  const stamps: Record<string, string> = {};
  const sa = a.stamps ?? {};
  const sb = b.stamps ?? {};
  const pickStamped = (key: string, va: unknown, vb: unknown): { value: unknown; at?: string } => {
    const ta = Object.hasOwn(sa, key) ? capAt(sa[key] as string) : undefined;
    const tb = Object.hasOwn(sb, key) ? capAt(sb[key] as string) : undefined;
    const x = { value: va, at: ta };
    const y = { value: vb, at: tb };
    // A value missing with no stamp was never set there, not removed (a file from before stamps, or a
    // machine that never changed it): the other side's value stands, and nothing was replaced.
    const neverSet = (v: { value: unknown; at?: string }) => v.value === undefined && v.at === undefined;
    if (neverSet(x) || neverSet(y)) {
      const pick = neverSet(x) ? y : x;
      if (pick.at !== undefined) put(stamps, key, pick.at);
      return pick;
    }
    const pick = JSON.stringify(va) === JSON.stringify(vb) ? (time(ta) >= time(tb) ? x : y) : latest(x, y, (v) => v.at);
    if (JSON.stringify(va) !== JSON.stringify(vb)) {
      const words = (v: unknown) => (v === undefined ? 'none' : JSON.stringify(v));
      if (pick === x) note(overwrittenRemote, key, words(vb), words(va));
      else note(overwrittenLocal, key, words(va), words(vb));
    }
    if (pick.at !== undefined) put(stamps, key, pick.at);
    return pick;
  };
  const plan = pickStamped('plan', a.plan, b.plan).value;
  if (plan === undefined) delete pack.plan;
  else pack.plan = plan as PackProgress['plan'];
  const settingsA = isRecord(a.settings) ? a.settings : {};
  const settingsB = isRecord(b.settings) ? b.settings : {};
  if (isRecord(a.settings) || isRecord(b.settings)) {
    const settings: Record<string, unknown> = {};
    for (const key of [
      ...new Set([...Object.keys(settingsA), ...Object.keys(settingsB), ...stampedSettings(sa), ...stampedSettings(sb)]),
    ].sort()) {
      const value = pickStamped(`settings.${key}`, own(settingsA, key), own(settingsB, key)).value;
      if (value !== undefined) put(settings, key, value);
    }
    pack.settings = settings;
  } else {
    for (const key of new Set([...stampedSettings(sa), ...stampedSettings(sb)])) pickStamped(`settings.${key}`, undefined, undefined);
  }
  // Reviews: the union of each card's log, the schedule replayed from it.
  if (isRecord(a.reviews) || isRecord(b.reviews)) {
    // At the merged pack's own retention, as the learner's reviews schedule them.
    const cards = typeof scheduler === 'function' ? scheduler(desiredRetention(pack)) : scheduler;
    const ra = recordsOf<ReviewRecord>(a.reviews);
    const rb = recordsOf<ReviewRecord>(b.reviews);
    const reviews: Record<string, ReviewRecord> = {};
    for (const id of keysOfBoth(ra, rb)) {
      const x = own(ra, id);
      const y = own(rb, id);
      const only = (x ?? y) as ReviewRecord;
      // A log cut by a reset lost the schedule it had: replayed from what is left.
      put(
        reviews,
        id,
        x && y
          ? mergeReview(x, y, cards)
          : only.schedule || only.log.length === 0
            ? only
            : { ...only, schedule: replay(only.log, cards) as CardSchedule },
      );
    }
    pack.reviews = reviews;
  }

  // Stamps of keys this version does not know: the later of the two.
  for (const source of [sa, sb]) {
    for (const [key, at] of Object.entries(source)) {
      if (!Object.hasOwn(stamps, key) || time(capAt(at)) > time(stamps[key])) put(stamps, key, capAt(at));
    }
  }
  if (Object.keys(stamps).length > 0) pack.stamps = sortKeys(stamps);
  else delete pack.stamps;

  for (const [key, at] of Object.entries(deleted)) if (time(at) < horizon) delete deleted[key];
  if (Object.keys(deleted).length > 0) pack.deleted = sortKeys(deleted);
  else delete pack.deleted;
  for (const key of ['steps', 'topics', 'notes', 'assessments', 'quizzes', 'exercises', 'projects', 'reviews'] as const) {
    const map = pack[key];
    if (isRecord(map)) (pack as Record<string, unknown>)[key] = sortKeys(map);
  }
  const { steps, ...others } = pack;
  return { steps, ...sortKeys(others) };
}

function stampedSettings(stamps: Record<string, string>): string[] {
  return Object.keys(stamps)
    .filter((key) => key.startsWith('settings.'))
    .map((key) => key.slice('settings.'.length));
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

function capRecord(record: StepRecord, capAt: (at: string) => string): StepRecord {
  if (record.updatedAt === '' || capAt(record.updatedAt) === record.updatedAt) return record;
  return { ...record, updatedAt: capAt(record.updatedAt) };
}

function unionBy<T extends { at: string }>(entries: T[], key: (entry: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const entry of entries) if (!seen.has(key(entry))) seen.set(key(entry), entry);
  return [...seen.values()].sort((x, y) => time(x.at) - time(y.at) || (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

function mergeExercise(x: ExerciseRecord, y: ExerciseRecord): ExerciseRecord {
  const passes = [x, y]
    .filter((r) => r.passedAt !== undefined)
    .sort((p, q) => time(p.passedAt) - time(q.passedAt) || (p.passedAfterRuns ?? 0) - (q.passedAfterRuns ?? 0));
  const last = latest(x, y, (r) => r.lastRunAt);
  const first = passes[0];
  return {
    runs: Math.max(x.runs, y.runs),
    lastRunAt: last.lastRunAt,
    lastResult: last.lastResult,
    ...(first?.passedAt !== undefined ? { passedAt: first.passedAt } : {}),
    ...(first?.passedAfterRuns !== undefined ? { passedAfterRuns: first.passedAfterRuns } : {}),
    updatedAt: time(x.updatedAt) >= time(y.updatedAt) ? x.updatedAt : y.updatedAt,
  };
}

function mergeReview(x: ReviewRecord, y: ReviewRecord, scheduler: Scheduler): ReviewRecord {
  const log = unionBy([...x.log, ...y.log], (entry) => `${entry.at}|${entry.grade}`);
  const addedTimes = [x.added, y.added].filter((at): at is string => at !== undefined).sort((p, q) => time(p) - time(q));
  const same = (r: ReviewRecord) => r.log.length === log.length && JSON.stringify(r.log) === JSON.stringify(log);
  let schedule: CardSchedule | undefined;
  if (same(x) && same(y) && JSON.stringify(x.schedule) === JSON.stringify(y.schedule)) schedule = x.schedule;
  else schedule = replay(log, scheduler);
  return {
    ...(addedTimes[0] ? { added: addedTimes[0] } : {}),
    log: log.map((entry) => ({ at: entry.at, grade: entry.grade })),
    ...(schedule ? { schedule } : {}),
  };
}

/** A card's schedule from its whole log, as grading each entry in turn would have made it. */
export function replay(log: readonly { at: string; grade: Grade }[], scheduler: Scheduler): CardSchedule | undefined {
  let schedule: CardSchedule | undefined;
  for (const entry of log) schedule = scheduler.preview(schedule, new Date(entry.at))[entry.grade];
  return schedule;
}
