import type { Roadmap } from '../content/schema.js';
import { plural } from '../words.js';
import { localDate, localDayStart } from './dates.js';
import {
  type PackProgress,
  type Plan,
  type Progress,
  packProgress,
  type Status,
  stepStatusOf,
  topicCounts,
  topicStatusOf,
} from './model.js';
import { minutesBetween } from './studylog.js';

export { localDate };

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

/** How far from today a day the learner types may be (a plan's start, a session's date): ten years. Further is a typo (1900, 9999). */
export const MAX_DAYS_FROM_TODAY = 3_653;

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
    return `it is for ${plural(plan.hoursPerWeek, 'hour')} a week, outside ${MIN_HOURS_PER_WEEK} to ${MAX_HOURS_PER_WEEK}`;
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
  // A topic done or skipped before the plan's period began is no part of it: no hours, no date, and not
  // counted as covered (the plan of a learner halfway through a step is for the rest of it).
  const began = planBegan(pack, plan);
  const finishedBefore = (topicId: string): boolean => {
    const record = pack.topics && Object.hasOwn(pack.topics, topicId) ? pack.topics[topicId] : undefined;
    return record !== undefined && (record.status === 'done' || record.status === 'skipped') && Date.parse(record.updatedAt) < began;
  };
  let cumulativeHours = 0;
  const steps = plan.steps.flatMap((id): ScheduledStep[] => {
    const index = roadmap.steps.findIndex((step) => step.id === id);
    const step = roadmap.steps[index];
    if (!step) return [];
    // A step's topics, one after another within the step's hours, each with its own target date. An
    // optional topic is planned once the learner takes it up (see topicCounts); its hours only then.
    let topicHours = cumulativeHours;
    const counted = (step.topics ?? []).flatMap((topic, t) =>
      topicCounts(pack, step, topic) && !finishedBefore(topic.id) ? [{ topic, t }] : [],
    );
    const topics = counted.map(({ topic, t }) => {
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
    const hours = step.topics?.length ? topicHours - cumulativeHours : step.effortHours;
    cumulativeHours += hours;
    const target = addDays(plan.start, Math.ceil((cumulativeHours / plan.hoursPerWeek) * 7));
    return [
      {
        number: index + 1,
        id,
        title: step.title,
        effortHours: hours,
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

/**
 * When the plan's period began: the first moment of its start day, or the time the store stamped on
 * its last change when that came first (a plan made today to start next week). Work done since a
 * start day in the past is the plan's own.
 */
function planBegan(pack: PackProgress, plan: Plan): number {
  const startDay = localDayStart(plan.start);
  const stamp = pack.stamps && Object.hasOwn(pack.stamps, 'plan') ? Date.parse(pack.stamps.plan as string) : Number.NaN;
  return Number.isNaN(stamp) ? startDay : Math.min(stamp, startDay);
}

export type PlanState = 'not-started' | 'on-track' | 'ahead' | 'behind' | 'finished' | 'unusable';

export interface PlanStatus {
  state: PlanState;
  /** How many days ahead or behind, in days of study at the plan's pace; days to the start before it; 0 otherwise. */
  days: number;
  /** The first planned step still open, with its target date. */
  next?: ScheduledStep;
  /** Its first open topic, with its target date, for a step with topics. */
  nextTopic?: ScheduledTopic;
  finish: string;
  /** For an unusable plan: why. */
  problem?: string;
  /** Hours logged with `mlroadmap log` from the plan's start to today. */
  hoursLogged?: number;
  /** Hours the plan calls for from its start to today. */
  hoursExpected?: number;
  /** Hours of the plan the learner has covered: see `planStatus`. */
  hoursDone?: number;
  /** Planned topics (a step without topics counting as one) done or skipped. */
  topicsDone?: number;
  /** The hours a week covered since the start; undefined while nothing is covered or no day has passed. */
  pacePerWeek?: number;
  /** The day the rest of the plan would be done at `pacePerWeek`; undefined when that is over `MAX_PACE_YEARS` away. */
  paceFinish?: string;
}

/** Paces slower than this give no finishing date: the date would be centuries away. */
const MAX_PACE_YEARS = 100;

/**
 * Where the learner stands against the plan on `today`, from the hours the plan calls for since its
 * start against the hours it has covered. Covered: the hours of planned topics done or skipped (a step
 * without topics counts whole), or the hours logged since the start when they are more, up to the end
 * of the topic being worked on: time studied moves the learner along, but past a topic only when it
 * is marked done. Behind or ahead by the difference in days of study at the plan's pace, once it is a
 * whole day; on track otherwise. The pace so far (hours covered over the days since the start) gives
 * the day the rest would be done.
 */
export function planStatus(schedule: Schedule, today: string, loggedMinutes = 0): PlanStatus {
  const { finish } = schedule;
  if (schedule.problem) return { state: 'unusable', days: 0, finish, problem: schedule.problem };
  const finished = (status: Status) => status === 'done' || status === 'skipped';
  const elapsed = Math.max(0, daysBetween(schedule.start, today));
  const expectedHours = Math.min(schedule.totalHours, (elapsed / 7) * schedule.hoursPerWeek);
  const loggedHours = loggedMinutes / 60;
  let doneHours = 0;
  let topicsDone = 0;
  for (const step of schedule.steps) {
    const units = step.topics.length > 0 ? step.topics : [step];
    for (const unit of units) {
      if (!finished(unit.status) && !(step.topics.length > 0 && finished(step.status))) continue;
      doneHours += unit.effortHours;
      topicsDone++;
    }
  }
  const next = schedule.steps.find((step) => step.status === 'todo' || step.status === 'doing');
  const nextTopic = next?.topics.find((topic) => !finished(topic.status));
  const openHours = nextTopic?.effortHours ?? next?.effortHours ?? 0;
  const covered = Math.max(doneHours, Math.min(loggedHours, doneHours + openHours));
  const round = (hours: number) => Math.round(hours * 10) / 10;
  const hours = {
    hoursLogged: round(loggedHours),
    hoursExpected: today < schedule.start ? 0 : round(expectedHours),
    hoursDone: round(covered),
    topicsDone,
  };
  if (!next) return { state: 'finished', days: 0, finish, ...hours };
  const at = { next, ...(nextTopic ? { nextTopic } : {}), finish, ...hours };
  if (today < schedule.start) return { state: 'not-started', days: daysBetween(today, schedule.start), ...at };
  const perDay = covered > 0 && elapsed > 0 ? covered / elapsed : 0;
  const remaining = Math.max(0, schedule.totalHours - covered);
  const paceDays = perDay > 0 ? Math.ceil(remaining / perDay) : 0;
  const pace =
    perDay === 0
      ? {}
      : { pacePerWeek: round(perDay * 7), ...(paceDays <= MAX_PACE_YEARS * 365 ? { paceFinish: addDays(today, paceDays) } : {}) };
  const status = { ...at, ...pace };
  // A whole day less a hair is floating-point rounding, not a day short: counted as the day.
  const aheadDays = ((covered - expectedHours) / schedule.hoursPerWeek) * 7;
  if (Math.floor(aheadDays + 1e-9) >= 1) return { state: 'ahead', days: Math.floor(aheadDays + 1e-9), ...status };
  if (Math.floor(-aheadDays + 1e-9) >= 1) return { state: 'behind', days: Math.floor(-aheadDays + 1e-9), ...status };
  return { state: 'on-track', days: 0, ...status };
}

/**
 * The standing for scripts (`progress --json` and `plan --json`, see docs/json.md): every key always
 * there, null where there is no value.
 */
export function planStatusJson(status: PlanStatus) {
  return {
    state: status.state,
    days: status.days,
    next: status.next ?? null,
    nextTopic: status.nextTopic ?? null,
    finish: status.finish,
    problem: status.problem ?? null,
    hoursLogged: status.hoursLogged ?? null,
    hoursExpected: status.hoursExpected ?? null,
    hoursDone: status.hoursDone ?? null,
    topicsDone: status.topicsDone ?? null,
    pacePerWeek: status.pacePerWeek ?? null,
    paceFinish: status.paceFinish ?? null,
  };
}

/**
 * Where the learner stands against their plan, in a sentence or three for `progress`, `plan` and the
 * tutor: ahead, on track or behind (in days, or weeks when it is weeks), the hours planned so far
 * against the hours covered, the next topic and its date, and the finish the learner's pace gives.
 */
export function describePlanStatus(status: PlanStatus): string {
  const topic = status.nextTopic;
  const next = topic
    ? `${topic.number} ${topic.title}, due ${topic.target}`
    : status.next
      ? `${status.next.number}. ${status.next.title}, due ${status.next.target}`
      : '';
  switch (status.state) {
    case 'unusable':
      return `Plan: the saved plan cannot be used (${status.problem}); make a new one with 'mlroadmap plan --hours-per-week 10'.`;
    case 'finished':
      return 'Plan: every planned step is done or skipped.';
    case 'not-started':
      return `Plan: starts in ${describeDays(status.days)}; next: ${next}; finish by ${status.finish}.`;
  }
  const standing =
    status.state === 'on-track' ? 'on track' : `${describeDays(status.days)} ${status.state === 'ahead' ? 'ahead' : 'behind'}`;
  const done = status.topicsDone === 0 ? 'no planned topics done' : `${plural(status.topicsDone ?? 0, 'planned topic')} done`;
  const covered = `${status.hoursExpected} h planned by today, ${status.hoursDone} h done (${status.hoursLogged} h logged, ${done})`;
  const pace =
    status.pacePerWeek === undefined
      ? 'no pace of yours to go by yet (log your study time, mark topics done)'
      : status.paceFinish === undefined
        ? `at your pace so far (${status.pacePerWeek} h a week) you would not finish within ${MAX_PACE_YEARS} years`
        : `at your pace so far (${status.pacePerWeek} h a week) you would finish on ${status.paceFinish}`;
  return `Plan: ${standing}: ${covered}. Next: ${next}. Finish planned for ${status.finish}; ${pace}.`;
}
