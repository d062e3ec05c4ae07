import type { Context } from '../context.js';
import { toJson } from '../json.js';
import { renderMarkdown } from '../render/markdown.js';
import type { ListOptions } from '../render/text.js';

/** What list renderers need from the context. */
export function listOptions(ctx: Context): ListOptions {
  return { tty: ctx.tty, width: ctx.width, style: ctx.style };
}

/** Prints data as indented JSON, for scripts. */
export function printJson(ctx: Context, data: unknown): void {
  ctx.out(toJson(data));
}

/** Renders markdown at the context's width and colour, and prints it. */
export async function printMarkdown(ctx: Context, markdown: string): Promise<void> {
  ctx.out(await renderMarkdown(markdown, { width: ctx.width, color: ctx.style.level > 0, hyperlinks: ctx.hyperlinks === true }));
}

/** Prints a rendered list; an empty one prints nothing at all, so `wc -l` counts 0 in a pipe. */
export function printList(ctx: Context, text: string): void {
  if (text !== '') ctx.out(text);
}
