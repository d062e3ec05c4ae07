import type { Context } from '../context.js';
import { summarize } from '../progress/model.js';
import { renderProgressBar } from '../render/text.js';
import { listOptions, printJson } from './shared.js';

/** `mlroadmap progress`: how far the learner is, as a bar, counts and JSON. */
export function showProgress(ctx: Context, options: { json?: boolean; path?: boolean }): void {
  if (options.path) return ctx.out(ctx.store.path);
  const summary = summarize(ctx.roadmap, ctx.store.read());
  if (options.json) {
    const { done, total, percent, skipped, doing, steps } = summary;
    return printJson(ctx, { pack: ctx.roadmap.id, done, total, percent, doing, skipped, steps });
  }
  const next = summary.steps.find((step) => step.status === 'doing') ?? summary.steps.find((step) => step.status === 'todo');
  const lines = [renderProgressBar(summary, listOptions(ctx))];
  if (next) lines.push(`Next: ${next.number}. ${next.title} (${next.id})`);
  else lines.push('Every step is done or skipped. Well done!');
  ctx.out(lines.join('\n'));
}
