import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/content/lookup.js';
import type { Step } from '../../src/content/schema.js';
import { UserError } from '../../src/errors.js';
import {
  emptyProgress,
  nextTopic,
  type Progress,
  packProgress,
  parseProgress,
  setStepStatus,
  setTopicStatus,
  stepStatusOf,
  summarize,
  topicStatusOf,
} from '../../src/progress/model.js';
import { shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const now = new Date('2026-03-01T09:00:00.000Z');
const stepWithTopics = (n: number) => {
  const step = roadmap.steps[n - 1] as Step;
  if (!step.topics || step.topics.length < 3) throw new Error(`step ${n} needs at least three topics for these tests`);
  return step;
};

describe('progress written by the release before topics', () => {
  // The shape mlroadmap 0.1.0 wrote: steps, notes, ratings, quizzes and a plan; no "topics".
  const old = {
    version: 1,
    packs: {
      'ml-engineer': {
        steps: {
          'python-and-math': { status: 'done', updatedAt: '2026-01-10T09:00:00.000Z', completedAt: '2026-01-10T09:00:00.000Z' },
          'courses-and-tutorials': { status: 'doing', updatedAt: '2026-01-12T09:00:00.000Z' },
          'github-portfolio': { status: 'skipped', updatedAt: '2026-01-12T09:00:00.000Z' },
        },
        notes: { 'python-and-math': [{ at: '2026-01-09T09:00:00.000Z', text: 'finished the NumPy chapter' }] },
        assessments: { 'python-and-r': [{ at: '2026-01-09T09:00:00.000Z', rating: 3 }] },
        quizzes: { phases: { best: 5, total: 6, attempts: [{ at: '2026-01-09T09:00:00.000Z', score: 5 }] } },
        plan: { hoursPerWeek: 10, start: '2026-01-01', steps: ['courses-and-tutorials', 'projects-and-open-source'] },
      },
    },
  };

  it('keeps its meaning: a done step counts every required topic done, the rest as marked; nothing is dropped', () => {
    const parsed = parseProgress(structuredClone(old));
    if ('problem' in parsed) throw new Error(parsed.problem);
    const pack = packProgress(parsed.progress, roadmap.id);
    const python = roadmap.steps.find((step) => step.id === 'python-and-math') as Step;
    expect(stepStatusOf(pack, python)).toBe('done');
    // An optional topic (R) is done only when the learner says so, and counts only then.
    for (const topic of python.topics ?? []) expect(topicStatusOf(pack, python, topic.id)).toBe(topic.optional ? 'todo' : 'done');
    const summary = summarize(roadmap, parsed.progress);
    const status = (id: string) => summary.steps.find((step) => step.id === id)?.status;
    expect(status('courses-and-tutorials')).toBe('doing');
    expect(status('github-portfolio')).toBe('skipped');
    const required = (step: Step) => (step.topics ?? []).filter((topic) => !topic.optional).length;
    expect(summary.topicsDone).toBe(required(python));
    expect(summary.topicsTotal).toBe(roadmap.steps.reduce((sum, step) => sum + required(step), 0));
    expect(pack.notes).toEqual(old.packs['ml-engineer'].notes);
    expect(pack.assessments).toEqual(old.packs['ml-engineer'].assessments);
    expect(pack.quizzes).toEqual(old.packs['ml-engineer'].quizzes);
    expect(pack.plan).toEqual(old.packs['ml-engineer'].plan);
  });
});

describe('a step follows its topics', () => {
  const step = stepWithTopics(1);
  const topics = step.topics ?? [];
  const ids = topics.map((topic) => topic.id);
  const required = topics.filter((topic) => !topic.optional).map((topic) => topic.id);
  const pack = (progress: Progress) => packProgress(progress, roadmap.id);

  it('one topic done: the step is in progress; every topic done: the step is done, dated', () => {
    let progress = setTopicStatus(emptyProgress(), roadmap, step, [ids[0] as string], 'done', now);
    expect(stepStatusOf(pack(progress), step)).toBe('doing');
    expect(nextTopic(pack(progress), step)?.topic.id).toBe(ids[1]);
    progress = setTopicStatus(progress, roadmap, step, ids.slice(1), 'done', now);
    expect(stepStatusOf(pack(progress), step)).toBe('done');
    expect(pack(progress).steps[step.id]?.completedAt).toBe(now.toISOString());
    expect(nextTopic(pack(progress), step)).toBeUndefined();
  });

  it('unchecking one topic of a done step leaves the others done and the step in progress', () => {
    let progress = setStepStatus(emptyProgress(), roadmap, [step.id], 'done', now);
    progress = setTopicStatus(progress, roadmap, step, [ids[1] as string], 'todo', now);
    expect(stepStatusOf(pack(progress), step)).toBe('doing');
    expect(ids.map((id) => topicStatusOf(pack(progress), step, id))).toEqual(
      ids.map((id) => (id === ids[1] || !required.includes(id) ? 'todo' : 'done')),
    );
  });

  it('checking a step checks its topics; unchecking it unchecks them, and forgets what was marked on them', () => {
    let progress = setTopicStatus(emptyProgress(), roadmap, step, [ids[0] as string], 'doing', now);
    progress = setStepStatus(progress, roadmap, [step.id], 'done', now);
    expect(required.every((id) => topicStatusOf(pack(progress), step, id) === 'done')).toBe(true);
    progress = setStepStatus(progress, roadmap, [step.id], 'todo', now);
    expect(ids.every((id) => topicStatusOf(pack(progress), step, id) === 'todo')).toBe(true);
    expect(stepStatusOf(pack(progress), step)).toBe('todo');
  });

  it('a step the learner skipped stays skipped, whatever its topics', () => {
    let progress = setStepStatus(emptyProgress(), roadmap, [step.id], 'skipped', now);
    progress = setTopicStatus(progress, roadmap, step, [ids[0] as string], 'done', now);
    expect(stepStatusOf(pack(progress), step)).toBe('skipped');
  });

  it('topics are kept through a save and a read', () => {
    const progress = setTopicStatus(emptyProgress(), roadmap, step, [ids[0] as string], 'doing', now);
    const parsed = parseProgress(JSON.parse(JSON.stringify(progress)));
    expect('progress' in parsed && packProgress(parsed.progress, roadmap.id).topics).toEqual({
      [ids[0] as string]: { status: 'doing', updatedAt: now.toISOString() },
    });
    expect(
      parseProgress({ version: 1, packs: { p: { steps: {}, topics: { x: { status: 'finished', updatedAt: now.toISOString() } } } } }),
    ).toEqual({
      problem: 'the entry for topic "x" is not a valid topic record',
    });
  });
});

describe('an optional topic', () => {
  const step = roadmap.steps.find((candidate) => candidate.topics?.some((topic) => topic.optional)) as Step;
  const optional = step.topics?.find((topic) => topic.optional)?.id as string;
  const required = (step.topics ?? []).filter((topic) => !topic.optional).map((topic) => topic.id);
  const pack = (progress: Progress) => packProgress(progress, roadmap.id);
  const stepSummary = (progress: Progress) => summarize(roadmap, progress).steps.find((entry) => entry.id === step.id);

  it('is not counted while to do: the step is done without it, and it never comes next', () => {
    expect(optional).toBe('r-basics');
    let progress = setTopicStatus(emptyProgress(), roadmap, step, required.slice(0, -1), 'done', now);
    expect(nextTopic(pack(progress), step)?.topic.id).toBe(required.at(-1));
    progress = setTopicStatus(progress, roadmap, step, required.slice(-1), 'done', now);
    expect(stepStatusOf(pack(progress), step)).toBe('done');
    expect(topicStatusOf(pack(progress), step, optional)).toBe('todo');
    expect(nextTopic(pack(progress), step)).toBeUndefined();
    expect(stepSummary(progress)?.topicCount).toEqual({ done: required.length, total: required.length });
    const all = summarize(roadmap, progress).work;
    expect(all.total).toBe(roadmap.steps.reduce((sum, s) => sum + (s.topics ?? []).filter((topic) => !topic.optional).length, 0));
  });

  it('counts once started or checked: starting it reopens its step, checking it finishes it again', () => {
    let progress = setTopicStatus(emptyProgress(), roadmap, step, required, 'done', now);
    progress = setTopicStatus(progress, roadmap, step, [optional], 'doing', now);
    expect(stepStatusOf(pack(progress), step)).toBe('doing');
    expect(nextTopic(pack(progress), step)?.topic.id).toBe(optional);
    expect(stepSummary(progress)?.topicCount).toEqual({ done: required.length, total: required.length + 1 });
    progress = setTopicStatus(progress, roadmap, step, [optional], 'done', now);
    expect(stepStatusOf(pack(progress), step)).toBe('done');
    expect(stepSummary(progress)?.topicCount).toEqual({ done: required.length + 1, total: required.length + 1 });
  });

  it('is not done when its step is checked whole, and skipping it counts it as skipped', () => {
    let progress = setStepStatus(emptyProgress(), roadmap, [step.id], 'done', now);
    expect(topicStatusOf(pack(progress), step, optional)).toBe('todo');
    progress = setTopicStatus(emptyProgress(), roadmap, step, [...required.slice(0, -1)], 'done', now);
    progress = setTopicStatus(progress, roadmap, step, [optional], 'skipped', now);
    expect(stepSummary(progress)?.topicCount?.total).toBe(required.length + 1);
  });
});

describe('naming a step or a topic', () => {
  const step = stepWithTopics(2);
  const topic = step.topics?.[2];

  it.each([
    ['2', 'step', step.id],
    ['2.3', 'topic', topic?.id],
    [topic?.id as string, 'topic', topic?.id],
    [step.id, 'step', step.id],
  ])('%s is the %s %s', (input, kind, id) => {
    const target = resolveTarget(roadmap, input);
    expect(target.kind).toBe(kind);
    expect(target.kind === 'topic' ? target.topic.id : target.step.id).toBe(id);
  });

  it('a unique start of a topic id names it; a start shared by several says which', () => {
    const id = topic?.id as string;
    const unique = [...Array(id.length).keys()]
      .map((n) => id.slice(0, n + 1))
      .find(
        (prefix) =>
          roadmap.steps.flatMap((s) => [s.id, ...(s.topics ?? []).map((t) => t.id)]).filter((x) => x.startsWith(prefix)).length === 1,
      );
    expect(resolveTarget(roadmap, unique as string).kind).toBe('topic');
    expect(() => resolveTarget(roadmap, 'p')).toThrow(/could mean more than one step: python-and-math, projects-and-open-source/);
  });

  it.each([
    ['2.99', /step 2's topics go from 2\.1 to 2\.\d+/],
    ['99', /step numbers go from 1 to/],
    ['gradient-decsent', /did you mean/],
  ])('refuses %s with a sentence saying what exists', (input, message) => {
    expect(() => resolveTarget(roadmap, input)).toThrow(UserError);
    expect(() => resolveTarget(roadmap, input)).toThrow(message);
  });
});
