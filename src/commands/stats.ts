import { CARD_OUTLINE, type CommandSpec, STEP_OUTLINE } from '../command.js';
import { packProgress } from '../progress/model.js';
import { statsReport } from '../progress/stats.js';
import { renderStats } from '../render/stats.js';

/**
 * `mlroadmap stats`: the learner's record over the last year: a heatmap of minutes studied and one
 * of reviews, hours by week and by step, the streaks and why the last one ended, retention by month
 * and by step, the reviews due in the next 30 days, the topics most often forgotten, and the pace
 * against the plan. `--json` gives every figure, with one entry for each of the last 365 days.
 */
export const command: CommandSpec = {
  name: 'stats',
  group: 'Track',
  summary: 'your year in figures: a heatmap of study and reviews, streaks, retention, reviews ahead',
  json: true,
  fast: {
    content: [STEP_OUTLINE, CARD_OUTLINE],
  },
  examples: ['mlroadmap stats', 'mlroadmap stats --json'],
  async run(ctx) {
    const report = statsReport(ctx.roadmap, packProgress(ctx.store.read(), ctx.roadmap.id), ctx.now());
    const colour = ctx.tty && ctx.style.level > 0 && ctx.ascii !== true;
    return { data: report, text: renderStats(report, { width: ctx.width, style: ctx.style, colour }) };
  },
};
