import type { Roadmap } from '../content/schema.js';
import { plural } from '../words.js';
import { type Plan, type Progress, packProgress, type Status, stepStatusOf, topicStatusOf } from './model.js';
import { minutesBetween } from './studylog.js';

/** Where the learner stands on `now` against their saved plan (`mlroadmap plan`), if they made one. */
export function planStanding(roadmap: Roadmap, progress: Progress, now: Date): PlanStatus | undefined {
  const pack = packProgress(progress, roadmap.id);
  const plan = pack.plan;
  if (!plan) return undefined;
  const today = localDate(now);
  return planStatus(scheduleOf(roadmap, progress, plan), today, today >= plan.start ? minutesBetween(pack, plan.start, today) : 0);
}

/** The guide's answer to "how long does it take": six months to two years. Plans outside it get a remark. */
export const GUIDE_MIN_DAYS = 182;
export const GUIDE_MAX_DAYS = 730;
/** The hours a week a plan can be made with: below one, a plan runs for decades; above 100, nobody studies that much. */
export const MIN_HOURS_PER_WEEK = 1;
export const MAX_HOURS_PER_WEEK = 100;
/** Target dates stop here, inside what a date can hold, whatever a pack's effort estimates say. */
const MAX_DAYS = 2_900_000;

const DAY_MS = 86_400_000;

/** Reads `--hours-per-week`: a number from `MIN_HOURS_PER_WEEK` to `MAX_HOURS_PER_WEEK`, or `undefined`. */
export function parseHoursPerWeek(text: string): number | undefined {
  const token = text.trim();
  if (!/^\d{1,6}(\.\d{1,6})?$/.test(token)) return undefined;
  const hours = Number(token);
  return hours >= MIN_HOURS_PER_WEEK && hours <= MAX_HOURS_PER_WEEK ? hours : undefined;
}

/**
 * Why a saved plan cannot be used, or undefined when it can. Older versions accepted any hours above
 * 0, so a saved plan may hold a value no plan can be made with: it is reported, never a crash.
 */
export function planProblem(plan: Plan): string | undefined {
  if (!(plan.hoursPerWeek >= MIN_HOURS_PER_WEEK && plan.hoursPerWeek <= MAX_HOURS_PER_WEEK)) {
    return `it is for ${plan.hoursPerWeek} hours a week, outside ${MIN_HOURS_PER_WEEK} to ${MAX_HOURS_PER_WEEK}`;
  }
  if (parseDate(plan.start) === undefined) return `its start date ${JSON.stringify(plan.start)} is not a real date`;
  return undefined;
}

/** Reads a calendar date written YYYY-MM-DD, rejecting ones that do not exist (2026-02-30); `undefined` if invalid. */
export function parseDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? text.trim() : undefined;
}

/** The learner's calendar date (local time) of an instant, YYYY-MM-DD. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `date` (YYYY-MM-DD) moved by `days` days. */
export function addDays(date: string, days: number): string {
  const moved = Math.max(-MAX_DAYS, Math.min(MAX_DAYS, days));
  return new Date(Date.parse(`${date}T00:00:00Z`) + moved * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A span of days in words a learner reads at a glance: "3 days", "5 weeks", "about 7 months", "about 1.5 years". */
export function describeDays(days: number): string {
  const n = Math.abs(Math.round(days));
  if (n < 14) return plural(n, 'day');
  if (n < 90) return `${Math.round(n / 7)} weeks`;
  if (n < 548) return `about ${Math.round(n / 30.44)} months`;
  const years = Math.round((n / 365.25) * 2) / 2;
  return `about ${years} years`;
}

/** Returns a plan over the steps that are still open (to do or in progress), in roadmap order. */
export function makePlan(roadmap: Roadmap, progress: Progress, hoursPerWeek: number, start: string): Plan {
  const pack = packProgress(progress, roadmap.id);
  const open = roadmap.steps.filter((step) => ['todo', 'doing'].includes(stepStatusOf(pack, step)));
  return { hoursPerWeek, start, steps: open.map((step) => step.id) };
}

/** Returns a copy of `progress` with the plan saved (replacing any earlier one), or removed when `plan` is undefined. */
export function setPlan(progress: Progress, packId: string, plan: Plan | undefined): Progress {
  const { plan: _old, ...pack } = packProgress(progress, packId);
  return { ...progress, packs: { ...progress.packs, [packId]: plan ? { ...pack, plan } : pack } };
}

export interface ScheduledStep {
  /** 1-based position in the roadmap. */
  number: number;
  id: string;
  title: string;
  effortHours: number;
  /** Hours of the plan up to and including this step. */
  cumulativeHours: number;
  /** The date this step should be done by, YYYY-MM-DD. */
  target: string;
  status: Status;
  /** Its topics in order, each with the date it should be done by. */
  topics: ScheduledTopic[];
}

export interface ScheduledTopic {
  number: string;
  id: string;
  title: string;
  effortHours: number;
  target: string;
  status: Status;
}

export interface Schedule {
  hoursPerWeek: number;
  start: string;
  steps: ScheduledStep[];
  totalHours: number;
  /** The target date of the last step; the start date when there is nothing to do. */
  finish: string;
  /** Days from start to finish. */
  days: number;
  /** Why the saved plan cannot be used (see `planProblem`); then `steps` is empty. */
  problem?: string;
}

/**
 * Target dates for a plan's steps, one after another at `hoursPerWeek`: a step is due on the day its
 * cumulative hours are reached. Steps the content no longer has are left out.
 */
export function scheduleOf(roadmap: Roadmap, progress: Progress, plan: Plan): Schedule {
  const problem = planProblem(plan);
  if (problem)
    return { hoursPerWeek: plan.hoursPerWeek, start: plan.start, steps: [], totalHours: 0, finish: plan.start, days: 0, problem };
  const pack = packProgress(progress, roadmap.id);
  let cumulativeHours = 0;
  const steps = plan.steps.flatMap((id): ScheduledStep[] => {
    const index = roadmap.steps.findIndex((step) => step.id === id);
    const step = roadmap.steps[index];
    if (!step) return [];
    // A step's topics, one after another within the step's hours, each with its own target date.
    let topicHours = cumulativeHours;
    const topics = (step.topics ?? []).map((topic, t) => {
      topicHours += topic.effortHours;
      return {
        number: `${index + 1}.${t + 1}`,
        id: topic.id,
        title: topic.title,
        effortHours: topic.effortHours,
        target: addDays(plan.start, Math.ceil((topicHours / plan.hoursPerWeek) * 7)),
        status: topicStatusOf(pack, step, topic.id),
      };
    });
    cumulativeHours += step.effortHours;
    const target = addDays(plan.start, Math.ceil((cumulativeHours / plan.hoursPerWeek) * 7));
    return [
      {
        number: index + 1,
        id,
        title: step.title,
        effortHours: step.effortHours,
        cumulativeHours,
        target,
        status: stepStatusOf(pack, step),
        topics,
      },
    ];
  });
  const finish = steps.at(-1)?.target ?? plan.start;
  return {
    hoursPerWeek: plan.hoursPerWeek,
    start: plan.start,
    steps,
    totalHours: cumulativeHours,
    finish,
    days: daysBetween(plan.start, finish),
  };
}

export type PlanState = 'not-started' | 'on-track' | 'ahead' | 'behind' | 'finished' | 'unusable';

export interface PlanStatus {
  state: PlanState;
  /** How many days ahead or behind; 0 otherwise. */
  days: number;
  /** The first planned step still open, with its target date. */
  next?: ScheduledStep;
  /** Its first open topic, with its target date, for a step with topics. */
  nextTopic?: ScheduledTopic;
  finish: string;
  /** For an unusable plan: why. */
  problem?: string;
  /** Hours logged with `mlroadmap log` since the plan's start, when known. */
  hoursLogged?: number;
  /** Hours the plan calls for from its start to today. */
  hoursExpected?: number;
}

/**
 * Where the learner stands against the plan on `today`. Behind: the target date of the first open
 * topic (or step, for one without topics) has passed. Ahead: more planned hours are done (or skipped)
 * than the days since the start call for, by at least a day's worth; done topics count their hours,
 * so a long step half done counts half. Otherwise on track. With `loggedMinutes` (the study log since
 * the start), the hours logged and the hours planned so far are given too.
 */
export function planStatus(schedule: Schedule, today: string, loggedMinutes?: number): PlanStatus {
  const { finish } = schedule;
  if (schedule.problem) return { state: 'unusable', days: 0, finish, problem: schedule.problem };
  const finished = (status: Status) => status === 'done' || status === 'skipped';
  const elapsed = Math.max(0, daysBetween(schedule.start, today));
  const expectedHours = Math.min(schedule.totalHours, (elapsed / 7) * schedule.hoursPerWeek);
  const hours =
    loggedMinutes === undefined
      ? {}
      : {
          hoursLogged: Math.round((loggedMinutes / 60) * 10) / 10,
          hoursExpected: today < schedule.start ? 0 : Math.round(expectedHours * 10) / 10,
        };
  const next = schedule.steps.find((step) => step.status === 'todo' || step.status === 'doing');
  if (!next) return { state: 'finished', days: 0, finish, ...hours };
  const nextTopic = next.topics.find((topic) => !finished(topic.status));
  const at = { next, ...(nextTopic ? { nextTopic } : {}), finish, ...hours };
  if (today < schedule.start) return { state: 'not-started', days: daysBetween(today, schedule.start), ...at };
  const due = nextTopic?.target ?? next.target;
  if (today > due) return { state: 'behind', days: daysBetween(due, today), ...at };
  const doneHours = schedule.steps.reduce(
    (sum, step) =>
      sum +
      (finished(step.status)
        ? step.effortHours
        : step.topics.filter((topic) => finished(topic.status)).reduce((topicSum, topic) => topicSum + topic.effortHours, 0)),
    0,
  );
  const aheadDays = Math.floor(((doneHours - expectedHours) / schedule.hoursPerWeek) * 7);
  if (aheadDays >= 1) return { state: 'ahead', days: aheadDays, ...at };
  return { state: 'on-track', days: 0, ...at };
}

/** One line for `progress`: where the learner stands against their plan. */
export function describePlanStatus(status: PlanStatus): string {
  const hours =
    status.hoursLogged === undefined || status.state === 'unusable' || status.state === 'not-started'
      ? ''
      : ` You logged ${status.hoursLogged} h of the ${status.hoursExpected} h planned so far.`;
  return describeStanding(status) + hours;
}

function describeStanding(status: PlanStatus): string {
  const topic = status.nextTopic;
  const next = topic
    ? `next: ${topic.number} ${topic.title} by ${topic.target}`
    : status.next
      ? `next: ${status.next.number}. ${status.next.title} by ${status.next.target}`
      : '';
  const late = topic
    ? `${topic.number} ${topic.title} was due ${topic.target}`
    : `${status.next?.number}. ${status.next?.title} was due ${status.next?.target}`;
  switch (status.state) {
    case 'unusable':
      return `Plan: the saved plan cannot be used (${status.problem}); make a new one with 'mlroadmap plan --hours-per-week 10'.`;
    case 'finished':
      return 'Plan: every planned step is done or skipped.';
    case 'not-started':
      return `Plan: starts in ${describeDays(status.days)}; ${next}; finish by ${status.finish}.`;
    case 'behind':
      return `Plan: ${describeDays(status.days)} behind (${late}); finish planned for ${status.finish}.`;
    case 'ahead':
      return `Plan: ${describeDays(status.days)} ahead (${next}); finish planned for ${status.finish}.`;
    default:
      return `Plan: on track (${next}); finish by ${status.finish}.`;
  }
}
