import { CARD_OUTLINE, type CommandSpec, EXERCISE_OUTLINE, PROJECT_OUTLINE, STEP_OUTLINE } from '../command.js';
import { listOptions } from '../output.js';
import { exerciseStatusOf } from '../progress/exercises.js';
import { nextStep, packProgress, summarize } from '../progress/model.js';
import { describePlanStatus, planStanding, planStatusJson } from '../progress/plan.js';
import { reviewStats } from '../progress/review.js';
import { describeStudy, studyStats } from '../progress/studylog.js';
import { renderProgressBar, wrapLine } from '../render/text.js';
import { plural } from '../words.js';

/** `mlroadmap progress`: how far the learner is, as a bar, counts and JSON. */
export const command: CommandSpec = {
  name: 'progress',
  group: 'Track',
  summary: 'show how far you are',
  options: [{ flags: '--path', description: 'print where the progress file is' }],
  json: true,
  fast: {
    content: [STEP_OUTLINE, CARD_OUTLINE, EXERCISE_OUTLINE, PROJECT_OUTLINE],
  },
  examples: ['mlroadmap progress', 'mlroadmap progress --json', 'mlroadmap progress --path'],
  run(ctx, { options }) {
    if (options.path) return { data: { path: ctx.store.path }, text: ctx.store.path };
    const progress = ctx.store.read();
    const summary = summarize(ctx.roadmap, progress);
    const now = ctx.now();
    const plan = planStanding(ctx.roadmap, progress, now);
    const pack = packProgress(progress, ctx.roadmap.id);
    const study = studyStats(pack, now);
    const review = reviewStats(ctx.roadmap, pack, now);
    const { done, total, percent, skipped, doing, topicsDone, topicsTotal } = summary;
    const steps = summary.steps.map(({ topicCount: _count, ...step }) => step);
    const exercisesTotal = ctx.roadmap.exercises?.length ?? 0;
    const exercisesPassed = (ctx.roadmap.exercises ?? []).filter((exercise) => exerciseStatusOf(pack, exercise.id) === 'passed').length;
    const text = () => {
      const next = nextStep(summary);
      const lines = [renderProgressBar(summary, listOptions(ctx))];
      if (summary.topicsTotal > 0) lines.push(`Topics: ${summary.topicsDone} of ${summary.topicsTotal} done`);
      if (next) lines.push(`Next: ${next.number}. ${next.title} (${next.id})`);
      else lines.push('Every step is done or skipped. Well done!');
      lines.push(describeStudy(study, pack.plan?.hoursPerWeek));
      // The count the tutor's "Review (N due)" and review --stats give: due, today's new, and learning cards back within minutes.
      if (review.waiting > 0) lines.push(`Review: ${plural(review.waiting, 'card')} waiting (mlroadmap review)`);
      if (exercisesTotal > 0) lines.push(`Exercises: ${exercisesPassed} of ${exercisesTotal} passed (mlroadmap exercises)`);
      if (plan) lines.push(describePlanStatus(plan));
      return (ctx.tty ? lines.flatMap((line) => wrapLine(line, ctx.width)) : lines).join('\n');
    };
    return {
      data: {
        pack: ctx.roadmap.id,
        // Counts of steps; "done" alone is a step's criteria elsewhere (docs/json.md).
        stepsDone: done,
        stepsTotal: total,
        stepsDoing: doing,
        stepsSkipped: skipped,
        // Since JSON format 2, what the bar shows: topics, a step without topics counting as one.
        percent: summary.work.percent,
        stepsPercent: percent,
        topicsDone,
        topicsTotal,
        studyHours: study.studyHours,
        hoursThisWeek: study.hoursThisWeek,
        weekStart: study.weekStart,
        streakDays: study.streakDays,
        longestStreakDays: study.longestStreakDays,
        reviewsDue: review.waiting,
        exercisesPassed,
        exercisesTotal,
        steps,
        plan: plan ? planStatusJson(plan) : null,
      },
      text,
    };
  },
};
