import type { Context } from '../context.js';
import { LeaveError } from '../errors.js';
import {
  addAssessment,
  latestRating,
  MAX_RATING,
  RATING_LABELS,
  type WeakSkill,
  weakSkillAdvice,
  weakSkillSteps,
} from '../progress/assess.js';
import { type Progress, packProgress } from '../progress/model.js';
import type { Prompts } from './prompts.js';
import { fittedQuestion, plural, say } from './view.js';

/** The value of the "skip" choice: keep the skill's rating as it is. */
const SKIP = 0;

/**
 * `mlroadmap assess` on a terminal: walks the skills one by one with a select prompt (1 to 5, or skip),
 * the current rating preselected. Each answer is saved the moment it is given, so leaving half-way
 * keeps what was rated. Returns the ids of the skills rated in this walk, also pushed onto `rated` as
 * each is saved, so a caller still has them when the walk is left half-way (Esc).
 */
export async function assessInteractively(ctx: Context, prompts: Pick<Prompts, 'select'>, rated: string[] = []): Promise<string[]> {
  const { skills } = ctx.roadmap;
  for (const [index, skill] of skills.entries()) {
    const current = latestRating(packProgress(ctx.store.read(), ctx.roadmap.id), skill.id);
    const choices = [
      // Answered, a question stays on screen with the short answer: the long one would not fit 80 columns.
      ...Array.from({ length: MAX_RATING }, (_, i) => i + 1).map((rating) => ({
        name: `${rating}  ${RATING_LABELS[rating]}`,
        short: `${rating}/5`,
        value: rating,
      })),
      { name: current ? `Skip (keep ${current.rating}/5)` : 'Skip for now', short: 'skipped', value: SKIP },
    ];
    const { message, theme } = fittedQuestion(
      ctx,
      `Skill ${index + 1} of ${skills.length}: how good are you at ${skill.title}?`,
      choices.map((choice) => choice.short),
    );
    const rating = await prompts.select<number>({ message, choices, default: current?.rating, theme });
    if (rating === SKIP) continue;
    await ctx.store.update((progress) => addAssessment(progress, ctx.roadmap.id, skill.id, rating, ctx.now()));
    rated.push(skill.id);
  }
  return rated;
}

/** How many weak skills the welcome lists before it says how many more there are. */
export const HINTED_SKILLS = 2;

/** "Python (1/5)": a weak skill with its latest rating. */
function rated(weak: WeakSkill): string {
  return `${weak.skill.title} (${weak.rating}/5)`;
}

/** The open steps that build a weak skill, by number ("steps 1, 2 and 5"); the title too when there is one. */
function whereToBuild(weak: WeakSkill): string {
  const { steps } = weak;
  const [first] = steps;
  if (!first) return weakSkillAdvice(weak).join('; ');
  const done = steps.filter((step) => step.status === 'done').map((step) => step.number);
  const doneNote =
    done.length === 0
      ? ''
      : done.length === steps.length
        ? ' (all done: revisit them)'
        : ` (${done.join(', ')} done: revisit ${done.length === 1 ? 'it' : 'them'})`;
  if (steps.length === 1) return `step ${first.number}, ${first.title}${doneNote}`;
  const numbers = steps.map((step) => step.number);
  return `steps ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}${doneNote}`;
}

/**
 * Lines pointing the skills the learner rated 2 or lower at the open steps that build them, weakest
 * first; none when no skill is that weak. With `stepId`, the step on screen: when it builds weak
 * skills, one line says so; otherwise the skills are listed as without it. With `limit`, that many
 * skills at most, then a line saying how many more "My progress" lists.
 */
export function weakSkillLines(ctx: Context, progress: Progress, options: { stepId?: string; limit?: number } = {}): string[] {
  const { stepId, limit = Number.POSITIVE_INFINITY } = options;
  const weak = weakSkillSteps(ctx.roadmap, progress);
  if (weak.length === 0) return [];
  const here = stepId === undefined ? [] : weak.filter((entry) => entry.openSteps.some((step) => step.id === stepId));
  if (here.length > 0) {
    const names = here.map(rated);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return [`This step builds ${list}: ${here.length === 1 ? 'a skill' : 'skills'} you rated 2 or lower.`];
  }
  const lines = weak
    .slice(0, limit)
    .map((entry) => `To build up ${entry.skill.title} (you rated it ${entry.rating}/5): ${whereToBuild(entry)}.`);
  if (weak.length > limit) lines.push(`And ${plural(weak.length - limit, 'more skill')} rated 2 or lower: see "My progress".`);
  return lines;
}

/**
 * "Rate my skills" in the tutor: the walk `mlroadmap assess` does, then where to build the weak skills.
 * Esc during the walk ends it there, and what was rated still gets its advice. Returns the lines said
 * at the end, so they can be shown again.
 */
export async function rateSkills(ctx: Context): Promise<string[]> {
  ctx.clear();
  say(
    ctx,
    'Rate each skill from 1 (just starting) to 5 (could teach it). Each rating is saved as you give it; skip the ones you are unsure of. Esc stops.',
  );
  ctx.out('');
  const rated: string[] = [];
  let stopped = false;
  try {
    await assessInteractively(ctx, ctx.prompts, rated);
  } catch (error) {
    if (!(error instanceof LeaveError)) throw error;
    stopped = true;
  }
  const weak = weakSkillLines(ctx, ctx.store.read());
  const saved =
    rated.length === 0
      ? stopped
        ? 'Stopped before any rating: no rating changed.'
        : 'No rating changed.'
      : `${stopped ? 'Stopped. ' : ''}Saved ${plural(rated.length, 'rating')}.`;
  const lines = [saved, ...weak, ...(weak.length === 0 && rated.length > 0 ? ['No skill is rated 2 or lower: well done.'] : [])];
  ctx.out('');
  for (const line of lines) say(ctx, line);
  ctx.out('');
  return lines;
}
