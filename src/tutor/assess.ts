import type { Context } from '../context.js';
import { addAssessment, latestRating, MAX_RATING, RATING_LABELS } from '../progress/assess.js';
import { packProgress } from '../progress/model.js';
import type { Prompts } from './prompts.js';

/** The value of the "skip" choice: keep the skill's rating as it is. */
const SKIP = 0;

/**
 * `mlroadmap assess` on a terminal: walks the skills one by one with a select prompt (1 to 5, or skip),
 * the current rating preselected. Each answer is saved the moment it is given, so leaving half-way
 * keeps what was rated. Returns the ids of the skills rated in this walk.
 */
export async function assessInteractively(ctx: Context, prompts: Pick<Prompts, 'select'>): Promise<string[]> {
  const { skills } = ctx.roadmap;
  const rated: string[] = [];
  for (const [index, skill] of skills.entries()) {
    const current = latestRating(packProgress(ctx.store.read(), ctx.roadmap.id), skill.id);
    const choices = [
      ...Array.from({ length: MAX_RATING }, (_, i) => i + 1).map((rating) => ({
        name: `${rating}  ${RATING_LABELS[rating]}`,
        value: rating,
      })),
      { name: current ? `Skip (keep ${current.rating}/5)` : 'Skip for now', value: SKIP },
    ];
    const rating = await prompts.select<number>({
      message: `Skill ${index + 1} of ${skills.length}: how good are you at ${skill.title}?`,
      choices,
      default: current?.rating,
      pageSize: choices.length,
    });
    if (rating === SKIP) continue;
    await ctx.store.update((progress) => addAssessment(progress, ctx.roadmap.id, skill.id, rating, ctx.now()));
    rated.push(skill.id);
  }
  return rated;
}
