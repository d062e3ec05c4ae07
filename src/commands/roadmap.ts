import type { CommandSpec } from '../command.js';
import { listOptions } from '../output.js';
import { summarize } from '../progress/model.js';
import { renderRoadmap } from '../render/text.js';

/** `mlroadmap roadmap`: every step in order with its check mark, and a progress bar. */
export const command: CommandSpec = {
  name: 'roadmap',
  group: 'Track',
  summary: 'show the roadmap steps with check marks and a progress bar',
  json: true,
  examples: ['mlroadmap roadmap', 'mlroadmap roadmap --json'],
  run(ctx) {
    const summary = summarize(ctx.roadmap, ctx.store.read());
    return {
      data: summary.steps.map((entry) => {
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
      text: () => renderRoadmap(ctx.roadmap.title, summary, listOptions(ctx)),
    };
  },
};
