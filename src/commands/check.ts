import { type CommandSpec, STEP_OUTLINE } from '../command.js';
import { changeStatus, STEP_TARGETS } from '../output.js';

/** `mlroadmap check <step or topic...>`: marks steps or topics done (a step with its topics). Every argument is resolved before anything is written. */
export const command: CommandSpec = {
  name: 'check',
  group: 'Track',
  summary: 'mark roadmap steps or topics as done',
  arguments: [STEP_TARGETS],
  fast: { content: ['steps'], textContent: [STEP_OUTLINE] },
  examples: ['mlroadmap check 1', 'mlroadmap check 2.3', 'mlroadmap check python-and-math courses'],
  run: (ctx, { args }) => changeStatus(ctx, args[0] as string[], 'done'),
};
