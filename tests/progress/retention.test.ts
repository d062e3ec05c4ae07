import { fsrs } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { emptyProgress, packProgress, parseProgress } from '../../src/progress/model.js';
import {
  type CardSchedule,
  DEFAULT_DESIRED_RETENTION,
  desiredRetention,
  intervalFactor,
  loadScheduler,
  reviewsPerDay,
  setDesiredRetention,
} from '../../src/progress/review.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();

describe('desired retention', () => {
  it.each([0.7, 0.8, 0.85, 0.9, 0.95, 0.97])('stretches intervals at %f as ts-fsrs does', (retention) => {
    const modifier = fsrs({ request_retention: retention }).calculate_interval_modifier(retention);
    expect(intervalFactor(retention)).toBeCloseTo(modifier, 5);
  });

  it('schedules a remembered card further out at a lower retention, and nearer at a higher one', async () => {
    const now = new Date('2026-03-10T09:00:00Z');
    const schedule: CardSchedule = {
      due: '2026-03-10T08:00:00.000Z',
      state: 'review',
      stability: 20,
      difficulty: 5,
      scheduledDays: 20,
      learningSteps: 0,
      reps: 4,
      lapses: 0,
      lastReview: '2026-02-18T09:00:00.000Z',
    };
    const days = async (retention: number) => (await loadScheduler(retention)).preview(schedule, now).good.scheduledDays;
    const [low, usual, high] = [await days(0.8), await days(DEFAULT_DESIRED_RETENTION), await days(0.95)];
    expect(low).toBeGreaterThan(usual);
    expect(usual).toBeGreaterThan(high);
  });

  it('is 0.9 until set, and what it costs is counted over the scheduled cards', () => {
    let progress = emptyProgress();
    expect(desiredRetention(packProgress(progress, roadmap.id))).toBe(0.9);
    progress = setDesiredRetention(progress, roadmap.id, 0.85);
    const pack = packProgress(progress, roadmap.id);
    expect(desiredRetention(pack)).toBe(0.85);
    const schedule = (stability: number) => ({
      due: '2026-03-10T08:00:00.000Z',
      state: 'review' as const,
      stability,
      difficulty: 5,
      scheduledDays: 1,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      lastReview: '2026-03-01T09:00:00.000Z',
    });
    pack.reviews = { a: { log: [], schedule: schedule(10) }, b: { log: [], schedule: schedule(0.5) }, c: { log: [] } };
    // 1/10 + 1/max(1, 0.5) at 0.9; new cards cost nothing yet.
    expect(reviewsPerDay(pack, 0.9)).toBe(1.1);
    expect(reviewsPerDay(pack, 0.8)).toBeLessThan(reviewsPerDay(pack, 0.9));
  });

  it('is refused in a progress file outside 0.70-0.97', () => {
    const file = (value: number) => ({ version: 1, packs: { [roadmap.id]: { steps: {}, settings: { desiredRetention: value } } } });
    expect(parseProgress(file(0.85))).toHaveProperty('progress');
    expect(parseProgress(file(0.5))).toMatchObject({ problem: expect.stringContaining('desiredRetention') });
  });
});

describe('mlroadmap review --retention', () => {
  it('saves it, and --stats shows it with what it costs', async () => {
    const ctx = await makeContext();
    const saved = await runCli(ctx, ['review', '--retention', '85%']);
    expect(saved.code).toBe(0);
    expect(saved.out).toContain('Saved: desired retention 85%');
    expect(desiredRetention(packProgress(ctx.store.current, roadmap.id))).toBe(0.85);
    await runCli(ctx, ['review', '--add', '1.1']);
    const stats = await runCli(ctx, ['review', '--stats']);
    expect(stats.out).toMatch(/Desired retention\s+85%/);
    const json = JSON.parse((await runCli(ctx, ['review', '--stats', '--json'])).out);
    expect(json).toMatchObject({ desiredRetention: 0.85, reviewsPerDay: 0 });
  });

  it.each(['0.5', '0.98', 'high', '', '97.5%'])('refuses %j with one line and exit 2, saving nothing', async (value) => {
    const ctx = await makeContext();
    const result = await runCli(ctx, ['review', '--retention', value]);
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toContain('--retention takes a share from 0.7 to 0.97');
    expect(packProgress(ctx.store.current, roadmap.id).settings).toBeUndefined();
  });
});
