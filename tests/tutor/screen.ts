import { stripVTControlCharacters } from 'node:util';
import { screen } from '@inquirer/testing/vitest';
import type { Progress } from '../../src/progress/model.js';
import { createPrompts, type Prompts } from '../../src/tutor/prompts.js';
import { makeContext, type TestContext } from '../helpers.js';

export { screen };

/**
 * The tutor's prompts, rendered by `@inquirer/testing`: its `screen` stands in for the terminal, and
 * Escape is listened for on the screen's input, as on stdin in a real one.
 */
export function screenPrompts(): Prompts {
  return createPrompts(async () => {
    // Imported after `@inquirer/testing/vitest`, so these are the prompts it wraps.
    const { select, checkbox, search } = await import('@inquirer/prompts');
    return { select, checkbox, search };
  }, () => screen.input);
}

/** A test context whose prompts draw on `screen`, colourless, at `width` columns. */
export function tutorContext(options: { progress?: Progress; width?: number } = {}): Promise<TestContext> {
  return makeContext({
    prompts: screenPrompts(),
    interactive: true,
    tty: true,
    width: options.width ?? 80,
    ...(options.progress ? { progress: options.progress } : {}),
  });
}

/** Waits until the prompt on screen shows `text`; fails with the last screen after `tries` renders. */
export async function until(text: string | RegExp, tries = 40): Promise<string> {
  const matches = (shown: string) => (typeof text === 'string' ? shown.includes(text) : text.test(shown));
  for (let i = 0; i < tries; i++) {
    const shown = screen.getScreen();
    if (matches(shown)) return shown;
    await screen.next();
  }
  throw new Error(`the screen never showed ${String(text)}; last screen:\n${screen.getScreen()}`);
}

/** Presses keys in order: names such as 'down', 'enter', 'space', or `{ name: 'c', ctrl: true }`. */
export function press(...keys: (string | { name: string; ctrl?: boolean })[]): void {
  for (const key of keys) screen.keypress(key);
}

/** What the tutor printed between prompts, without colour. */
export function printed(ctx: TestContext): string {
  return stripVTControlCharacters(ctx.stdout.join('\n'));
}
