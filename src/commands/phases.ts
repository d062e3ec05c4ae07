import { resolveItem } from '../content/lookup.js';
import type { Phase } from '../content/schema.js';
import type { Context } from '../context.js';
import { renderRows } from '../render/text.js';
import { listOptions, printJson, printList, printMarkdown } from './shared.js';

/** The markdown of one phase, headed "Phase n of N". */
export function phaseMarkdown(phase: Phase, number: number, total: number): string {
  return `# Phase ${number} of ${total}: ${phase.title}\n\n${phase.body.trim()}`;
}

/** `mlroadmap phases [n]`: the phases of an ML project in order, or one of them in full. */
export async function showPhases(ctx: Context, input: string | undefined, options: { json?: boolean }): Promise<void> {
  const { phases } = ctx.roadmap;
  const numbered = phases.map((phase, index) => ({ number: index + 1, ...phase }));
  if (input !== undefined) {
    const phase = resolveItem(phases, input, 'phase', 'phases');
    const number = phases.indexOf(phase) + 1;
    return options.json ? printJson(ctx, numbered[number - 1]) : printMarkdown(ctx, phaseMarkdown(phase, number, phases.length));
  }
  if (options.json) return printJson(ctx, numbered);
  printList(
    ctx,
    renderRows(
      numbered.map((p) => [`${p.number}.`, `${p.title}: ${p.summary}`]),
      listOptions(ctx),
      `The ${phases.length} phases of an ML project`,
      'Read one with: mlroadmap phases <number>',
    ),
  );
}
