import type { ArgumentSpec, Output } from './command.js';
import { resolveTarget } from './content/lookup.js';
import type { Context } from './context.js';
import { toJson } from './json.js';
import { type Status, summarize } from './progress/model.js';
import { saveStatus } from './progress/store.js';
import { renderMarkdown } from './render/markdown.js';
import { type LinkOptions, renderStatusChanges } from './render/step.js';
import type { ListOptions } from './render/text.js';

/**
 * The one printer: turns what a command returned into JSON (`--json`) or its text, and prints it
 * through the context. Commands return data and a text view; none of them decides how to print JSON.
 */
export async function emit(ctx: Context, output: Output | undefined, json: boolean): Promise<void> {
  if (output) {
    if (json) {
      const data = typeof output.data === 'function' ? await (output.data as () => unknown)() : output.data;
      if (data !== undefined) ctx.out(toJson(data));
    } else if (output.text !== undefined) {
      const text = typeof output.text === 'function' ? await output.text() : output.text;
      // An empty list prints nothing at all, so `wc -l` counts 0 in a pipe.
      if (text !== '') ctx.out(text);
    }
    if (output.error) throw output.error;
  }
}

/** What list renderers need from the context. */
export function listOptions(ctx: Context): ListOptions {
  return { tty: ctx.tty, width: ctx.width, style: ctx.style, ...(ctx.ascii ? { ascii: true } : {}) };
}

/** What the step renderers need from the context. */
export function linkOptions(ctx: Context): LinkOptions {
  return { ...listOptions(ctx), hyperlinks: ctx.hyperlinks === true };
}

/** Markdown rendered at the context's width and colour. */
export function markdown(ctx: Context, text: string): Promise<string> {
  return renderMarkdown(text, {
    width: ctx.width,
    color: ctx.style.level > 0,
    hyperlinks: ctx.hyperlinks === true,
    level: ctx.style.level,
  });
}

/** Renders markdown at the context's width and colour, and prints it (the tutor's pages). */
export async function printMarkdown(ctx: Context, text: string): Promise<void> {
  ctx.out(await markdown(ctx, text));
}

/** Prints data as indented JSON, for scripts. */
export function printJson(ctx: Context, data: unknown): void {
  ctx.out(toJson(data));
}

/** The argument `check` and `uncheck` take: steps or topics, as many as given. */
export const STEP_TARGETS: ArgumentSpec = {
  name: 'step',
  description: "a step's number in 'mlroadmap roadmap', a topic such as 2.3, or an id (or an unambiguous start of one)",
  required: true,
  variadic: true,
  completes: 'target',
};

/**
 * What `check`, `uncheck` and `mark` do: names each step or topic (every one resolved before anything
 * is written, a repeated one once), saves the status in one change, and says what changed.
 */
export async function changeStatus(ctx: Context, inputs: readonly string[], status: Status): Promise<Output> {
  const targets = [
    ...new Map(
      inputs
        .map((input) => resolveTarget(ctx.roadmap, input))
        .map((target) => [target.kind === 'topic' ? target.topic.id : target.step.id, target]),
    ).values(),
  ];
  const { before, after } = await saveStatus(ctx.store, ctx.roadmap, targets, status, ctx.now());
  return { text: renderStatusChanges(targets, before, status, summarize(ctx.roadmap, after), listOptions(ctx)) };
}
