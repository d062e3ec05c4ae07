import type { ChalkInstance } from 'chalk';
import type { Status, Summary } from '../progress/model.js';

export interface ListOptions {
  /** Decorate for a terminal; otherwise one plain item a line. */
  tty: boolean;
  width: number;
  style: ChalkInstance;
}

/** A bar such as `[#######-------] 2/6 done (33%)`; the bar takes what width is left. */
export function renderProgressBar(summary: Pick<Summary, 'done' | 'total' | 'percent' | 'skipped'>, options: ListOptions): string {
  const { style } = options;
  const label = `${summary.done}/${summary.total} done (${summary.percent}%)${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''}`;
  const barWidth = Math.max(10, Math.min(40, options.width - label.length - 3));
  const filled = summary.total === 0 ? 0 : Math.round((summary.done / summary.total) * barWidth);
  const bar = options.tty
    ? style.green('█'.repeat(filled)) + style.dim('░'.repeat(barWidth - filled))
    : `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  return `${bar} ${label}`;
}

const MARKS: Record<Status, string> = { todo: '[ ]', doing: '[~]', done: '[x]', skipped: '[-]' };

/** The check mark for a status: `[x]` done, `[~]` in progress, `[-]` skipped, `[ ]` to do. */
export function renderMark(status: Status, options: ListOptions): string {
  const mark = MARKS[status];
  if (!options.tty) return mark;
  const { style } = options;
  return status === 'done' ? style.green(mark) : status === 'doing' ? style.yellow(mark) : status === 'skipped' ? style.dim(mark) : mark;
}

/** The roadmap as a checklist: one step a line, numbered, with its mark and id; a bar on a terminal. */
export function renderRoadmap(title: string, summary: Summary, options: ListOptions): string {
  const { style } = options;
  const idWidth = Math.max(...summary.steps.map((step) => step.id.length));
  const numberWidth = String(summary.steps.length).length;
  const lines = summary.steps.map((step) => {
    const number = `${String(step.number).padStart(numberWidth)}.`;
    const mark = renderMark(step.status, options);
    if (!options.tty) return `${number} ${mark} ${step.id.padEnd(idWidth)}  ${step.title}`;
    const name = step.status === 'done' ? style.dim(step.title) : step.title;
    return `  ${number} ${mark} ${name} ${style.dim(`(${step.id})`)}`;
  });
  if (!options.tty) return lines.join('\n');
  return [
    style.bold(title),
    '',
    ...lines,
    '',
    renderProgressBar(summary, options),
    style.dim('Check a step off with: mlroadmap check <number or id>'),
  ].join('\n');
}

/**
 * A plain table of `[key, text]` rows: keys padded to one width. On a terminal the text is cut to
 * fit the width and keys are dimmed; in a pipe each row is one whole line.
 */
export function renderRows(rows: [string, string][], options: ListOptions, heading?: string, hint?: string): string {
  const { style } = options;
  const keyWidth = Math.max(0, ...rows.map(([key]) => key.length));
  if (!options.tty) return rows.map(([key, text]) => `${key.padEnd(keyWidth)}  ${text}`.trimEnd()).join('\n');
  const room = Math.max(20, options.width - keyWidth - 4);
  const lines = rows.map(([key, text]) => `  ${style.cyan(key.padEnd(keyWidth))}  ${truncate(text, room)}`);
  return [...(heading ? [style.bold(heading), ''] : []), ...lines, ...(hint ? ['', style.dim(hint)] : [])].join('\n');
}

/** Cuts `text` to `width` columns, ending in an ellipsis when it was cut. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1)).trimEnd()}…`;
}

/** A heading line for item screens: bold on a terminal, plain in a pipe. */
export function renderHeading(text: string, options: ListOptions): string {
  return options.tty ? options.style.bold.underline(text) : text;
}
