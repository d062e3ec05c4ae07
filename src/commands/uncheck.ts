import type { CommandSpec } from '../command.js';
import { changeStatus } from '../output.js';

/** `mlroadmap uncheck <step or topic...>`: marks steps or topics not done (to do). Every argument is resolved before anything is written. */
export const command: CommandSpec = {
  name: 'uncheck',
  group: 'Track',
  summary: 'mark roadmap steps or topics as not done',
  arguments: [
    {
      name: 'step',
      description: "a step's number in 'mlroadmap roadmap', a topic such as 2.3, or an id (or an unambiguous start of one)",
      required: true,
      variadic: true,
      completes: 'step',
    },
  ],
  examples: ['mlroadmap uncheck 2', 'mlroadmap uncheck 2.3'],
  run: (ctx, { args }) => changeStatus(ctx, args[0] as string[], 'todo'),
};
