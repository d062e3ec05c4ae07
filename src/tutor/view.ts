import { Separator } from '@inquirer/prompts';
import type { Context } from '../context.js';
import { LeaveError } from '../errors.js';
import { markdown } from '../output.js';
import { stripStyles } from '../render/strip.js';
import { cells, cutAtWord, type ListOptions, wrapLine } from '../render/text.js';
import { maxOf } from '../words.js';
import { promptRows } from './prompts.js';

/** How the tutor's lists look: decorated, at the context's width and colour. */
export function tutorListOptions(ctx: Context): ListOptions {
  return { tty: true, width: ctx.width, style: ctx.style };
}

/**
 * Shows markdown rendered to the context's width as a page (`showPage`), keeping `reserve` rows free
 * for the prompt after it. Like every block the tutor prints, it ends with a blank line, which sets it
 * apart from the prompt below it.
 */
export async function showMarkdown(ctx: Context, text: string, reserve?: number): Promise<void> {
  await showPage(ctx, await markdown(ctx, text), reserve);
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
  const ownLine =
    last +
      1 +
      maxOf(
        answers.map((answer) => answer.length),
        0,
      ) >
    ctx.width;
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
 * Cuts a one-line text to fit the terminal less `margin`, counted in cells, after a whole word. For
 * what is printed once (a deleted note named in a sentence); lists are fitted by the prompts.
 */
export function fitLine(ctx: Context, text: string, margin = 4): string {
  return cutAtWord(text, Math.max(20, ctx.width - margin));
}

/**
 * The rows `config` takes on screen as the tutor's prompts fit it to the window (prompts.ts), so that
 * a page shown above it can keep them free.
 */
export function rowsOf(ctx: Context, config: unknown): number {
  return promptRows(config, ctx.width, ctx.height);
}

/** A line between groups of choices in a list, or a remark among them; the cursor passes over it. */
export function separator(text?: string): Separator {
  return new Separator(text);
}

export { plural } from '../words.js';

/** A page's lines as the terminal shows them: one wider than the terminal takes a row for each width's worth. */
function pageLines(ctx: Context, text: string): string[] {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .flatMap((line) => (cells(stripStyles(line)) > ctx.width ? wrapLine(line, ctx.width) : [line]));
}

/** `showPage` would show `text` whole, with `reserve` rows free under it, without paging. */
export function pageFits(ctx: Context, text: string, reserve: number): boolean {
  return pageLines(ctx, text).length + 1 + reserve <= ctx.height;
}

/**
 * Shows a page so that its top is on screen: on a clean screen, whole when it fits above the `reserve`
 * rows the prompt after it takes (`rowsOf`); otherwise a window's worth at a time, each with a
 * question under it ("More" or "Skip the rest"; on the last, "Go on"), so no line scrolls away
 * unread. Esc goes on to what follows the page.
 */
export async function showPage(ctx: Context, text: string, reserve = 6): Promise<void> {
  ctx.clear();
  const lines = pageLines(ctx, text);
  // With the blank line that ends it.
  const fits = (count: number) => count + 1 + reserve <= ctx.height;
  if (fits(lines.length)) {
    ctx.out(`${lines.join('\n')}\n`);
    return;
  }
  const pager = (start: number, end: number) => ({
    // A page wholly on screen needs no line count: only a way on, once it is read.
    message:
      start === 0 && end >= lines.length
        ? 'The whole page is above.'
        : `Lines ${start + 1}-${end} of ${lines.length}${end < lines.length ? '' : ' (the end)'}`,
    choices:
      end < lines.length
        ? [
            { value: 'more', name: 'More' },
            { value: 'skip', name: 'Skip the rest' },
          ]
        : [{ value: 'skip', name: 'Go on' }],
    theme: promptTheme(ctx),
  });
  // A blank line between the text and the question.
  const chunk = Math.max(3, ctx.height - 1 - rowsOf(ctx, pager(0, 1)));
  for (let start = 0; start < lines.length; start += chunk) {
    const rest = lines.slice(start);
    if (start > 0) {
      ctx.clear();
      // The last screen, when it fits with the prompt after the page, needs no question of its own.
      if (fits(rest.length)) {
        ctx.out(`${rest.join('\n')}\n`);
        return;
      }
    }
    const end = Math.min(lines.length, start + chunk);
    ctx.out(`${lines.slice(start, end).join('\n')}\n`);
    const move = await ctx.prompts.select(pager(start, end), { clearPromptOnDone: true }).catch((error: Error) => {
      if (error instanceof LeaveError) return 'skip';
      throw error;
    });
    if (move === 'skip') return;
  }
}
