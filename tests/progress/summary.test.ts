import { describe, expect, it } from 'vitest';
import type { Roadmap, Step } from '../../src/content/schema.js';
import {
  countedTopics,
  emptyProgress,
  type PackProgress,
  type Progress,
  packProgress,
  type Status,
  type StepSummary,
  type Summary,
  setStatus,
  setTopicStatus,
  statusOf,
  stepStatusOf,
  summarize,
  topicStatusOf,
} from '../../src/progress/model.js';
import { shippedRoadmap } from '../helpers.js';

/**
 * A step's status from its definition, as stepStatusOf was first written (it now shares summarize's
 * tally): as marked when skipped or done or without topics; else done when every topic that counts is
 * done or skipped and one is done, in progress when one is done or in progress.
 */
function stepStatus(pack: PackProgress, step: Step): Status {
  const marked = statusOf(pack, step.id);
  if (marked === 'skipped' || marked === 'done' || !step.topics?.length) return marked;
  const statuses = countedTopics(pack, step).map((topic) => topicStatusOf(pack, step, topic.id));
  if (statuses.every((status) => status === 'done' || status === 'skipped') && statuses.includes('done')) return 'done';
  if (statuses.some((status) => status === 'done' || status === 'doing')) return 'doing';
  return marked;
}

/** summarize as it was written first, from its definition: each topic's status asked of model.ts. */
function reference(roadmap: Roadmap, progress: Progress): Summary {
  const pack: PackProgress = packProgress(progress, roadmap.id);
  let topicsDone = 0;
  let topicsTotal = 0;
  const work = { done: 0, skipped: 0, total: 0 };
  const steps = roadmap.steps.map((step, index): StepSummary => {
    const status = stepStatus(pack, step);
    const counted = countedTopics(pack, step);
    const units = counted.length
      ? counted.map((topic) => (status === 'skipped' ? 'skipped' : topicStatusOf(pack, step, topic.id)))
      : [status];
    work.total += units.length;
    work.done += units.filter((unit) => unit === 'done').length;
    work.skipped += units.filter((unit) => unit === 'skipped').length;
    const completedAt = status === 'done' && Object.hasOwn(pack.steps, step.id) ? pack.steps[step.id]?.completedAt : undefined;
    const topicCount = counted.length
      ? { done: counted.filter((topic) => topicStatusOf(pack, step, topic.id) === 'done').length, total: counted.length }
      : undefined;
    topicsDone += topicCount?.done ?? 0;
    topicsTotal += topicCount?.total ?? 0;
    return {
      number: index + 1,
      id: step.id,
      title: step.title,
      status,
      ...(completedAt ? { completedAt } : {}),
      ...(topicCount ? { topicCount } : {}),
    };
  });
  const count = (status: Status) => steps.filter((step) => step.status === status).length;
  const done = count('done');
  const total = steps.length;
  return {
    done,
    skipped: count('skipped'),
    doing: count('doing'),
    total,
    percent: total === 0 ? 0 : Math.floor((done / total) * 100),
    steps,
    topicsDone,
    topicsTotal,
    work: {
      ...work,
      percent: work.total === 0 ? 0 : Math.floor((work.done / work.total) * 100),
      unit: topicsTotal === 0 ? 'steps' : topicsTotal === work.total ? 'topics' : 'topics and steps',
    },
  };
}

const shipped = await shippedRoadmap();
const STATUSES: Status[] = ['todo', 'doing', 'done', 'skipped'];

/** The shipped guide with some topics made optional and two steps without topics: every branch of the count. */
function varied(): Roadmap {
  const steps: Step[] = shipped.steps.map((step, s) => ({
    ...step,
    ...(s === 3 || s === 7 ? { topics: [] } : {}),
    ...(step.topics && s !== 3 && s !== 7
      ? { topics: step.topics.map((topic, t) => ({ ...topic, ...((s + t) % 4 === 0 ? { optional: true } : {}) })) }
      : {}),
  }));
  // A step whose topics are all optional counts as one until one is taken up.
  const all = steps[5];
  if (all?.topics) steps[5] = { ...all, topics: all.topics.map((topic) => ({ ...topic, optional: true })) };
  return { ...shipped, steps };
}

describe('summarize', () => {
  it('counts as the step and topic statuses say, over random progress in the shipped guide and a varied one', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const at = new Date('2026-02-01T10:00:00Z');
    const seen = new Set<string>();
    for (const roadmap of [shipped, varied()]) {
      for (let round = 0; round < 25; round++) {
        let progress = emptyProgress();
        for (const step of roadmap.steps) {
          const roll = random();
          if (roll < 0.5) progress = setStatus(progress, roadmap.id, [step.id], STATUSES[Math.floor(roll * 8)] as Status, at);
          for (const topic of step.topics ?? []) {
            if (random() < 0.3)
              progress = setTopicStatus(progress, roadmap, step, [topic.id], STATUSES[Math.floor(random() * 4)] as Status, at);
          }
        }
        const summary = summarize(roadmap, progress);
        expect(summary, `round ${round}`).toEqual(reference(roadmap, progress));
        // Key order too: the JSON of progress and roadmap lists the fields so.
        expect(JSON.stringify(summary)).toBe(JSON.stringify(reference(roadmap, progress)));
        for (const step of summary.steps) seen.add(step.status);
        // And stepStatusOf, which shares summarize's tally, agrees with the definition.
        const pack = packProgress(progress, roadmap.id);
        for (const step of roadmap.steps) expect(stepStatusOf(pack, step), step.id).toBe(stepStatus(pack, step));
        seen.add(summary.work.unit);
      }
    }
    expect([...seen].sort()).toEqual(['doing', 'done', 'skipped', 'todo', 'topics', 'topics and steps']);
  });
});
