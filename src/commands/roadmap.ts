import { type CommandSpec, STEP_OUTLINE } from '../command.js';
import { listOptions } from '../output.js';
import { packProgress, summarize } from '../progress/model.js';
import { stepJson } from '../progress/views.js';
import { renderRoadmap } from '../render/text.js';

/** `mlroadmap roadmap`: every step in order with its check mark, and a progress bar. */
export const command: CommandSpec = {
  name: 'roadmap',
  group: 'Track',
  summary: 'show the roadmap steps with check marks and a progress bar',
  json: true,
  fast: { content: ['steps'], textContent: [STEP_OUTLINE] },
  examples: ['mlroadmap roadmap', 'mlroadmap roadmap --json'],
  run(ctx) {
    const progress = ctx.store.read();
    const summary = summarize(ctx.roadmap, progress);
    const pack = packProgress(progress, ctx.roadmap.id);
    return {
      data: () => ctx.roadmap.steps.map((step) => stepJson(ctx.roadmap, pack, step)),
      text: () => renderRoadmap(ctx.roadmap.title, summary, listOptions(ctx)),
    };
  },
};
