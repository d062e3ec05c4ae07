import { CARD_OUTLINE, type CommandSpec, EXERCISE_OUTLINE } from '../command.js';
import { listOptions } from '../output.js';
import { packProgress } from '../progress/model.js';
import { readinessReport } from '../progress/readiness.js';
import { renderReadiness } from '../render/readiness.js';

/**
 * `mlroadmap ready`: a job-readiness report for the roadmap's last step. For each skill the guide
 * says the job asks for: what is recorded (topics, exercises passed, how well its cards are
 * remembered, project milestones, the learner's own rating), a score, and the next action that would
 * move it most; then what an interviewer will probe in the weakest two, and what it cannot know.
 */
export const command: CommandSpec = {
  name: 'ready',
  group: 'Track',
  summary: 'how ready you are for ML engineering interviews, skill by skill, and what to do next',
  json: true,
  fast: {
    content: ['steps', 'skills', CARD_OUTLINE, EXERCISE_OUTLINE, 'projects', 'certifications'],
  },
  examples: ['mlroadmap ready', 'mlroadmap ready --json'],
  async run(ctx) {
    const report = readinessReport(ctx.roadmap, packProgress(ctx.store.read(), ctx.roadmap.id));
    return { data: report, text: renderReadiness(report, listOptions(ctx)) };
  },
};
