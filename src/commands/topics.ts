import { type CommandSpec, EXERCISE_OUTLINE, STEP_OUTLINE } from '../command.js';
import { resolveItem } from '../content/lookup.js';
import type { Roadmap, Step } from '../content/schema.js';
import { listOptions } from '../output.js';
import { exerciseStatusOf } from '../progress/exercises.js';
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
  fast: { content: ['steps', EXERCISE_OUTLINE], textContent: [STEP_OUTLINE, EXERCISE_OUTLINE] },
  examples: ['mlroadmap topics', 'mlroadmap topics 2', 'mlroadmap topics --json'],
  run(ctx, { args }) {
    const input = args[0] as string | undefined;
    const steps = input === undefined ? ctx.roadmap.steps : [resolveItem(ctx.roadmap.steps, input, 'step', 'roadmap')];
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const exercises = exercisesByTopic(ctx.roadmap);
    // Each step's rows once, for the JSON and the text alike; what only the JSON gives is read only for it.
    const shownSteps = steps.map((step) => {
      const number = ctx.roadmap.steps.indexOf(step) + 1;
      return { step, number, rows: topicLines(number, step, pack, exercises) };
    });
    const view = listOptions(ctx);
    return {
      data: () => shownSteps.flatMap(({ step, rows }) => topicsJson(step, rows)),
      text: () =>
        shownSteps
          .filter(({ step }) => (step.topics?.length ?? 0) > 0 || input !== undefined)
          .map(({ step, number, rows }) => {
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

/** A step's topics as lists show them: number, id, title, status and effort, and their exercises passed. */
function topicLines(number: number, step: Step, pack: PackProgress, exercises: ReadonlyMap<string, readonly string[]>) {
  return topicRows(number, step, pack).map((row) => ({ ...row, exercises: exerciseCounts(pack, exercises.get(row.id) ?? []) }));
}

/** A step's topics as `topics --json` gives them: the rows lists show, with what "done" means and where to learn. */
function topicsJson(step: Step, rows: ReturnType<typeof topicLines>) {
  const topics = step.topics ?? [];
  return rows.map(({ exercises, ...row }, index) => {
    const topic = topics[index] as (typeof topics)[number];
    return {
      ...row,
      optional: topic.optional === true,
      step: step.id,
      skills: topic.skills,
      done: topic.done,
      resources: topic.resources.map(({ title, url, type }) => ({ title, url, type })),
      exercises,
    };
  });
}

/** The ids of each topic's exercises, in the guide's order. */
function exercisesByTopic(roadmap: Roadmap): Map<string, string[]> {
  const byTopic = new Map<string, string[]>();
  for (const exercise of roadmap.exercises ?? []) {
    const ids = byTopic.get(exercise.topic);
    if (ids) ids.push(exercise.id);
    else byTopic.set(exercise.topic, [exercise.id]);
  }
  return byTopic;
}

/** How many of a topic's exercises (`ids`) have passed. */
function exerciseCounts(pack: PackProgress, ids: readonly string[]) {
  return { passed: ids.filter((id) => exerciseStatusOf(pack, id) === 'passed').length, total: ids.length };
}
