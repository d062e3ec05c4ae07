import type { CommandSpec, Output } from '../command.js';
import { quote } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { listOptions } from '../output.js';
import { packProgress } from '../progress/model.js';
import {
  daysBetween,
  describeDays,
  describePlanStatus,
  GUIDE_MAX_DAYS,
  GUIDE_MIN_DAYS,
  localDate,
  MAX_DAYS_FROM_TODAY,
  MAX_HOURS_PER_WEEK,
  MIN_HOURS_PER_WEEK,
  makePlan,
  parseDate,
  parseHoursPerWeek,
  planStatus,
  planStatusJson,
  type Schedule,
  scheduleOf,
  setPlan,
} from '../progress/plan.js';
import { minutesBetween } from '../progress/studylog.js';
import { renderRows, wrapLine } from '../render/text.js';
import { plural } from '../words.js';

/**
 * `mlroadmap plan --hours-per-week N [--start YYYY-MM-DD]`: spreads the open steps' effort over the
 * weeks, prints a target date for each and the finish date, and saves the plan. Without options it
 * shows the saved plan and where the learner stands; `--clear` forgets it.
 */
export const command: CommandSpec = {
  name: 'plan',
  group: 'Track',
  summary: 'plan target dates for the open steps at so many hours a week',
  options: [
    { flags: '--hours-per-week <hours>', description: `hours you can study each week (${MIN_HOURS_PER_WEEK} to ${MAX_HOURS_PER_WEEK})` },
    { flags: '--start <date>', description: 'the day the plan starts, YYYY-MM-DD (default: today)' },
    { flags: '--clear', description: 'forget the saved plan' },
  ],
  json: true,
  examples: ['mlroadmap plan --hours-per-week 10', 'mlroadmap plan --hours-per-week 15 --start 2026-03-01', 'mlroadmap plan'],
  async run(ctx, { options }) {
    const today = localDate(ctx.now());
    const hoursInput = options.hoursPerWeek as string | undefined;
    const startInput = options.start as string | undefined;
    if (options.clear) {
      if (hoursInput !== undefined || startInput !== undefined) throw new UsageError('--clear removes the plan; give it alone');
      const had = packProgress(ctx.store.read(), ctx.roadmap.id).plan !== undefined;
      if (had) await ctx.store.update((progress) => setPlan(progress, ctx.roadmap.id, undefined));
      return { data: { removed: had }, text: had ? 'Plan removed.' : 'There was no plan to remove.' };
    }
    if (hoursInput === undefined) {
      if (startInput !== undefined)
        throw new UsageError('--start needs --hours-per-week too, e.g. mlroadmap plan --hours-per-week 10 --start 2026-03-01');
      return showSavedPlan(ctx, today);
    }

    const hoursPerWeek = parseHoursPerWeek(hoursInput);
    if (hoursPerWeek === undefined) {
      throw new UsageError(
        `--hours-per-week must be a number of hours from ${MIN_HOURS_PER_WEEK} to ${MAX_HOURS_PER_WEEK}, not ${quote(hoursInput)}`,
      );
    }
    const start = startInput === undefined ? today : parseDate(startInput);
    if (start === undefined)
      throw new UsageError(`--start must be a date written YYYY-MM-DD, such as ${today}, not ${quote(startInput ?? '')}`);
    // A plan runs from a day within ten years of today: 9999-12-31 or 1900-01-01 is a typo, not a plan.
    if (Math.abs(daysBetween(today, start)) > MAX_DAYS_FROM_TODAY)
      throw new UsageError(`--start ${start} is more than ten years from today (${today}); give a day closer to now`);

    const plan = makePlan(ctx.roadmap, ctx.store.read(), hoursPerWeek, start);
    if (plan.steps.length === 0) {
      return { data: { plan: null }, text: 'Every step is done or skipped: there is nothing left to plan. Well done!' };
    }
    const progress = await ctx.store.update((current) => setPlan(current, ctx.roadmap.id, plan));
    const schedule = scheduleOf(ctx.roadmap, progress, plan);
    const lines = [renderSchedule(ctx, schedule)];
    const whole = plan.steps.length === ctx.roadmap.steps.length;
    if (schedule.days > GUIDE_MAX_DAYS) {
      lines.push('That is longer than the guide\'s "six months to two years"; more hours a week would bring it in.');
    } else if (whole && schedule.days < GUIDE_MIN_DAYS) {
      lines.push('That is faster than the guide\'s "six months to two years": make sure those hours are realistic.');
    }
    lines.push("Saved. 'mlroadmap progress' now says whether you are ahead of the plan or behind it.");
    return { data: scheduleJson(ctx, schedule, today), text: lines.join('\n') };
  },
};

function showSavedPlan(ctx: Context, today: string): Output {
  const progress = ctx.store.read();
  const plan = packProgress(progress, ctx.roadmap.id).plan;
  if (!plan) return { data: { plan: null }, text: 'You have no plan yet. Make one with: mlroadmap plan --hours-per-week 10' };
  const schedule = scheduleOf(ctx.roadmap, progress, plan);
  const line = describePlanStatus(standingOf(ctx, schedule, today));
  // On a terminal the standing wraps at words, as progress wraps it.
  const standing = ctx.tty ? wrapLine(line, ctx.width).join('\n') : line;
  return { data: scheduleJson(ctx, schedule, today), text: schedule.problem ? standing : `${renderSchedule(ctx, schedule)}\n${standing}` };
}

/**
 * The schedule as rows: each step's target date (or its status once finished), then the finish date,
 * then the topics of the step to work on now, each with its own date: what to do this week and next.
 */
function renderSchedule(ctx: Context, schedule: Schedule): string {
  const rows = schedule.steps.map((step): [string, string] => [
    step.status === 'done' || step.status === 'skipped' ? step.status : `by ${step.target}`,
    `${step.number}. ${step.title} (${step.effortHours} h)`,
  ]);
  const heading = `Plan: ${plural(schedule.hoursPerWeek, 'hour')} a week from ${schedule.start}, ${schedule.totalHours} hours over ${plural(schedule.steps.length, 'step')}`;
  const finish = `Finish: ${schedule.finish}, ${describeDays(schedule.days)} from the start.`;
  const current = schedule.steps.find((step) => step.status === 'todo' || step.status === 'doing');
  const topics = (current?.topics ?? [])
    .filter((topic) => topic.status !== 'done' && topic.status !== 'skipped')
    .map((topic): [string, string] => [`by ${topic.target}`, `${topic.number} ${topic.title} (${topic.effortHours} h)`]);
  const topicsHeading = current ? `Topics of step ${current.number}, one after another` : '';
  const view = listOptions(ctx);
  if (!ctx.tty) {
    const lines = [heading, ...renderRows(rows, view).split('\n'), finish];
    if (topics.length > 0) lines.push(topicsHeading, renderRows(topics, view));
    return lines.join('\n');
  }
  const parts = [renderRows(rows, view, heading), ctx.style.bold(finish)];
  if (topics.length > 0) parts.push(renderRows(topics, view, topicsHeading));
  return parts.join('\n\n');
}

/** The plan for scripts: `{ plan: { ...schedule, status } }` (`{ plan: null }` when there is none), the standing as `progress` gives it. */
function scheduleJson(ctx: Context, schedule: Schedule, today: string) {
  const { problem, ...rest } = schedule;
  return { plan: { ...rest, problem: problem ?? null, status: planStatusJson(standingOf(ctx, schedule, today)) } };
}

/** Where the learner stands on `today`, the hours logged since the plan's start counted, as `progress` counts them. */
function standingOf(ctx: Context, schedule: Schedule, today: string) {
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  return planStatus(schedule, today, today >= schedule.start ? minutesBetween(pack, schedule.start, today) : 0);
}
