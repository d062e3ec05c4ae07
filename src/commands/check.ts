import { resolveItem } from '../content/lookup.js';
import type { Context } from '../context.js';
import { packProgress, type Status, setStatus, statusOf, summarize } from '../progress/model.js';
import { renderProgressBar, wrapLine } from '../render/text.js';
import { listOptions } from './shared.js';

/**
 * Sets steps to a status: `check` (done), `uncheck` (todo) and `mark` (any). Every argument is resolved before
 * anything is written, so one bad argument changes nothing.
 */
export async function markSteps(ctx: Context, inputs: string[], status: Status): Promise<void> {
  const steps = [...new Set(inputs.map((input) => resolveItem(ctx.roadmap.steps, input, 'step', 'roadmap')))];
  let before = packProgress(ctx.store.read(), ctx.roadmap.id);
  const progress = await ctx.store.update((current) => {
    before = packProgress(current, ctx.roadmap.id);
    return setStatus(
      current,
      ctx.roadmap.id,
      steps.map((step) => step.id),
      status,
      ctx.now(),
    );
  });
  const verb = { done: 'Checked off', todo: 'Unchecked', doing: 'Started', skipped: 'Skipped' }[status];
  const already = { done: 'done', todo: 'not done', doing: 'in progress', skipped: 'skipped' }[status];
  for (const step of steps) {
    const number = ctx.roadmap.steps.indexOf(step) + 1;
    const unchanged = statusOf(before, step.id) === status;
    const line = unchanged ? `Already ${already}: ${number}. ${step.title}` : `${verb}: ${number}. ${step.title}`;
    ctx.out(ctx.tty ? wrapLine(line, ctx.width).join('\n') : line);
  }
  if (ctx.tty) ctx.out(renderProgressBar(summarize(ctx.roadmap, progress), listOptions(ctx)));
}
