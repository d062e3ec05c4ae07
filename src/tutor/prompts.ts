import type { EventEmitter } from 'node:events';
import type { checkbox, input, search, select } from '@inquirer/prompts';
import { LeaveError } from '../errors.js';
import { wrapLine } from '../render/text.js';
import type { checklist, noteInput } from './widgets.js';

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
}

const ESCAPE = Symbol('escape');

type PromptContext = { signal?: AbortSignal; clearPromptOnDone?: boolean };
type AnyPrompt = (config: never, context?: PromptContext) => Promise<unknown>;

/**
 * Prompts that load `@inquirer/prompts` on first use and end with `LeaveError` when Escape is pressed.
 * Inquirer prompts ignore Escape, so each prompt gets an AbortSignal that a keypress listener on
 * `keys()` (the prompt's input, where readline emits 'keypress') aborts. Ctrl+C still rejects
 * with Inquirer's `ExitPromptError`, which `main.ts` turns into exit code 130.
 *
 * A prompt left with Escape or Ctrl+C is erased, question and key hints alike, even one that would
 * stay on screen once answered (a quiz question): Inquirer reads `clearPromptOnDone` only as the
 * prompt ends, so it is a getter that turns true once the learner leaves.
 */
export function createPrompts(load: () => Promise<Prompts>, keys: () => EventEmitter, width?: () => number): Prompts {
  // `ownEscape`: the prompt handles Escape itself (the note input gives back what was typed).
  const wrap = <P extends AnyPrompt>(pick: (prompts: Prompts) => P, ownEscape = false): P =>
    (async (config: never, context: PromptContext = {}) => {
      const prompt = pick(await load());
      // Fitted to the terminal at words, where Inquirer would let the terminal cut a word at the edge.
      const fitted = (width ? fitConfig(config, width()) : config) as never;
      const controller = new AbortController();
      let left = false;
      const onKeypress = (_text: unknown, key?: { name?: string; ctrl?: boolean }) => {
        if (key?.name === 'c' && key.ctrl) left = true;
        if (key?.name === 'escape' && !ownEscape) {
          left = true;
          controller.abort(ESCAPE);
        }
      };
      const source = keys();
      source.on('keypress', onKeypress);
      const clearAnyway = context.clearPromptOnDone === true;
      const settings = { ...context, signal: controller.signal };
      Object.defineProperty(settings, 'clearPromptOnDone', { enumerable: true, get: () => clearAnyway || left });
      try {
        return await prompt(fitted, settings);
      } catch (error) {
        if (controller.signal.aborted && controller.signal.reason === ESCAPE) throw new LeaveError();
        throw error;
      } finally {
        source.off('keypress', onKeypress);
      }
    }) as unknown as P;
  return {
    select: wrap((prompts) => prompts.select),
    checkbox: wrap((prompts) => prompts.checkbox),
    search: wrap((prompts) => prompts.search),
    input: wrap((prompts) => prompts.input),
    checklist: wrap((prompts) => prompts.checklist),
    noteInput: wrap((prompts) => prompts.noteInput, true),
  };
}

/**
 * A prompt's question and choices wrapped at words to `width` cells: the question at the width less
 * the "? " before it, each choice at the width less the cursor and a space, its lines after the first
 * indented under it.
 */
export function fitConfig(config: unknown, width: number): unknown {
  if (typeof config !== 'object' || config === null) return config;
  const fitted: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  if (typeof fitted.message === 'string') fitted.message = fitText(fitted.message, width - 2, '');
  if (Array.isArray(fitted.choices)) fitted.choices = fitted.choices.map((choice) => fitChoice(choice, width));
  if (Array.isArray(fitted.items)) fitted.items = fitted.items.map((item) => fitChoice(item, width - 4));
  return fitted;
}

function fitChoice(choice: unknown, width: number): unknown {
  if (typeof choice !== 'object' || choice === null || typeof (choice as { name?: unknown }).name !== 'string') return choice;
  const named = choice as { name: string; description?: unknown };
  return {
    ...named,
    // Lines after the first hang under the text, past the cursor's column.
    name: fitText(named.name, width - 4, '    '),
    ...(typeof named.description === 'string' ? { description: fitText(named.description, width, '') } : {}),
  };
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
  const [{ select, checkbox, search, input }, { checklist, noteInput }] = await Promise.all([
    import('@inquirer/prompts'),
    import('./widgets.js'),
  ]);
  return { select, checkbox, search, input, checklist, noteInput };
}
