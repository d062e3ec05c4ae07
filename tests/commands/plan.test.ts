import { describe, expect, it } from 'vitest';
import { emptyProgress, packProgress, setStatus } from '../../src/progress/model.js';
import { addDays, daysBetween, describeDays } from '../../src/progress/plan.js';
import { makeContext, requiredHours, requiredTopics, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const totalHours = roadmap.steps.reduce((sum, step) => sum + requiredHours(step), 0);
const stepCount = roadmap.steps.length;
const firstHours = requiredHours(roadmap.steps[0]);
/** The day `hours` of study are reached from `start` at `perWeek` hours a week. */
const reached = (start: string, hours: number, perWeek: number) => addDays(start, Math.ceil((hours / perWeek) * 7));
/** 2026-01-15 10:00 in the local time zone: a plan counts in the learner's own days, so "today" is 2026-01-15 in every zone. */
const localMorning = () => new Date(2026, 0, 15, 10, 0, 0);

describe('mlroadmap plan --hours-per-week N', () => {
  it('prints a target date for each open step and the finish date, and saves the plan', async () => {
    const ctx = await makeContext();
    const { code, out } = await runCli(ctx, ['plan', '--hours-per-week', '10', '--start', '2026-02-01']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`Plan: 10 hours a week from 2026-02-01, ${totalHours} hours over ${stepCount} steps`);
    // Step 1's hours at 10 a week, in whole days after the start.
    expect(lines[1]).toBe(`by ${reached('2026-02-01', firstHours, 10)}  1. Learn Python and the maths foundations (${firstHours} h)`);
    // A line a step, then a line for each topic of the step to work on now, each with its own date.
    const firstTopics = requiredTopics(roadmap.steps[0]);
    expect(lines.filter((line) => line.startsWith('by '))).toHaveLength(roadmap.steps.length + firstTopics.length);
    expect(out).toContain(
      `Topics of step 1, one after another\nby ${reached('2026-02-01', firstTopics[0]?.effortHours ?? 0, 10)}  1.1 ${firstTopics[0]?.title}`,
    );
    const finish = reached('2026-02-01', totalHours, 10);
    expect(out).toContain(`Finish: ${finish}, ${describeDays(daysBetween('2026-02-01', finish))} from the start.`);
    expect(out).toContain("'mlroadmap progress' now says whether you are ahead");
    expect(packProgress(ctx.store.current, roadmap.id).plan).toEqual({
      hoursPerWeek: 10,
      start: '2026-02-01',
      steps: roadmap.steps.map((step) => step.id),
    });
  });

  it('starts today by default and leaves out finished steps', async () => {
    const ctx = await makeContext({
      progress: setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', new Date()),
      now: localMorning,
    });
    const { out } = await runCli(ctx, ['plan', '--hours-per-week', '20']);
    expect(out.split('\n')[0]).toBe(`Plan: 20 hours a week from 2026-01-15, ${totalHours - firstHours} hours over ${stepCount - 1} steps`);
    expect(out).not.toContain('Learn Python');
  });

  // The shipped roadmap's required hours (about 1,440) take two years at 14 hours a week, so 15 is the slowest pace tried here.
  it.each([
    ['15', describeDays(Math.ceil((totalHours / 15) * 7))],
    ['20', describeDays(Math.ceil((totalHours / 20) * 7))],
  ])("at %s hours a week the whole roadmap lands within the guide's six months to two years", async (hours, span) => {
    const { out } = await runCli(await makeContext(), ['plan', '--hours-per-week', hours]);
    expect(out).toContain(`, ${span} from the start.`);
    expect(out).not.toMatch(/longer than|faster than/);
  });

  it('remarks when a plan falls outside six months to two years', async () => {
    expect((await runCli(await makeContext(), ['plan', '--hours-per-week', '3'])).out).toContain(
      'longer than the guide\'s "six months to two years"',
    );
    expect((await runCli(await makeContext(), ['plan', '--hours-per-week', '60'])).out).toContain("faster than the guide's");
  });

  it.each([['0'], ['-5'], ['abc'], ['169'], ['101'], ['0.00000001'], ['1e9'], ['']])(
    'refuses --hours-per-week %j with exit 2 and saves nothing',
    async (hours) => {
      const ctx = await makeContext();
      const result = await runCli(ctx, ['plan', `--hours-per-week=${hours}`]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('--hours-per-week must be a number of hours from 1 to 100');
      expect(ctx.store.current).toEqual(emptyProgress());
    },
  );

  it.each([['2026-02-30'], ['next monday'], ['15/01/2026']])('refuses --start %j with exit 2', async (start) => {
    const result = await runCli(await makeContext(), ['plan', '--hours-per-week', '10', '--start', start]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--start must be a date written YYYY-MM-DD');
  });

  it('has nothing to plan when every step is done or skipped', async () => {
    const ids = roadmap.steps.map((step) => step.id);
    const ctx = await makeContext({ progress: setStatus(emptyProgress(), roadmap.id, ids, 'done', new Date()) });
    expect((await runCli(ctx, ['plan', '--hours-per-week', '10'])).out).toContain('nothing left to plan');
    expect(packProgress(ctx.store.current, roadmap.id).plan).toBeUndefined();
  });
});

describe('mlroadmap plan (saved)', () => {
  it('without options shows the saved plan and where the learner stands; --clear forgets it', async () => {
    const ctx = await makeContext();
    expect((await runCli(ctx, ['plan'])).out).toBe('You have no plan yet. Make one with: mlroadmap plan --hours-per-week 10');
    await runCli(ctx, ['plan', '--hours-per-week', '10', '--start', '2026-01-01']);
    await runCli(ctx, ['check', '1']);
    const { out } = await runCli(ctx, ['plan']);
    expect(out).toMatch(/^done +1\. Learn Python/m);
    expect(out).toMatch(/^Plan: .* ahead/m);
    const json = JSON.parse((await runCli(ctx, ['plan', '--json'])).out).plan;
    expect(json).toMatchObject({ hoursPerWeek: 10, start: '2026-01-01', totalHours, status: { state: 'ahead' } });
    expect((await runCli(ctx, ['plan', '--clear'])).out).toBe('Plan removed.');
    expect(packProgress(ctx.store.current, roadmap.id).plan).toBeUndefined();
  });

  it('refuses --start without --hours-per-week (exit 2)', async () => {
    expect((await runCli(await makeContext(), ['plan', '--start', '2026-01-01'])).code).toBe(2);
  });
});

describe('mlroadmap progress with a plan', () => {
  it('says nothing about a plan until one is made', async () => {
    const ctx = await makeContext();
    expect((await runCli(ctx, ['progress'])).out).not.toContain('Plan');
    expect(JSON.parse((await runCli(ctx, ['progress', '--json'])).out).plan).toBeNull();
  });

  /** The learner: 5 hours a week planned on 2026-12-13, nothing logged or done since. */
  async function idleLearner(day: number, month = 11, year = 2026) {
    const ctx = await makeContext({ now: () => new Date(2026, 11, 13, 10) });
    await runCli(ctx, ['plan', '--hours-per-week', '5']);
    ctx.now = () => new Date(year, month, day, 10);
    return ctx;
  }

  it.each([
    ['a day', 14, 11, 2026, '1 day behind', 0.7],
    ['a week', 20, 11, 2026, '7 days behind', 5],
    ['a month', 13, 0, 2027, '4 weeks behind', 22.1],
  ])(
    'with nothing studied, %s later says how far behind, and that there is no pace yet',
    async (_span, day, month, year, words, planned) => {
      const ctx = await idleLearner(day, month, year);
      const { out } = await runCli(ctx, ['progress']);
      const line = out.split('\n').find((text) => text.startsWith('Plan:')) as string;
      expect(line).toMatch(
        new RegExp(`^Plan: ${words}: ${planned} h planned by today, 0 h done \\(0 h logged, no planned topics done\\)\\. `),
      );
      expect(line).toContain('no pace of yours to go by yet');
      expect(line).not.toContain('on track');
      // plan says the same, and both give the same figures to scripts.
      expect((await runCli(ctx, ['plan'])).out).toContain(line);
      const fromProgress = JSON.parse((await runCli(ctx, ['progress', '--json'])).out).plan;
      const fromPlan = JSON.parse((await runCli(ctx, ['plan', '--json'])).out).plan.status;
      expect(fromPlan).toEqual(fromProgress);
      expect(fromProgress).toMatchObject({
        state: 'behind',
        hoursExpected: planned,
        hoursLogged: 0,
        hoursDone: 0,
        pacePerWeek: null,
        paceFinish: null,
      });
    },
  );

  it("gives the finish the learner's own pace leads to, once there is one", async () => {
    const ctx = await idleLearner(13, 0, 2027);
    await runCli(ctx, ['log', '6h', '1.1', '--date', '2027-01-05']);
    const status = JSON.parse((await runCli(ctx, ['plan', '--json'])).out).plan.status;
    // 6 hours in 31 days: 1.4 hours a week; the rest of the roadmap at that pace.
    expect(status).toMatchObject({ state: 'behind', hoursLogged: 6, hoursDone: 6, pacePerWeek: 1.4 });
    expect(status.paceFinish).toBe(addDays('2027-01-13', Math.ceil((totalHours - 6) / (6 / 31))));
    expect((await runCli(ctx, ['progress'])).out).toContain(`at your pace so far (1.4 h a week) you would finish on ${status.paceFinish}.`);
  });

  it('says the learner is ahead after finishing a step early, and on track otherwise', async () => {
    const ctx = await makeContext({ now: localMorning });
    await runCli(ctx, ['plan', '--hours-per-week', '10', '--start', '2026-01-15']);
    expect((await runCli(ctx, ['progress'])).out).toContain('Plan: on track: 0 h planned by today');
    await runCli(ctx, ['check', '1']);
    ctx.now = () => new Date(2026, 0, 22, 10);
    // A week in at 10 hours a week, 10 hours were due and step 1's hours are done.
    const ahead = describeDays(Math.floor(((firstHours - 10) / 10) * 7));
    expect((await runCli(ctx, ['progress'])).out).toContain(`Plan: ${ahead} ahead: 10 h planned by today, ${firstHours} h done`);
  });
});

describe('a plan made after some topics are done', () => {
  it('is for the rest: the done topic takes no hours, moves no date and does not count as ahead', async () => {
    const ctx = await makeContext();
    const topics = requiredTopics(roadmap.steps[0]);
    const [first, second] = topics as [(typeof topics)[0], (typeof topics)[0]];
    ctx.now = () => new Date(2026, 0, 14, 20, 0, 0);
    expect((await runCli(ctx, ['check', '1.1'])).code).toBe(0);
    ctx.now = () => new Date(2026, 0, 15, 10, 0, 0);
    const made = await runCli(ctx, ['plan', '--hours-per-week', '8']);
    expect(made.out.split('\n')[0]).toBe(
      `Plan: 8 hours a week from 2026-01-15, ${totalHours - first.effortHours} hours over ${stepCount} steps`,
    );
    // 1.2 is the first topic of the plan: due once its own hours are studied.
    expect(made.out).toContain(`by ${reached('2026-01-15', second.effortHours, 8)}  1.2 ${second.title}`);
    expect(made.out).not.toContain(`1.1 ${first.title}`);
    ctx.now = () => new Date(2026, 0, 16, 20, 0, 0);
    const status = JSON.parse((await runCli(ctx, ['progress', '--json'])).out).plan;
    expect(status).toMatchObject({ hoursDone: 0 });
    expect(status.state).not.toBe('ahead');
  });

  it('started on a day in the past, counts the topics done since that day as its own', async () => {
    const ctx = await makeContext();
    ctx.now = () => new Date(2026, 0, 10, 12, 0, 0);
    expect((await runCli(ctx, ['check', '1.1', '1.2', '1.3'])).code).toBe(0);
    ctx.now = () => new Date(2026, 0, 31, 12, 0, 0);
    const made = await runCli(ctx, ['plan', '--hours-per-week', '10', '--start', '2026-01-01']);
    expect(made.out.split('\n')[0]).toBe(`Plan: 10 hours a week from 2026-01-01, ${totalHours} hours over ${stepCount} steps`);
    const status = JSON.parse((await runCli(ctx, ['progress', '--json'])).out).plan;
    const done = (requiredTopics(roadmap.steps[0]) ?? []).slice(0, 3).reduce((sum, topic) => sum + topic.effortHours, 0);
    expect(status).toMatchObject({ hoursDone: done, topicsDone: 3 });
  });
});
