import { resolveItem } from '../content/lookup.js';
import type { Skill } from '../content/schema.js';
import type { Context } from '../context.js';
import { ProgressFileError } from '../errors.js';
import { latestRating } from '../progress/assess.js';
import { type PackProgress, packProgress } from '../progress/model.js';
import { renderRows } from '../render/text.js';
import { listOptions, printJson, printList, printMarkdown } from './shared.js';

/** The markdown of one skill: why it matters, how to build it, and the steps that build it. */
export function skillMarkdown(ctx: Context, skill: Skill): string {
  const steps = skill.steps.map((id) => {
    const index = ctx.roadmap.steps.findIndex((step) => step.id === id);
    // "- 2. Title" would be read as a list nested in a list item, and renumbered from 1.
    return `- Step ${index + 1}: ${ctx.roadmap.steps[index]?.title ?? id} (\`${id}\`)`;
  });
  return [
    `# ${skill.title}`,
    '## Why it matters',
    skill.why.trim(),
    '## How to build it',
    skill.how.trim(),
    '## Roadmap steps that build it',
    steps.join('\n'),
  ].join('\n\n');
}

/** `mlroadmap skills [skill]`: the skills the guide names, or one of them in full. */
export async function showSkills(ctx: Context, input: string | undefined, options: { json?: boolean }): Promise<void> {
  const { skills } = ctx.roadmap;
  if (input !== undefined) {
    const skill = resolveItem(skills, input, 'skill', 'skills');
    return options.json ? printJson(ctx, skill) : printMarkdown(ctx, skillMarkdown(ctx, skill));
  }
  // Ratings are a bonus on this list: a damaged progress file (see 'mlroadmap doctor') must not hide the skills.
  let pack: PackProgress = { steps: {} };
  try {
    pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  } catch (error) {
    if (!(error instanceof ProgressFileError)) throw error;
  }
  const withRating = skills.map((s) => ({ ...s, rating: latestRating(pack, s.id)?.rating ?? null }));
  if (options.json) return printJson(ctx, withRating);
  const rated = (id: string) => {
    const latest = latestRating(pack, id);
    return latest ? ` (you: ${latest.rating}/5 on ${latest.at.slice(0, 10)})` : '';
  };
  printList(
    ctx,
    renderRows(
      skills.map((s, i) => [`${i + 1}. ${s.id}`, `${s.title}${rated(s.id)}`]),
      listOptions(ctx),
      'Skills an ML engineer needs',
      'Read one with: mlroadmap skills <number or id>',
    ),
  );
}
