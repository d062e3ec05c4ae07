import type { CommandSpec } from '../command.js';
import { resolveItem } from '../content/lookup.js';
import { markdown } from '../output.js';
import { sectionMarkdown } from '../render/pages.js';

/** `mlroadmap read <section>`: one part of the guide, rendered for the terminal. */
export const command: CommandSpec = {
  name: 'read',
  group: 'Learn',
  summary: 'read a part of the guide',
  arguments: [
    {
      name: 'section',
      description: "a section's id, id prefix or number (see 'mlroadmap sections')",
      required: true,
      completes: 'section',
    },
  ],
  json: true,
  fast: { content: ['sections'], progress: false },
  examples: ['mlroadmap read salary', 'mlroadmap read 3'],
  run(ctx, { args }) {
    const section = resolveItem(ctx.roadmap.sections, args[0] as string, 'section', 'sections');
    // The same object as in 'sections --json'.
    return {
      data: { number: ctx.roadmap.sections.indexOf(section) + 1, ...section, items: section.items ?? [] },
      text: () => markdown(ctx, sectionMarkdown(section)),
    };
  },
};
