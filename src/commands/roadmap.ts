import type { CommandSpec } from '../command.js';
import type { Step } from '../content/schema.js';
import { listOptions } from '../output.js';
import { packProgress, summarize, topicStatusOf } from '../progress/model.js';
import { renderRoadmap } from '../render/text.js';

/** `mlroadmap roadmap`: every step in order with its check mark, and a progress bar. */
export const command: CommandSpec = {
  name: 'roadmap',
  group: 'Track',
  summary: 'show the roadmap steps with check marks and a progress bar',
  json: true,
  examples: ['mlroadmap roadmap', 'mlroadmap roadmap --json'],
  run(ctx) {
    const progress = ctx.store.read();
    const summary = summarize(ctx.roadmap, progress);
    const pack = packProgress(progress, ctx.roadmap.id);
    return {
      data: summary.steps.map(({ topicCount: _count, ...entry }) => {
        const step = ctx.roadmap.steps[entry.number - 1] as Step;
        return {
          ...entry,
          topics: (step.topics ?? []).map((topic) => ({ id: topic.id, title: topic.title, status: topicStatusOf(pack, step, topic.id) })),
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
