import { describe, expect, it } from 'vitest';
import { emptyProgress, type Progress, packProgress } from '../../src/progress/model.js';
import { loadScheduler, recordGrade } from '../../src/progress/review.js';
import {
  addSession,
  deleteSession,
  describeStudy,
  parseDuration,
  sessionProblem,
  sessionsOf,
  studyStats,
  weekStart,
} from '../../src/progress/studylog.js';
import { shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
/** Noon local time on a day, so the local date is that day in any time zone the suite runs in. */
const noon = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
};

function logged(days: [string, number][], progress: Progress = emptyProgress()): Progress {
  return days.reduce((acc, [date, minutes]) => addSession(acc, roadmap.id, { date, minutes }, noon(date)), progress);
}

describe('parseDuration', () => {
  it.each([
    ['90m', 90],
    ['45min', 45],
    ['2h', 120],
    ['1.5h', 90],
    ['1h30m', 90],
    ['1h30', 90],
    ['1:30', 90],
    [' 25 m ', 25],
    ['24h', 1440],
    ['0.75h', 45],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ minutes });
  });

  it.each([
    ['0m', 'at least a minute'],
    ['0h', 'at least a minute'],
    ['-30m', 'negative'],
    ['25h', 'a day has 24 hours'],
    ['1441m', 'a day has 24 hours'],
    ['90', 'no unit'],
    ['1.5', 'no unit'],
    ['soon', 'is not a duration'],
    ['1h90', 'is not a duration'],
    ['', 'is not a duration'],
  ])('refuses %j, saying why ("%s")', (text, why) => {
    const result = parseDuration(text);
    expect(result).toHaveProperty('problem');
    if ('problem' in result) expect(result.problem).toContain(why);
  });
});

describe('the study log', () => {
  it('numbers sessions one past the highest, and deletes by number', () => {
    let progress = logged([
      ['2026-03-02', 30],
      ['2026-03-03', 45],
    ]);
    expect(sessionsOf(packProgress(progress, roadmap.id)).map((s) => s.id)).toEqual([1, 2]);
    progress = deleteSession(progress, roadmap.id, 1);
    progress = logged([['2026-03-04', 20]], progress);
    expect(sessionsOf(packProgress(progress, roadmap.id)).map((s) => [s.id, s.minutes])).toEqual([
      [2, 45],
      [3, 20],
    ]);
    expect(deleteSession(progress, roadmap.id, 9)).toBe(progress);
  });

  it('refuses a session that would take a day past 24 hours', () => {
    const pack = packProgress(logged([['2026-03-02', 20 * 60]]), roadmap.id);
    expect(sessionProblem(pack, '2026-03-02', 4 * 60)).toBeUndefined();
    expect(sessionProblem(pack, '2026-03-02', 4 * 60 + 1)).toContain('already has 20 h logged');
    expect(sessionProblem(pack, '2026-03-03', 24 * 60)).toBeUndefined();
  });
});

describe('weeks and streaks', () => {
  it('starts weeks on Monday', () => {
    expect(weekStart('2026-12-01')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
    expect(weekStart('2026-12-07')).toBe('2026-12-07');
  });

  it("counts this week's hours from Monday, and every hour in all", () => {
    const progress = logged([
      ['2026-11-29', 120],
      ['2026-11-30', 60],
      ['2026-12-01', 30],
    ]);
    expect(studyStats(packProgress(progress, roadmap.id), noon('2026-12-01'))).toMatchObject({
      studyHours: 3.5,
      hoursThisWeek: 1.5,
      weekStart: '2026-11-30',
      sessions: 3,
    });
  });

  it('counts the days in a row up to today, still alive on a day not studied yet, and the longest run', () => {
    const progress = logged([
      ['2026-11-01', 30],
      ['2026-11-02', 30],
      ['2026-11-03', 30],
      ['2026-11-04', 30],
      ['2026-11-20', 30],
      ['2026-11-21', 30],
      ['2026-11-21', 10],
    ]);
    const pack = packProgress(progress, roadmap.id);
    expect(studyStats(pack, noon('2026-11-21'))).toMatchObject({ streakDays: 2, longestStreakDays: 4 });
    expect(studyStats(pack, noon('2026-11-22'))).toMatchObject({ streakDays: 2, longestStreakDays: 4 });
    expect(studyStats(pack, noon('2026-11-23'))).toMatchObject({ streakDays: 0, longestStreakDays: 4 });
    expect(describeStudy(studyStats(pack, noon('2026-11-22')), 10)).toBe(
      'This week: 1.2 h of the 10 h planned; streak 2 days (longest 4 days); 3.2 h logged in all',
    );
    // One day is a day.
    expect(describeStudy({ ...studyStats(pack, noon('2026-11-23')), longestStreakDays: 1 })).toContain('no streak (longest 1 day);');
  });

  it('counts a day with reviews and no logged session as a day studied', async () => {
    const scheduler = await loadScheduler();
    let progress = logged([['2026-11-20', 30]]);
    const card = roadmap.cards[0]?.id as string;
    progress = recordGrade(progress, roadmap.id, card, 'good', noon('2026-11-21'), scheduler);
    expect(studyStats(packProgress(progress, roadmap.id), noon('2026-11-21'))).toMatchObject({ streakDays: 2, studyHours: 0.5 });
  });

  it('says how to start before anything is logged', () => {
    expect(describeStudy(studyStats(packProgress(emptyProgress(), roadmap.id), noon('2026-11-21')))).toContain('mlroadmap log 45m');
  });
});

describe('local days of many instants', () => {
  it.each(['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns'])(
    'agree with localDate in %s, across the days the clocks change',
    async (zone) => {
      const { localDayOf } = await import('../../src/progress/studylog.js');
      const { localDate } = await import('../../src/progress/plan.js');
      const before = process.env.TZ;
      process.env.TZ = zone;
      try {
        const localDay = localDayOf();
        const start = Date.parse('2025-01-01T00:00:00Z');
        // The zone really is in force: midnight UTC is still the last day of 2024 west of Greenwich.
        expect(localDate(new Date(start))).toBe(zone.startsWith('America/') ? '2024-12-31' : '2025-01-01');
        // Every 17 minutes and a few seconds for two years: every quarter hour's offset, both clock changes each year.
        for (let ms = start; ms < start + 2 * 365 * 86_400_000; ms += 17 * 60_000 + 13_000) {
          expect(localDay(ms)).toBe(localDate(new Date(ms)));
        }
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
    },
    60_000,
  );
});
