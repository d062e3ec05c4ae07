import type { CommandSpec } from '../command.js';
import { resolveTarget } from '../content/lookup.js';
import { listOptions } from '../output.js';
import { summarize } from '../progress/model.js';
import { saveStatus } from '../progress/store.js';
import { renderStatusChanges } from '../render/step.js';

/** `mlroadmap check <step or topic...>`: marks steps or topics done (a step with its topics). Every argument is resolved before anything is written. */
export const command: CommandSpec = {
  name: 'check',
  group: 'Track',
  summary: 'mark roadmap steps or topics as done',
  arguments: [
    {
      name: 'step',
      description: "a step's number in 'mlroadmap roadmap', a topic such as 2.3, or an id (or an unambiguous start of one)",
      required: true,
      variadic: true,
      completes: 'step',
    },
  ],
  examples: ['mlroadmap check 1', 'mlroadmap check 2.3', 'mlroadmap check python-and-math courses'],
  async run(ctx, { args }) {
    const targets = [
      ...new Map(
        (args[0] as string[])
          .map((input) => resolveTarget(ctx.roadmap, input))
          .map((t) => [t.kind === 'topic' ? t.topic.id : t.step.id, t]),
      ).values(),
    ];
    const { before, after } = await saveStatus(ctx.store, ctx.roadmap, targets, 'done', ctx.now());
    return { text: renderStatusChanges(targets, before, 'done', summarize(ctx.roadmap, after), listOptions(ctx)) };
  },
};
