import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Roadmap } from '../../src/content/schema.js';
import { emptyProgress, type PackProgress, packProgress } from '../../src/progress/model.js';
import { addDays, daysBetween, localDate } from '../../src/progress/plan.js';
import type { Grade } from '../../src/progress/records.js';
import { reviewsOf } from '../../src/progress/review.js';
import { DAYS_SHOWN, type DayActivity, type StatsReport, statsReport, streaksOf } from '../../src/progress/stats.js';
import { addSession, localDayOf, sessionsOf, weekStart } from '../../src/progress/studylog.js';
import { ASCII_SCALE, LEVELS, renderHeatmap, weeksThatFit } from '../../src/render/heatmap.js';
import { renderStats } from '../../src/render/stats.js';
import { inZone, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const plain = { style: new Chalk({ level: 0 }), colour: false };
const at = (date: string, hour: number, minute = 0) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute);
};

/**
 * A known year, built in whatever time zone is in force: on day i (0 = a year ago), (i * 37) % 150
 * minutes logged unless i is a multiple of 5, and i % 7 reviews, half at 23:30 local time and half at
 * 00:15, which fall on other UTC days in most zones.
 */
function knownYear(today: string): { pack: PackProgress; minutes: Map<string, number>; reviews: Map<string, number> } {
  const cards = roadmap.cards.slice(0, 7).map((card) => card.id);
  let progress = emptyProgress();
  const minutes = new Map<string, number>();
  const reviews = new Map<string, number>();
  const log: Record<string, { at: string; grade: string }[]> = Object.fromEntries(cards.map((id) => [id, []]));
  for (let i = 0; i < DAYS_SHOWN; i++) {
    const date = addDays(today, i - (DAYS_SHOWN - 1));
    const spent = i % 5 === 0 ? 0 : (i * 37) % 150;
    if (spent > 0) progress = addSession(progress, roadmap.id, { date, minutes: spent }, at(date, 12));
    minutes.set(date, spent);
    const count = i % 7;
    for (let r = 0; r < count; r++) {
      const when = r % 2 === 0 ? at(date, 23, 30) : at(date, 0, 15);
      (log[cards[r] as string] as { at: string; grade: string }[]).push({ at: when.toISOString(), grade: 'good' });
    }
    reviews.set(date, count);
  }
  const pack = packProgress(progress, roadmap.id);
  pack.reviews = Object.fromEntries(Object.entries(log).map(([id, entries]) => [id, { log: entries }]));
  return { pack, minutes, reviews };
}

describe('statsReport', () => {
  it.each(['UTC', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Pacific/Chatham', 'Australia/Lord_Howe'])(
    "counts every day of a known year on the learner's local day, and the heatmap shows each cell right (%s)",
    (zone) => {
      const before = process.env.TZ;
      process.env.TZ = zone;
      try {
        // Noon on the last day, across a year that holds both clock changes.
        const now = at('2026-11-20', 12);
        const today = localDate(now);
        expect(today).toBe('2026-11-20');
        const { pack, minutes, reviews } = knownYear(today);
        const report = statsReport(roadmap, pack, now);
        expect(report.days).toHaveLength(DAYS_SHOWN);
        expect(report.days[0]?.date).toBe(addDays(today, -(DAYS_SHOWN - 1)));
        expect(report.days.at(-1)?.date).toBe(today);
        for (const day of report.days) {
          expect([day.date, day.minutes, day.reviews]).toEqual([day.date, minutes.get(day.date), reviews.get(day.date)]);
        }

        for (const metric of ['minutes', 'reviews'] as const) {
          const values = metric === 'minutes' ? minutes : reviews;
          const lines = renderHeatmap(report.days, metric, { width: 80, ...plain });
          expect(lines).toHaveLength(8);
          const grid = lines.slice(1).map((line) => line.slice(4));
          // The last column is this week: Friday 2026-11-20 is its fifth day; later days are blank.
          const weeks = weeksThatFit(80);
          const monday = addDays(today, -4);
          for (let w = 0; w < weeks; w++) {
            for (let d = 0; d < 7; d++) {
              const date = addDays(monday, d - 7 * (weeks - 1 - w));
              const shown = grid[d]?.[w] ?? ' ';
              if (date > today) expect(shown.trim()).toBe('');
              else
                expect([date, shown]).toEqual([
                  date,
                  ASCII_SCALE[LEVELS[metric].filter((bound) => (values.get(date) ?? 0) >= bound).length],
                ]);
            }
          }
        }
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
    },
    30_000,
  );

  it('counts retention over reviews of cards seen before, by month and by step, and names the topics most forgotten', () => {
    const [first, second] = roadmap.cards;
    const pack = packProgress(emptyProgress(), roadmap.id);
    pack.reviews = {
      [first?.id as string]: {
        log: [
          { at: '2026-10-01T10:00:00Z', grade: 'again' },
          { at: '2026-10-05T10:00:00Z', grade: 'again' },
          { at: '2026-11-05T10:00:00Z', grade: 'good' },
          { at: '2026-11-20T10:00:00Z', grade: 'hard' },
        ],
      },
      [second?.id as string]: { log: [{ at: '2026-11-02T10:00:00Z', grade: 'good' }] },
    };
    const report = statsReport(roadmap, pack, new Date('2026-11-21T12:00:00Z'));
    expect(report.retention.overall).toEqual({ reviews: 3, remembered: 2, rate: 0.667 });
    expect(report.retention.byMonth).toEqual([
      { month: '2026-10', reviews: 1, remembered: 0, rate: 0 },
      { month: '2026-11', reviews: 2, remembered: 2, rate: 1 },
    ]);
    expect(report.retention.byStep).toEqual([expect.objectContaining({ number: 1, reviews: 3, remembered: 2 })]);
    expect(report.forgotten).toEqual([expect.objectContaining({ id: first?.topic, number: '1.1', lapses: 1, reviews: 3 })]);
    expect(report.totals.reviews).toBe(5);
  });

  it('forecasts the reviews due in the next 30 days, overdue cards today', () => {
    const [a, b, c] = roadmap.cards;
    const schedule = (due: string) => ({
      due,
      lastReview: '2026-11-01T10:00:00Z',
      state: 'review' as const,
      stability: 5,
      difficulty: 5,
      scheduledDays: 5,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
    });
    const pack = packProgress(emptyProgress(), roadmap.id);
    pack.reviews = {
      [a?.id as string]: { log: [{ at: '2026-11-01T10:00:00Z', grade: 'good' }], schedule: schedule('2026-11-10T10:00:00Z') },
      [b?.id as string]: { log: [{ at: '2026-11-01T10:00:00Z', grade: 'good' }], schedule: schedule('2026-11-23T10:00:00Z') },
      [c?.id as string]: { log: [{ at: '2026-11-01T10:00:00Z', grade: 'good' }], schedule: schedule('2027-03-01T10:00:00Z') },
    };
    const report = statsReport(roadmap, pack, new Date('2026-11-21T12:00:00Z'));
    expect(report.forecast).toHaveLength(30);
    expect(report.forecast.filter((day) => day.due > 0)).toEqual([
      { date: '2026-11-21', due: 1 },
      { date: '2026-11-23', due: 1 },
    ]);
  });

  it('puts each card due on its local day, across the clock changes in the 30 days ahead', () => {
    // Now a few days before a change each way (and Santiago's and Havana's, at midnight); cards due
    // every 20 minutes over the next 31 days, each counted on the day localDate gives its due time.
    const cases: [zone: string, now: string][] = [
      ['America/New_York', '2026-10-29T16:00:00Z'],
      ['America/New_York', '2027-03-10T16:00:00Z'],
      ['Europe/Berlin', '2026-10-20T10:00:00Z'],
      ['Australia/Lord_Howe', '2026-09-25T10:00:00Z'],
      ['Australia/Lord_Howe', '2027-03-30T10:00:00Z'],
      ['America/Santiago', '2026-08-25T15:00:00Z'],
      ['America/Havana', '2026-10-25T15:00:00Z'],
    ];
    const cards = roadmap.cards.slice(0, 2300 / 20).map((card) => card.id);
    for (const [zone, iso] of cases) {
      inZone(zone, () => {
        const now = new Date(iso);
        const today = localDate(now);
        const pack = packProgress(emptyProgress(), roadmap.id);
        const expected = new Map<string, number>();
        const reviews: Record<string, { log: never[]; schedule: { due: string } }> = {};
        const start = now.getTime() - 2 * 86_400_000;
        for (let k = 0; k < 33 * 72; k++) {
          const due = new Date(start + k * 1_200_000);
          // An overdue card on today.
          const day = [localDate(due), today].sort()[1] as string;
          expected.set(day, (expected.get(day) ?? 0) + 1);
          reviews[`${cards[k % cards.length]}-${k}`] = { log: [], schedule: { due: due.toISOString() } };
        }
        pack.reviews = reviews as unknown as PackProgress['reviews'];
        const known = new Set(Object.keys(reviews));
        const deck = { ...roadmap, cards: [...known].map((id) => ({ ...(roadmap.cards[0] as Roadmap['cards'][number]), id })) };
        const report = statsReport(deck, pack, now);
        expect(report.forecast.map((day) => day.date)).toEqual(Array.from({ length: 30 }, (_, i) => addDays(today, i)));
        for (const day of report.forecast) expect(day.due, `${zone} ${day.date}`).toBe(expected.get(day.date) ?? 0);
      });
    }
  });

  it('gives hours by week and by step, and the pace against the plan', () => {
    let progress = emptyProgress();
    progress = addSession(progress, roadmap.id, { date: '2026-11-16', minutes: 120, topic: 'python-basics' }, at('2026-11-16', 12));
    progress = addSession(progress, roadmap.id, { date: '2026-11-20', minutes: 60, topic: 'command-line' }, at('2026-11-20', 12));
    progress = addSession(progress, roadmap.id, { date: '2026-10-01', minutes: 30 }, at('2026-10-01', 12));
    const pack = packProgress(progress, roadmap.id);
    pack.plan = { hoursPerWeek: 5, start: '2026-10-01', steps: [] };
    const report = statsReport(roadmap, pack, at('2026-11-21', 12));
    expect(report.weeks.at(-1)).toEqual({ start: '2026-11-16', hours: 3 });
    expect(report.steps.map((step) => [step.number, step.hours])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(report.totals).toEqual({ minutes: 210, hours: 3.5, reviews: 0, activeDays: 3 });
    expect(report.pace.plannedHoursPerWeek).toBe(5);
    expect(report.pace.recentHoursPerWeek).toBeCloseTo(3 / (4 + 6 / 7), 1);
  });
});

describe('streaksOf', () => {
  it.each([
    ['nothing yet', [], { current: 0, longest: 0, lastActive: null, lastEnded: null }],
    [
      'a run up to yesterday, after one that ended',
      ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-18', '2026-11-19', '2026-11-20'],
      {
        current: 3,
        longest: 3,
        lastActive: '2026-11-20',
        lastEnded: { from: '2026-11-01', to: '2026-11-03', days: 3, brokenOn: '2026-11-04' },
      },
    ],
    [
      'a run that ended two days ago',
      ['2026-11-10', '2026-11-11', '2026-11-19'],
      {
        current: 0,
        longest: 2,
        lastActive: '2026-11-19',
        lastEnded: { from: '2026-11-19', to: '2026-11-19', days: 1, brokenOn: '2026-11-20' },
      },
    ],
  ])('%s', (_name, days, expected) => {
    expect(streaksOf(days, '2026-11-21')).toEqual(expected);
  });
});

describe('renderStats', () => {
  it.each([20, 40, 60, 80, 120])('fits %i columns on every line, showing fewer weeks when narrower', (width) => {
    const { pack } = knownYear(localDate(new Date('2026-11-20T12:00:00Z')));
    const text = renderStats(statsReport(roadmap, pack, new Date('2026-11-20T12:00:00Z')), { width, ...plain });
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
    expect(text.replaceAll('\n', ' ')).toContain(`Minutes studied, the last ${Math.min(52, width - 4)} weeks`);
  });

  it('says why the last streak ended', () => {
    const pack = packProgress(
      ['2026-11-01', '2026-11-02'].reduce((p, date) => addSession(p, roadmap.id, { date, minutes: 30 }, at(date, 12)), emptyProgress()),
      roadmap.id,
    );
    const text = renderStats(statsReport(roadmap, pack, at('2026-11-21', 12)), { width: 80, ...plain }).replaceAll('\n', ' ');
    expect(text).toContain('No streak running (longest 2 days). Your last streak (2 days, to 2026-11-02) ended on 2026-11-03');
  });

  it('colours the cells on a colour terminal and uses the ASCII scale otherwise', () => {
    const { pack } = knownYear('2026-11-20');
    const report = statsReport(roadmap, pack, new Date('2026-11-20T12:00:00Z'));
    const coloured = renderStats(report, { width: 80, style: new Chalk({ level: 1 }), colour: true });
    expect(coloured).toMatch(/\u001b\[32m/);
    expect(coloured).toContain('■');
    const ascii = renderStats(report, { width: 80, ...plain });
    expect(ascii).not.toMatch(/[\u001b■]/);
    expect(ascii).toContain('. none  - 1-29 min  + 30-59 min  * 60-119 min  # 120 min or more');
  });
});

/**
 * statsReport as it was first written (a sort with times parsed in its comparison, weeks summed over
 * every logged day), kept as the reference the faster one is held to.
 */
function referenceReport(roadmap: Roadmap, pack: PackProgress, now: Date): StatsReport {
  const today = localDate(now);
  const first = addDays(today, -(DAYS_SHOWN - 1));
  const localDay = localDayOf();
  const { steps, topics } = placesOf(roadmap);
  const cardTopic = new Map(roadmap.cards.map((card) => [card.id, card.topic]));

  const minutesByDay = new Map<string, number>();
  const reviewsByDay = new Map<string, number>();
  const stepMinutes = new Map<string, number>();
  let totalMinutes = 0;
  for (const session of sessionsOf(pack)) {
    totalMinutes += session.minutes;
    minutesByDay.set(session.date, (minutesByDay.get(session.date) ?? 0) + session.minutes);
    const step =
      session.topic === undefined ? undefined : (topics.get(session.topic)?.step ?? (steps.has(session.topic) ? session.topic : undefined));
    if (step !== undefined) stepMinutes.set(step, (stepMinutes.get(step) ?? 0) + session.minutes);
  }

  let totalReviews = 0;
  const overall = { reviews: 0, remembered: 0 };
  const byMonth = new Map<string, { reviews: number; remembered: number }>();
  const byStep = new Map<string, { reviews: number; remembered: number }>();
  const byTopic = new Map<string, { reviews: number; lapses: number }>();
  const dueByDay = new Map<string, number>();
  const tally = <K>(map: Map<K, { reviews: number; remembered: number }>, key: K, remembered: boolean) => {
    const entry = map.get(key) ?? { reviews: 0, remembered: 0 };
    entry.reviews++;
    if (remembered) entry.remembered++;
    map.set(key, entry);
  };
  for (const [cardId, record] of Object.entries(reviewsOf(pack))) {
    const log = Array.isArray(record.log) ? [...record.log].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) : [];
    const topic = cardTopic.get(cardId);
    const step = topic === undefined ? undefined : topics.get(topic)?.step;
    for (const [index, entry] of log.entries()) {
      const day = localDay(Date.parse(entry.at));
      totalReviews++;
      reviewsByDay.set(day, (reviewsByDay.get(day) ?? 0) + 1);
      // A card's first review grades how well it was learnt, not remembered: retention counts the rest.
      if (index === 0) continue;
      const remembered = (entry.grade as Grade) !== 'again';
      overall.reviews++;
      if (remembered) overall.remembered++;
      tally(byMonth, day.slice(0, 7), remembered);
      if (step !== undefined) tally(byStep, step, remembered);
      if (topic !== undefined) {
        const counts = byTopic.get(topic) ?? { reviews: 0, lapses: 0 };
        counts.reviews++;
        if (!remembered) counts.lapses++;
        byTopic.set(topic, counts);
      }
    }
    if (record.schedule && cardTopic.has(cardId)) {
      // An overdue card is due today, as the review session sees it.
      const due = localDay(Date.parse(record.schedule.due));
      const day = [due, today].sort()[1] as string;
      dueByDay.set(day, (dueByDay.get(day) ?? 0) + 1);
    }
  }

  const days: DayActivity[] = [];
  for (let day = first; day <= today; day = addDays(day, 1)) {
    days.push({ date: day, minutes: minutesByDay.get(day) ?? 0, reviews: reviewsByDay.get(day) ?? 0 });
  }

  const thisWeek = weekStart(today);
  const weeks = Array.from({ length: WEEKS_SHOWN }, (_, i) => {
    const start = addDays(thisWeek, -7 * (WEEKS_SHOWN - 1 - i));
    const end = addDays(start, 6);
    let minutes = 0;
    for (const [day, value] of minutesByDay) if (day >= start && day <= end) minutes += value;
    return { start, hours: hours(minutes) };
  });
  const paceStart = addDays(thisWeek, -7 * PACE_WEEKS);
  let paceMinutes = 0;
  for (const [day, value] of minutesByDay) if (day >= paceStart && day <= today) paceMinutes += value;
  const paceWeeks = PACE_WEEKS + (daysBetween(thisWeek, today) + 1) / 7;

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
        .sort(([a], [b]) => (a < b ? -1 : 1))
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
      .sort(([a, x], [b, y]) => y.lapses - x.lapses || y.lapses / y.reviews - x.lapses / x.reviews || (a < b ? -1 : 1))
      .slice(0, FORGOTTEN_SHOWN)
      .map(([id, counts]) => {
        const place = topics.get(id) as { number: string; title: string };
        return { id, number: place.number, title: place.title, lapses: counts.lapses, reviews: counts.reviews };
      }),
    pace: { plannedHoursPerWeek: pack.plan?.hoursPerWeek ?? null, recentHoursPerWeek: round(paceMinutes / 60 / paceWeeks, 1) },
  };
}

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
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const hours = (minutes: number) => round(minutes / 60, 1);
const retention = (reviews: number, remembered: number) => ({
  reviews,
  remembered,
  rate: reviews === 0 ? null : round(remembered / reviews, 3),
});
const FORECAST_DAYS = 30;
const FORGOTTEN_SHOWN = 5;
const WEEKS_SHOWN = 12;
const PACE_WEEKS = 4;

describe('statsReport against its first version', () => {
  const grades = ['again', 'hard', 'good', 'easy'] as const;
  const topicIds = roadmap.steps.flatMap((step) => (step.topics ?? []).map((topic) => topic.id));
  const year = fc.record({
    // Santiago and Havana change their clocks at midnight: those days begin at 01:00.
    zone: fc.constantFrom(
      'UTC',
      'America/New_York',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'Australia/Lord_Howe',
      'America/Santiago',
      'America/Havana',
    ),
    // Sessions from over a year back to a few days ahead (another machine's zone), on topics, steps or none.
    sessions: fc.array(
      fc.record({
        day: fc.integer({ min: -420, max: 6 }),
        minutes: fc.integer({ min: 1, max: 600 }),
        on: fc.oneof(
          fc.constant(undefined),
          fc.constantFrom(...topicIds),
          fc.constantFrom(...roadmap.steps.map((s) => s.id)),
          fc.constant('gone'),
        ),
      }),
      { maxLength: 60 },
    ),
    // Logs kept in any order, times with offsets too, cards the guide has and one it no longer has.
    cards: fc.array(
      fc.record({
        card: fc.oneof(fc.constantFrom(...roadmap.cards.slice(0, 40).map((card) => card.id)), fc.constant('retired-card')),
        log: fc.array(
          fc.record({
            ms: fc.integer({ min: -400 * 86_400_000, max: 2 * 86_400_000 }),
            grade: fc.constantFrom(...grades),
            offset: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        // Due any time from 40 days back to 60 ahead: on either side of a local midnight, a clock change too.
        due: fc.option(fc.integer({ min: -40 * 86_400_000, max: 60 * 86_400_000 }), { nil: undefined }),
      }),
      { maxLength: 25 },
    ),
    plan: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    // Now: any time within 200 days of 2026-11-20, so that clock changes fall in the days shown and ahead.
    shift: fc.integer({ min: -200 * 86_400_000, max: 200 * 86_400_000 }),
  });
  it('gives the same report for any year, in any zone', () => {
    fc.assert(
      fc.property(year, ({ zone, sessions, cards, plan, shift }) => {
        const before = process.env.TZ;
        process.env.TZ = zone;
        try {
          const now = new Date(Date.UTC(2026, 10, 20, 15, 0) + shift);
          const today = localDate(now);
          const pack: PackProgress = packProgress(emptyProgress(), roadmap.id);
          pack.studyLog = sessions.map((session, i) => ({
            id: i + 1,
            date: addDays(today, session.day),
            minutes: session.minutes,
            ...(session.on === undefined ? {} : { topic: session.on }),
            at: now.toISOString(),
          }));
          pack.reviews = Object.fromEntries(
            cards.map(({ card, log, due }) => [
              card,
              {
                log: log.map(({ ms, grade, offset }) => {
                  const iso = new Date(now.getTime() + ms).toISOString();
                  // The same instant written with a +05:30 offset.
                  const at = offset ? `${new Date(now.getTime() + ms + 19_800_000).toISOString().slice(0, 23)}+05:30` : iso;
                  return { at, grade };
                }),
                ...(due === undefined ? {} : { schedule: { due: new Date(now.getTime() + due).toISOString() } }),
              },
            ]),
          ) as PackProgress['reviews'];
          if (plan !== undefined) pack.plan = { hoursPerWeek: plan, start: today, steps: [] };
          expect(statsReport(roadmap, pack, now)).toEqual(referenceReport(roadmap, pack, now));
        } finally {
          if (before === undefined) delete process.env.TZ;
          else process.env.TZ = before;
        }
      }),
      { numRuns: 150 },
    );
  });
});
