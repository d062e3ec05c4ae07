import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber, localDate, localDayBoundsOf, localDayOf, localDayStart } from '../../src/progress/dates.js';
import { tallyHolds } from '../../src/progress/tally.js';
import { inZone } from '../helpers.js';

const DAY_MS = 86_400_000;

// Zones with half-hour and 45-minute offsets, a 30-minute DST shift (Lord Howe), a change at midnight
// (Santiago, Havana: the local day begins at 01:00), both hemispheres, and a zone that skipped a whole
// day (Apia, 2011-12-30).
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Pacific/Apia',
  'Africa/Casablanca',
];

describe('day numbers', () => {
  it('count days from 1970-01-01 as Date does, and turn back into the same date, for every year mlroadmap reads', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dateOfDay(0)).toBe('1970-01-01');
    expect(dateOfDay(dayNumber('2024-02-29') + 1)).toBe('2024-03-01');
    expect(dateOfDay(dayNumber('1900-02-28') + 1)).toBe('1900-03-01');
    expect(dateOfDay(dayNumber('2000-02-28') + 1)).toBe('2000-02-29');
    expect(dateOfDay(dayNumber('0000-01-01'))).toBe('0000-01-01');
    fc.assert(
      fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (n) => {
        const date = new Date(n * DAY_MS).toISOString().slice(0, 10);
        expect(dateOfDay(n)).toBe(date);
        expect(dayNumber(date)).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('local day bounds', () => {
  it.each(ZONES)('are those of localDayStart on every day around years of clock changes (%s)', (zone) => {
    inZone(zone, () => {
      const bounds = localDayBoundsOf();
      // Every day of 2010-2013 (Apia's lost day) and 2025-2027, in order and then shuffled (the offsets are kept per day).
      const days: string[] = [];
      for (const [from, to] of [
        ['2010-01-01', '2013-12-31'],
        ['2025-01-01', '2027-12-31'],
      ] as const) {
        for (let n = dayNumber(from); n <= dayNumber(to); n++) days.push(dateOfDay(n));
      }
      const shuffled = [...days].sort((a, b) => (a.slice(8) + a < b.slice(8) + b ? -1 : 1));
      for (const date of [...days, ...shuffled]) {
        expect(bounds(date), date).toEqual([localDayStart(date), localDayStart(date, 1)]);
      }
      // And they are local days: the start is on the date, the moment before it is not.
      for (const date of days) {
        // (Apia skipped 2011-12-30: no moment has that date, and both functions give the next day's start.)
        if (zone === 'Pacific/Apia' && date === '2011-12-30') continue;
        const [start, end] = bounds(date);
        expect(localDate(new Date(start)), date).toBe(date);
        expect(localDate(new Date(start - 1)), date).not.toBe(date);
        expect(localDate(new Date(end - 1)), date).toBe(date);
      }
    });
  });

  it('are those of localDayStart for any date, before 1970 and far ahead too', () => {
    for (const zone of ['Europe/Amsterdam', 'America/Los_Angeles', 'Asia/Kolkata', 'Africa/Monrovia']) {
      inZone(zone, () => {
        const bounds = localDayBoundsOf();
        fc.assert(
          fc.property(fc.integer({ min: dayNumber('1800-01-01'), max: dayNumber('2200-12-31') }), (n) => {
            const date = dateOfDay(n);
            expect(bounds(date)).toEqual([localDayStart(date), localDayStart(date, 1)]);
          }),
          { numRuns: 500 },
        );
      });
    }
  });
});

describe('local days of instants', () => {
  it.each(ZONES)('are those of localDate, around the clock changes and the midnights of years (%s)', (zone) => {
    inZone(zone, () => {
      const localDay = localDayOf();
      // Each day of 2026 (and of 2011, for Apia's lost day): the last and first milliseconds around its
      // local start, where the name changes, and every third hour; random instants after.
      for (const year of zone === 'Pacific/Apia' ? [2011, 2026] : [2026]) {
        const from = Date.UTC(year, 0, 1) - DAY_MS;
        const instants: number[] = [];
        for (let n = dayNumber(`${year - 1}-12-31`); n <= dayNumber(`${year + 1}-01-01`); n++) {
          const start = localDayStart(dateOfDay(n));
          instants.push(start - 1, start);
        }
        for (let at = from; at < from + 367 * DAY_MS; at += 3 * 3_600_000) instants.push(at);
        for (const at of instants) expect(localDay(at), new Date(at).toISOString()).toBe(localDate(new Date(at)));
      }
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2028, 0, 1) }), (at) => {
          expect(localDay(at)).toBe(localDate(new Date(at)));
        }),
        { numRuns: 1000 },
      );
    });
  });

  it('are those of localDate at any instant from 1800 to 2200, in any order', () => {
    for (const zone of ['Europe/Amsterdam', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham', 'Africa/Monrovia']) {
      inZone(zone, () => {
        const localDay = localDayOf();
        fc.assert(
          fc.property(fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
            expect(localDay(ms)).toBe(localDate(new Date(ms)));
          }),
          { numRuns: 2000 },
        );
      });
    }
  });
});

describe('dates of the first millennium', () => {
  it('are written with four-digit years, as the file writes them, so they sort before today', () => {
    inZone('UTC', () => {
      const at = new Date('0999-03-01T12:00:00.000Z');
      expect(localDate(at)).toBe('0999-03-01');
      expect(localDayOf()(at.getTime())).toBe('0999-03-01');
      expect(localDate(new Date('0005-07-04T00:00:00.000Z'))).toBe('0005-07-04');
      expect(localDayOf()(at.getTime()) < localDate(new Date('2026-12-07T00:00:00Z'))).toBe(true);
    });
  });
});

describe('a tally of review days', () => {
  it("holds only with dates that exist, in order, each with this zone's bounds", () => {
    inZone('Europe/London', () => {
      const day = (date: string, grades = 3): unknown[] => [date, localDayStart(date), localDayStart(date, 1), grades, 1, 1];
      expect(tallyHolds({ days: [day('2026-03-28'), day('2026-03-29'), day('2026-10-25')] })).toBeDefined();
      // A month that does not exist (its bounds those Date gives it, rolled over to another month), a
      // day that does not, a day 0: never counted from.
      for (const bad of ['2025-15-01', '2026-02-30', '2026-04-00', '2026-13-01'])
        expect(tallyHolds({ days: [day('2026-01-05'), day(bad)] }), bad).toBeUndefined();
      // Out of order, or bounds of another zone.
      expect(tallyHolds({ days: [day('2026-03-29'), day('2026-03-28')] })).toBeUndefined();
      const shifted = day('2026-06-01');
      shifted[1] = (shifted[1] as number) + 3_600_000;
      expect(tallyHolds({ days: [shifted] })).toBeUndefined();
    });
  });
});
