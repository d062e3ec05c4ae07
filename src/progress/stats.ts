import type { Roadmap } from '../content/schema.js';
import { dateOfDay, dayNumber } from './dates.js';
import { type CardDigest, cardsDigestOf, studyDigestOf } from './digest.js';
import { reviewTallyOf } from './history.js';
import type { PackProgress } from './model.js';
import { addDays, daysBetween, localDate } from './plan.js';
import type { Grade } from './records.js';
import { type ReviewRecord, reviewsOf } from './review.js';
import { localDayOf, weekStart } from './studylog.js';
import type { TallyDay } from './tally.js';

/**
 * What `mlroadmap stats` reports: the learner's own record, read from the study log and the review
 * history, counted in the learner's local days. Pure: given the pack's progress, the roadmap and
 * the time, the same report; nothing here reads a clock, a file or the terminal.
 */

/** One local day: minutes logged in study sessions and review grades given. */
export interface DayActivity {
  date: string;
  minutes: number;
  reviews: number;
}

/** Reviews of cards seen before, and how many of them were remembered (any grade but "again"). */
export interface RetentionCount {
  reviews: number;
  remembered: number;
  /** remembered / reviews, rounded to 3 places; null before any such review. */
  rate: number | null;
}

export interface StepHours {
  id: string;
  number: number;
  title: string;
  hours: number;
}

export interface StepRetention extends RetentionCount {
  id: string;
  number: number;
  title: string;
}

/** A topic whose cards the learner forgets most. */
export interface ForgottenTopic {
  id: string;
  /** "2.3": its step's number and its own. */
  number: string;
  title: string;
  /** Reviews of its cards graded "again" after the card's first review. */
  lapses: number;
  reviews: number;
}

export interface Streaks {
  /** Days in a row up to today (or yesterday, while today is not yet studied) with study or reviews. */
  current: number;
  longest: number;
  lastActive: string | null;
  /**
   * The run that ended most recently (not the current one), and the day that ended it: the first
   * day after it with nothing logged and nothing reviewed. Null when no run has ended yet.
   */
  lastEnded: { from: string; to: string; days: number; brokenOn: string } | null;
}

export interface StatsReport {
  today: string;
  /** The last DAYS_SHOWN days, oldest first, today last; a day with nothing is there with zeros. */
  days: DayActivity[];
  totals: { minutes: number; hours: number; reviews: number; activeDays: number };
  /** Hours logged in each of the last WEEKS_SHOWN weeks (Monday to Sunday), oldest first. */
  weeks: { start: string; hours: number }[];
  /** Hours logged on each step (sessions on one of its topics or on the step), in roadmap order; steps with none left out. */
  steps: StepHours[];
  streaks: Streaks;
  retention: { overall: RetentionCount; byMonth: ({ month: string } & RetentionCount)[]; byStep: StepRetention[] };
  /** Cards due on each of the next FORECAST_DAYS days, today first (today includes every overdue card). */
  forecast: { date: string; due: number }[];
  /** Topics whose cards were most often forgotten, most first (at most FORGOTTEN_SHOWN, none with no lapse). */
  forgotten: ForgottenTopic[];
  /** Hours a week: planned (null without a plan) and logged on average over the last four full weeks and this one. */
  pace: { plannedHoursPerWeek: number | null; recentHoursPerWeek: number };
}

export const DAYS_SHOWN = 365;
export const WEEKS_SHOWN = 12;
export const FORECAST_DAYS = 30;
export const FORGOTTEN_SHOWN = 5;
const PACE_WEEKS = 4;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const hours = (minutes: number) => round(minutes / 60, 1);
const retention = (reviews: number, remembered: number): RetentionCount => ({
  reviews,
  remembered,
  rate: reviews === 0 ? null : round(remembered / reviews, 3),
});

/** Where each step and topic is: the step's number, a topic's "2.3", and titles, by id. */
function placesOf(roadmap: Roadmap) {
  const steps = new Map<string, { number: number; title: string; id: string }>();
  const topics = new Map<string, { step: string; number: string; title: string }>();
  for (const [s, step] of roadmap.steps.entries()) {
    steps.set(step.id, { number: s + 1, title: step.title, id: step.id });
    for (const [t, topic] of (step.topics ?? []).entries())
      topics.set(topic.id, { step: step.id, number: `${s + 1}.${t + 1}`, title: topic.title });
  }
  return { steps, topics };
}

export function statsReport(roadmap: Roadmap, pack: PackProgress, now: Date): StatsReport {
  const today = localDate(now);
  const localDay = localDayOf();
  const { steps, topics } = placesOf(roadmap);
  const cardTopic = new Map(roadmap.cards.map((card) => [card.id, card.topic]));

  const minutesByDay = new Map<string, number>();
  const reviewsByDay = new Map<string, number>();
  const stepMinutes = new Map<string, number>();
  // The log's digest (digest.ts): minutes by day and by topic, without parsing a year's sessions.
  const study = studyDigestOf(pack);
  const totalMinutes = study.minutes;
  // Indexed loops over a year's entries: see studylog.ts's activeDays.
  for (let i = 0; i < study.days.length; i++) {
    const day = study.days[i] as [string, number];
    minutesByDay.set(day[0], day[1]);
  }
  for (let i = 0; i < study.topics.length; i++) {
    const entry = study.topics[i] as [string, number];
    const topic = entry[0];
    const minutes = entry[1];
    const step = topics.get(topic)?.step ?? (steps.has(topic) ? topic : undefined);
    if (step !== undefined) stepMinutes.set(step, (stepMinutes.get(step) ?? 0) + minutes);
  }

  let totalReviews = 0;
  const overall = { reviews: 0, remembered: 0 };
  const byMonth = new Map<string, { reviews: number; remembered: number }>();
  const byStep = new Map<string, { reviews: number; remembered: number }>();
  const byTopic = new Map<string, { reviews: number; lapses: number }>();
  const dueByDay = new Map<string, number>();
  /** Adds `reviews` reviews of cards seen before, `remembered` of them remembered, to `key`'s count. */
  const add = <K>(map: Map<K, { reviews: number; remembered: number }>, key: K, reviews: number, remembered: number) => {
    const entry = map.get(key) ?? { reviews: 0, remembered: 0 };
    entry.reviews += reviews;
    entry.remembered += remembered;
    map.set(key, entry);
  };
  /** The same, for a card's step and topic (a topic counts what was forgotten). */
  const addToCard = (step: string | undefined, topic: string | undefined, reviews: number, remembered: number) => {
    if (step !== undefined) add(byStep, step, reviews, remembered);
    if (topic !== undefined) {
      const counts = byTopic.get(topic) ?? { reviews: 0, lapses: 0 };
      counts.reviews += reviews;
      counts.lapses += reviews - remembered;
      byTopic.set(topic, counts);
    }
  };
  // The file's tally of the grades by local day (tally.ts), when it holds here: a year's history
  // unread. Each card's counts then come from the cards' digest (or the tally, for a log out of time order).
  const counted = reviewTallyOf(pack);
  const tallied = counted?.days ?? [];
  // By index, not destructured: unoptimised, destructuring each of a year's days took a quarter of a millisecond.
  for (let i = 0; i < tallied.length; i++) {
    const entry = tallied[i] as TallyDay;
    const day = entry[0];
    const grades = entry[3];
    const later = entry[4];
    const remembered = entry[5];
    totalReviews += grades;
    reviewsByDay.set(day, grades);
    if (later === 0) continue;
    overall.reviews += later;
    overall.remembered += remembered;
    add(byMonth, day.slice(0, 7), later, remembered);
  }
  const digest = cardsDigestOf(pack);
  if (counted) {
    for (let i = 0; i < digest.cards.length; i++) {
      const card = digest.cards[i] as CardDigest;
      const cardId = card[0];
      const topic = cardTopic.get(cardId);
      const step = topic === undefined ? undefined : topics.get(topic)?.step;
      const own = counted.unordered && Object.hasOwn(counted.unordered, cardId) ? counted.unordered[cardId] : undefined;
      const seen = own ? own[0] : card[4];
      if (seen > 0) addToCard(step, topic, seen, own ? own[1] : card[5]);
    }
  } else {
    // Plain loops, each time parsed once: this runs once a process, before the engine has optimised
    // anything, over every grade of a year (a sort that parsed times in its comparison took ~10 ms).
    const reviews = reviewsOf(pack);
    for (const cardId of Object.keys(reviews)) {
      const record = reviews[cardId] as ReviewRecord;
      const topic = cardTopic.get(cardId);
      const step = topic === undefined ? undefined : topics.get(topic)?.step;
      const log = Array.isArray(record.log) ? record.log : [];
      const { times, order } = timeOrder(log);
      for (let index = 0; index < order.length; index++) {
        const at = order[index] as number;
        const day = localDay(times[at] as number);
        totalReviews++;
        reviewsByDay.set(day, (reviewsByDay.get(day) ?? 0) + 1);
        // A card's first review grades how well it was learnt, not remembered: retention counts the rest.
        if (index === 0) continue;
        const remembered = ((log[at] as { grade: string }).grade as Grade) !== 'again' ? 1 : 0;
        overall.reviews++;
        overall.remembered += remembered;
        add(byMonth, day.slice(0, 7), 1, remembered);
        addToCard(step, topic, 1, remembered);
      }
    }
  }
  for (let i = 0; i < digest.cards.length; i++) {
    const card = digest.cards[i] as CardDigest;
    const due = card[1];
    if (due === null || !cardTopic.has(card[0])) continue;
    // An overdue card is due today, as the review session sees it.
    const day = laterDay(localDay(Date.parse(due)), today);
    dueByDay.set(day, (dueByDay.get(day) ?? 0) + 1);
  }

  const days: DayActivity[] = [];
  // Day numbers rather than addDays: a Date for each of 365 days cost half a millisecond.
  const todayNumber = dayNumber(today);
  for (let n = todayNumber - (DAYS_SHOWN - 1); n <= todayNumber; n++) {
    const day = dateOfDay(n);
    days.push({ date: day, minutes: minutesByDay.get(day) ?? 0, reviews: reviewsByDay.get(day) ?? 0 });
  }

  // The weeks and the pace lie within the days shown (12 weeks and 5 are far fewer than 365 days), so
  // they are summed from `days` by position: today is last, this week's Monday `sinceMonday` before it.
  const thisWeek = weekStart(today);
  const sinceMonday = daysBetween(thisWeek, today);
  const minutesFrom = (from: number, to: number) => {
    let minutes = 0;
    for (let i = Math.max(0, from); i <= Math.min(days.length - 1, to); i++) minutes += (days[i] as DayActivity).minutes;
    return minutes;
  };
  const mondayIndex = days.length - 1 - sinceMonday;
  const weeks = Array.from({ length: WEEKS_SHOWN }, (_, i) => {
    const back = 7 * (WEEKS_SHOWN - 1 - i);
    const from = mondayIndex - back;
    let minutes = minutesFrom(from, from + 6);
    // This week's days after today (a session dated ahead: another machine's zone, a clock set back).
    if (back === 0) for (let k = 1; k <= 6 - sinceMonday; k++) minutes += minutesByDay.get(addDays(today, k)) ?? 0;
    return { start: addDays(thisWeek, -back), hours: hours(minutes) };
  });
  const paceMinutes = minutesFrom(mondayIndex - 7 * PACE_WEEKS, days.length - 1);
  const paceWeeks = PACE_WEEKS + (sinceMonday + 1) / 7;

  const activeDays = [...new Set([...minutesByDay.keys(), ...reviewsByDay.keys()])].filter((day) => day <= today).sort();

  return {
    today,
    days,
    totals: { minutes: totalMinutes, hours: hours(totalMinutes), reviews: totalReviews, activeDays: activeDays.length },
    weeks,
    steps: [...steps.values()]
      .filter((step) => (stepMinutes.get(step.id) ?? 0) > 0)
      .map((step) => ({ id: step.id, number: step.number, title: step.title, hours: hours(stepMinutes.get(step.id) ?? 0) })),
    streaks: streaksOf(activeDays, today),
    retention: {
      overall: retention(overall.reviews, overall.remembered),
      byMonth: [...byMonth.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([month, c]) => ({ month, ...retention(c.reviews, c.remembered) })),
      byStep: [...steps.values()]
        .filter((step) => byStep.has(step.id))
        .map((step) => {
          const c = byStep.get(step.id) as { reviews: number; remembered: number };
          return { id: step.id, number: step.number, title: step.title, ...retention(c.reviews, c.remembered) };
        }),
    },
    forecast: Array.from({ length: FORECAST_DAYS }, (_, i) => {
      const date = addDays(today, i);
      return { date, due: dueByDay.get(date) ?? 0 };
    }),
    forgotten: [...byTopic.entries()]
      .filter(([id, counts]) => counts.lapses > 0 && topics.has(id))
      // Entries read by index: a comparison that destructures makes iterators each time it is called.
      .sort((a, b) => b[1].lapses - a[1].lapses || b[1].lapses / b[1].reviews - a[1].lapses / a[1].reviews || (a[0] < b[0] ? -1 : 1))
      .slice(0, FORGOTTEN_SHOWN)
      .map(([id, counts]) => {
        const place = topics.get(id) as { number: string; title: string };
        return { id, number: place.number, title: place.title, lapses: counts.lapses, reviews: counts.reviews };
      }),
    pace: { plannedHoursPerWeek: pack.plan?.hoursPerWeek ?? null, recentHoursPerWeek: round(paceMinutes / 60 / paceWeeks, 1) },
  };
}

/** The later of two dates written YYYY-MM-DD. */
function laterDay(a: string, b: string): string {
  if (a < b) return b;
  return a;
}

/**
 * Each entry's time (ms), and the entries' indexes in order of time: as a stable sort by time leaves
 * them (a log is kept in order, so this is nearly always 0, 1, 2, ...).
 */
export function timeOrder(log: readonly { at: string }[]): { times: number[]; order: number[] } {
  const times: number[] = new Array(log.length);
  const order: number[] = new Array(log.length);
  let sorted = true;
  for (let i = 0; i < log.length; i++) {
    times[i] = Date.parse((log[i] as { at: string }).at);
    order[i] = i;
    if (i > 0 && (times[i] as number) < (times[i - 1] as number)) sorted = false;
  }
  if (!sorted) order.sort((a, b) => (times[a] as number) - (times[b] as number));
  return { times, order };
}

/** The current and longest runs of active days, and the run that ended last with the day that ended it. */
export function streaksOf(activeDays: readonly string[], today: string): Streaks {
  const runs: { from: string; to: string; days: number }[] = [];
  let previous = Number.NaN;
  for (const day of activeDays) {
    const last = runs.at(-1);
    const number = dayNumber(day);
    if (last && number - previous === 1) {
      last.to = day;
      last.days++;
    } else runs.push({ from: day, to: day, days: 1 });
    previous = number;
  }
  const last = runs.at(-1);
  const running = last !== undefined && dayNumber(today) - previous <= 1;
  const ended = running ? runs.at(-2) : last;
  return {
    current: running ? (last as { days: number }).days : 0,
    longest: runs.reduce((max, run) => Math.max(max, run.days), 0),
    lastActive: last?.to ?? null,
    lastEnded: ended ? { ...ended, brokenOn: addDays(ended.to, 1) } : null,
  };
}
