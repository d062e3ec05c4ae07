import type { CommandSpec } from '../command.js';
import { listOptions } from '../output.js';
import { renderRows } from '../render/text.js';

/** `mlroadmap sections`: the parts of the guide, by id. */
export const command: CommandSpec = {
  name: 'sections',
  group: 'Learn',
  summary: 'list the parts of the guide',
  json: true,
  fast: { content: ['sections'], progress: false },
  examples: ['mlroadmap sections', 'mlroadmap sections --json'],
  run(ctx) {
    const { sections } = ctx.roadmap;
    return {
      data: sections.map((section, index) => ({ number: index + 1, ...section, items: section.items ?? [] })),
      text: () =>
        renderRows(
          sections.map((s) => [s.id, s.title]),
          listOptions(ctx),
          'Sections of the guide',
          'Read one with: mlroadmap read <section>',
        ),
    };
  },
};
