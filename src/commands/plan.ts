import { quote } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { packProgress } from '../progress/model.js';
import {
  describeDays,
  describePlanStatus,
  GUIDE_MAX_DAYS,
  GUIDE_MIN_DAYS,
  localDate,
  MAX_HOURS_PER_WEEK,
  MIN_HOURS_PER_WEEK,
  makePlan,
  parseDate,
  parseHoursPerWeek,
  planStatus,
  type Schedule,
  scheduleOf,
  setPlan,
} from '../progress/plan.js';
import { renderRows } from '../render/text.js';
import { listOptions, printJson } from './shared.js';

export interface PlanOptions {
  hoursPerWeek?: string;
  start?: string;
  clear?: boolean;
  json?: boolean;
}

/**
 * `mlroadmap plan --hours-per-week N [--start YYYY-MM-DD]`: spreads the open steps' effort over the
 * weeks, prints a target date for each and the finish date, and saves the plan. Without options it
 * shows the saved plan and where the learner stands; `--clear` forgets it.
 */
export async function planStudy(ctx: Context, options: PlanOptions): Promise<void> {
  const today = localDate(ctx.now());
  if (options.clear) {
    if (options.hoursPerWeek !== undefined || options.start !== undefined) throw new UsageError('--clear removes the plan; give it alone');
    const had = packProgress(ctx.store.read(), ctx.roadmap.id).plan !== undefined;
    if (had) await ctx.store.update((progress) => setPlan(progress, ctx.roadmap.id, undefined));
    return ctx.out(had ? 'Plan removed.' : 'There was no plan to remove.');
  }
  if (options.hoursPerWeek === undefined) {
    if (options.start !== undefined)
      throw new UsageError('--start needs --hours-per-week too, e.g. mlroadmap plan --hours-per-week 10 --start 2026-03-01');
    return showSavedPlan(ctx, today, options);
  }

  const hoursPerWeek = parseHoursPerWeek(options.hoursPerWeek);
  if (hoursPerWeek === undefined) {
    throw new UsageError(
      `--hours-per-week must be a number of hours from ${MIN_HOURS_PER_WEEK} to ${MAX_HOURS_PER_WEEK}, not ${quote(options.hoursPerWeek)}`,
    );
  }
  const start = options.start === undefined ? today : parseDate(options.start);
  if (start === undefined)
    throw new UsageError(`--start must be a date written YYYY-MM-DD, such as ${today}, not ${quote(options.start ?? '')}`);

  const plan = makePlan(ctx.roadmap, ctx.store.read(), hoursPerWeek, start);
  if (plan.steps.length === 0) {
    if (options.json) return printJson(ctx, null);
    return ctx.out('Every step is done or skipped: there is nothing left to plan. Well done!');
  }
  const progress = await ctx.store.update((current) => setPlan(current, ctx.roadmap.id, plan));
  const schedule = scheduleOf(ctx.roadmap, progress, plan);
  if (options.json) return printJson(ctx, scheduleJson(schedule, today));
  ctx.out(renderSchedule(ctx, schedule));
  const whole = plan.steps.length === ctx.roadmap.steps.length;
  if (schedule.days > GUIDE_MAX_DAYS) {
    ctx.out('That is longer than the guide\'s "six months to two years"; more hours a week would bring it in.');
  } else if (whole && schedule.days < GUIDE_MIN_DAYS) {
    ctx.out('That is faster than the guide\'s "six months to two years": make sure those hours are realistic.');
  }
  ctx.out("Saved. 'mlroadmap progress' now says whether you are ahead of the plan or behind it.");
}

function showSavedPlan(ctx: Context, today: string, options: PlanOptions): void {
  const progress = ctx.store.read();
  const plan = packProgress(progress, ctx.roadmap.id).plan;
  if (!plan) {
    if (options.json) return printJson(ctx, null);
    return ctx.out('You have no plan yet. Make one with: mlroadmap plan --hours-per-week 10');
  }
  const schedule = scheduleOf(ctx.roadmap, progress, plan);
  if (options.json) return printJson(ctx, scheduleJson(schedule, today));
  if (!schedule.problem) ctx.out(renderSchedule(ctx, schedule));
  ctx.out(describePlanStatus(planStatus(schedule, today)));
}

/** The schedule as rows: each step's target date (or its status once finished), then the finish date. */
function renderSchedule(ctx: Context, schedule: Schedule): string {
  const rows = schedule.steps.map((step): [string, string] => [
    step.status === 'done' || step.status === 'skipped' ? step.status : `by ${step.target}`,
    `${step.number}. ${step.title} (${step.effortHours} h)`,
  ]);
  const heading = `Plan: ${schedule.hoursPerWeek} hours a week from ${schedule.start}, ${schedule.totalHours} hours over ${schedule.steps.length} step${schedule.steps.length === 1 ? '' : 's'}`;
  const finish = `Finish: ${schedule.finish}, ${describeDays(schedule.days)} from the start.`;
  if (!ctx.tty) return [heading, ...renderRows(rows, listOptions(ctx)).split('\n'), finish].join('\n');
  return `${renderRows(rows, listOptions(ctx), heading)}\n\n${ctx.style.bold(finish)}`;
}

function scheduleJson(schedule: Schedule, today: string) {
  return { ...schedule, status: planStatus(schedule, today) };
}
