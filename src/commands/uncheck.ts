import { type CommandSpec, STEP_OUTLINE } from '../command.js';
import { changeStatus, STEP_TARGETS } from '../output.js';

/** `mlroadmap uncheck <step or topic...>`: marks steps or topics not done (to do). Every argument is resolved before anything is written. */
export const command: CommandSpec = {
  name: 'uncheck',
  group: 'Track',
  summary: 'mark roadmap steps or topics as not done',
  arguments: [STEP_TARGETS],
  fast: { content: ['steps'], textContent: [STEP_OUTLINE] },
  examples: ['mlroadmap uncheck 2', 'mlroadmap uncheck 2.3'],
  run: (ctx, { args }) => changeStatus(ctx, args[0] as string[], 'todo'),
};
