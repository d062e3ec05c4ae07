import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packProgress } from '../../src/progress/model.js';
import { reviewsOf } from '../../src/progress/review.js';
import { createFileStore } from '../../src/progress/store.js';
import { sessionsOf } from '../../src/progress/studylog.js';
import { makeContext, runCli, type TestContext } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The test context's clock is 2026-01-15 10:00 UTC, a Thursday. */
async function learner(): Promise<TestContext & { run: (...args: string[]) => ReturnType<typeof runCli> }> {
  const ctx = await makeContext();
  return Object.assign(ctx, { run: (...args: string[]) => runCli(ctx, args) });
}
const sessions = (ctx: TestContext) => sessionsOf(packProgress(ctx.store.current, ctx.roadmap.id));
const topic11 = (ctx: TestContext) => ctx.roadmap.steps[0]?.topics?.[0];

describe('mlroadmap log', () => {
  it('logs a session on a topic with a note, and says the week and the streak', async () => {
    const ctx = await learner();
    const result = await ctx.run('log', '1h30m', '1.1', 'list', 'comprehensions');
    expect(result).toMatchObject({ code: 0, err: '' });
    const cards = ctx.roadmap.cards.filter((card) => card.topic === topic11(ctx)?.id).length;
    expect(result.out).toBe(
      [
        `Logged 1 h 30 min on 1.1 ${topic11(ctx)?.title}, today (session 1).`,
        // Studying a topic still to do starts it.
        `Started 1.1 ${topic11(ctx)?.title}: ${cards} review cards added to your deck.`,
        'This week: 1.5 h; streak 1 day; 1.5 h logged in all',
      ].join('\n'),
    );
    expect(sessions(ctx)).toEqual([
      { id: 1, date: '2026-01-15', minutes: 90, topic: topic11(ctx)?.id, note: 'list comprehensions', at: '2026-01-15T10:00:00.000Z' },
    ]);
  });

  it('takes a topic by id, and a first word that names no topic as part of the note, saying so', async () => {
    const ctx = await learner();
    await ctx.run('log', '20m', topic11(ctx)?.id as string);
    expect(sessions(ctx)[0]?.topic).toBe(topic11(ctx)?.id);
    const { out } = await ctx.run('log', '45m', 'read', 'a', 'paper');
    expect(out).toContain('No topic given: "read" names none, so it is part of the note');
    expect(sessions(ctx)[1]).toMatchObject({ minutes: 45, note: 'read a paper' });
    expect(sessions(ctx)[1]).not.toHaveProperty('topic');
  });

  it.each([
    [['0m'], 'mlroadmap: a study session lasts at least a minute'],
    [['--', '-1h'], 'mlroadmap: a study session cannot last a negative time; write it like 45m, 1h30m or 1.5h'],
    [['-1h'], "mlroadmap: unknown option '-1h'"],
    [['25h'], 'mlroadmap: a day has 24 hours, and 25 h is more'],
    [['90'], 'mlroadmap: "90" has no unit: minutes or hours? write it like 45m, 1h30m or 1.5h'],
    [['30m', '--date', '2026-01-16'], 'mlroadmap: --date 2026-01-16 is after today (2026-01-15); log a session once it is done'],
    [['30m', '--date', '15/01/2026'], 'mlroadmap: --date takes a day written YYYY-MM-DD (or today, yesterday); got "15/01/2026"'],
  ])('refuses %j with one line and exit 2, logging nothing', async (args, message) => {
    const ctx = await learner();
    const result = await ctx.run('log', ...args);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err.startsWith(message)).toBe(true);
    expect(sessions(ctx)).toEqual([]);
  });

  it('refuses a topic that does not exist rather than taking the number as a note', async () => {
    const ctx = await learner();
    const result = await ctx.run('log', '30m', '1.99', 'x');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^mlroadmap: there is no topic "1\.99": step 1's topics go from 1\.1 to 1\.\d+/);
    expect(sessions(ctx)).toEqual([]);
  });

  it('refuses a session that would make a day longer than 24 hours', async () => {
    const ctx = await learner();
    await ctx.run('log', '20h');
    const result = await ctx.run('log', '4h30m');
    expect(result).toMatchObject({
      code: 1,
      err: 'mlroadmap: 2026-01-15 already has 20 h logged, and a day has 24 hours; nothing was logged',
    });
    expect(sessions(ctx)).toHaveLength(1);
    expect((await ctx.run('log', '4h', '--date', 'yesterday')).code).toBe(0);
    expect(sessions(ctx)[1]?.date).toBe('2026-01-14');
  });

  it('lists sessions oldest first, with their numbers; deletes one by number', async () => {
    const ctx = await learner();
    await ctx.run('log', '30m', '1.1', '--date', '2026-01-14');
    await ctx.run('log', '1h', '--date', '2026-01-10', 'warm-up');
    expect((await ctx.run('log')).out).toBe(`2  2026-01-10  1 h        warm-up\n1  2026-01-14  30 min     1.1 ${topic11(ctx)?.title}`);
    const json = JSON.parse((await ctx.run('log', '--json')).out);
    expect(json).toMatchObject({ studyHours: 1.5, hoursThisWeek: 0.5, streakDays: 1, longestStreakDays: 1 });
    expect(json.sessions.map((s: { id: number }) => s.id)).toEqual([2, 1]);
    expect(json.sessions[1]).toMatchObject({ minutes: 30, hours: 0.5, topicTitle: `1.1 ${topic11(ctx)?.title}` });
    expect(await ctx.run('log', '--delete', '2')).toMatchObject({ code: 0, out: 'Deleted session 2: 1 h on 2026-01-10.' });
    expect(await ctx.run('log', '--delete', '2')).toMatchObject({
      code: 1,
      err: "mlroadmap: there is no session 2 (see 'mlroadmap log' for the numbers)",
    });
    expect((await ctx.run('log', '--delete', 'x')).code).toBe(2);
    expect(sessions(ctx).map((s) => s.id)).toEqual([1]);
  });

  it('prints nothing for an empty log in a pipe, so `wc -l` counts 0', async () => {
    const ctx = await learner();
    expect(await ctx.run('log')).toEqual({ code: 0, out: '', err: '' });
  });
});

describe('progress with study and reviews', () => {
  it('gives the hours, the week, the streaks and the cards waiting, in text and JSON', async () => {
    const ctx = await learner();
    await ctx.run('plan', '--hours-per-week', '10', '--start', '2026-01-12');
    await ctx.run('log', '2h', '--date', '2026-01-11');
    await ctx.run('log', '1h30m', '--date', '2026-01-13');
    await ctx.run('log', '1h', '--date', '2026-01-14');
    await ctx.run('mark', '1.1', 'doing');
    const json = JSON.parse((await ctx.run('progress', '--json')).out);
    expect(json).toMatchObject({ studyHours: 4.5, hoursThisWeek: 2.5, weekStart: '2026-01-12', streakDays: 2, longestStreakDays: 2 });
    expect(json.reviewsDue).toBe(ctx.roadmap.cards.filter((card) => card.topic === topic11(ctx)?.id).length);
    // Three days into the plan at 10 a week: 4.3 hours planned, 2.5 logged since its start.
    expect(json.plan).toMatchObject({ hoursLogged: 2.5, hoursExpected: 4.3 });
    const { out } = await ctx.run('progress');
    expect(out).toContain('This week: 2.5 h of the 10 h planned; streak 2 days; 4.5 h logged in all');
    expect(out).toContain(`Review: ${json.reviewsDue} cards waiting (mlroadmap review)`);
    expect(out).toContain('4.3 h planned by today, 2.5 h done (2.5 h logged');
  });
});

describe('mlroadmap review, for scripts', () => {
  it('counts an empty deck, then the cards of a started topic', async () => {
    const ctx = await learner();
    expect(JSON.parse((await ctx.run('review', '--json')).out)).toEqual({
      total: 0,
      due: 0,
      new: 0,
      newToday: 0,
      learning: 0,
      soon: 0,
      waiting: 0,
      reviewedToday: 0,
      cardsReviewedToday: 0,
      nextDue: null,
      newCardsPerDay: 10,
    });
    expect((await ctx.run('review', '--stats')).out).toContain('Your deck is empty: cards join it when you start a topic');
    await ctx.run('mark', '1.1', 'doing');
    const cards = ctx.roadmap.cards.filter((card) => card.topic === topic11(ctx)?.id);
    expect(JSON.parse((await ctx.run('review', '--stats', '--json')).out)).toMatchObject({
      total: cards.length,
      new: cards.length,
      due: 0,
    });
    const list = JSON.parse((await ctx.run('review', '--list', '--json')).out);
    expect(list).toEqual(
      cards.map((card) => ({ id: card.id, topic: card.topic, topicNumber: '1.1', kind: card.kind, state: 'new', due: null, reviews: 0 })),
    );
  });

  it('adds a later topic’s cards on request, and sets the new cards a day', async () => {
    const ctx = await learner();
    const step = ctx.roadmap.steps[2];
    const topic = step?.topics?.[0];
    const cards = ctx.roadmap.cards.filter((card) => card.topic === topic?.id);
    expect(cards.length).toBeGreaterThan(0);
    expect((await ctx.run('review', '--add', '3.1')).out).toContain(
      `Added ${cards.length === 1 ? '1 card' : `${cards.length} cards`} to your deck`,
    );
    expect((await ctx.run('review', '--add', '3.1')).out).toMatch(/in your deck already/);
    expect(Object.keys(reviewsOf(packProgress(ctx.store.current, ctx.roadmap.id)))).toEqual(cards.map((card) => card.id));
    expect((await ctx.run('review', '--new-per-day', '3')).out).toBe('Saved: up to 3 new cards a day.');
    expect(JSON.parse((await ctx.run('review', '--json')).out)).toMatchObject({ newCardsPerDay: 3, newToday: Math.min(3, cards.length) });
    expect(await ctx.run('review', '--new-per-day', '1001')).toMatchObject({ code: 2 });
    expect(await ctx.run('review', '--new-per-day', '-1')).toMatchObject({ code: 2 });
    expect(await ctx.run('review', '--add', '99.9')).toMatchObject({ code: 1 });
  });

  it('refuses a session without a terminal, naming the plain forms', async () => {
    const ctx = await learner();
    const result = await ctx.run('review');
    expect(result.code).toBe(2);
    expect(result.err).toContain("'mlroadmap review --stats'");
  });
});

describe('export and import', () => {
  it('carry the review history, the settings and the study log: export, reset, import gives them back unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-loop-'));
    dirs.push(dir);
    const ctx = await makeContext({ store: createFileStore(join(dir, 'config')) as TestContext['store'] });
    const run = (...args: string[]) => runCli(ctx, args);
    await run('mark', '1.1', 'doing');
    await run('log', '45m', '1.1', 'pipes | and "quotes"');
    await run('log', '1h', '--date', 'yesterday');
    await run('review', '--new-per-day', '4');
    await run('review', '--add', '2.1');
    const { loadScheduler, recordGrade } = await import('../../src/progress/review.js');
    const scheduler = await loadScheduler();
    const card = ctx.roadmap.cards.find((c) => c.topic === topic11(ctx)?.id)?.id as string;
    await ctx.store.update((current) => recordGrade(current, ctx.roadmap.id, card, 'good', ctx.now(), scheduler));
    const before = ctx.store.read();
    const file = join(dir, 'export.json');
    expect((await run('export', '--format', 'json', '--output', file)).code).toBe(0);
    expect((await run('reset', '--yes')).code).toBe(0);
    const imported = await run('import', file, '--yes');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/review history: 0 cards, 0 grades → \d+ cards, 1 grade/);
    expect(imported.out).toContain('study log: 0 sessions, 0 min → 2 sessions, 1 h 45 min');
    expect(imported.out).toContain('settings: new cards a day 10 → 4');
    expect(ctx.store.read()).toEqual(before);

    const md = join(dir, 'export.md');
    await run('export', '--format', 'md', '--output', md);
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('## Study log');
    expect(text).toContain(`| 2026-01-15 | 45 min | 1.1 ${topic11(ctx)?.title} | pipes \\| and "quotes" |`);
    expect(text).toContain('## Spaced review');
    expect(text).toMatch(/1 grade given \(Again 0, Hard 0, Good 1, Easy 0\)/);
  });
});
