import { type CommandSpec, STEP_OUTLINE } from '../command.js';
import { resolveItem } from '../content/lookup.js';
import { ProgressFileError } from '../errors.js';
import { listOptions, markdown } from '../output.js';
import { latestRating } from '../progress/assess.js';
import { type PackProgress, packProgress } from '../progress/model.js';
import { skillMarkdown } from '../render/pages.js';
import { renderRows } from '../render/text.js';
import { localDay } from '../render/time.js';

/** `mlroadmap skills [skill]`: the skills the guide names with the learner's ratings, or one of them in full. */
export const command: CommandSpec = {
  name: 'skills',
  group: 'Learn',
  summary: 'list the skills an ML engineer needs, or read one',
  arguments: [{ name: 'skill', description: "a skill's number, id or id prefix", required: false, completes: 'skill' }],
  json: true,
  fast: {
    content: ['skills', STEP_OUTLINE],
  },
  examples: ['mlroadmap skills', 'mlroadmap skills python-and-r'],
  run(ctx, { args }) {
    const { skills } = ctx.roadmap;
    // Ratings are a bonus here: a damaged progress file (see 'mlroadmap doctor') must not hide the skills.
    let pack: PackProgress = { steps: {} };
    try {
      pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    } catch (error) {
      if (!(error instanceof ProgressFileError)) throw error;
    }
    const item = (skill: (typeof skills)[number]) => ({
      number: skills.indexOf(skill) + 1,
      ...skill,
      rating: latestRating(pack, skill.id)?.rating ?? null,
    });
    const input = args[0] as string | undefined;
    if (input !== undefined) {
      const skill = resolveItem(skills, input, 'skill', 'skills');
      return { data: item(skill), text: () => markdown(ctx, skillMarkdown(ctx.roadmap, skill)) };
    }
    const rated = (id: string) => {
      const latest = latestRating(pack, id);
      return latest ? ` (you: ${latest.rating}/5 on ${localDay(latest.at)})` : '';
    };
    return {
      data: skills.map(item),
      text: () =>
        renderRows(
          skills.map((s, i) => [`${i + 1}. ${s.id}`, `${s.title}${rated(s.id)}`]),
          listOptions(ctx),
          'Skills an ML engineer needs',
          'Read one with: mlroadmap skills <number or id>',
        ),
    };
  },
};
