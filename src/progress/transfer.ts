import type { Roadmap } from '../content/schema.js';
import { isRecord, jsonStructureProblem } from '../json.js';
import { sanitizeText } from '../render/sanitize.js';
import { localDay } from '../render/time.js';
import { plural } from '../words.js';
import { resolvePackAliases, topicAliases } from './aliases.js';
import { latestRating, RATING_LABELS, ratingsOf } from './assess.js';
import {
  isIsoTime,
  MAX_PROGRESS_BYTES,
  MAX_PROGRESS_DEPTH,
  type Note,
  notesOf,
  type PackProgress,
  PROGRESS_VERSION,
  type Progress,
  packProgress,
  parseProgress,
  STATUS_WORDS,
  type Status,
  statusOf,
  summarize,
  topicRows,
  topicStatusOf,
} from './model.js';
import { scheduleOf } from './plan.js';
import { type ProjectRecord, projectRecordOf } from './projects.js';
import { quizRecordOf } from './quiz.js';
import { GRADE_WORDS, GRADES, newCardsPerDay, reviewsOf } from './review.js';
import { describeMinutes, sessionsOf } from './studylog.js';

/**
 * The export file (`mlroadmap export --format json`), version 1:
 *
 *   { "format": "mlroadmap-progress", "version": 1, "pack": "<pack id>", "exportedAt": "<ISO time>",
 *     "progress": { <the pack's whole entry in the progress file: steps, notes, assessments, ...> } }
 *
 * `progress` is copied whole, keys this version does not know included, so export → import loses nothing.
 */
export const EXPORT_FORMAT = 'mlroadmap-progress';
export const EXPORT_VERSION = 1;
/** Imports larger than this are refused unread: an export of the largest progress file is smaller. */
export const MAX_IMPORT_BYTES = 2 * MAX_PROGRESS_BYTES;

export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  pack: string;
  exportedAt: string;
  progress: PackProgress;
}

/** The current pack's whole progress, wrapped with what an import needs to check it. */
export function exportJson(roadmap: Roadmap, progress: Progress, now: Date): ProgressExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    pack: roadmap.id,
    exportedAt: now.toISOString(),
    progress: packProgress(progress, roadmap.id),
  };
}

/** A learner's text made safe for a markdown list: no control characters, no HTML, lines indented under the item. */
function markdownText(text: string, indent: string): string {
  return (
    sanitizeText(text)
      .replace(/</g, '&lt;')
      .trim()
      .split('\n')
      // Each line as text: one that starts like a list item, a heading or a quote would become one
      // (a note's "- [x] ..." a ticked box of the checklist).
      .map((line) => line.replace(/^(\s*)([-*+#](?=[\s#]|$)|>)/, '$1\\$2').replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2'))
      .join(`\n${indent}`)
  );
}

/**
 * The progress as a GitHub-friendly markdown checklist: `- [x]` for done steps, `- [ ]` for the rest,
 * each with its status, date and notes; then self-ratings, quiz scores and the plan when there are any.
 */
export function exportMarkdown(roadmap: Roadmap, progress: Progress, now: Date): string {
  const pack = packProgress(progress, roadmap.id);
  const summary = summarize(roadmap, progress);
  const counts = [
    `${summary.done} of ${summary.total} steps done (${summary.percent}%)`,
    ...(summary.doing > 0 ? [`${summary.doing} in progress`] : []),
    ...(summary.skipped > 0 ? [`${summary.skipped} skipped`] : []),
  ];
  const lines = [
    `# My progress: ${roadmap.title}`,
    '',
    `Exported from mlroadmap on ${localDay(now.toISOString())}: ${counts.join(', ')}.`,
    '',
    '## Roadmap',
    '',
  ];
  for (const step of summary.steps) {
    const record = Object.hasOwn(pack.steps, step.id) ? pack.steps[step.id] : undefined;
    const date = step.status === 'done' ? (record?.completedAt ?? record?.updatedAt) : record?.updatedAt;
    const when = date ? ` ${step.status === 'doing' ? 'since' : 'on'} ${localDay(date)}` : '';
    const name = `**${step.number}. ${step.title}**`;
    lines.push(
      `- [${step.status === 'done' ? 'x' : ' '}] ${step.status === 'skipped' ? `~~${name}~~` : name}: ${STATUS_WORDS[step.status]}${when}`,
    );
    for (const note of notesOf(pack, step.id)) lines.push(`  - Note, ${localDay(note.at)}: ${markdownText(note.text, '    ')}`);
    // Topics nest under their step, each with its own notes.
    const content = roadmap.steps[step.number - 1];
    for (const topic of content ? topicRows(step.number, content, pack) : []) {
      lines.push(`  - [${topic.status === 'done' ? 'x' : ' '}] ${topic.number} ${topic.title}: ${STATUS_WORDS[topic.status]}`);
      for (const note of notesOf(pack, topic.id)) lines.push(`    - Note, ${localDay(note.at)}: ${markdownText(note.text, '      ')}`);
    }
  }
  const rated = roadmap.skills.filter((skill) => latestRating(pack, skill.id));
  if (rated.length > 0) {
    lines.push('', '## Self-assessment', '', '| Skill | Rating | Rated on |', '| --- | --- | --- |');
    for (const skill of rated) {
      const latest = latestRating(pack, skill.id) as { at: string; rating: number };
      lines.push(`| ${skill.title} | ${latest.rating}/5 (${RATING_LABELS[latest.rating]}) | ${localDay(latest.at)} |`);
    }
  }
  const taken = roadmap.quizzes.filter((quiz) => quizRecordOf(pack, quiz.id));
  if (taken.length > 0) {
    lines.push('', '## Quizzes', '');
    for (const quiz of taken) {
      const record = quizRecordOf(pack, quiz.id);
      if (!record) continue;
      const n = record.attempts.length;
      const last = record.attempts.at(-1);
      lines.push(
        `- ${quiz.title}: best ${record.best}/${record.total} (${plural(n, 'attempt')}${last ? `, last on ${localDay(last.at)}` : ''})`,
      );
    }
  }
  const sessions = sessionsOf(pack);
  if (sessions.length > 0) {
    const total = sessions.reduce((sum, session) => sum + session.minutes, 0);
    lines.push('', '## Study log', '', `${plural(sessions.length, 'session')}, ${describeMinutes(total)} in all.`, '');
    lines.push('| Day | Time | Topic | Note |', '| --- | --- | --- | --- |');
    const topicTitle = (id: string | undefined) => {
      if (id === undefined) return '';
      const row = roadmap.steps.flatMap((step, s) => [
        ...(step.id === id ? [`${s + 1}. ${step.title}`] : []),
        ...topicRows(s + 1, step, pack).flatMap((topic) => (topic.id === id ? [`${topic.number} ${topic.title}`] : [])),
      ]);
      return row[0] ?? id;
    };
    const cell = (text: string) => markdownText(text, '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    for (const session of sessions) {
      lines.push(
        `| ${session.date} | ${describeMinutes(session.minutes)} | ${cell(topicTitle(session.topic))} | ${cell(session.note ?? '')} |`,
      );
    }
  }
  const reviews = Object.values(reviewsOf(pack));
  const given = reviews.flatMap((record) => record.log);
  if (reviews.length > 0) {
    const counts = GRADES.map((grade) => `${GRADE_WORDS[grade]} ${given.filter((entry) => entry.grade === grade).length}`).join(', ');
    lines.push(
      '',
      '## Spaced review',
      '',
      `${plural(reviews.length, 'card')} reviewed or added, ${plural(given.length, 'grade')} given (${counts}).`,
    );
  }
  if (pack.plan) {
    const schedule = scheduleOf(roadmap, progress, pack.plan);
    lines.push(
      '',
      '## Plan',
      '',
      schedule.problem
        ? `The saved plan cannot be used: ${schedule.problem}.`
        : `${plural(pack.plan.hoursPerWeek, 'hour')} a week from ${pack.plan.start}; finish by ${schedule.finish}.`,
    );
  }
  return lines.join('\n');
}

/**
 * Checks an import file's text before anything is touched, and returns the pack progress it holds or a
 * sentence saying why it is refused: too large, not JSON, nested too deeply, not an mlroadmap export,
 * for another roadmap, or not valid progress. It accepts exactly the pack progress the progress file's
 * check accepts, so whatever is saved can be exported and imported back. Any key is data: ids such as
 * `constructor` or `__proto__` are own properties from JSON.parse to the file, read with Object.hasOwn.
 */
export function parseImport(text: string, roadmap: Roadmap): { progress: PackProgress; exportedAt?: string } | { problem: string } {
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES)
    return { problem: `it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, more than any export` };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { problem: "it is not JSON (export one with 'mlroadmap export --format json')" };
  }
  const structure = jsonStructureProblem(text, MAX_PROGRESS_DEPTH, raw);
  if (structure) return { problem: structure };
  if (!isRecord(raw) || raw.format !== EXPORT_FORMAT) {
    return { problem: "it is not an mlroadmap progress export (make one with 'mlroadmap export --format json')" };
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1)
    return { problem: 'it has no valid export version' };
  if (raw.version > EXPORT_VERSION)
    return { problem: `it was written by a newer mlroadmap (export version ${raw.version}); upgrade mlroadmap` };
  if (typeof raw.pack !== 'string') return { problem: 'it does not say which roadmap it is for ("pack")' };
  if (raw.exportedAt !== undefined && !isIsoTime(raw.exportedAt)) return { problem: '"exportedAt" is not a time' };
  if (raw.pack !== roadmap.id) {
    return { problem: `it is progress on another roadmap ("${sanitizeText(raw.pack).slice(0, 60)}"), not on "${roadmap.id}"` };
  }
  const parsed = parseProgress({ version: PROGRESS_VERSION, packs: { [roadmap.id]: raw.progress } });
  if ('problem' in parsed) return { problem: `its progress is not valid: ${parsed.problem.replace(/"packs\.[^.]+\./, '"progress.')}` };
  return {
    // An export made before a topic was merged holds its former id: read it as the topic's, as the store does.
    progress: resolvePackAliases(packProgress(parsed.progress, roadmap.id), topicAliases(roadmap)),
    ...(typeof raw.exportedAt === 'string' ? { exportedAt: raw.exportedAt } : {}),
  };
}

/** Returns a copy of `progress` with the pack's entry replaced whole by `pack`. */
export function replacePack(progress: Progress, packId: string, pack: PackProgress): Progress {
  return { ...progress, packs: { ...progress.packs, [packId]: pack } };
}

export interface ImportDiff {
  /** One line per change, for a person; empty when the import would change nothing. */
  lines: string[];
  stepsAdded: number;
  stepsChanged: number;
  stepsRemoved: number;
  notesAdded: number;
  notesRemoved: number;
  ratingsAdded: number;
}

const noteKey = (note: Note) => `${note.at}\u0000${note.text}`;
const clip = (text: string, width = 60) => {
  const line = sanitizeText(text).replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
};

/**
 * What replacing `current` with `incoming` would change, in words: steps added (a status where there
 * was none), changed or removed (back to to-do), notes added or removed, new ratings, quiz results,
 * the plan and any other saved data. Text from the file is stripped of control characters.
 */
export function diffImport(roadmap: Roadmap, current: PackProgress, incoming: PackProgress): ImportDiff {
  const diff: ImportDiff = { lines: [], stepsAdded: 0, stepsChanged: 0, stepsRemoved: 0, notesAdded: 0, notesRemoved: 0, ratingsAdded: 0 };
  const stepName = (id: string) => {
    const index = roadmap.steps.findIndex((step) => step.id === id);
    return index >= 0 ? `${index + 1}. ${roadmap.steps[index]?.title}` : `${clip(id, 40)} (a step this roadmap does not have)`;
  };
  const order = (ids: Iterable<string>) => {
    const position = (id: string) => {
      const index = roadmap.steps.findIndex((step) => step.id === id);
      return index >= 0 ? index : Number.MAX_SAFE_INTEGER;
    };
    return [...new Set(ids)].sort((a, b) => position(a) - position(b));
  };

  for (const id of order([...Object.keys(current.steps), ...Object.keys(incoming.steps)])) {
    const before = statusOf(current, id);
    const after = statusOf(incoming, id);
    if (before === after) continue;
    if (before === 'todo') diff.stepsAdded++;
    else if (after === 'todo') diff.stepsRemoved++;
    else diff.stepsChanged++;
    diff.lines.push(`step ${stepName(id)}: ${STATUS_WORDS[before]} → ${STATUS_WORDS[after]}`);
  }

  diff.lines.push(...topicChanges(roadmap, current, incoming));

  for (const id of order([...Object.keys(current.notes ?? {}), ...Object.keys(incoming.notes ?? {})])) {
    const had = new Set(notesOf(current, id).map(noteKey));
    const will = new Set(notesOf(incoming, id).map(noteKey));
    for (const note of notesOf(incoming, id)) {
      if (had.has(noteKey(note))) continue;
      diff.notesAdded++;
      diff.lines.push(`note added on step ${stepName(id)}: "${clip(note.text)}"`);
    }
    for (const note of notesOf(current, id)) {
      if (will.has(noteKey(note))) continue;
      diff.notesRemoved++;
      diff.lines.push(`note removed from step ${stepName(id)}: "${clip(note.text)}"`);
    }
  }

  const skillIds = [...new Set([...Object.keys(current.assessments ?? {}), ...Object.keys(incoming.assessments ?? {})])];
  for (const id of skillIds) {
    const had = new Set(ratingsOf(current, id).map((entry) => `${entry.at}/${entry.rating}`));
    const added = ratingsOf(incoming, id).filter((entry) => !had.has(`${entry.at}/${entry.rating}`)).length;
    const before = latestRating(current, id)?.rating;
    const after = latestRating(incoming, id)?.rating;
    diff.ratingsAdded += added;
    if (before === after && added === 0 && ratingsOf(current, id).length === ratingsOf(incoming, id).length) continue;
    const title = roadmap.skills.find((skill) => skill.id === id)?.title ?? clip(id, 40);
    const rating = (value: number | undefined) => (value === undefined ? 'not rated' : `${value}/5`);
    diff.lines.push(`self-rating of ${title}: ${rating(before)} → ${rating(after)}`);
  }

  for (const id of new Set([...Object.keys(current.quizzes ?? {}), ...Object.keys(incoming.quizzes ?? {})])) {
    const before = quizRecordOf(current, id);
    const after = quizRecordOf(incoming, id);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const title = roadmap.quizzes.find((quiz) => quiz.id === id)?.title ?? clip(id, 40);
    const score = (record: typeof before) =>
      record ? `best ${record.best}/${record.total}, ${plural(record.attempts.length, 'attempt')}` : 'not taken';
    diff.lines.push(`quiz ${title}: ${score(before)} → ${score(after)}`);
  }

  if (JSON.stringify(current.plan) !== JSON.stringify(incoming.plan)) {
    const plan = (value: PackProgress['plan']) => (value ? `${value.hoursPerWeek} h a week from ${value.start}` : 'none');
    diff.lines.push(`plan: ${plan(current.plan)} → ${plan(incoming.plan)}`);
  }

  const grades = (pack: PackProgress) => Object.values(reviewsOf(pack)).reduce((sum, record) => sum + record.log.length, 0);
  if (JSON.stringify(current.reviews) !== JSON.stringify(incoming.reviews)) {
    const count = (pack: PackProgress) => `${plural(Object.keys(reviewsOf(pack)).length, 'card')}, ${plural(grades(pack), 'grade')}`;
    diff.lines.push(`review history: ${count(current)} → ${count(incoming)}`);
  }
  if (JSON.stringify(current.studyLog) !== JSON.stringify(incoming.studyLog)) {
    const count = (pack: PackProgress) => {
      const sessions = sessionsOf(pack);
      return `${plural(sessions.length, 'session')}, ${describeMinutes(sessions.reduce((sum, session) => sum + session.minutes, 0))}`;
    };
    diff.lines.push(`study log: ${count(current)} → ${count(incoming)}`);
  }
  if (JSON.stringify(current.settings) !== JSON.stringify(incoming.settings)) {
    diff.lines.push(`settings: new cards a day ${newCardsPerDay(current)} → ${newCardsPerDay(incoming)}`);
  }

  const projectIds = (pack: PackProgress) => (isRecord(pack.projects) ? Object.keys(pack.projects) : []);
  for (const id of new Set([...projectIds(current), ...projectIds(incoming)])) {
    const before = projectRecordOf(current, id);
    const after = projectRecordOf(incoming, id);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const title = roadmap.projects.find((project) => project.id === id)?.title ?? clip(id, 40);
    const standing = (record: ProjectRecord | undefined) =>
      record ? `started, ${plural(Object.keys(record.milestones ?? {}).length, 'milestone')} done` : 'not started';
    diff.lines.push(`project ${title}: ${standing(before)} → ${standing(after)}`);
  }

  if (JSON.stringify(current.exercises) !== JSON.stringify(incoming.exercises)) {
    const passed = (pack: PackProgress) => Object.values(pack.exercises ?? {}).filter((record) => record.passedAt !== undefined).length;
    const tried = (pack: PackProgress) => Object.keys(pack.exercises ?? {}).length;
    const count = (pack: PackProgress) => `${passed(pack)} passed of ${plural(tried(pack), 'exercise')} tried`;
    diff.lines.push(`exercises: ${count(current)} → ${count(incoming)}`);
  }

  const known = new Set([
    'steps',
    'topics',
    'notes',
    'assessments',
    'quizzes',
    'plan',
    'reviews',
    'studyLog',
    'settings',
    'projects',
    'exercises',
    // Sync's bookkeeping (what was deleted, when the plan and settings changed): what it stands for is listed above.
    'deleted',
    'stamps',
  ]);
  for (const key of new Set([...Object.keys(current), ...Object.keys(incoming)])) {
    if (known.has(key) || JSON.stringify(current[key]) === JSON.stringify(incoming[key])) continue;
    diff.lines.push(`other saved data "${clip(key, 40)}" would be replaced`);
  }
  diff.lines = diff.lines.map((line) => sanitizeText(line));
  return diff;
}

/** At most this many topic changes are listed one a line; more are summed up in one. */
const TOPIC_LINES = 5;

/**
 * The topics whose status the import changes, named as the learner knows them ("topic 1.2 Notebooks
 * ...: to do → done"), or one line for many ("12 topics' statuses: 10 to done, 2 to to do (1.1, 1.2,
 * ... and 7 more)"). Only topics with a record of their own on either side: one without follows its
 * step, whose own line says it. Topics this roadmap does not have are named by id.
 */
function topicChanges(roadmap: Roadmap, current: PackProgress, incoming: PackProgress): string[] {
  const changes: { name: string; number: string; before: Status; after: Status }[] = [];
  const seen = new Set<string>();
  roadmap.steps.forEach((step, s) => {
    for (const [t, topic] of (step.topics ?? []).entries()) {
      seen.add(topic.id);
      const before = topicStatusOf(current, step, topic.id);
      const after = topicStatusOf(incoming, step, topic.id);
      // A topic with no record of its own changes with its step: the step's line says so.
      const own = (pack: PackProgress) => pack.topics !== undefined && Object.hasOwn(pack.topics, topic.id);
      if (before !== after && (own(current) || own(incoming)))
        changes.push({ name: `${s + 1}.${t + 1} ${topic.title}`, number: `${s + 1}.${t + 1}`, before, after });
    }
  });
  const recorded = (pack: PackProgress, id: string): Status =>
    pack.topics && Object.hasOwn(pack.topics, id) ? (pack.topics[id]?.status ?? 'todo') : 'todo';
  for (const id of new Set([...Object.keys(current.topics ?? {}), ...Object.keys(incoming.topics ?? {})])) {
    if (seen.has(id) || recorded(current, id) === recorded(incoming, id)) continue;
    const name = `${clip(id, 40)} (a topic this roadmap does not have)`;
    changes.push({ name, number: clip(id, 20), before: recorded(current, id), after: recorded(incoming, id) });
  }
  if (changes.length <= TOPIC_LINES) {
    return changes.map((change) => `topic ${change.name}: ${STATUS_WORDS[change.before]} → ${STATUS_WORDS[change.after]}`);
  }
  const byStatus = new Map<Status, number>();
  for (const change of changes) byStatus.set(change.after, (byStatus.get(change.after) ?? 0) + 1);
  const counts = [...byStatus].map(([status, n]) => `${n} to ${STATUS_WORDS[status]}`).join(', ');
  const shown = changes.slice(0, TOPIC_LINES).map((change) => change.number);
  return [`${changes.length} topics' statuses: ${counts} (${shown.join(', ')} and ${changes.length - shown.length} more)`];
}
