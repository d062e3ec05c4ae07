import type { Context } from '../context.js';
import { nextStep, type Progress, packProgress, summarize } from '../progress/model.js';
import { describePlanStatus, localDate, type PlanStatus, planStatus, scheduleOf } from '../progress/plan.js';
import { renderProgressBar, wrapLine } from '../render/text.js';
import { listOptions, printJson } from './shared.js';

/** `mlroadmap progress`: how far the learner is, as a bar, counts and JSON. */
export function showProgress(ctx: Context, options: { json?: boolean; path?: boolean }): void {
  if (options.path) return ctx.out(ctx.store.path);
  const progress = ctx.store.read();
  const summary = summarize(ctx.roadmap, progress);
  const plan = planStandingOf(ctx, progress);
  if (options.json) {
    const { done, total, percent, skipped, doing, steps } = summary;
    return printJson(ctx, { pack: ctx.roadmap.id, done, total, percent, doing, skipped, steps, plan: plan ?? null });
  }
  const next = nextStep(summary);
  const lines = [renderProgressBar(summary, listOptions(ctx))];
  if (next) lines.push(`Next: ${next.number}. ${next.title} (${next.id})`);
  else lines.push('Every step is done or skipped. Well done!');
  if (plan) lines.push(describePlanStatus(plan));
  ctx.out((ctx.tty ? lines.flatMap((line) => wrapLine(line, ctx.width)) : lines).join('\n'));
}

/** Where the learner stands against their saved plan (`mlroadmap plan`), if they made one. */
export function planStandingOf(ctx: Context, progress: Progress): PlanStatus | undefined {
  const plan = packProgress(progress, ctx.roadmap.id).plan;
  return plan ? planStatus(scheduleOf(ctx.roadmap, progress, plan), localDate(ctx.now())) : undefined;
}
