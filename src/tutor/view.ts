import { stripVTControlCharacters } from 'node:util';
import { Separator } from '@inquirer/prompts';
import type { Context } from '../context.js';
import { LeaveError } from '../errors.js';
import { markdown } from '../output.js';
import { cells, type ListOptions, truncate, wrapLine } from '../render/text.js';

/** How the tutor's lists look: decorated, at the context's width and colour. */
export function tutorListOptions(ctx: Context): ListOptions {
  return { tty: true, width: ctx.width, style: ctx.style };
}

/**
 * Shows markdown rendered to the context's width as a page (`showPage`). Like every block the tutor
 * prints, it ends with a blank line, which sets it apart from the prompt below it.
 */
export async function showMarkdown(ctx: Context, text: string): Promise<void> {
  await showPage(ctx, await markdown(ctx, text));
}

/**
 * The theme every tutor prompt gets: Inquirer's key hints ("↑↓ navigate • ⏎ select"), with "esc
 * back" added (at the main menu "esc leave") so the way out is always on screen, and `renames`
 * applied ("select" → "tick").
 */
export function promptTheme(ctx: Context, renames: Record<string, string> = {}, escapeKey: 'back' | 'leave' = 'back') {
  const { style } = ctx;
  return {
    style: {
      // One line while it fits the width, else as many as it needs, broken between hints, never inside one.
      keysHelpTip: (keys: [key: string, action: string][]) => {
        const hints = [...keys, ['esc', escapeKey] as const].map(([key, action]) => ({
          text: `${style.bold(key)} ${style.dim(renames[action] ?? action)}`,
          size: cells(`${key} ${renames[action] ?? action}`),
        }));
        const lines: string[] = [];
        let line = '';
        let used = 0;
        for (const hint of hints) {
          if (used > 0 && used + 3 + hint.size > ctx.width) {
            lines.push(line);
            line = '';
            used = 0;
          }
          line = used === 0 ? hint.text : `${line}${style.dim(' • ')}${hint.text}`;
          used += (used === 0 ? 0 : 3) + hint.size;
        }
        return [...lines, line].join('\n');
      },
    },
  };
}

/**
 * A question that stays on screen once answered ("✔ question answer"), fitted to the width: wrapped
 * at words, where Inquirer would cut a word in two at the edge; and when the longest of `answers`
 * would not fit after its last line, the answer goes on a line of its own. Gives the message and the
 * prompt theme (`promptTheme`'s, with that message style).
 */
export function fittedQuestion(ctx: Context, question: string, answers: readonly string[]) {
  // The first line follows the "? " prefix; the answer follows the last line and a space.
  const lines = wrapLine(question, ctx.width - 2);
  const last = (lines.length === 1 ? 2 : 0) + (lines.at(-1)?.length ?? 0);
  const ownLine = last + 1 + Math.max(0, ...answers.map((answer) => answer.length)) > ctx.width;
  const theme = promptTheme(ctx);
  return {
    message: lines.join('\n'),
    theme: {
      ...theme,
      style: {
        ...theme.style,
        message: (text: string, status: string) => `${ctx.style.bold(text)}${status === 'done' && ownLine ? '\n ' : ''}`,
      },
    },
  };
}

/** Prints a line of text, wrapped at spaces to the context's width. */
export function say(ctx: Context, text: string): void {
  ctx.out(wrapLine(text, ctx.width).join('\n'));
}

/**
 * Cuts a one-line label to fit the terminal beside the prompt's cursor and margin, counted in cells.
 * A `suffix` ("(in progress)") is kept whole: the label is cut before it.
 */
export function fitLine(ctx: Context, text: string, margin = 4, suffix = ''): string {
  const room = Math.max(20, ctx.width - margin);
  const tail = suffix === '' ? '' : ` ${suffix}`;
  return `${truncate(text, room - cells(tail))}${tail}`;
}

/**
 * How many choices a list shows at once: all of them when they fit on screen beside the question,
 * description and key hints (6 rows), at most 15, and at least 3 however short the window.
 */
export function pageSize(count: number, height = 24): number {
  return Math.max(3, Math.min(count, 15, height - 6));
}

/** A line between groups of choices in a list, or a remark among them; the cursor passes over it. */
export function separator(text?: string): Separator {
  return new Separator(text);
}

export { plural } from '../words.js';

/**
 * Shows a page so that its top is on screen: on a clean screen, and when it is taller than the window,
 * a window's worth at a time with "More" between (Esc or "Skip the rest" goes on to what follows it).
 * `reserve` rows are kept free below it for the prompt that comes next.
 */
export async function showPage(ctx: Context, text: string, reserve = 6): Promise<void> {
  ctx.clear();
  // Lines wider than the terminal take a row for each width's worth: count rows, as the terminal will.
  const lines = text
    .replace(/\n+$/, '')
    .split('\n')
    .flatMap((line) => (cells(stripVTControlCharacters(line)) > ctx.width ? wrapLine(line, ctx.width) : [line]));
  const room = Math.max(4, ctx.height - reserve);
  if (lines.length <= room) {
    ctx.out(`${lines.join('\n')}\n`);
    return;
  }
  // The last screen shows as much as fits with the prompt below it; the ones before leave a row for "More".
  const chunk = Math.max(4, ctx.height - 5);
  for (let start = 0; start < lines.length; start += chunk) {
    if (start > 0) ctx.clear();
    const end = Math.min(lines.length, start + chunk);
    ctx.out(lines.slice(start, end).join('\n'));
    if (end >= lines.length) {
      ctx.out('');
      return;
    }
    const move = await ctx.prompts
      .select(
        {
          message: `Lines ${start + 1}-${end} of ${lines.length}`,
          choices: [
            { value: 'more', name: 'More' },
            { value: 'skip', name: 'Skip the rest' },
          ],
          theme: promptTheme(ctx),
        },
        { clearPromptOnDone: true },
      )
      .catch((error: Error) => {
        if (error instanceof LeaveError) return 'skip';
        throw error;
      });
    if (move === 'skip') {
      ctx.out('');
      return;
    }
  }
}
