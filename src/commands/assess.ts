import { quote, resolveItem } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { addAssessment, latestRating, parseRating, RATING_LABELS, ratingsOf, type WeakSkill, weakSkillSteps } from '../progress/assess.js';
import { packProgress } from '../progress/model.js';
import { LeaveError } from '../tutor/prompts.js';
import { printJson } from './shared.js';

/** Where to work on a weak skill: one line a step, or a sentence when every step that builds it is finished. */
export function weakSkillAdvice(weak: WeakSkill): string[] {
  if (weak.openSteps.length > 0) return weak.openSteps.map((step) => `${step.number}. ${step.title}`);
  return [
    weak.steps.length > 0
      ? 'the steps that build it are all done or skipped: revisit them, or practise on a project'
      : 'practise on a project',
  ];
}

/**
 * `mlroadmap assess [skill] [rating]`: with both, records a dated self-rating of 1 to 5; with a skill
 * only, shows its history; with neither, walks every skill with a prompt (on a terminal only).
 * Skills rated 2 or lower are pointed at the roadmap steps that build them.
 */
export async function assessSkills(
  ctx: Context,
  skillInput: string | undefined,
  ratingInput: string | undefined,
  options: { json?: boolean },
): Promise<void> {
  if (skillInput === undefined) {
    if (options.json) return printJson(ctx, ratingsJson(ctx));
    if (!ctx.interactive) {
      throw new UsageError(
        "assess asks questions, so it needs a terminal; rate one skill with: mlroadmap assess <skill> <1-5> (see 'mlroadmap skills')",
      );
    }
    const { assessInteractively } = await import('../tutor/assess.js');
    let rated: string[];
    try {
      rated = await assessInteractively(ctx, ctx.prompts);
    } catch (error) {
      if (!(error instanceof LeaveError)) throw error;
      return ctx.out('Left the self-assessment; the ratings you gave are saved.');
    }
    ctx.out(rated.length === 0 ? 'No rating changed.' : `Saved ${rated.length} rating${rated.length === 1 ? '' : 's'}.`);
    return reportWeak(ctx);
  }

  const skill = resolveItem(ctx.roadmap.skills, skillInput, 'skill', 'skills');
  if (ratingInput === undefined) {
    const history = ratingsOf(packProgress(ctx.store.read(), ctx.roadmap.id), skill.id);
    if (options.json) return printJson(ctx, { skill: skill.id, title: skill.title, ratings: history });
    if (history.length === 0) return ctx.out(`You have not rated ${skill.title} yet. Rate it with: mlroadmap assess ${skill.id} <1-5>`);
    ctx.out(`${skill.title}: your ratings, oldest first`);
    for (const entry of history) ctx.out(`${entry.at.slice(0, 10)}  ${entry.rating}/5  ${RATING_LABELS[entry.rating]}`);
    return;
  }

  const rating = parseRating(ratingInput);
  if (rating === undefined) {
    throw new UsageError(`the rating must be a whole number from 1 (just starting) to 5 (could teach it), not ${quote(ratingInput)}`);
  }
  const before = latestRating(packProgress(ctx.store.read(), ctx.roadmap.id), skill.id);
  const progress = await ctx.store.update((current) => addAssessment(current, ctx.roadmap.id, skill.id, rating, ctx.now()));
  if (options.json)
    return printJson(ctx, { skill: skill.id, title: skill.title, ratings: ratingsOf(packProgress(progress, ctx.roadmap.id), skill.id) });
  const was = before ? ` (was ${before.rating}/5 on ${before.at.slice(0, 10)})` : '';
  ctx.out(`Rated ${skill.title}: ${rating}/5, ${RATING_LABELS[rating]}${was}.`);
  const weak = weakSkillSteps(ctx.roadmap, progress).find((entry) => entry.skill.id === skill.id);
  if (weak) ctx.out(['To build it, work on:', ...weakSkillAdvice(weak).map((line) => `  ${line}`)].join('\n'));
}

/** After a walk: every weak skill with where to work on it. */
function reportWeak(ctx: Context): void {
  const weak = weakSkillSteps(ctx.roadmap, ctx.store.read());
  if (weak.length === 0) return;
  ctx.out('Skills to build up (rated 2 or lower), and where to work on them:');
  for (const entry of weak) {
    ctx.out([`  ${entry.skill.title} (${entry.rating}/5):`, ...weakSkillAdvice(entry).map((line) => `    ${line}`)].join('\n'));
  }
}

/** Every skill with its latest rating and history, for `assess --json`. */
function ratingsJson(ctx: Context) {
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  return ctx.roadmap.skills.map((skill) => ({
    skill: skill.id,
    title: skill.title,
    rating: latestRating(pack, skill.id)?.rating ?? null,
    ratings: ratingsOf(pack, skill.id),
  }));
}
