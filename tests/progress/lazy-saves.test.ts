// A change through a lazy read of a stamped file (history.ts: sections left unread, written back as
// read) must write what a change through a whole read writes, whatever a hand edit left in the file
// that a whole read still passes clean. Each case was found by a red-team pass, and failed before its fix.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../src/progress/history.js';
import { mergeProgress } from '../../src/progress/merge.js';
import { type Progress, packProgress, setStatus } from '../../src/progress/model.js';
import { reviewsOf, type Scheduler } from '../../src/progress/review.js';
import { createFileStore, examineProgressBytes, useVerifiedStamps } from '../../src/progress/store.js';
import { shippedRoadmap } from '../helpers.js';
import { DAY, END, entry, tempFolders } from './support.js';

const roadmap = await shippedRoadmap();
const PACK = roadmap.id;
const folder = tempFolders('lazy-saves');

const cards = roadmap.cards.slice(0, 5).map((card) => card.id);
const step = (n: number) => roadmap.steps[n]?.id as string;

function progressWith(studyLog: Record<string, unknown>[], version = 3): Progress {
  const logs: Record<string, LogEntry[]> = { [cards[0] as string]: [entry(30), entry(3, 'again')], [cards[1] as string]: [entry(1)] };
  const reviews = Object.fromEntries(
    Object.entries(logs).map(([card, log], i) => {
      const last = log.at(-1)?.at as string;
      const schedule = {
        due: new Date(Date.parse(last) + (i + 1) * DAY).toISOString(),
        state: 'review' as const,
        stability: 10 + i,
        difficulty: 5,
        scheduledDays: i + 1,
        learningSteps: 0,
        reps: log.length,
        lapses: 0,
        lastReview: last,
      };
      return [card, { log, schedule }];
    }),
  );
  const steps = { [step(0)]: { status: 'done' as const, updatedAt: '2026-01-01T00:00:00.000Z', completedAt: '2026-01-01T00:00:00.000Z' } };
  return { version, packs: { [PACK]: { steps, reviews, studyLog, settings: { newCardsPerDay: 10 } } } };
}

const session = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  date: `2026-11-${String(10 + id).padStart(2, '0')}`,
  minutes: 30,
  topic: 'python-basics',
  note: `session ${id}`,
  at: `2026-11-${String(10 + id).padStart(2, '0')}T10:00:00.000Z`,
  ...extra,
});

/**
 * Two folders holding the same file of format 4 (written by the store from `progress`, then
 * `edit`ed as text), one read lazily (stamped by a whole read first), one always read whole.
 */
async function pair(progress: Progress, edit: (text: string) => string = (t) => t) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(END);
  const lazyDir = folder();
  writeFileSync(join(lazyDir, 'progress.json'), JSON.stringify(progress));
  const lazy = createFileStore(lazyDir);
  // Through a whole read: the file is written in the store's layout (format 4).
  await lazy.update((p) => setStatus(p, PACK, [step(1)], 'doing', new Date(END)));
  const text = edit(readFileSync(join(lazyDir, 'progress.json'), 'utf8'));
  writeFileSync(join(lazyDir, 'progress.json'), text);
  const wholeDir = folder();
  writeFileSync(join(wholeDir, 'progress.json'), text);
  const whole = createFileStore(wholeDir);
  const stamps = folder('caches');
  useVerifiedStamps(stamps);
  // A plain read checks the file whole and stamps it: the next change reads it lazily.
  lazy.read();
  expect(readFileSync(join(stamps, 'progress-verified'), 'utf8')).toContain(join(lazyDir, 'progress.json'));
  const change = async (fn: (p: Progress) => Progress) => {
    vi.setSystemTime(END + 60_000);
    useVerifiedStamps(stamps);
    await lazy.update(fn);
    useVerifiedStamps(undefined);
    await whole.update(fn);
  };
  const file = (side: 'lazy' | 'whole') => readFileSync(join(side === 'lazy' ? lazyDir : wholeDir, 'progress.json'), 'utf8');
  /** The file as a fresh mlroadmap reads it whole (no stamp: another machine, a cleared cache). */
  const readWhole = (side: 'lazy' | 'whole') => {
    const found = examineProgressBytes(Buffer.from(file(side)));
    if ('problem' in found) throw new Error(found.problem);
    return found;
  };
  return { lazy, whole, lazyDir, wholeDir, change, file, readWhole };
}

const gradesIn = (progress: Progress) =>
  Object.values(reviewsOf(packProgress(progress, PACK))).reduce((sum, record) => sum + (record.log as LogEntry[]).length, 0);

describe('a change through a lazy read of a file edited by hand, still clean', () => {
  it('a stamped file without "historyCheck": check 1 through a lazy read keeps every grade once', async () => {
    const { change, file, readWhole } = await pair(
      progressWith([session(1)]),
      // A file of format 4 whose checksum line is gone (hand edit, or a format-4 writer from before the checksum):
      // still clean, still laid out as written, so a read stamps it.
      (text) => text.replace(/\n {2}"historyCheck": "[^"]*",/, ''),
    );
    await change((p) => setStatus(p, PACK, [step(2)], 'done', new Date(END + 60_000)));
    // The whole side keeps 3 grades; the lazy side wrote each card's log into its record as well as the history.
    expect(gradesIn(readWhole('whole').progress)).toBe(3);
    // Read whole (no stamp: a cleared cache, another machine), the lazy side's file has every grade twice (6).
    expect(gradesIn(readWhole('lazy').progress)).toBe(3);
    const head = file('lazy').slice(0, file('lazy').indexOf('"reviewHistory"'));
    expect(head).not.toMatch(/"log":/);
  });

  it('sessions without "uid" (as a restore of a format 1/2 backup writes them): a change writes what a whole read writes', async () => {
    const { change, file } = await pair(progressWith([session(1), session(2)]), (text) => text.replace(/,"uid":"[^"]*"/g, ''));
    expect(file('lazy')).not.toContain('"uid"');
    await change((p) => setStatus(p, PACK, [step(2)], 'done', new Date(END + 60_000)));
    expect(file('whole')).toContain('"uid"');
    expect(file('lazy')).toBe(file('whole'));
  });

  it('a session without a uid beside one whose unknown field holds a "uid" key: a change writes what a whole read writes', async () => {
    const { change, file } = await pair(progressWith([session(1), session(2, { extra: { uid: 'q' } })]), (text) =>
      text.replace(/(\{"id":1,[^\n]*),"uid":"[^"]*"\}/, '$1}'),
    );
    expect(file('lazy').split('"uid":"s').length).toBe(2);
    await change((p) => setStatus(p, PACK, [step(2)], 'done', new Date(END + 60_000)));
    expect(file('lazy')).toBe(file('whole'));
  });

  it('a session tombstone beside the same session (edited by hand, still clean): a change clears it as a whole read does, so a merge keeps the session', async () => {
    const { change, file, readWhole } = await pair(progressWith([session(1, { uid: 'sAAAA' }), session(2, { uid: 'sBBBB' })]), (text) =>
      text.replace(
        '\n      "studyLog": [\n',
        '\n      "deleted": {\n        "session:sAAAA": "2026-06-01T00:00:00.000Z"\n      },\n      "studyLog": [\n',
      ),
    );
    expect(file('lazy')).toContain('"session:sAAAA"');
    await change((p) => setStatus(p, PACK, [step(2)], 'done', new Date(END + 60_000)));
    expect(file('whole')).not.toContain('"session:sAAAA"');
    // Another machine's copy (or an export) merged in: the tombstone removes the session for good.
    const scheduler = {} as Scheduler;
    const merged = (side: 'lazy' | 'whole') => {
      const mine = readWhole(side).progress;
      return mergeProgress(mine, mine, new Date(END + 120_000), scheduler).progress;
    };
    expect((packProgress(merged('whole'), PACK).studyLog as unknown[]).length).toBe(2);
    expect((packProgress(merged('lazy'), PACK).studyLog as unknown[]).length).toBe(2);
  });
});

describe('a reset or a restore through a lazy read', () => {
  const at = '2026-11-01T00:00:00.000Z';
  const twoPacks = {
    version: 3,
    packs: {
      [PACK]: {
        steps: { [step(0)]: { status: 'done', updatedAt: at, completedAt: at } },
        reviews: { [cards[0] as string]: { log: [{ at, grade: 'good' }] } },
      },
      other: { steps: { a: { status: 'doing', updatedAt: at } } },
    },
  };
  /** The backups a reset, then a restore, of the pack without reviews leave, read lazily or whole. */
  async function backups(lazy: boolean): Promise<string[]> {
    const dir = folder();
    const caches = folder('caches');
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(twoPacks));
    useVerifiedStamps(lazy ? caches : undefined);
    const store = createFileStore(dir);
    // Written as format 4 (and stamped, when lazy): the next read copies the history as it is.
    await store.update((p) => setStatus(p, PACK, [step(1)], 'doing', new Date(END)));
    store.read();
    await store.reset((old) => ({ ...old, packs: { [PACK]: old.packs[PACK] as Progress['packs'][string] } }), 'other');
    const [first] = readdirSync(dir).filter((name) => name.includes('.bak-'));
    await store.restore(join(dir, first as string), 'other');
    expect(logsOf(dir)).toEqual({ [cards[0] as string]: 1 });
    return readdirSync(dir)
      .filter((name) => name.includes('.bak-'))
      .map((name) => name.replace(/^.*Z\./, ''));
  }
  /** How many grades each card has in the file, read whole. */
  const logsOf = (dir: string) => {
    const found = examineProgressBytes(readFileSync(join(dir, 'progress.json')));
    if ('problem' in found) throw new Error(found.problem);
    return Object.fromEntries(
      Object.entries(reviewsOf(packProgress(found.progress, PACK))).map(([id, record]) => [id, (record.log as LogEntry[]).length]),
    );
  };

  it('keeps one backup of each, as a whole read does (a backup’s link once made the history seem changed, and a second backup)', async () => {
    const whole = await backups(false);
    const lazy = await backups(true);
    expect(whole).toHaveLength(2);
    expect(lazy).toEqual(whole);
  });
});
