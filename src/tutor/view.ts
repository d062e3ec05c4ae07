import { Separator } from '@inquirer/prompts';
import type { Context } from '../context.js';
import { printMarkdown } from '../output.js';
import { type ListOptions, wrapLine } from '../render/text.js';

/** How the tutor's lists look: decorated, at the context's width and colour. */
export function tutorListOptions(ctx: Context): ListOptions {
  return { tty: true, width: ctx.width, style: ctx.style };
}

/**
 * Prints markdown rendered to the context's width. Like every block the tutor prints, it ends with a
 * blank line, which sets it apart from the prompt below it.
 */
export async function showMarkdown(ctx: Context, markdown: string): Promise<void> {
  await printMarkdown(ctx, markdown);
  ctx.out('');
}

/**
 * The theme every tutor prompt gets: Inquirer's key hints ("↑↓ navigate • ⏎ select"), with "esc
 * leave" added so the way out is always on screen, and `renames` applied ("select" → "tick").
 */
export function promptTheme(ctx: Context, renames: Record<string, string> = {}) {
  const { style } = ctx;
  return {
    style: {
      keysHelpTip: (keys: [key: string, action: string][]) =>
        [...keys, ['esc', 'leave'] as const]
          .map(([key, action]) => `${style.bold(key)} ${style.dim(renames[action] ?? action)}`)
          .join(style.dim(' • ')),
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

/** Cuts a one-line label to fit the terminal beside the prompt's cursor and margin. */
export function fitLine(ctx: Context, text: string, margin = 4): string {
  const room = Math.max(20, ctx.width - margin);
  return text.length <= room ? text : `${text.slice(0, room - 1).trimEnd()}…`;
}

/** How many choices a list shows at once: all of them when they fit in a usual terminal. */
export function pageSize(count: number): number {
  return Math.max(3, Math.min(count, 15));
}

/** A line between groups of choices in a list, or a remark among them; the cursor passes over it. */
export function separator(text?: string): Separator {
  return new Separator(text);
}

export { plural } from '../words.js';
