import type { ChalkInstance } from 'chalk';
import stringWidth from 'fast-string-width';
import type { Status, Summary } from '../progress/model.js';
import { maxOf } from '../words.js';
import { stripStyles } from './strip.js';

export interface ListOptions {
  /** Decorate for a terminal; otherwise one plain item a line. */
  tty: boolean;
  width: number;
  style: ChalkInstance;
  /** Plain ASCII only (TERM=dumb): the bar is drawn with # and -. */
  ascii?: boolean;
}

/**
 * A bar such as `[#######-------] 12/79 topics done (15%)`, counting what `summarize` counts for it
 * (topics, a step without topics as one); the bar takes what width is left.
 */
export function renderProgressBar(summary: Pick<Summary, 'work'>, options: ListOptions): string {
  const { style } = options;
  const { done, total, percent, skipped, unit } = summary.work;
  const label = `${done}/${total} ${unit} done (${percent}%)${skipped > 0 ? `, ${skipped} skipped` : ''}`;
  const barWidth = Math.max(10, Math.min(40, options.width - label.length - 3));
  // A bar never looks empty once something is done, nor full before everything is.
  const filled =
    total === 0 ? 0 : Math.min(done < total ? barWidth - 1 : barWidth, Math.max(done > 0 ? 1 : 0, Math.round((done / total) * barWidth)));
  const bar =
    options.tty && !options.ascii
      ? style.green('█'.repeat(filled)) + style.dim('░'.repeat(barWidth - filled))
      : `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  // In a narrow window the label goes under the bar rather than past the edge; a pipe keeps one line.
  return options.tty ? wrapLine(`${bar} ${label}`, options.width).join('\n') : `${bar} ${label}`;
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
export function renderRoadmap(title: string, summary: Summary, options: ListOptions, extras: { hint?: boolean } = {}): string {
  const { style } = options;
  const idWidth = maxOf(
    summary.steps.map((step) => step.id.length),
    0,
  );
  const numberWidth = String(summary.steps.length).length;
  const lines = summary.steps.map((step) => {
    const number = `${String(step.number).padStart(numberWidth)}.`;
    const mark = renderMark(step.status, options);
    // A step with topics says how many are done: "3/8".
    const count = step.topicCount ? `${step.topicCount.done}/${step.topicCount.total}` : '';
    if (!options.tty) return `${number} ${mark} ${step.id.padEnd(idWidth)}  ${step.title}${count ? `  ${count}` : ''}`;
    // "  1. [x] " then the title, the topic count and "(id)", wrapped under the title so no line is wider than the terminal.
    const indent = 2 + number.length + 1 + MARKS[step.status].length + 1;
    const words = [...step.title.split(' '), ...(count ? [`${count}`] : []), `(${step.id})`];
    const idIndex = words.length - 1;
    const styled = (index: number) => {
      const word = words[index] ?? '';
      return index === idIndex || step.status === 'done' ? style.dim(word) : word;
    };
    return wrapWords(words, options.width - indent)
      .map((group, i) => `${i === 0 ? `  ${number} ${mark} ` : ' '.repeat(indent)}${group.map(styled).join(' ')}`)
      .join('\n');
  });
  if (!options.tty) return lines.join('\n');
  return [
    style.bold(title),
    '',
    ...lines,
    '',
    renderProgressBar(summary, options),
    ...(extras.hint === false
      ? []
      : wrapLine(
          summary.topicsTotal > 0
            ? 'Check a step or topic off with: mlroadmap check <number, 2.3 or id>; see topics with: mlroadmap topics <step>'
            : 'Check a step off with: mlroadmap check <number or id>',
          options.width,
        ).map((line) => style.dim(line))),
  ].join('\n');
}

/**
 * A plain table of `[key, text]` rows: keys padded to one width. On a terminal the text wraps to fit
 * the width and keys are coloured; in a pipe each row is one whole line.
 */
export function renderRows(rows: [string, string][], options: ListOptions, heading?: string, hint?: string): string {
  const { style } = options;
  const keyWidth = maxOf(
    rows.map(([key]) => key.length),
    0,
  );
  if (rows.length === 0) return options.tty ? style.dim('(none in this roadmap)') : '';
  if (!options.tty) return rows.map(([key, text]) => `${key.padEnd(keyWidth)}  ${text}`.trimEnd()).join('\n');
  // The text wraps under itself; when the keys leave it too little room, it goes below its key.
  const room = options.width - keyWidth - 4;
  const lines = rows.flatMap(([key, text]) => {
    const words = text.split(' ');
    const wrap = (width: number) => wrapWords(words, width).map((group) => truncate(group.map((i) => words[i]).join(' '), width));
    if (room < 20) return [`  ${style.cyan(key)}`, ...wrap(options.width - 4).map((line) => `    ${line}`)];
    return wrap(room).map((line, i) => `  ${i === 0 ? style.cyan(key.padEnd(keyWidth)) : ' '.repeat(keyWidth)}  ${line}`);
  });
  const fitLines = (text: string, paint: (line: string) => string) => wrapLine(text, options.width).map((line) => paint(line));
  return [...(heading ? [...fitLines(heading, style.bold), ''] : []), ...lines, ...(hint ? ['', ...fitLines(hint, style.dim)] : [])].join(
    '\n',
  );
}

/**
 * Groups words (given in order; returned as their indexes) into lines of at most `width` columns,
 * one space between words. A word wider than `width` gets a line of its own; the caller may cut it.
 */
export function wrapWords(words: readonly string[], width: number): number[][] {
  const lines: number[][] = [];
  let line: number[] = [];
  let used = 0;
  // By index: unoptimised, an entries() iterator makes two arrays a word.
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    if (word === '') continue;
    const size = cells(word);
    if (line.length > 0 && used + 1 + size <= width) {
      line.push(index);
      used += 1 + size;
      continue;
    }
    if (line.length > 0) lines.push(line);
    line = [index];
    used = size;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * How many terminal cells `text` takes: a CJK character or an emoji takes two, a combining mark or a
 * colour code none. Widths are counted this way everywhere text is fitted to the terminal.
 */
export function cells(text: string): number {
  // A character of NARROW takes one cell, and a colour code (SGR) none: counted without the library,
  // which would otherwise set up its Unicode patterns (see deferPlugin in scripts/build.mjs) and run
  // them over every line the tutor fits to the terminal.
  if (NARROW.test(text)) return text.length;
  if (COLOURED_NARROW.test(text)) {
    const plain = text.replace(SGR, '');
    if (NARROW.test(plain)) return plain.length;
  }
  return stringWidth(text);
}

/**
 * Characters of one cell each, as the library counts them, one UTF-16 unit each: printable ASCII, Latin-1,
 * dashes and quotes, arrows, box drawing and blocks (the progress bar), geometric shapes (bar two wide
 * ones). Not the zero-width, bidi or separator characters around them, nor a variation selector or a
 * combining mark, which change a character's width: a text with any of those is the library's to count.
 * tests/render/text.test.ts holds each to the library.
 */
const NARROW = /^[\x20-\x7e\xa0-\xff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u259f\u25a0-\u25fc]*$/;
const COLOURED_NARROW = /^[\x20-\x7e\xa0-\xff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u259f\u25a0-\u25fc\u001b]*$/;
/** A colour code as the library reads one (its ANSI pattern, for SGR): up to four digits a number. */
const SGR = /\u001b\[(?:[0-9]{1,4}(?:;[0-9]{0,4})*)?m/g;

/** Cuts `text` to `width` cells, ending in an ellipsis when it was cut; never in the middle of a character. */
export function truncate(text: string, width: number): string {
  if (cells(text) <= width) return text;
  let kept = '';
  let used = 0;
  for (const char of text) {
    const size = cells(char);
    if (used + size > width - 1) break;
    kept += char;
    used += size;
  }
  return `${kept.trimEnd()}…`;
}

/**
 * Cuts `text` to `width` cells after a whole word, ending in an ellipsis when it was cut; a first word
 * wider than that is cut as `truncate` cuts (there is no word to keep whole).
 */
export function cutAtWord(text: string, width: number): string {
  if (cells(text) <= width) return text;
  const words = text.split(' ');
  let kept = '';
  for (const word of words) {
    const next = kept === '' ? word : `${kept} ${word}`;
    if (cells(next) > width - 1) break;
    kept = next;
  }
  return kept.trim() === '' ? truncate(text, width) : `${kept.replace(/[\s,;:.(\u2013\u2014-]+$/, '')}…`;
}

/** A heading line for item screens: bold on a terminal, plain in a pipe. */
export function renderHeading(text: string, options: ListOptions): string {
  return options.tty ? options.style.bold.underline(text) : text;
}

/**
 * Wraps one line of terminal text, which may hold colour codes, at spaces so that no line is wider
 * than `width`. Continuation lines are indented to where the text starts, after the line's own
 * indent and any list bullet ("* ", "1. "). A word too long for a line is cut, losing its colour.
 */
export function wrapLine(line: string, width: number): string[] {
  const plain = stripStyles(line);
  if (cells(plain) <= width) return [line];
  const bullet = /^\s*(?:(?:[*\u2022-]|\d+\.)\s+)?/.exec(plain)?.[0].length ?? 0;
  const hang = bullet > width / 2 ? 0 : bullet;
  const lines: string[] = [];
  let current = '';
  let used = 0;
  /** The current line has more than its indent. */
  let started = false;
  const breakLine = (word: string, size: number) => {
    if (started) lines.push(current.trimEnd());
    current = `${' '.repeat(hang)}${word}`;
    used = hang + size;
    started = true;
  };
  const words = line.split(' ');
  // By index: unoptimised, an entries() iterator makes two arrays a word, over every word a terminal
  // is shown. (stripStyles gives a word without escape codes back as it is.)
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    const size = cells(stripStyles(word));
    if (index === 0) {
      current = word;
      used = size;
      started = size > 0;
    } else if (size === 0) {
      // Several spaces in a row: keep them (an indent, mostly) while they fit.
      if (used + 1 <= width) {
        current += ' ';
        used += 1;
      }
    } else if (used + 1 + size <= width) {
      current += ` ${word}`;
      used += 1 + size;
      started = true;
    } else if (hang + size <= width) {
      breakLine(word, size);
    } else {
      // A word wider than a line (a long URL): cut into pieces of at most a line's cells.
      const room = Math.max(1, width - hang);
      let piece = '';
      let pieceCells = 0;
      for (const char of stripStyles(word)) {
        const size = cells(char);
        if (pieceCells + size > room && piece !== '') {
          breakLine(piece, pieceCells);
          piece = '';
          pieceCells = 0;
        }
        piece += char;
        pieceCells += size;
      }
      if (piece !== '') breakLine(piece, pieceCells);
    }
  }
  lines.push(current.trimEnd());
  return lines;
}
