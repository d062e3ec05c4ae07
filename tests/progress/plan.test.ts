import { describe, expect, it } from 'vitest';
import { emptyProgress, type Progress, setStatus, setTopicStatus } from '../../src/progress/model.js';
import {
  addDays,
  daysBetween,
  describeDays,
  describePlanStatus,
  GUIDE_MAX_DAYS,
  GUIDE_MIN_DAYS,
  makePlan,
  parseDate,
  parseHoursPerWeek,
  planStatus,
  scheduleOf,
} from '../../src/progress/plan.js';
import { requiredHours, requiredTopics, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const ids = roadmap.steps.map((step) => step.id);
const on = (date: string) => new Date(`${date}T12:00:00Z`);

function withStatus(statuses: [number, 'done' | 'doing' | 'skipped'][], progress: Progress = emptyProgress()): Progress {
  return statuses.reduce((acc, [n, status]) => setStatus(acc, roadmap.id, [ids[n - 1] as string], status, on('2026-01-02')), progress);
}

describe('parseHoursPerWeek', () => {
  it.each([
    ['10', 10],
    ['7.5', 7.5],
    ['100', 100],
    ['1', 1],
    ['0.5', undefined],
    ['0.00000001', undefined],
    ['101', undefined],
    ['168', undefined],
    ['0', undefined],
    ['-5', undefined],
    ['169', undefined],
    ['abc', undefined],
    ['', undefined],
    ['10h', undefined],
    ['Infinity', undefined],
    ['1e3', undefined],
  ])('reads %j as %s', (text, hours) => {
    expect(parseHoursPerWeek(text)).toBe(hours);
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['2028-02-29', '2028-02-29'],
    ['2026-02-29', undefined],
    ['2026-13-01', undefined],
    ['2026-3-1', undefined],
    ['01/03/2026', undefined],
    ['tomorrow', undefined],
  ])('reads %j as %s', (text, date) => {
    expect(parseDate(text)).toBe(date);
  });

  it('counts days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-01-10', '2026-01-01')).toBe(-9);
  });
});

describe('describeDays', () => {
  it.each([
    [1, '1 day'],
    [10, '10 days'],
    [21, '3 weeks'],
    [291, 'about 10 months'],
    [581, 'about 1.5 years'],
    [-21, '3 weeks'],
  ])('%i days reads "%s"', (days, text) => {
    expect(describeDays(days)).toBe(text);
  });
});

describe('scheduleOf', () => {
  // The shipped roadmap's required hours (about 1,440) take two years at 14 hours a week, so 15 is the slowest pace tried here.
  it.each([15, 20, 30])('at %i hours a week, the whole roadmap takes between six months and two years, as the guide says', (hours) => {
    const schedule = scheduleOf(roadmap, emptyProgress(), makePlan(roadmap, emptyProgress(), hours, '2026-01-01'));
    expect(schedule.steps).toHaveLength(roadmap.steps.length);
    expect(schedule.days).toBeGreaterThanOrEqual(GUIDE_MIN_DAYS);
    expect(schedule.days).toBeLessThanOrEqual(GUIDE_MAX_DAYS);
  });

  it('gives each step the day its cumulative hours are reached, in order', () => {
    const schedule = scheduleOf(roadmap, emptyProgress(), makePlan(roadmap, emptyProgress(), 10, '2026-01-01'));
    const first = requiredHours(roadmap.steps[0]);
    expect(schedule.steps[0]?.target).toBe(addDays('2026-01-01', Math.ceil((first / 10) * 7)));
    const targets = schedule.steps.map((step) => step.target);
    expect([...targets].sort()).toEqual(targets);
    expect(schedule.totalHours).toBe(roadmap.steps.reduce((sum, step) => sum + requiredHours(step), 0));
    expect(schedule.finish).toBe(targets.at(-1));
  });

  it('plans only the open steps: done and skipped ones are left out, in-progress ones kept', () => {
    const progress = withStatus([
      [1, 'done'],
      [2, 'skipped'],
      [3, 'doing'],
    ]);
    expect(makePlan(roadmap, progress, 10, '2026-01-01').steps).toEqual(ids.slice(2));
  });

  it('leaves out planned steps the content no longer has', () => {
    const schedule = scheduleOf(roadmap, emptyProgress(), { hoursPerWeek: 10, start: '2026-01-01', steps: ['gone', ids[0] as string] });
    expect(schedule.steps.map((step) => step.id)).toEqual([ids[0]]);
  });
});

describe('planStatus', () => {
  const plan = makePlan(roadmap, emptyProgress(), 10, '2026-01-01');
  const schedule = scheduleOf(roadmap, emptyProgress(), plan);
  const first = schedule.steps[0];
  const firstTopic = first?.topics[0];
  const secondTopic = first?.topics[1];
  const firstTopicDone = () =>
    setTopicStatus(emptyProgress(), roadmap, roadmap.steps[0] as never, [firstTopic?.id as string], 'done', on('2026-01-02'));

  it('is on track on the day it starts, with no pace yet', () => {
    const status = planStatus(schedule, '2026-01-01');
    expect(status).toMatchObject({ state: 'on-track', days: 0, next: { id: ids[0] }, nextTopic: { id: firstTopic?.id }, hoursExpected: 0 });
    expect(status.pacePerWeek).toBeUndefined();
    expect(describePlanStatus(status)).toBe(
      `Plan: on track: 0 h planned by today, 0 h done (0 h logged, no planned topics done). Next: 1.1 ${firstTopic?.title}, due ${firstTopic?.target}. Finish planned for ${schedule.finish}; no pace of yours to go by yet (log your study time, mark topics done).`,
    );
  });

  // At 10 hours a week, with nothing logged or done: a day, a week and a month on.
  it.each([
    ['2026-01-02', 1, '1 day behind', 1.4],
    ['2026-01-08', 7, '7 days behind', 10],
    ['2026-02-01', 31, '4 weeks behind', 44.3],
  ])('with nothing logged or done, on %s it is %i days behind, said as "%s"', (today, days, words, planned) => {
    const status = planStatus(schedule, today, 0);
    expect(status).toMatchObject({ state: 'behind', days, hoursExpected: planned, hoursDone: 0, hoursLogged: 0, topicsDone: 0 });
    expect(status.paceFinish).toBeUndefined();
    const line = describePlanStatus(status);
    expect(line).toMatch(
      new RegExp(`^Plan: ${words}: ${planned} h planned by today, 0 h done \\(0 h logged, no planned topics done\\)\\.`),
    );
    expect(line).toContain('no pace of yours to go by yet');
  });

  it('is on track while the hours logged keep up, even before a topic is done', () => {
    // A week at 10 hours a week, 10 logged on the first topic.
    const status = planStatus(schedule, '2026-01-08', 10 * 60);
    expect(status).toMatchObject({ state: 'on-track', days: 0, hoursDone: 10, hoursLogged: 10, pacePerWeek: 10 });
    // The rest at the same 10 hours a week: the planned finish, give or take rounding.
    expect(Math.abs(daysBetween(schedule.finish, status.paceFinish as string))).toBeLessThanOrEqual(2);
  });

  it('counts logged hours only up to the end of the topic in hand: past it, a topic must be marked done', () => {
    const hours = firstTopic?.effortHours as number;
    const status = planStatus(schedule, '2026-03-01', (hours + 50) * 60);
    expect(status.hoursDone).toBe(hours);
    expect(status.hoursLogged).toBe(hours + 50);
  });

  it("is behind by the hours short of the plan, in days at its pace, with the finish the learner's pace gives", () => {
    // Two weeks in: 20 hours planned, 5 logged: 15 hours short, 10.5 days at 10 a week.
    const status = planStatus(schedule, '2026-01-15', 5 * 60);
    expect(status).toMatchObject({ state: 'behind', days: 10, hoursExpected: 20, hoursDone: 5, pacePerWeek: 2.5 });
    const rest = Math.ceil((schedule.totalHours - 5) / (5 / 14));
    expect(status.paceFinish).toBe(addDays('2026-01-15', rest));
    expect(describePlanStatus(status)).toMatch(
      new RegExp(`^Plan: 10 days behind: .* at your pace so far \\(2\\.5 h a week\\) you would finish on ${status.paceFinish}\\.$`),
    );
  });

  it('counts done topics by their hours: finishing the first topic moves the next to the second', () => {
    const progress = firstTopicDone();
    const status = planStatus(scheduleOf(roadmap, progress, plan), firstTopic?.target as string);
    expect(status.nextTopic?.id).toBe(secondTopic?.id);
    expect(status).toMatchObject({ state: 'on-track', hoursDone: firstTopic?.effortHours, topicsDone: 1 });
    expect(describePlanStatus(status)).toContain('(0 h logged, 1 planned topic done)');
  });

  it('is ahead when more planned hours are done than the days so far call for, topics counted by their hours', () => {
    const progress = withStatus([[1, 'done']]);
    const status = planStatus(scheduleOf(roadmap, progress, plan), '2026-01-15');
    // Step 1's hours done, 20 expected after two weeks at 10 a week: the difference, in days at 10 hours a week, ahead.
    const days = Math.floor(((requiredHours(roadmap.steps[0]) - 20) / 10) * 7);
    expect(status).toMatchObject({ state: 'ahead', days, next: { id: ids[1] }, topicsDone: requiredTopics(roadmap.steps[0]).length });
    expect(describePlanStatus(status)).toContain(`Plan: ${describeDays(days)} ahead: `);
  });

  it('does not count a step in progress as done', () => {
    const status = planStatus(scheduleOf(roadmap, withStatus([[1, 'doing']]), plan), '2026-01-02');
    expect(status).toMatchObject({ state: 'behind', hoursDone: 0 });
  });

  it('has not started before its start date, and is finished once every planned step is done or skipped', () => {
    expect(planStatus(schedule, '2025-12-25')).toMatchObject({ state: 'not-started', days: 7, hoursExpected: 0 });
    const all = withStatus(ids.map((_, i): [number, 'done' | 'skipped'] => [i + 1, i === 0 ? 'skipped' : 'done']));
    expect(planStatus(scheduleOf(roadmap, all, plan), '2030-01-01').state).toBe('finished');
  });
});
