import { describe, expect, it } from 'vitest';
import { packProgress, setTopicStatus, topicStatusOf } from '../../src/progress/model.js';
import { loadScheduler, recordGrade } from '../../src/progress/review.js';
import { inZone, makeContext, runCli, type TestContext } from '../helpers.js';

/** The test context's clock is 2026-01-15 10:00 UTC. */
async function learner(): Promise<TestContext & { run: (...args: string[]) => ReturnType<typeof runCli> }> {
  const ctx = await makeContext();
  return Object.assign(ctx, { run: (...args: string[]) => runCli(ctx, args) });
}

describe('mlroadmap log on a topic still to do', () => {
  it('starts the topic, saying so, and its cards are then waiting for review', async () => {
    const ctx = await learner();
    const step = ctx.roadmap.steps[0];
    const topic = step?.topics?.[0];
    if (!step || !topic) throw new Error('step 1 has topics');
    const cards = ctx.roadmap.cards.filter((card) => card.topic === topic.id).length;
    expect(cards).toBeGreaterThan(0);
    const logged = await ctx.run('log', '45m', '1.1');
    expect(logged.out).toContain(`Started 1.1 ${topic.title}: ${cards} review cards added to your deck.`);
    expect(topicStatusOf(packProgress(ctx.store.current, ctx.roadmap.id), step, topic.id)).toBe('doing');
    expect((await ctx.run('topics', '1')).out).toMatch(/^1\.1 +\[~\] /m);
    expect(JSON.parse((await ctx.run('review', '--json')).out)).toMatchObject({ total: cards, waiting: Math.min(cards, 10) });
    // A second session on it starts nothing.
    expect((await ctx.run('log', '30m', '1.1')).out).not.toContain('Started');
  });

  it('a session on a whole step, or on no topic, starts nothing', async () => {
    const ctx = await learner();
    expect((await ctx.run('log', '45m', '2')).out).not.toContain('Started');
    expect((await ctx.run('log', '45m')).out).not.toContain('Started');
    expect(ctx.store.current.packs[ctx.roadmap.id]?.topics ?? {}).toEqual({});
  });
});

describe('times a person reads are local; JSON keeps UTC', () => {
  it('review --stats and --list give the next due time in the local zone, JSON in ISO UTC', async () => {
    const ctx = await learner();
    const step = ctx.roadmap.steps[0];
    const topic = step?.topics?.[0];
    if (!step || !topic) throw new Error('step 1 has topics');
    const card = ctx.roadmap.cards.find((candidate) => candidate.topic === topic.id);
    if (!card) throw new Error('topic 1.1 has cards');
    const scheduler = await loadScheduler();
    let progress = setTopicStatus(ctx.store.current, ctx.roadmap, step, [topic.id], 'doing', ctx.now());
    // Graded Easy yesterday at 17:23 UTC: due some days on, at 17:23 UTC.
    progress = recordGrade(progress, ctx.roadmap.id, card.id, 'easy', new Date('2026-01-14T17:23:26.780Z'), scheduler);
    ctx.store.current = progress;
    const due = JSON.parse((await ctx.run('review', '--json')).out).nextDue as string;
    expect(due).toMatch(/^2026-01-\d\dT17:23:26\.780Z$/);
    await inZone('America/New_York', async () => {
      const stats = (await ctx.run('review', '--stats')).out;
      // 17:23 UTC is 12:23 in New York in January.
      expect(stats).toMatch(new RegExp(`Next due +${due.slice(0, 10)} 12:23 \\(in \\d+ days\\)`));
      expect(stats).not.toMatch(/\d{2}:\d{2}:\d{2}|Z\b|UTC/);
      const list = (await ctx.run('review', '--list')).out;
      expect(list).toContain(`due ${due.slice(0, 10)} 12:23`);
      expect(list).not.toContain('UTC');
      expect(JSON.parse((await ctx.run('review', '--json')).out).nextDue).toBe(due);
    });
  });
});

describe('dates a person reads are local days', () => {
  it('in assess, skills, the markdown export and a project brief, where the UTC day differs', async () => {
    await inZone('Pacific/Auckland', async () => {
      // 23:30 UTC on 14 January is already 15 January in New Zealand.
      const ctx = await makeContext({ now: () => new Date('2026-01-14T23:30:00Z') });
      await runCli(ctx, ['assess', 'python-and-r', '3']);
      await runCli(ctx, ['project', 'done', '1', '1']);
      await runCli(ctx, ['note', '1', 'read chapter 2']);
      expect((await runCli(ctx, ['assess', 'python-and-r'])).out).toMatch(/^2026-01-15 {2}3\/5/m);
      expect((await runCli(ctx, ['skills'])).out).toContain('(you: 3/5 on 2026-01-15)');
      expect((await runCli(ctx, ['project', '1'])).out).toMatch(/done\s+2026-01-15/);
      const markdown = (await runCli(ctx, ['export', '--format', 'md'])).out;
      expect(markdown).toContain('Note, 2026-01-15: read chapter 2');
      expect(markdown).not.toContain('2026-01-14');
    });
  });
});

describe('one count of cards waiting, in progress too', () => {
  it('progress counts a card in learning back within minutes, as review --stats and the tutor do', async () => {
    const ctx = await learner();
    const step = ctx.roadmap.steps[0];
    const topic = step?.topics?.[0];
    if (!step || !topic) throw new Error('step 1 has topics');
    const card = ctx.roadmap.cards.find((candidate) => candidate.topic === topic.id);
    if (!card) throw new Error('topic 1.1 has cards');
    let progress = setTopicStatus(ctx.store.current, ctx.roadmap, step, [topic.id], 'doing', ctx.now());
    // Graded Good as new five minutes ago: in learning, back ten minutes after that.
    progress = recordGrade(progress, ctx.roadmap.id, card.id, 'good', new Date('2026-01-15T09:55:00Z'), await loadScheduler());
    ctx.store.current = progress;
    const stats = JSON.parse((await ctx.run('review', '--json')).out);
    expect(stats.soon).toBeGreaterThan(0);
    const shown = JSON.parse((await ctx.run('progress', '--json')).out);
    expect(shown.reviewsDue).toBe(stats.waiting);
    expect((await ctx.run('progress')).out).toContain(`Review: ${stats.waiting} cards waiting`);
  });
});
