import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { emptyProgress, type PackProgress, packProgress } from '../../src/progress/model.js';
import { addDays, localDate } from '../../src/progress/plan.js';
import { DAYS_SHOWN, statsReport, streaksOf } from '../../src/progress/stats.js';
import { addSession } from '../../src/progress/studylog.js';
import { ASCII_SCALE, levelOf, renderHeatmap, weeksThatFit } from '../../src/render/heatmap.js';
import { renderStats } from '../../src/render/stats.js';
import { shippedRoadmap } from '../helpers.js';

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
              else expect([date, shown]).toEqual([date, ASCII_SCALE[levelOf(metric, values.get(date) ?? 0)]]);
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
