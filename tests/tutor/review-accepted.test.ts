import { describe, expect, it } from 'vitest';
import { emptyProgress, packProgress, parseProgress, setTopicStatus } from '../../src/progress/model.js';
import { type CardSchedule, reviewsOf } from '../../src/progress/review.js';
import { runReview } from '../../src/tutor/review.js';
import { shippedRoadmap } from '../helpers.js';
import { press, printed, screen, tutorContext, until } from './screen.js';

// A schedule `import` accepted used to end every review session when its card came up: FSRS threw
// "Invalid delta_t" on a last review later than now. The session now grades it as reviewed now.
const roadmap = await shippedRoadmap();
const step = roadmap.steps[0];
const topic = step?.topics?.[0];
if (!step || !topic) throw new Error('step 1 has topics');
const card = roadmap.cards.find((candidate) => candidate.topic === topic.id && !candidate.choices);
if (!card) throw new Error('topic 1.1 has an open card');

describe('a review session over an accepted schedule', () => {
  it.each<[string, Partial<CardSchedule>]>([
    ['a last review in year 9999', { lastReview: '9999-01-01T00:00:00.000Z' }],
    ['the largest stability and difficulty the check accepts', { stability: 36_500, difficulty: 10 }],
  ])('grades a card with %s, and the file stays readable', async (_name, change) => {
    const schedule: CardSchedule = {
      due: '2026-01-14T00:00:00.000Z',
      state: 'review',
      stability: 3,
      difficulty: 5,
      scheduledDays: 1,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      lastReview: '2026-01-13T00:00:00.000Z',
      ...change,
    };
    const started = setTopicStatus(emptyProgress(), roadmap, step, [topic.id], 'doing', new Date('2026-01-14T09:00:00Z'));
    const pack = { ...packProgress(started, roadmap.id), reviews: { [card.id]: { log: [], schedule } }, settings: { newCardsPerDay: 0 } };
    const parsed = parseProgress(JSON.parse(JSON.stringify({ ...started, packs: { [roadmap.id]: pack } })));
    if ('problem' in parsed) throw new Error(parsed.problem);
    const ctx = await tutorContext({ progress: parsed.progress, height: 60 });
    const session = runReview(ctx);
    await until('show the answer');
    press('space');
    await until('How well did you know it?');
    screen.type('3');
    await expect(session).resolves.toMatchObject({ reviewed: 1 });
    expect(printed(ctx)).not.toMatch(/Invalid|Error/);
    const saved = reviewsOf(packProgress(ctx.store.current, roadmap.id))[card.id];
    expect(saved?.log).toEqual([{ at: '2026-01-15T10:00:00.000Z', grade: 'good' }]);
    expect(saved?.schedule?.lastReview).toBe('2026-01-15T10:00:00.000Z');
    expect(parseProgress(JSON.parse(JSON.stringify(ctx.store.current)))).toHaveProperty('progress');
  });
});
