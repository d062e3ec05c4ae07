import type { CommandSpec } from '../command.js';
import { resolveItem } from '../content/lookup.js';
import { listOptions, markdown } from '../output.js';
import { phaseMarkdown } from '../render/pages.js';
import { renderRows } from '../render/text.js';

/** `mlroadmap phases [n]`: the phases of an ML project in order, or one of them in full. */
export const command: CommandSpec = {
  name: 'phases',
  group: 'Learn',
  summary: 'list the five phases of an ML project, or read one',
  arguments: [{ name: 'phase', description: "a phase's number, id or id prefix", required: false, completes: 'phase' }],
  json: true,
  fast: { content: ['phases'], progress: false },
  examples: ['mlroadmap phases', 'mlroadmap phases 2'],
  run(ctx, { args }) {
    const { phases } = ctx.roadmap;
    const numbered = phases.map((phase, index) => ({ number: index + 1, ...phase }));
    const input = args[0] as string | undefined;
    if (input !== undefined) {
      const phase = resolveItem(phases, input, 'phase', 'phases');
      const number = phases.indexOf(phase) + 1;
      return { data: numbered[number - 1], text: () => markdown(ctx, phaseMarkdown(phase, number, phases.length)) };
    }
    return {
      data: numbered,
      text: () =>
        renderRows(
          numbered.map((p) => [`${p.number}.`, `${p.title}: ${p.summary}`]),
          listOptions(ctx),
          `The ${phases.length} phases of an ML project`,
          'Read one with: mlroadmap phases <number>',
        ),
    };
  },
};
