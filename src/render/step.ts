import type { Resource, ResourceType } from '../content/schema.js';
import type { Note, Status } from '../progress/model.js';
import { sanitizeText } from './sanitize.js';
import { type ListOptions, renderMark, wrapLine } from './text.js';

export interface LinkOptions extends ListOptions {
  /** The terminal shows OSC 8 hyperlinks; only honoured together with `tty`. */
  hyperlinks: boolean;
}

/** How each resource type reads in a list. */
export const RESOURCE_LABELS: Record<ResourceType, string> = {
  course: 'course',
  docs: 'docs',
  book: 'book',
  practice: 'practice',
  article: 'article',
  video: 'video',
};

/** Words for each status, as a learner reads them. */
export const STATUS_WORDS: Record<Status, string> = { todo: 'to do', doing: 'in progress', done: 'done', skipped: 'skipped' };

/**
 * `text` as an OSC 8 hyperlink to `url` when the terminal shows them; otherwise the text unchanged.
 * Both are sanitized first, so neither can end the link early or smuggle in another escape sequence.
 */
export function renderLink(text: string, url: string, options: LinkOptions): string {
  const label = sanitizeText(text);
  if (!options.tty || !options.hyperlinks) return label;
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
  if (!options.tty)
    return resources.map((r) => `[${RESOURCE_LABELS[r.type]}] ${sanitizeText(r.title)} — ${sanitizeText(r.url)}`).join('\n');
  const labelWidth = Math.max(0, ...resources.map((r) => RESOURCE_LABELS[r.type].length));
  return resources
    .map((r) => {
      const label = style.cyan(RESOURCE_LABELS[r.type].padEnd(labelWidth));
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

/** A note's date, `YYYY-MM-DD` (UTC), or the raw value when it is not a time. */
export function noteDate(at: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : sanitizeText(at);
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
