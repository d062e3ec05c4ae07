import { stripVTControlCharacters } from 'node:util';
import { screen, wrapPrompt } from '@inquirer/testing/vitest';
import { emptyProgress, type Progress, type Status, setStatus } from '../../src/progress/model.js';
import { cells } from '../../src/render/text.js';
import { createPrompts, type Prompts } from '../../src/tutor/prompts.js';
import { makeContext, shippedRoadmap, type TestContext } from '../helpers.js';

export { screen };

/**
 * The tutor's prompts, rendered by `@inquirer/testing`: its `screen` stands in for the terminal, and
 * Escape is listened for on the screen's input, as on stdin in a real one.
 */
export function screenPrompts(width?: () => number, height?: () => number): Prompts {
  return createPrompts(
    async () => {
      // Imported after `@inquirer/testing/vitest`, so these are the prompts it wraps.
      const { select, checkbox, search, input } = await import('@inquirer/prompts');
      // The tutor's own prompts, on the same screen.
      const { checklist, noteInput, flashcard } = await import('../../src/tutor/widgets.js');
      return {
        select,
        checkbox,
        search,
        input,
        checklist: wrapPrompt(checklist),
        noteInput: wrapPrompt(noteInput),
        flashcard: wrapPrompt(flashcard),
      };
    },
    () => screen.input,
    width,
    height,
  );
}

/** Progress on the shipped roadmap with the given steps (by number) set to a status. */
export async function progressWith(statuses: Record<number, Status>, progress = emptyProgress()): Promise<Progress> {
  const roadmap = await shippedRoadmap();
  let result = progress;
  for (const [number, status] of Object.entries(statuses)) {
    const id = roadmap.steps[Number(number) - 1]?.id;
    if (!id) throw new Error(`no step ${number}`);
    result = setStatus(result, roadmap.id, [id], status, new Date('2026-01-01T00:00:00Z'));
  }
  return result;
}

/** A test context whose prompts draw on `screen`, colourless, at `width` columns. */
export async function tutorContext(options: { progress?: Progress; width?: number; height?: number } = {}): Promise<TestContext> {
  const ctx = await makeContext({
    prompts: screenPrompts(),
    interactive: true,
    tty: true,
    width: options.width ?? 80,
    height: options.height ?? 200,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  // Fitted to the context's width and height, as main.ts fits them to the terminal's.
  ctx.prompts = screenPrompts(
    () => ctx.width,
    () => ctx.height,
  );
  return ctx;
}

/**
 * Waits until a prompt waiting for an answer shows `text` (a prompt that was just answered, "✔ ...",
 * does not count); fails with the last screen after `tries` renders. Keys pressed before the next
 * prompt is on screen would be lost, so every keypress in these tests follows an `until`.
 */
export async function until(text: string | RegExp, tries = 40): Promise<string> {
  const matches = (shown: string) => !shown.startsWith('✔') && (typeof text === 'string' ? shown.includes(text) : text.test(shown));
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

/**
 * Moves the cursor of the list on screen to the first choice holding `label` and presses Enter.
 * Works for lists that fit on screen, one choice a line, as the tutor's do; lines between groups of
 * choices (" ──────", one space in) are passed over, as the cursor passes over them.
 */
export async function choose(label: string): Promise<void> {
  const shown = await until(label);
  const lines = shown.split('\n');
  const cursor = lines.findIndex((line) => line.startsWith('❯'));
  const target = lines.findIndex((line, index) => index > 0 && line.includes(label));
  if (cursor === -1 || target === -1) throw new Error(`no cursor or no "${label}" on screen:\n${shown}`);
  const key = target > cursor ? 'down' : 'up';
  const between = lines.slice(Math.min(cursor, target) + 1, Math.max(cursor, target) + 1);
  const moves = between.filter((line) => /^(❯| {2}\S)/.test(line)).length;
  for (let i = 0; i < moves; i++) press(key);
  await until(new RegExp(`^❯.*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  press('enter');
}

/**
 * Opens step `number`'s own page (status, notes, resources) from the menu, through the roadmap
 * checklist and the step's topics, as a learner would.
 */
export async function openStepPage(number: number, title: string): Promise<void> {
  await choose('Roadmap checklist');
  await until('Space ticks a step');
  await choose(`${number}. ${title}`);
  await choose(`Step ${number} page`);
}

/**
 * Chooses `label` in a list longer than the window, once the prompt asking `question` is on screen:
 * moves down until the choice comes into view, then as `choose` does.
 */
export async function chooseBelow(question: string, label: string): Promise<void> {
  let shown = await until(question);
  const onPage = (text: string) => text.split('\n').some((line, index) => index > 0 && line.includes(label));
  for (let i = 0; i < 30 && !onPage(shown); i++) {
    press('down');
    const before = shown;
    for (let tries = 0; tries < 40 && screen.getScreen() === before; tries++) await screen.next();
    shown = screen.getScreen();
  }
  await choose(label);
}

/**
 * Leaves the tutor the way a learner would: Escape, one level at a time (each goes back a level; at
 * the main menu it leaves), until `tutor` has ended. Fails if ten are not enough.
 */
export async function escapeOut(tutor: Promise<unknown>): Promise<void> {
  let ended = false;
  const done = tutor.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );
  for (let i = 0; i < 10 && !ended; i++) {
    press('escape');
    await Promise.race([done, screen.next()]);
  }
  if (!ended) throw new Error(`ten presses of Escape did not leave the tutor; last screen:\n${screen.getScreen()}`);
  await tutor;
}

/**
 * Follows what a terminal of the context's size shows: what was printed since the screen was last
 * cleared, and the prompt under it. Call before `runTutor`, which copies the context.
 */
export function watchScreen(ctx: TestContext): { page: () => string[]; rows: () => number } {
  let from = 0;
  const clear = ctx.clear;
  ctx.clear = () => {
    clear();
    from = ctx.stdout.length;
  };
  const page = () => stripVTControlCharacters(ctx.stdout.slice(from).join('\n')).split('\n');
  // A line wider than the terminal takes a row for each width's worth.
  const rowsOf = (lines: string[]) => lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(cells(line) / ctx.width)), 0);
  return { page, rows: () => (from === ctx.stdout.length ? 0 : rowsOf(page())) + rowsOf(screen.getScreen().split('\n')) };
}
