import type { EventEmitter } from 'node:events';
import type { checkbox, input, search, select } from '@inquirer/prompts';
import { LeaveError } from '../errors.js';
import { cutAtWord, wrapLine } from '../render/text.js';
import { maxOf } from '../words.js';
import type { checklist, flashcard, noteInput } from './widgets.js';

/**
 * The Inquirer.js prompts the tutor asks with, each called as `(config, context?)`. `main.ts` hands
 * the tutor terminal ones; tests hand it the same prompts driven by `@inquirer/testing`.
 */
export interface Prompts {
  select: typeof select;
  checkbox: typeof checkbox;
  search: typeof search;
  input: typeof input;
  checklist: typeof checklist;
  noteInput: typeof noteInput;
  flashcard: typeof flashcard;
}

const ESCAPE = Symbol('escape');
const RESIZE = Symbol('resize');
/** How long the window stays one size before a list is drawn again to fit it. */
const RESIZE_SETTLE_MS = 60;

type PromptContext = { signal?: AbortSignal; clearPromptOnDone?: boolean };
type AnyPrompt = (config: never, context?: PromptContext) => Promise<unknown>;

/**
 * Prompts that load `@inquirer/prompts` on first use and end with `LeaveError` when Escape is pressed.
 * Inquirer prompts ignore Escape, so each prompt gets an AbortSignal that a keypress listener on
 * `keys()` (the prompt's input, where readline emits 'keypress') aborts. Ctrl+C still rejects
 * with Inquirer's `ExitPromptError`, which `main.ts` turns into exit code 130.
 *
 * A list (select) on screen when the window is resized (`resizes` emits 'resize', as a terminal's
 * stdout does) is erased and asked again, fitted to the new width and height.
 *
 * A prompt left with Escape or Ctrl+C is erased, question and key hints alike, even one that would
 * stay on screen once answered (a quiz question): Inquirer reads `clearPromptOnDone` only as the
 * prompt ends, so it is a getter that turns true once the learner leaves.
 */
export function createPrompts(
  load: () => Promise<Prompts>,
  keys: () => EventEmitter,
  width?: () => number,
  height?: () => number,
  resizes?: () => EventEmitter,
): Prompts {
  // `ownEscape`: the prompt handles Escape itself (the note input gives back what was typed).
  // `refit`: when the window is resized, the prompt is drawn again fitted to the new size (a list;
  // not a prompt holding what the learner typed or ticked, which a new one would lose).
  const wrap = <P extends AnyPrompt>(pick: (prompts: Prompts) => P, ownEscape = false, refit = false): P =>
    (async (config: never, context: PromptContext = {}) => {
      const prompt = pick(await load());
      for (;;) {
        // Fitted to the terminal at words, where Inquirer would let the terminal cut a word at the edge.
        const fitted = (width ? fitConfig(config, width(), height?.()) : config) as never;
        const controller = new AbortController();
        let left = false;
        const onKeypress = (_text: unknown, key?: { name?: string; ctrl?: boolean }) => {
          if (key?.name === 'c' && key.ctrl) left = true;
          if (key?.name === 'escape' && !ownEscape) {
            left = true;
            controller.abort(ESCAPE);
          }
        };
        // Once the window has stopped changing: dragging its corner sends many.
        let settling: NodeJS.Timeout | undefined;
        const onResize = () => {
          clearTimeout(settling);
          settling = setTimeout(() => {
            left = true;
            controller.abort(RESIZE);
          }, RESIZE_SETTLE_MS);
        };
        const source = keys();
        source.on('keypress', onKeypress);
        const window = refit ? resizes?.() : undefined;
        window?.on('resize', onResize);
        const clearAnyway = context.clearPromptOnDone === true;
        const settings = { ...context, signal: controller.signal };
        Object.defineProperty(settings, 'clearPromptOnDone', { enumerable: true, get: () => clearAnyway || left });
        try {
          return await prompt(fitted, settings);
        } catch (error) {
          if (controller.signal.aborted && controller.signal.reason === ESCAPE) throw new LeaveError();
          if (controller.signal.aborted && controller.signal.reason === RESIZE) continue;
          throw error;
        } finally {
          source.off('keypress', onKeypress);
          window?.off('resize', onResize);
          clearTimeout(settling);
        }
      }
    }) as unknown as P;
  return {
    select: wrap((prompts) => prompts.select, false, true),
    checkbox: wrap((prompts) => prompts.checkbox),
    search: wrap((prompts) => prompts.search),
    input: wrap((prompts) => prompts.input),
    checklist: wrap((prompts) => prompts.checklist),
    noteInput: wrap((prompts) => prompts.noteInput, true),
    flashcard: wrap((prompts) => prompts.flashcard),
  };
}

/** Which prompt a config is for, by what it lists: select `choices`, checklist `items`, search `source`. */
type ListKind = 'select' | 'checklist' | 'search';

/** The cells of each prompt's key hint line, "esc back" included (view.ts builds it): one row when it fits, else two. */
const HINT_CELLS: Record<ListKind, number> = { select: 34, search: 34, checklist: 44 };

/** Rows a search keeps for the description under its results: they change as the learner types. */
const SEARCH_DESCRIPTION_ROWS = 3;

/**
 * A prompt's question and choices fitted to a `width` x `height` window, words never cut at the edge:
 * the question wrapped at words. A list whose choices all fit the window, each wrapped whole (lines
 * after the first indented under it), is shown that way, all of it at once. One that does not fit is
 * shown a line a choice, so the page edge never cuts a choice in two: a choice too long for its line
 * is cut after a word, ending in "…", and its whole text is the first thing under the list while the
 * cursor is on it. Its `pageSize` (Inquirer counts rows) is set to what fits with the question, the
 * description and the key hints; a search's results are fitted the same way each time they change, in
 * a page of fixed size.
 */
export function fitConfig(config: unknown, width: number, height = Number.POSITIVE_INFINITY): unknown {
  if (typeof config !== 'object' || config === null) return config;
  const fitted: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  if (typeof fitted.message === 'string') fitted.message = fitText(fitted.message, width - 2, '');
  const kind: ListKind | undefined = Array.isArray(fitted.choices)
    ? 'select'
    : Array.isArray(fitted.items)
      ? 'checklist'
      : typeof fitted.source === 'function'
        ? 'search'
        : undefined;
  if (kind === undefined) return fitted;
  const questionRows = typeof fitted.message === 'string' ? fitted.message.split('\n').length : 1;
  // The question, the blank line under the list, the key hints; the checklist's line saying a tick was saved.
  const room = height - questionRows - 1 - (width >= HINT_CELLS[kind] ? 1 : 2) - (kind === 'checklist' ? 1 : 0);
  // The checklist draws its box before each name: "❯ [x] ".
  const nameWidth = kind === 'checklist' ? width - 4 : width;
  if (kind === 'search') {
    const source = fitted.source as (term: string | undefined, options: unknown) => unknown;
    const shown = Math.max(3, room - SEARCH_DESCRIPTION_ROWS);
    // Each time the results change: wrapped when they all fit, a line each otherwise.
    fitted.source = async (term: string | undefined, options: unknown) => {
      const choices = await source(term, options);
      if (!Array.isArray(choices)) return choices;
      const wrapped = choices.map((choice) => fitChoice(choice, nameWidth, 'wrap'));
      if (sum(wrapped.map((choice) => choiceRows(choice))) <= shown) return wrapped;
      return choices.map((choice) => fitChoice(choice, nameWidth, 'cut'));
    };
    fitted.pageSize = shown;
    return fitted;
  }
  const key = kind === 'select' ? 'choices' : 'items';
  const list = fitted[key] as unknown[];
  const wrapped = list.map((choice) => fitChoice(choice, nameWidth, 'wrap'));
  const wrappedRows = sum(wrapped.map((choice) => choiceRows(choice)));
  if (wrappedRows + descriptionRows(wrapped) <= room) {
    fitted[key] = wrapped;
    fitted.pageSize = wrappedRows;
    return fitted;
  }
  const cut = list.map((choice) => fitChoice(choice, nameWidth, 'cut'));
  fitted[key] = cut;
  fitted.pageSize = Math.max(3, Math.min(cut.length, room - descriptionRows(cut)));
  return fitted;
}

/**
 * The rows a prompt takes on screen once fitted (`fitConfig`): its question, the choices it shows,
 * the blank line, the tallest description and the key hints. A page shown above it keeps these free.
 */
export function promptRows(config: unknown, width: number, height = Number.POSITIVE_INFINITY): number {
  const fitted = fitConfig(config, width, height) as Record<string, unknown>;
  const kind: ListKind = Array.isArray(fitted.items) ? 'checklist' : typeof fitted.source === 'function' ? 'search' : 'select';
  const questionRows = typeof fitted.message === 'string' ? fitted.message.split('\n').length : 1;
  const list = (fitted.choices ?? fitted.items ?? []) as unknown[];
  const shown = typeof fitted.pageSize === 'number' ? fitted.pageSize : list.length;
  const description = kind === 'search' ? SEARCH_DESCRIPTION_ROWS : descriptionRows(list);
  return questionRows + shown + 1 + description + (width >= HINT_CELLS[kind] ? 1 : 2) + (kind === 'checklist' ? 1 : 0);
}

type Named = { name: string; description?: unknown; toggledName?: unknown; toggledDescription?: unknown };

function isSeparator(choice: unknown): choice is { type: 'separator'; separator: string } {
  return (
    typeof choice === 'object' &&
    choice !== null &&
    (choice as { type?: unknown }).type === 'separator' &&
    typeof (choice as { separator?: unknown }).separator === 'string'
  );
}

function isNamed(choice: unknown): choice is Named {
  return typeof choice === 'object' && choice !== null && typeof (choice as { name?: unknown }).name === 'string';
}

/**
 * One choice fitted to `width` beside the cursor ("❯ "): wrapped whole at words, or cut to one line
 * with the whole text put first in its description. A checklist item's `toggledName` (the line once
 * ticked or unticked) is fitted the same way.
 */
function fitChoice(choice: unknown, width: number, mode: 'wrap' | 'cut'): unknown {
  if (isSeparator(choice)) {
    // A remark among the choices ("Type a word or two..."), drawn one space in: wrapped, never cut.
    return { ...choice, separator: fitText(choice.separator, width - 1, ' ') };
  }
  if (!isNamed(choice)) return choice;
  const description = typeof choice.description === 'string' ? choice.description : undefined;
  const fitOne = (name: string, about: string | undefined) => {
    if (mode === 'wrap') {
      // Lines after the first hang under the text, past the cursor's column.
      return { name: fitText(name, width - 4, '    '), description: about === undefined ? undefined : fitText(about, width, '') };
    }
    const whole = name.replace(/\s*\n\s*/g, ' ');
    const line = cutAtWord(whole, width - 2);
    const shown = line === whole ? about : [whole, ...(about === undefined ? [] : [about])].join('\n');
    return { name: line, description: shown === undefined ? undefined : fitText(shown, width, '') };
  };
  const now = fitOne(choice.name, description);
  const fitted: Record<string, unknown> = { ...choice, name: now.name };
  if (now.description === undefined) delete fitted.description;
  else fitted.description = now.description;
  if (typeof choice.toggledName === 'string') {
    const toggled = fitOne(choice.toggledName, description);
    fitted.toggledName = toggled.name;
    fitted.toggledDescription = toggled.description;
  }
  return fitted;
}

/** Rows a fitted choice takes: a line of its name (or of a remark between groups) each. */
function choiceRows(choice: unknown): number {
  if (isNamed(choice)) return choice.name.split('\n').length;
  return isSeparator(choice) ? choice.separator.split('\n').length : 1;
}

/** Rows of the tallest description among fitted choices (shown one at a time, under the list). */
function descriptionRows(choices: readonly unknown[]): number {
  const rows = choices.map((choice) => {
    const about = isNamed(choice) ? [choice.description, choice.toggledDescription] : [];
    return maxOf(
      about.map((text) => (typeof text === 'string' ? text.split('\n').length : 0)),
      0,
    );
  });
  return maxOf(rows, 0);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Each line of `text` wrapped at words to `width`; the lines a wrap adds start with `indent`. */
function fitText(text: string, width: number, indent: string): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, Math.max(10, width)).join(`\n${indent}`))
    .join('\n');
}

/** Loads the Inquirer.js prompts; imported only when the tutor first asks something. */
export async function loadInquirer(): Promise<Prompts> {
  const [{ select, checkbox, search, input }, { checklist, noteInput, flashcard }] = await Promise.all([
    import('@inquirer/prompts'),
    import('./widgets.js'),
  ]);
  return { select, checkbox, search, input, checklist, noteInput, flashcard };
}
