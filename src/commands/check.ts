import type { CommandSpec } from '../command.js';
import { resolveItems } from '../content/lookup.js';
import { listOptions } from '../output.js';
import { statusOf, summarize } from '../progress/model.js';
import { saveStatus } from '../progress/store.js';
import { renderStatusChanges } from '../render/step.js';

/** `mlroadmap check <step...>`: marks steps done. Every argument is resolved before anything is written. */
export const command: CommandSpec = {
  name: 'check',
  group: 'Track',
  summary: 'mark roadmap steps as done',
  arguments: [
    {
      name: 'step',
      description: "a step's number in 'mlroadmap roadmap', its id, or an unambiguous id prefix",
      required: true,
      variadic: true,
      completes: 'step',
    },
  ],
  examples: ['mlroadmap check 1', 'mlroadmap check python-and-math courses'],
  async run(ctx, { args }) {
    const steps = resolveItems(ctx.roadmap.steps, args[0] as string[], 'step', 'roadmap');
    const { before, after } = await saveStatus(
      ctx.store,
      ctx.roadmap.id,
      steps.map((step) => step.id),
      'done',
      ctx.now(),
    );
    const changes = steps.map((step) => ({
      number: ctx.roadmap.steps.indexOf(step) + 1,
      title: step.title,
      unchanged: statusOf(before, step.id) === 'done',
    }));
    return { text: renderStatusChanges(changes, 'done', summarize(ctx.roadmap, after), listOptions(ctx)) };
  },
};
