import { describe, expect, it } from 'vitest';
import { emptyProgress, type Progress, packProgress, setTopicStatus } from '../../src/progress/model.js';
import { MIN_REVIEWS_FOR_RETENTION, readinessReport } from '../../src/progress/readiness.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const now = new Date('2026-03-01T09:00:00Z');
const skill = (id: string) => roadmap.skills.find((s) => s.id === id);
const topicsOf = (id: string) =>
  (skill(id)?.topics ?? []).filter((topic) => !roadmap.steps.some((s) => s.topics?.some((t) => t.id === topic && t.optional)));

/** Every required topic of `skillId` done, its exercises passed and its cards well remembered. */
function strongIn(skillId: string, progress: Progress = emptyProgress()): Progress {
  let next = progress;
  for (const step of roadmap.steps) {
    const mine = (step.topics ?? []).filter((topic) => topicsOf(skillId).includes(topic.id)).map((topic) => topic.id);
    if (mine.length > 0) next = setTopicStatus(next, roadmap, step, mine, 'done', now);
  }
  const pack = packProgress(next, roadmap.id);
  const at = now.toISOString();
  pack.exercises = Object.fromEntries(
    (roadmap.exercises ?? [])
      .filter((exercise) => topicsOf(skillId).includes(exercise.topic))
      .map((exercise) => [exercise.id, { runs: 1, lastRunAt: at, lastResult: 'passed', passedAt: at, passedAfterRuns: 1, updatedAt: at }]),
  );
  const cards = roadmap.cards.filter((card) => topicsOf(skillId).includes(card.topic)).slice(0, MIN_REVIEWS_FOR_RETENTION);
  pack.reviews = Object.fromEntries(
    cards.map((card) => [
      card.id,
      {
        log: [
          { at: '2026-02-01T09:00:00.000Z', grade: 'good' },
          { at: '2026-02-10T09:00:00.000Z', grade: 'good' },
        ],
      },
    ]),
  );
  return { ...next, packs: { ...next.packs, [roadmap.id]: pack } };
}

describe('readinessReport', () => {
  it('scores a skill whose topics, exercises and cards are done above one with nothing recorded, and names the weaker', () => {
    const report = readinessReport(roadmap, packProgress(strongIn('python-and-r'), roadmap.id));
    const python = report.skills.find((s) => s.id === 'python-and-r');
    const spark = report.skills.find((s) => s.id === 'big-data-spark');
    expect(python?.topics.done).toBe(python?.topics.total);
    expect(python?.exercises.passed).toBe(python?.exercises.total);
    expect(python?.retention).toEqual({ reviews: MIN_REVIEWS_FOR_RETENTION, rate: 1 });
    expect(python?.score).toBeGreaterThan(spark?.score ?? 100);
    expect(report.weakest).toContain('big-data-spark');
    expect(report.weakest).not.toContain('python-and-r');
  });

  it('names the next action that moves a skill most, with its command, and what an interviewer will probe', () => {
    const report = readinessReport(roadmap, packProgress(emptyProgress(), roadmap.id));
    const spark = report.skills.find((s) => s.id === 'big-data-spark');
    const first = roadmap.steps
      .flatMap((step, s) => (step.topics ?? []).map((topic, t) => ({ topic, number: `${s + 1}.${t + 1}` })))
      .find(({ topic }) => topicsOf('big-data-spark').includes(topic.id));
    // Topics weigh most, so with nothing done the next action is the skill's first topic.
    expect(spark?.next).toEqual({
      action: `start ${first?.number} ${first?.topic.title}`,
      command: `mlroadmap mark ${first?.number} doing`,
    });
    const open = roadmap.steps.flatMap((step) => (step.topics ?? []).filter((topic) => topicsOf('big-data-spark').includes(topic.id)));
    if (report.weakest.includes('big-data-spark')) expect(spark?.probes).toEqual(open.flatMap((topic) => topic.done).slice(0, 3));
    // Probes only for the weakest two.
    for (const s of report.skills) if (!report.weakest.includes(s.id)) expect(s.probes).toEqual([]);
    expect(report.weakest).toHaveLength(2);
  });

  it('does not judge retention on too few reviews, and says what it cannot know', () => {
    const progress = strongIn('python-and-r');
    const pack = packProgress(progress, roadmap.id);
    const [one] = Object.keys(pack.reviews ?? {});
    pack.reviews = { [one as string]: (pack.reviews as Record<string, unknown>)[one as string] } as PackProgressReviews;
    const report = readinessReport(roadmap, pack);
    expect(report.skills.find((s) => s.id === 'python-and-r')?.retention).toEqual({ reviews: 1, rate: null });
    expect(report.unknown.join(' ')).toMatch(/outside mlroadmap.*portfolio checks.*interviewer/);
  });
});

type PackProgressReviews = ReturnType<typeof packProgress>['reviews'];

describe('mlroadmap ready', () => {
  it('prints each skill with its figures and next action, and the probes of the weakest', async () => {
    const ctx = await makeContext({ progress: strongIn('python-and-r') });
    const { code, out } = await runCli(ctx, ['ready']);
    expect(code).toBe(0);
    expect(out).toMatch(/Python and R programming: \d+\/100/);
    expect(out).toMatch(/exercises \d+\/\d+ passed/);
    expect(out).toMatch(/Next: start \d+\.\d+ .* \(mlroadmap mark \d+\.\d+ doing\)/);
    expect(out).toContain('What an interviewer will probe in your weakest areas');
    expect(out).toContain('What this report cannot know:');
    const json = JSON.parse((await runCli(ctx, ['ready', '--json'])).out);
    expect(Object.keys(json).sort()).toEqual(['skills', 'unknown', 'weakest']);
    expect(json.skills).toHaveLength(roadmap.skills.length);
  });
});
