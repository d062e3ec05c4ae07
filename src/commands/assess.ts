import type { CommandSpec } from '../command.js';
import { quote, resolveItem } from '../content/lookup.js';
import type { Context } from '../context.js';
import { LeaveError, UsageError } from '../errors.js';
import { addAssessment, latestRating, parseRating, RATING_LABELS, ratingsOf, weakSkillAdvice, weakSkillSteps } from '../progress/assess.js';
import { packProgress } from '../progress/model.js';
import { localDay } from '../render/time.js';
import { plural } from '../words.js';

/**
 * `mlroadmap assess [skill] [rating]`: with both, records a dated self-rating of 1 to 5; with a skill
 * only, shows its history; with neither, walks every skill with a prompt (on a terminal only).
 * Skills rated 2 or lower are pointed at the roadmap steps that build them.
 */
export const command: CommandSpec = {
  name: 'assess',
  group: 'Track',
  summary: 'rate yourself 1-5 on each skill; weak skills are pointed at the steps that build them',
  arguments: [
    {
      name: 'skill',
      description: "a skill's number, id or id prefix (see 'mlroadmap skills'); without it, asks about every skill",
      required: false,
      completes: 'skill',
    },
    {
      name: 'rating',
      description: '1 just starting, 2 know the basics, 3 can work with it, 4 confident, 5 could teach it',
      required: false,
      completes: 'rating',
    },
  ],
  json: true,
  examples: ['mlroadmap assess', 'mlroadmap assess python-and-r 3', 'mlroadmap assess python-and-r'],
  async run(ctx, { args, options }) {
    const [skillInput, ratingInput] = args as [string | undefined, string | undefined];
    if (skillInput === undefined) {
      if (options.json) return { data: ratingsJson(ctx) };
      return assessEverySkill(ctx);
    }
    const skill = resolveItem(ctx.roadmap.skills, skillInput, 'skill', 'skills');
    if (ratingInput === undefined) {
      const history = ratingsOf(packProgress(ctx.store.read(), ctx.roadmap.id), skill.id);
      const data = {
        number: ctx.roadmap.skills.indexOf(skill) + 1,
        id: skill.id,
        title: skill.title,
        rating: history.at(-1)?.rating ?? null,
        ratings: history,
      };
      if (history.length === 0)
        return { data, text: `You have not rated ${skill.title} yet. Rate it with: mlroadmap assess ${skill.id} <1-5>` };
      const lines = [`${skill.title}: your ratings, oldest first`];
      for (const entry of history) lines.push(`${localDay(entry.at)}  ${entry.rating}/5  ${RATING_LABELS[entry.rating]}`);
      return { data, text: lines.join('\n') };
    }

    const rating = parseRating(ratingInput);
    if (rating === undefined) {
      throw new UsageError(`the rating must be a whole number from 1 (just starting) to 5 (could teach it), not ${quote(ratingInput)}`);
    }
    const before = latestRating(packProgress(ctx.store.read(), ctx.roadmap.id), skill.id);
    const progress = await ctx.store.update((current) => addAssessment(current, ctx.roadmap.id, skill.id, rating, ctx.now()));
    const ratings = ratingsOf(packProgress(progress, ctx.roadmap.id), skill.id);
    const was = before ? ` (was ${before.rating}/5 on ${localDay(before.at)})` : '';
    const lines = [`Rated ${skill.title}: ${rating}/5, ${RATING_LABELS[rating]}${was}.`];
    const weak = weakSkillSteps(ctx.roadmap, progress).find((entry) => entry.skill.id === skill.id);
    if (weak) lines.push(['To build it, work on:', ...weakSkillAdvice(weak).map((line) => `  ${line}`)].join('\n'));
    return {
      data: { number: ctx.roadmap.skills.indexOf(skill) + 1, id: skill.id, title: skill.title, rating, ratings },
      text: lines.join('\n'),
    };
  },
};

/** The walk through every skill, on a terminal; then every weak skill with where to work on it. */
async function assessEverySkill(ctx: Context): Promise<{ text: string } | undefined> {
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
    return { text: 'Left the self-assessment; the ratings you gave are saved.' };
  }
  const lines = [rated.length === 0 ? 'No rating changed.' : `Saved ${plural(rated.length, 'rating')}.`];
  const weak = weakSkillSteps(ctx.roadmap, ctx.store.read());
  if (weak.length > 0) {
    lines.push('Skills to build up (rated 2 or lower), and where to work on them:');
    for (const entry of weak) {
      lines.push([`  ${entry.skill.title} (${entry.rating}/5):`, ...weakSkillAdvice(entry).map((line) => `    ${line}`)].join('\n'));
    }
  }
  return { text: lines.join('\n') };
}

/** Every skill with its latest rating and history, for `assess --json`. */
function ratingsJson(ctx: Context) {
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  return ctx.roadmap.skills.map((skill, index) => ({
    number: index + 1,
    id: skill.id,
    title: skill.title,
    rating: latestRating(pack, skill.id)?.rating ?? null,
    ratings: ratingsOf(pack, skill.id),
  }));
}
