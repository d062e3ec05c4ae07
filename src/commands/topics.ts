import { type CommandSpec, EXERCISE_OUTLINE } from '../command.js';
import { resolveItem } from '../content/lookup.js';
import type { Roadmap, Step } from '../content/schema.js';
import { listOptions } from '../output.js';
import { exerciseStatusOf, exercisesOfTopic } from '../progress/exercises.js';
import { type PackProgress, packProgress, topicRows } from '../progress/model.js';
import { renderTopicRows } from '../render/step.js';

/**
 * `mlroadmap topics [step]`: the roadmap's topics, a week or so of work each, with their status:
 * every step's, or one step's. In a pipe one topic a line (`2.3 [x] id  title  12 h`).
 */
export const command: CommandSpec = {
  name: 'topics',
  group: 'Learn',
  summary: 'list the topics of every step, or of one, with their status',
  arguments: [{ name: 'step', description: "a step's number, id or unambiguous id prefix", required: false, completes: 'step' }],
  json: true,
  fast: { content: ['steps', EXERCISE_OUTLINE] },
  examples: ['mlroadmap topics', 'mlroadmap topics 2', 'mlroadmap topics --json'],
  run(ctx, { args }) {
    const input = args[0] as string | undefined;
    const steps = input === undefined ? ctx.roadmap.steps : [resolveItem(ctx.roadmap.steps, input, 'step', 'roadmap')];
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const data = steps.flatMap((step) => topicsOf(ctx.roadmap, ctx.roadmap.steps.indexOf(step) + 1, step, pack));
    const view = listOptions(ctx);
    return {
      data,
      text: () =>
        steps
          .filter((step) => (step.topics?.length ?? 0) > 0 || input !== undefined)
          .map((step) => {
            const number = ctx.roadmap.steps.indexOf(step) + 1;
            const rows = topicsOf(ctx.roadmap, number, step, pack);
            const heading = `${number}. ${step.title} (${rows.filter((row) => row.status === 'done').length}/${rows.length} topics done)`;
            // A topic with exercises says how many have passed, after its title.
            const shown = rows.map((row) =>
              row.exercises.total > 0 ? { ...row, title: `${row.title} [exercises ${row.exercises.passed}/${row.exercises.total}]` } : row,
            );
            return renderTopicRows(
              shown,
              view,
              ctx.tty ? heading : undefined,
              rows.length === 0 ? `${number}. ${step.title} has no topics` : undefined,
            );
          })
          .join(ctx.tty ? '\n\n' : '\n'),
    };
  },
};

/** A step's topics as `topics --json` gives them: the rows lists show, with what "done" means and where to learn. */
function topicsOf(roadmap: Roadmap, number: number, step: Step, pack: PackProgress) {
  const topics = step.topics ?? [];
  return topicRows(number, step, pack).map((row, index) => {
    const topic = topics[index] as (typeof topics)[number];
    return {
      ...row,
      optional: topic.optional === true,
      step: step.id,
      skills: topic.skills,
      done: topic.done,
      resources: topic.resources.map(({ title, url, type }) => ({ title, url, type })),
      exercises: exerciseCounts(roadmap, pack, topic.id),
    };
  });
}

/** How many of a topic's exercises have passed. */
function exerciseCounts(roadmap: Roadmap, pack: PackProgress, topicId: string) {
  const exercises = exercisesOfTopic(roadmap.exercises, topicId);
  return { passed: exercises.filter((exercise) => exerciseStatusOf(pack, exercise.id) === 'passed').length, total: exercises.length };
}
