import { resolveItem } from '../content/lookup.js';
import type { Section } from '../content/schema.js';
import type { Context } from '../context.js';
import { renderRows } from '../render/text.js';
import { listOptions, printJson, printList, printMarkdown } from './shared.js';

/** `mlroadmap sections`: the parts of the guide, by id. */
export function listSections(ctx: Context, options: { json?: boolean }): void {
  const { sections } = ctx.roadmap;
  if (options.json)
    return printJson(
      ctx,
      sections.map(({ id, title, summary }) => ({ id, title, summary })),
    );
  printList(
    ctx,
    renderRows(
      sections.map((s) => [s.id, s.title]),
      listOptions(ctx),
      'Sections of the guide',
      'Read one with: mlroadmap read <section>',
    ),
  );
}

/** The markdown of a whole section: its body, then its items as a list. */
export function sectionMarkdown(section: Section): string {
  const items = (section.items ?? []).map((item) => {
    const examples = item.examples?.length ? ` Examples: ${item.examples.join(', ')}.` : '';
    const link = item.url ? ` (${item.url})` : '';
    return `- **${item.title}**: ${item.text.trim()}${examples}${link}`;
  });
  return [`# ${section.title}`, section.body.trim(), items.join('\n')].filter(Boolean).join('\n\n');
}

/** `mlroadmap read <section>`: one part of the guide, rendered for the terminal. */
export async function readSection(ctx: Context, input: string, options: { json?: boolean }): Promise<void> {
  const section = resolveItem(ctx.roadmap.sections, input, 'section', 'sections');
  if (options.json) return printJson(ctx, section);
  await printMarkdown(ctx, sectionMarkdown(section));
}
