import { type CommandSpec, EXERCISE_OUTLINE, PROJECT_OUTLINE, STEPS_ON_DEMAND } from '../command.js';
import { resolveItem } from '../content/lookup.js';
import { linkOptions } from '../output.js';
import { notesOf, packProgress, stepStatusOf, topicRows } from '../progress/model.js';
import { stepJson } from '../progress/views.js';
import { exercisesFor, projectsFor, renderStepPage } from '../render/step.js';

/**
 * `mlroadmap step <step>`: one step in full: its status, what it is about, what "done" looks like,
 * its resources, the skills it builds, its effort and the learner's notes on it.
 */
export const command: CommandSpec = {
  name: 'step',
  group: 'Learn',
  summary: 'show one roadmap step in full: status, resources, notes',
  arguments: [{ name: 'step', description: "a step's number, id or unambiguous id prefix", required: true, completes: 'step' }],
  json: true,
  fast: {
    content: [STEPS_ON_DEMAND, 'skills', EXERCISE_OUTLINE, PROJECT_OUTLINE],
  },
  examples: ['mlroadmap step 2', 'mlroadmap step python-and-math --json'],
  run(ctx, { args }) {
    const step = resolveItem(ctx.roadmap.steps, args[0] as string, 'step', 'roadmap');
    const number = ctx.roadmap.steps.indexOf(step) + 1;
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const status = stepStatusOf(pack, step);
    const record = Object.hasOwn(pack.steps, step.id) ? pack.steps[step.id] : undefined;
    const notes = notesOf(pack, step.id);
    const skillTitles = step.skills.map((id) => ctx.roadmap.skills.find((skill) => skill.id === id)?.title ?? id);
    return {
      data: stepJson(ctx.roadmap, pack, step),
      text: () =>
        renderStepPage(
          {
            number,
            step,
            status,
            since: status === 'done' ? record?.completedAt : record?.updatedAt,
            notes,
            skillTitles,
            hints: true,
            topics: topicRows(number, step, pack),
            projects: projectsFor(ctx.roadmap, step),
            exercises: exercisesFor(ctx.roadmap, step, pack),
          },
          linkOptions(ctx),
        ),
    };
  },
};
