import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewTallyOf } from '../../src/progress/history.js';
import { emptyProgress, type PackProgress, type Progress, packProgress } from '../../src/progress/model.js';
import { statsReport } from '../../src/progress/stats.js';
import { createFileStore, useVerifiedStamps } from '../../src/progress/store.js';
import { inZone, shippedRoadmap } from '../helpers.js';
import { DAY, END, tempFolders } from './support.js';

/**
 * The tally of reviews by local day that format 5 keeps (tally.ts): `stats` counted from it, the
 * history unread, says what it says counted from every log; in another time zone it is not used.
 */

const roadmap = await shippedRoadmap();
const folder = tempFolders('mlroadmap-tally-');
const GRADES = ['again', 'hard', 'good', 'easy'] as const;
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Australia/Lord_Howe'];

/** Progress with these cards' logs (and a schedule each), as a learner's file would hold them. */
function progressOf(cards: { card: string; log: { ms: number; grade: (typeof GRADES)[number] }[] }[]): Progress {
  const reviews: Record<string, unknown> = {};
  for (const { card, log } of cards) {
    reviews[card] = {
      log: log.map(({ ms, grade }) => ({ at: new Date(END + ms).toISOString(), grade })),
      schedule: {
        due: new Date(END + DAY).toISOString(),
        state: 'review',
        stability: 3,
        difficulty: 5,
        scheduledDays: 1,
        learningSteps: 0,
        reps: log.length,
        lapses: 0,
        lastReview: new Date(END).toISOString(),
      },
    };
  }
  return { ...emptyProgress(), packs: { [roadmap.id]: { steps: {}, reviews: reviews as PackProgress['reviews'] } } };
}

/** The file written in `zone` and read back lazily (stamped by a whole read first), and its pack. */
async function written(progress: Progress, zone: string) {
  const dir = folder();
  writeFileSync(join(dir, 'progress.json'), JSON.stringify(progress));
  const store = createFileStore(dir);
  await inZone(zone, () => store.update((p) => ({ ...p, packs: { ...p.packs } })));
  useVerifiedStamps(folder('mlroadmap-tally-caches-'));
  store.read();
  return { dir, store, lazyPack: () => packProgress(store.read(), roadmap.id) };
}

const cardsArb = fc.array(
  fc.record({
    card: fc.oneof(fc.constantFrom(...roadmap.cards.slice(0, 30).map((card) => card.id)), fc.constant('retired-card')),
    // Any order: a clock set back leaves a log out of time order.
    log: fc.array(fc.record({ ms: fc.integer({ min: -400 * DAY, max: 0 }), grade: fc.constantFrom(...GRADES) }), {
      minLength: 1,
      maxLength: 10,
    }),
  }),
  { minLength: 1, maxLength: 20 },
);

describe('the tally of reviews by local day (format 5)', () => {
  it('stats counted from it, the history unread, equals stats counted from every log; in another zone it is set aside', async () => {
    await fc.assert(
      fc.asyncProperty(cardsArb, fc.constantFrom(...ZONES), fc.constantFrom(...ZONES), async (cards, writer, reader) => {
        const progress = progressOf(cards);
        const { lazyPack } = await written(progress, writer);
        const now = new Date(END + 3_600_000);
        // Counted from the logs: a copy the store never saw.
        const fromLogs = (zone: string) =>
          inZone(zone, () => statsReport(roadmap, packProgress(structuredClone(progress), roadmap.id), now));
        inZone(writer, () => {
          const pack = lazyPack();
          expect(reviewTallyOf(pack)).toBeDefined();
          expect(statsReport(roadmap, pack, now)).toEqual(fromLogs(writer));
        });
        inZone(reader, () => {
          const pack = lazyPack();
          // No two of the zones have the same local days around END.
          if (reader !== writer) expect(reviewTallyOf(pack)).toBeUndefined();
          expect(statsReport(roadmap, pack, now)).toEqual(fromLogs(reader));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('is written beside the days, on one line, and counts what the logs hold', async () => {
    const progress = progressOf([
      // Out of time order: the grade given first in time is the later one in the log.
      {
        card: roadmap.cards[0]?.id as string,
        log: [
          { ms: -2 * DAY, grade: 'again' },
          { ms: -3 * DAY, grade: 'good' },
        ],
      },
      { card: roadmap.cards[1]?.id as string, log: [{ ms: -2 * DAY, grade: 'good' }] },
    ]);
    const { dir } = await written(progress, 'UTC');
    const text = readFileSync(join(dir, 'progress.json'), 'utf8');
    const line = text.split('\n').find((l) => l.trimStart().startsWith('"reviewTally"'));
    expect(JSON.parse(`{${line?.replace(/,$/, '')}}`).reviewTally).toEqual({
      days: [
        ['2026-11-27', Date.UTC(2026, 10, 27), Date.UTC(2026, 10, 28), 1, 0, 0],
        ['2026-11-28', Date.UTC(2026, 10, 28), Date.UTC(2026, 10, 29), 2, 1, 0],
      ],
      unordered: { [roadmap.cards[0]?.id as string]: [1, 0] },
    });
  });

  it('a tally changed by hand is not trusted: the file is read whole and stats counts the logs', async () => {
    const progress = progressOf([{ card: roadmap.cards[0]?.id as string, log: [{ ms: -DAY, grade: 'good' }] }]);
    const { dir } = await written(progress, 'UTC');
    const file = join(dir, 'progress.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/("2026-11-29",\d+,\d+,)1,/, '$1900,'));
    const store = createFileStore(dir);
    const now = new Date(END);
    const report = inZone('UTC', () => statsReport(roadmap, packProgress(store.read(), roadmap.id), now));
    expect(report.totals.reviews).toBe(1);
  });
});
