import { linkProblem } from '../content/links.js';
import type { Resource, Roadmap, Step, Topic } from '../content/schema.js';
import { type ExerciseStatus, exerciseStatusOf } from '../progress/exercises.js';
import { type Note, type PackProgress, STATUS_WORDS, type Status, type Summary, stepStatusOf, topicStatusOf } from '../progress/model.js';
import { maxOf } from '../words.js';
import { renderMarkdown } from './markdown.js';
import { sanitizeText } from './sanitize.js';
import { stripStyles } from './strip.js';
import { cells, type ListOptions, renderHeading, renderMark, renderProgressBar, renderRows, wrapLine } from './text.js';
import { localTime } from './time.js';

export interface LinkOptions extends ListOptions {
  /** The terminal shows OSC 8 hyperlinks; only honoured together with `tty`. */
  hyperlinks: boolean;
}

/**
 * `text` as an OSC 8 hyperlink to `url` when the terminal shows them; otherwise the text unchanged.
 * Both are sanitized first, so neither can end the link early or smuggle in another escape sequence;
 * a link the pack check refuses (content/links.ts) stays plain text.
 */
export function renderLink(text: string, url: string, options: LinkOptions): string {
  const label = sanitizeText(text);
  if (!options.tty || !options.hyperlinks || linkProblem(url, label) !== undefined) return label;
  const target = sanitizeText(url).replace(/\s/g, '');
  return `\u001b]8;;${target}\u001b\\${label}\u001b]8;;\u001b\\`;
}

/**
 * A step's resources, one a line with a type label. In a pipe: `[course] Title — https://...`.
 * On a terminal the label is coloured, and the title is a hyperlink when the terminal supports them
 * (the URL is still printed, dimmed, for terminals where clicking does nothing).
 */
export function renderResources(resources: readonly Resource[], options: LinkOptions): string {
  const { style } = options;
  if (!options.tty) return resources.map((r) => `[${r.type}] ${sanitizeText(r.title)} — ${sanitizeText(r.url)}`).join('\n');
  const labelWidth = maxOf(
    resources.map((r) => r.type.length),
    0,
  );
  return resources
    .map((r) => {
      const label = style.cyan(r.type.padEnd(labelWidth));
      const title = sanitizeText(r.title);
      const url = sanitizeText(r.url);
      // A URL broken across lines can no longer be clicked or copied whole: too long, it goes below.
      if (4 + labelWidth + title.length + 3 + url.length <= options.width) {
        return `  ${label}  ${renderLink(title, r.url, options)} — ${style.dim(url)}`;
      }
      // A title too long for the line wraps at spaces, under itself, each line a link of its own.
      const indent = ' '.repeat(4 + labelWidth);
      const titleLines = wrapLine(title, Math.max(20, options.width - indent.length)).map((line) => renderLink(line, r.url, options));
      return `  ${label}  ${titleLines.join(`\n${indent}`)}\n${indent}${style.dim(url)}`;
    })
    .join('\n');
}

/** A note's date, `YYYY-MM-DD`, the learner's own day (as every day a person reads), or the raw value when it is not a time. */
export function noteDate(at: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(at) ? localTime(at).slice(0, 10) : sanitizeText(at);
}

/** A note's text on one line, with control characters and escape sequences removed. */
export function noteText(text: string): string {
  return sanitizeText(text).replace(/\s+/g, ' ').trim();
}

/** A step's notes, numbered from 1 with their dates: `1. 2026-01-15  text`. */
export function renderNotes(notes: readonly Note[], options: ListOptions): string {
  const width = String(notes.length).length;
  return notes
    .map((note, i) => {
      const number = `${String(i + 1).padStart(width)}.`;
      if (!options.tty) return `${number} ${noteDate(note.at)}  ${noteText(note.text)}`;
      return fitLines(`  ${number} ${options.style.dim(noteDate(note.at))}  ${noteText(note.text)}`, options);
    })
    .join('\n');
}

/** `[~] in progress since 2026-01-15`: a step's mark and status in words, with the date it changed. */
export function renderStatus(status: Status, updatedAt: string | undefined, options: ListOptions): string {
  const since = updatedAt && status !== 'todo' ? ` (${status === 'done' ? 'on' : 'since'} ${noteDate(updatedAt)})` : '';
  return `${renderMark(status, options)} ${STATUS_WORDS[status]}${since}`;
}

/** On a terminal, wraps each line of `text` (colour codes allowed) to the width; in a pipe, leaves it whole. */
export function fitLines(text: string, options: ListOptions): string {
  return options.tty
    ? text
        .split('\n')
        .flatMap((line) => wrapLine(line, options.width))
        .join('\n')
    : text;
}

/** A titled block of a step view: the title, bold on a terminal and ending in a colon in a pipe, then the body. */
export function renderBlock(title: string, body: string, options: ListOptions): string {
  return `${options.tty ? options.style.bold(title) : `${title}:`}\n${body}`;
}

/** What the step page needs besides the step: its number, the learner's record of it, skill titles. */
export interface StepPage {
  number: number;
  step: Step;
  status: Status;
  /** When it was last changed (done: when it was finished). */
  since?: string;
  notes: readonly Note[];
  skillTitles: readonly string[];
  /** The line naming the commands that mark it and add a note (the tutor offers those itself). */
  hints: boolean;
  /** Its topics with their status, numbered `2.1`, `2.2`, ... */
  topics?: readonly { number: string; id: string; title: string; status: Status; effortHours: number }[];
  /** Project briefs that practise its topics, numbered as `mlroadmap projects` lists them. */
  projects?: readonly { number: number; id: string; title: string }[];
  /** The exercises on its topics, in order, with the learner's status. */
  exercises?: readonly { id: string; title: string; status: ExerciseStatus }[];
}

/** The exercises on `step`'s topics (or on the one topic named), in the order they are taken, with the learner's status. */
export function exercisesFor(
  roadmap: Roadmap,
  step: Step,
  pack: PackProgress,
  topicId?: string,
): { id: string; title: string; status: ExerciseStatus }[] {
  const topics = new Set((step.topics ?? []).map((topic) => topic.id).filter((id) => topicId === undefined || id === topicId));
  return (roadmap.exercises ?? [])
    .filter((exercise) => topics.has(exercise.topic))
    .map((exercise) => ({ id: exercise.id, title: exercise.title, status: exerciseStatusOf(pack, exercise.id) }));
}

/** The project briefs that practise any of `step`'s topics. */
export function projectsFor(roadmap: Roadmap, step: Step): { number: number; id: string; title: string }[] {
  const topics = new Set((step.topics ?? []).map((topic) => topic.id));
  return roadmap.projects
    .map((project, index) => ({ number: index + 1, id: project.id, title: project.title, topics: project.topics }))
    .filter((project) => project.topics.some((id) => topics.has(id)))
    .map(({ topics: _topics, ...project }) => project);
}

/**
 * One step in full, as `mlroadmap step` prints it and the tutor shows it: status, effort, the skills
 * it builds, what it is about, what "done" looks like, resources and the learner's notes.
 */
export async function renderStepPage(page: StepPage, options: LinkOptions): Promise<string> {
  const { number, step, style } = { ...page, style: options.style };
  const markdown = (text: string) =>
    renderMarkdown(text, { width: options.width, color: style.level > 0, hyperlinks: options.hyperlinks, level: style.level });
  const parts = [
    fitLines(renderHeading(`${number}. ${step.title} (${step.id})`, options), options),
    fitLines(`Status: ${renderStatus(page.status, page.since, options)}`, options),
    `Effort: about ${step.effortHours} hours`,
  ];
  if (page.skillTitles.length > 0) parts.push(fitLines(`Builds: ${page.skillTitles.join(', ')}`, options));
  parts.push('', await markdown(step.description.trim()));
  parts.push(`\n${options.tty ? style.bold('What "done" looks like') : 'What "done" looks like:'}`, await markdown(step.done.trim()));
  if (page.topics?.length) {
    const done = page.topics.filter((topic) => topic.status === 'done').length;
    parts.push(`\n${renderBlock(`Topics (${done}/${page.topics.length} done)`, renderTopicRows(page.topics, options), options)}`);
  }
  if (step.resources.length > 0) parts.push(`\n${renderBlock('Resources', renderResources(step.resources, options), options)}`);
  if (page.projects?.length) {
    const rows = page.projects.map((project): [string, string] => [`${project.number}. ${project.id}`, project.title]);
    const body = `${renderRows(rows, options)}${options.tty ? `\n${style.dim('See one with: mlroadmap project <number or id>')}` : ''}`;
    parts.push(`\n${renderBlock('Project briefs that practise it', body, options)}`);
  }
  if (page.exercises?.length)
    parts.push(`\n${renderExercisesBlock(page.exercises, options, 'Check one with: mlroadmap exercises check <id>')}`);
  if (page.notes.length > 0) parts.push(`\n${renderBlock(`Your notes (${page.notes.length})`, renderNotes(page.notes, options), options)}`);
  if (options.tty && page.hints) {
    parts.push(
      `\n${fitLines(style.dim(`Mark it: mlroadmap mark ${number} doing|done|skipped · Add a note: mlroadmap note ${number} <text>`), options)}`,
    );
  }
  return parts.join('\n');
}

/** What `check`, `uncheck` and `mark` say: a line a step or topic (changed, or already so), then the bar on a terminal. */
export function renderStatusChanges(
  targets: readonly { step: Step; number: number; topic?: Topic; topicNumber?: number }[],
  before: PackProgress,
  status: Status,
  summary: Summary,
  options: ListOptions,
): string {
  const verb = { done: 'Checked off', todo: 'Unchecked', doing: 'Started', skipped: 'Skipped' }[status];
  const already = { done: 'done', todo: 'not done', doing: 'in progress', skipped: 'skipped' }[status];
  const lines = targets.map((target) => {
    const was = target.topic ? topicStatusOf(before, target.step, target.topic.id) : stepStatusOf(before, target.step);
    const name = target.topic
      ? `${target.number}.${target.topicNumber} ${target.topic.title} (a topic of step ${target.number})`
      : `${target.number}. ${target.step.title}`;
    const line = was === status ? `Already ${already}: ${name}` : `${verb}: ${name}`;
    return options.tty ? wrapLine(line, options.width).join('\n') : line;
  });
  if (options.tty) lines.push(renderProgressBar(summary, options));
  return lines.join('\n');
}

/** Topics in a list: `2.3 [x] Title (12 h)` on a terminal (wrapped under the title), `2.3 [x] id  Title  12 h` in a pipe. */
export function renderTopicRows(
  rows: readonly { number: string; id: string; title: string; status: Status; effortHours: number }[],
  options: ListOptions,
  heading?: string,
  empty?: string,
): string {
  if (rows.length === 0) return empty ?? '';
  // Numbers padded too, so 1.9 and 1.10 start their columns together.
  const numberWidth = maxOf(
    rows.map((row) => row.number.length),
    0,
  );
  if (!options.tty) {
    const idWidth = maxOf(
      rows.map((row) => row.id.length),
      0,
    );
    return rows
      .map(
        (row) =>
          `${row.number.padEnd(numberWidth)} ${renderMark(row.status, options)} ${row.id.padEnd(idWidth)}  ${row.title}  ${row.effortHours} h`,
      )
      .join('\n');
  }
  const lines = rows.flatMap((row) => {
    const prefix = `  ${row.number.padEnd(numberWidth)} ${renderMark(row.status, options)} `;
    const indent = cells(stripStyles(prefix));
    return wrapLine(`${row.title} ${options.style.dim(`(${row.effortHours} h)`)}`, Math.max(10, options.width - indent)).map(
      (line, index) => `${index === 0 ? prefix : ' '.repeat(indent)}${line}`,
    );
  });
  return [...(heading ? [options.style.bold(heading)] : []), ...lines].join('\n');
}

/** A titled list of exercises with their status ([ ] not started, [!] failing, [x] passed), and on a terminal `hint` under it. */
export function renderExercisesBlock(
  exercises: readonly { id: string; title: string; status: ExerciseStatus }[],
  options: ListOptions,
  hint: string,
): string {
  const marks = { 'not-started': '[ ]', failing: '[!]', passed: '[x]' } as const;
  const rows = exercises.map((exercise): [string, string] => [`${marks[exercise.status]} ${exercise.id}`, exercise.title]);
  const passed = exercises.filter((exercise) => exercise.status === 'passed').length;
  const body = `${renderRows(rows, options)}${options.tty ? `\n${options.style.dim(hint)}` : ''}`;
  return renderBlock(`Exercises (${passed}/${exercises.length} passed)`, body, options);
}
