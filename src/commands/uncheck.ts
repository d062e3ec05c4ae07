import type { CommandSpec } from '../command.js';
import { resolveItems } from '../content/lookup.js';
import { listOptions } from '../output.js';
import { statusOf, summarize } from '../progress/model.js';
import { saveStatus } from '../progress/store.js';
import { renderStatusChanges } from '../render/step.js';

/** `mlroadmap uncheck <step...>`: marks steps not done (to do). Every argument is resolved before anything is written. */
export const command: CommandSpec = {
  name: 'uncheck',
  group: 'Track',
  summary: 'mark roadmap steps as not done',
  arguments: [
    { name: 'step', description: "a step's number, id or unambiguous id prefix", required: true, variadic: true, completes: 'step' },
  ],
  examples: ['mlroadmap uncheck 2'],
  async run(ctx, { args }) {
    const steps = resolveItems(ctx.roadmap.steps, args[0] as string[], 'step', 'roadmap');
    const { before, after } = await saveStatus(
      ctx.store,
      ctx.roadmap.id,
      steps.map((step) => step.id),
      'todo',
      ctx.now(),
    );
    const changes = steps.map((step) => ({
      number: ctx.roadmap.steps.indexOf(step) + 1,
      title: step.title,
      unchanged: statusOf(before, step.id) === 'todo',
    }));
    return { text: renderStatusChanges(changes, 'todo', summarize(ctx.roadmap, after), listOptions(ctx)) };
  },
};
