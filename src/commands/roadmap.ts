import type { Context } from '../context.js';
import { summarize } from '../progress/model.js';
import { renderRoadmap } from '../render/text.js';
import { listOptions, printJson } from './shared.js';

/** `mlroadmap roadmap`: every step in order with its check mark, and a progress bar. */
export function showRoadmap(ctx: Context, options: { json?: boolean }): void {
  const summary = summarize(ctx.roadmap, ctx.store.read());
  if (options.json) {
    return printJson(
      ctx,
      summary.steps.map((entry) => {
        const step = ctx.roadmap.steps[entry.number - 1];
        return {
          ...entry,
          description: step?.description,
          done: step?.done,
          resources: step?.resources,
          skills: step?.skills,
          effortHours: step?.effortHours,
        };
      }),
    );
  }
  ctx.out(renderRoadmap(ctx.roadmap.title, summary, listOptions(ctx)));
}
