import type { EventEmitter } from 'node:events';
import type { checkbox, input, search, select } from '@inquirer/prompts';
import { LeaveError } from '../errors.js';
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
export function createPrompts(load: () => Promise<Prompts>, keys: () => EventEmitter): Prompts {
  // `ownEscape`: the prompt handles Escape itself (the note input gives back what was typed).
  const wrap = <P extends AnyPrompt>(pick: (prompts: Prompts) => P, ownEscape = false): P =>
    (async (config: never, context: PromptContext = {}) => {
      const prompt = pick(await load());
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
        return await prompt(config, settings);
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

/** Loads the Inquirer.js prompts; imported only when the tutor first asks something. */
export async function loadInquirer(): Promise<Prompts> {
  const [{ select, checkbox, search, input }, { checklist, noteInput }] = await Promise.all([
    import('@inquirer/prompts'),
    import('./widgets.js'),
  ]);
  return { select, checkbox, search, input, checklist, noteInput };
}
