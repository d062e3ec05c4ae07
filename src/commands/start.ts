import type { CommandSpec } from '../command.js';

/** `mlroadmap start`: the interactive tutor. Without a terminal it is refused at once (see cli.ts) instead of waiting for keys. */
export const command: CommandSpec = {
  name: 'start',
  group: 'Tutor',
  summary: 'walk through the guide interactively, with arrow keys',
  interactive: true,
  examples: ['mlroadmap start'],
  async run(ctx) {
    const { runTutor } = await import('../tutor/tutor.js');
    await runTutor(ctx);
    return undefined;
  },
};
