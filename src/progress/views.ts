import type { Roadmap, Step } from '../content/schema.js';
import { notesOf, type PackProgress, stepStatusOf, topicRows } from './model.js';

/**
 * A step as scripts see it (`step`, `roadmap` and `next` with `--json`): the same object in a list
 * and alone, every key always present (null where there is no value). See docs/json.md.
 */
export function stepJson(roadmap: Roadmap, pack: PackProgress, step: Step) {
  const number = roadmap.steps.indexOf(step) + 1;
  const record = Object.hasOwn(pack.steps, step.id) ? pack.steps[step.id] : undefined;
  const status = stepStatusOf(pack, step);
  return {
    number,
    id: step.id,
    title: step.title,
    status,
    updatedAt: record?.updatedAt || null,
    completedAt: status === 'done' ? (record?.completedAt ?? null) : null,
    effortHours: step.effortHours,
    skills: step.skills,
    description: step.description,
    done: step.done,
    resources: step.resources,
    topics: topicRows(number, step, pack),
    notes: notesOf(pack, step.id),
  };
}
