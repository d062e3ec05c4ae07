import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  cutSections,
  gradesBetween,
  HISTORY_MARKER,
  type LogEntry,
  logCount,
  recallCount,
  reviewDaysOf,
  reviewDayTimes,
  summarizeLog,
  unreadSection,
} from '../../src/progress/history.js';
import { mergeProgress } from '../../src/progress/merge.js';
import {
  addNote,
  emptyProgress,
  notesOf,
  PROGRESS_VERSION,
  type Progress,
  packProgress,
  type Status,
  setStatus,
} from '../../src/progress/model.js';
import { readinessReport } from '../../src/progress/readiness.js';
import { GRADES, recordGrade, reviewStats, reviewsOf } from '../../src/progress/review.js';
import { statsReport } from '../../src/progress/stats.js';
import { createFileStore, createMemoryStore, examineProgressBytes, useVerifiedStamps } from '../../src/progress/store.js';
import { addSession, deleteSession, studyStats } from '../../src/progress/studylog.js';
import { exportJson, parseImport, replacePack } from '../../src/progress/transfer.js';
import { shippedRoadmap } from '../helpers.js';
import { DAY, END, entry, nextDayScheduler, tempFolders } from './support.js';

const roadmap = await shippedRoadmap();
const PACK = roadmap.id;
const folder = tempFolders('history');

const cards = roadmap.cards.slice(0, 40).map((card) => card.id);

/** Logs of random grades at random times in the year before END, some cards never graded. */
const logsArb = fc.dictionary(
  fc.constantFrom(...cards),
  fc.array(
    fc.record({
      at: fc.integer({ min: END - 365 * DAY, max: END }).map((ms) => new Date(ms).toISOString()),
      grade: fc.constantFrom(...GRADES),
    }),
    { maxLength: 12 },
  ),
  { maxKeys: 12 },
);

/** Progress of format 3 (or 1, 2: the same keys less some) with those logs, a schedule on each graded card. */
function progressWith(logs: Record<string, LogEntry[]>, version = 3): Progress {
  const reviews = Object.fromEntries(
    Object.entries(logs).map(([card, log], i) => {
      const last = log.at(-1)?.at;
      const schedule = last
        ? {
            due: new Date(Date.parse(last) + (i + 1) * DAY).toISOString(),
            state: 'review' as const,
            stability: 10 + i,
            difficulty: 5,
            scheduledDays: i + 1,
            learningSteps: 0,
            reps: log.length,
            lapses: 0,
            lastReview: last,
          }
        : undefined;
      return [card, { ...(log.length === 0 ? { added: new Date(END - DAY).toISOString() } : {}), log, ...(schedule ? { schedule } : {}) }];
    }),
  );
  const steps = {
    [roadmap.steps[0]?.id as string]: {
      status: 'done' as const,
      updatedAt: '2026-01-01T00:00:00.000Z',
      completedAt: '2026-01-01T00:00:00.000Z',
    },
  };
  const studyLog = [{ id: 1, date: '2026-11-29', minutes: 30, at: '2026-11-29T10:00:00.000Z' }];
  return { version, packs: { [PACK]: { steps, reviews, studyLog, settings: { newCardsPerDay: 10 } } } };
}

/** What the print commands show of a pack, from its logs or its summaries alike. */
function counts(progress: Progress, now: Date) {
  const pack = packProgress(progress, PACK);
  return {
    review: reviewStats(roadmap, pack, now),
    study: studyStats(pack, now),
    ready: readinessReport(roadmap, pack),
    perCard: Object.fromEntries(Object.entries(pack.reviews ?? {}).map(([id, record]) => [id, [logCount(record), recallCount(record)]])),
  };
}

/** Whether a card's log in this progress is still unread (a lazy property the store made). */
const unread = (progress: Progress) =>
  Object.values((packProgress(progress, PACK).reviews ?? {}) as Record<string, object>).every(
    (record) => typeof Object.getOwnPropertyDescriptor(record, 'log')?.get === 'function',
  );

describe('the summaries answer as the logs do', () => {
  it('grades in any window, first grades, counts and recall: from a summary exactly as from the log', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.integer({ min: END - 30 * DAY, max: END }).map((ms) => new Date(ms).toISOString()),
            grade: fc.constantFrom(...GRADES),
          }),
          { maxLength: 20 },
        ),
        fc.integer({ min: END - 3 * DAY, max: END + 3 * DAY }),
        fc.integer({ min: 1, max: 26 * 3_600_000 }),
        (log, from, length) => {
          const summary = summarizeLog(log);
          // The summary's `recent` holds whatever a window starting after last - RECENT_MS can see.
          const last = Math.max(...log.map((entry) => Date.parse(entry.at)));
          const window = gradesBetween({ log }, from, from + length);
          const inWindow = log.filter((entry) => Date.parse(entry.at) >= from && Date.parse(entry.at) < from + length).length;
          expect(window.count).toBe(inWindow);
          if (log.length > 0 && from >= last - 2 * DAY) {
            expect((summary.recent ?? []).filter((e) => Date.parse(e.at) >= from && Date.parse(e.at) < from + length).length).toBe(
              inWindow,
            );
          }
          expect(summary.count).toBe(log.length);
          expect(summary.recalled).toBe(log.slice(1).filter((entry) => entry.grade !== 'again').length);
        },
      ),
    );
  });

  it('the days with a review, in every time-zone offset, are those of each half day’s first and last grade', () => {
    fc.assert(
      fc.property(logsArb, fc.integer({ min: -48, max: 56 }), (logs, quarters) => {
        const offset = quarters * 15 * 60_000;
        const day = (ms: number) => Math.floor((ms + offset) / DAY);
        const all = new Set(Object.values(logs).flatMap((log) => log.map((entry) => day(Date.parse(entry.at)))));
        const spans = reviewDaysOf(Object.values(logs));
        expect(new Set(spans.flat().map(day))).toEqual(all);
        expect(
          new Set(reviewDayTimes(Object.fromEntries(Object.entries(logs).map(([id, log]) => [id, { log }])))).size,
        ).toBeGreaterThanOrEqual(spans.length > 0 ? 1 : 0);
      }),
    );
  });
});

describe('format 4: the review history apart', () => {
  it('a file of format 1, 2, 3 or 4 is written as format 5 at its next change, losing nothing, and reads back the same with or without stamps', async () => {
    await fc.assert(
      fc.asyncProperty(logsArb, fc.constantFrom(1, 2, 3, 4), async (logs, version) => {
        const dir = folder();
        const old = progressWith(logs, version);
        writeFileSync(join(dir, 'progress.json'), `${JSON.stringify(old, null, 2)}\n`);
        const store = createFileStore(dir);
        await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
        const text = readFileSync(join(dir, 'progress.json'), 'utf8');
        const raw = JSON.parse(text);
        expect(raw.version).toBe(5);
        const graded = Object.values(logs).some((log) => log.length > 0);
        expect(text.includes(HISTORY_MARKER)).toBe(graded);
        // No card's record in the first part holds its log.
        for (const record of Object.values(raw.packs[PACK].reviews ?? {})) expect(record).not.toHaveProperty('log');
        const expected = (p: Progress) => packProgress(p, PACK).reviews;
        expect(JSON.parse(JSON.stringify(expected(store.read())))).toEqual(expected(old) ?? undefined);
        // Read lazily from a stamp (twice: the first read checks the file whole and stamps it).
        const caches = folder('caches');
        useVerifiedStamps(caches);
        const whole = store.read();
        const lazy = store.read();
        if (graded) expect(unread(lazy)).toBe(true);
        const now = new Date(END + 3_600_000);
        expect(counts(lazy, now)).toEqual(counts(whole, now));
        if (graded) expect(unread(lazy)).toBe(true);
        expect(JSON.parse(JSON.stringify(expected(lazy)))).toEqual(expected(old) ?? undefined);
        // The same JSON, key for key and in the same order, as sync's comparisons and exports see it.
        expect(JSON.stringify(lazy)).toBe(JSON.stringify(whole));
        useVerifiedStamps(undefined);
      }),
      { numRuns: 25 },
    );
  });

  it('a change that reads no log copies the history as it is; a grade rewrites it, its summaries with it', async () => {
    const dir = folder();
    const caches = folder('caches');
    useVerifiedStamps(caches);
    const logs = { [cards[0] as string]: [{ at: '2026-11-01T10:00:00.000Z', grade: 'good' as const }], [cards[1] as string]: [] };
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(progressWith(logs)));
    const store = createFileStore(dir);
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
    const historyOf = () => {
      const text = readFileSync(join(dir, 'progress.json'), 'utf8');
      return text.slice(text.indexOf(HISTORY_MARKER));
    };
    const before = historyOf();
    store.read();
    let seen: Progress | undefined;
    await store.update((p) => {
      seen = p;
      return setStatus(p, PACK, [roadmap.steps[2]?.id as string], 'doing', new Date(END));
    });
    expect(unread(seen as Progress)).toBe(true);
    expect(historyOf()).toBe(before);

    const at = new Date('2026-11-30T21:00:00.000Z');
    await store.update((p) => recordGrade(p, PACK, cards[1] as string, 'again', at, nextDayScheduler));
    // The save stamped what it wrote: the very next read parses the first part alone.
    const after = store.read();
    expect(unread(after)).toBe(true);
    expect(counts(after, at).review.reviewedToday).toBe(1);
    expect(reviewsOf(packProgress(after, PACK))[cards[1] as string]?.log).toEqual([{ at: at.toISOString(), grade: 'again' }]);
    expect(reviewsOf(packProgress(after, PACK))[cards[0] as string]?.log).toEqual(logs[cards[0] as string]);
  });

  it('stats, which reads the history, reports the same from a lazy read as from a whole one', async () => {
    const dir = folder();
    const logs = Object.fromEntries(
      cards.slice(0, 10).map((card, i) => [
        card,
        Array.from({ length: 5 }, (_, k) => ({
          at: new Date(END - (k * 7 + i) * DAY).toISOString(),
          grade: GRADES[(i + k) % 4] as LogEntry['grade'],
        })),
      ]),
    );
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(progressWith(logs)));
    const store = createFileStore(dir);
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
    const whole = store.read();
    useVerifiedStamps(folder('caches'));
    store.read();
    const lazy = store.read();
    expect(unread(lazy)).toBe(true);
    const now = new Date(END);
    expect(statsReport(roadmap, packProgress(lazy, PACK), now)).toEqual(statsReport(roadmap, packProgress(whole, PACK), now));
  });

  it('summaries that do not match the history (a file edited by hand) are never trusted: the file is read whole', async () => {
    const dir = folder();
    const caches = folder('caches');
    useVerifiedStamps(caches);
    const logs = { [cards[0] as string]: [{ at: '2026-11-30T10:00:00.000Z', grade: 'good' as const }] };
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(progressWith(logs)));
    const store = createFileStore(dir);
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
    const file = join(dir, 'progress.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"count":1', '"count":7'));
    store.read();
    const read = store.read();
    expect(unread(read)).toBe(false);
    expect(logCount(reviewsOf(packProgress(read, PACK))[cards[0] as string])).toBe(1);
  });

  it('a checksum edited by hand (every summary right) is worked out again at the next save, not copied on', async () => {
    const dir = folder();
    useVerifiedStamps(folder('caches'));
    const logs = { [cards[0] as string]: [{ at: '2026-11-30T10:00:00.000Z', grade: 'good' as const }] };
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(progressWith(logs)));
    const store = createFileStore(dir);
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
    const file = join(dir, 'progress.json');
    const good = /"historyCheck": "([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1];
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"historyCheck": "${good}"`, '"historyCheck": "00000000-1"'));
    store.read();
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[2]?.id as string], 'doing', new Date(END)));
    store.read();
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[3]?.id as string], 'doing', new Date(END)));
    expect(/"historyCheck": "([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1]).toBe(good);
  });

  it('a history edited by hand (the summaries left as they were) is counted from the logs, never from the stale summaries', async () => {
    const dir = folder();
    useVerifiedStamps(folder('caches'));
    const at = '2026-11-30T10:00:00.000Z';
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(progressWith({ [cards[0] as string]: [{ at, grade: 'good' }] })));
    const store = createFileStore(dir);
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
    const file = join(dir, 'progress.json');
    const text = readFileSync(file, 'utf8');
    const history = text.indexOf(HISTORY_MARKER);
    // A second grade in the history alone, of the same day.
    const edited = `${text.slice(0, history)}${text.slice(history).replace(`{"at":"${at}","grade":"good"}`, `{"at":"${at}","grade":"good"},{"at":"2026-11-30T11:00:00.000Z","grade":"again"}`)}`;
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    for (let read = 0; read < 2; read++) {
      const progress = store.read();
      expect(unread(progress)).toBe(false);
      expect(counts(progress, new Date(END)).review.reviewedToday).toBe(2);
      expect(logCount(reviewsOf(packProgress(progress, PACK))[cards[0] as string])).toBe(2);
    }
  });

  it('a file of format 5 from a newer mlroadmap’s point of view (format 6) is refused and left as it is', async () => {
    const dir = folder();
    const text = `${JSON.stringify({ ...emptyProgress(), version: 6, reviewHistory: {} })}\n`;
    writeFileSync(join(dir, 'progress.json'), text);
    const store = createFileStore(dir);
    expect(() => store.read()).toThrow(/format 6/);
    await expect(store.update((p) => p)).rejects.toThrow(/newer mlroadmap/);
    await expect(store.reset(() => undefined)).rejects.toThrow(/newer mlroadmap/);
    expect(readFileSync(join(dir, 'progress.json'), 'utf8')).toBe(text);
  });
});

/** A folder holding `logs` as a file of format 4, and a store on it that reads it lazily (stamped). */
async function lazyStore(logs: Record<string, LogEntry[]>) {
  const dir = folder();
  writeFileSync(join(dir, 'progress.json'), JSON.stringify(progressWith(logs)));
  const store = createFileStore(dir);
  await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
  useVerifiedStamps(folder('caches'));
  store.read();
  return { dir, store };
}

/** The file in `dir` read whole, as a fresh mlroadmap would, its logs by card. */
function logsInFile(dir: string): Record<string, LogEntry[]> {
  const found = examineProgressBytes(readFileSync(join(dir, 'progress.json')));
  if ('problem' in found) throw new Error(found.problem);
  return Object.fromEntries(Object.entries(reviewsOf(packProgress(found.progress, PACK))).map(([id, record]) => [id, record.log]));
}

describe('reads of a file that has not changed', () => {
  const logs = { [cards[0] as string]: [entry(30), entry(3, 'again')], [cards[1] as string]: [entry(1)] };
  const stepsOf = (progress: Progress) => packProgress(progress, PACK).steps;

  it('give what the last read gave, without reading the file again, until anything replaces the file', async () => {
    const { dir, store } = await lazyStore(logs);
    const first = store.read();
    // The same version of the file: the same progress, the file not read (a file that is no longer
    // JSON in place of one only a stat would miss, were it read).
    expect(store.read()).toBe(first);
    // Another mlroadmap saves: a new file in its place, which the next read reads.
    await createFileStore(dir).update((p) => setStatus(p, PACK, [roadmap.steps[2]?.id as string], 'done', new Date(END)));
    const second = store.read();
    expect(second).not.toBe(first);
    expect(stepsOf(second)?.[roadmap.steps[2]?.id as string]?.status).toBe('done');
    expect(store.read()).toBe(second);
    // This store's own change, the same.
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[2]?.id as string], 'todo', new Date(END)));
    const third = store.read();
    expect(stepsOf(third)?.[roadmap.steps[2]?.id as string]).toBeUndefined();
    // A file put in its place by hand (a restored copy): read, and refused when it is not progress.
    const path = join(dir, 'progress.json');
    writeFileSync(`${path}.new`, 'not json');
    renameSync(`${path}.new`, path);
    expect(() => store.read()).toThrow(/not valid JSON/);
  });

  it('an edit in place, the same length, is read: the version is in the file’s times too', async () => {
    const { dir, store } = await lazyStore(logs);
    const path = join(dir, 'progress.json');
    const first = store.read();
    const id = roadmap.steps[1]?.id as string;
    expect(stepsOf(first)?.[id]?.status).toBe('doing');
    // "doing" to "done " would not be JSON's; a date a second later is the same length.
    const text = readFileSync(path, 'utf8');
    await new Promise((done) => setTimeout(done, 20));
    writeFileSync(
      path,
      text.replace(`"updatedAt": "${new Date(END).toISOString()}"`, `"updatedAt": "${new Date(END + 1000).toISOString()}"`),
    );
    const second = store.read();
    expect(second).not.toBe(first);
    expect(stepsOf(second)?.[id]?.updatedAt).toBe(new Date(END + 1000).toISOString());
  });
});

describe('what reads the whole history gets all of it', () => {
  it('export then import into another machine: every log, from a lazy read', async () => {
    const logs = { [cards[0] as string]: [entry(30), entry(3, 'again')], [cards[1] as string]: [entry(1)], [cards[2] as string]: [] };
    const { store } = await lazyStore(logs);
    const lazy = store.read();
    expect(unread(lazy)).toBe(true);
    const text = JSON.stringify(exportJson(roadmap, lazy, new Date(END)));
    const parsed = parseImport(text, roadmap);
    if ('problem' in parsed) throw new Error(parsed.problem);
    const other = folder();
    await createFileStore(other).update((p) => replacePack(p, PACK, parsed.progress));
    expect(logsInFile(other)).toEqual(logs);
  });

  it('merging two machines (sync, import --merge) joins the histories card by card', async () => {
    const a = await lazyStore({ [cards[0] as string]: [entry(30), entry(2)], [cards[1] as string]: [entry(5)] });
    const b = await lazyStore({ [cards[0] as string]: [entry(30), entry(1, 'hard')], [cards[2] as string]: [entry(4, 'easy')] });
    const theirs = a.store.read();
    await b.store.update((current) => mergeProgress(current, theirs, new Date(END), nextDayScheduler).progress, { merged: true });
    expect(logsInFile(b.dir)).toEqual({
      [cards[0] as string]: [entry(30), entry(2), entry(1, 'hard')],
      [cards[1] as string]: [entry(5)],
      [cards[2] as string]: [entry(4, 'easy')],
    });
  });

  it('a log read after another mlroadmap replaced the file comes from the file as it is now: no saved grade is missed', async () => {
    const { dir, store } = await lazyStore({ [cards[0] as string]: [entry(3)] });
    const early = store.read();
    expect(unread(early)).toBe(true);
    // Another process grades the card meanwhile.
    await createFileStore(dir).update((p) => recordGrade(p, PACK, cards[0] as string, 'good', new Date(END), nextDayScheduler));
    expect(reviewsOf(packProgress(early, PACK))[cards[0] as string]?.log).toEqual([entry(3), entry(0)]);
  });

  it('a reset keeps the history in its backup, and a restore brings every log back', async () => {
    const logs = { [cards[0] as string]: [entry(9), entry(3, 'again')], [cards[1] as string]: [entry(1)] };
    const { dir, store } = await lazyStore(logs);
    const backup = await store.reset(() => undefined, PACK);
    expect(logsInFile(dir)).toEqual({});
    expect(reviewsOf(packProgress(store.readBackup(backup as string), PACK))[cards[0] as string]?.log).toEqual(logs[cards[0] as string]);
    await store.restore(backup as string, PACK);
    expect(logsInFile(dir)).toEqual(logs);
    store.read();
    const restored = store.read();
    expect(unread(restored)).toBe(true);
    expect(counts(restored, new Date(END))).toEqual(counts(progressWith(logs), new Date(END)));
  });
});

describe('nothing a file holds is dropped', () => {
  it('keys this version does not know, in a log entry, a record or the file, are kept through a save', async () => {
    const dir = folder();
    const old = progressWith({ [cards[0] as string]: [entry(2)] }) as Progress & Record<string, unknown>;
    const record = (reviewsOf(packProgress(old, PACK))[cards[0] as string] ?? {}) as unknown as Record<string, unknown>;
    record.flag = 'kept';
    (record.log as Record<string, unknown>[]).push({ ...entry(1), device: 'phone' });
    old.future = { kept: true };
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(old));
    const store = createFileStore(dir);
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
    for (const caches of [undefined, folder('caches')]) {
      useVerifiedStamps(caches);
      // Twice: the second save copies the history as the first wrote it.
      await store.update((p) => setStatus(p, PACK, [roadmap.steps[2]?.id as string], 'doing', new Date(END)));
      const found = examineProgressBytes(readFileSync(join(dir, 'progress.json')));
      if ('problem' in found) throw new Error(found.problem);
      const saved = reviewsOf(packProgress(found.progress, PACK))[cards[0] as string] as unknown as Record<string, unknown>;
      expect(saved.flag).toBe('kept');
      expect(saved.log).toEqual([entry(2), { ...entry(1), device: 'phone' }]);
      expect(found.progress.future).toEqual({ kept: true });
    }
  });
});

describe('the one-line layout of format 4', () => {
  it('a note that holds the very text the layout stands in with is written as it is, and another stand-in is drawn', async () => {
    const dir = folder();
    const store = createFileStore(dir);
    await store.update(() => progressWith({ [cards[0] as string]: [entry(2)] }, PROGRESS_VERSION));
    // Math.random as the save will draw it: the first stand-in is the one the note holds.
    const draws = [0.123, 0.456, 0.789, 0.321];
    const tag = `mlroadmap-line-${(0.123).toString(36).slice(2)}${(0.456).toString(36).slice(2)}-`;
    const random = Math.random;
    let i = 0;
    Math.random = () => draws[i++ % draws.length] as number;
    try {
      await store.update((p) => addNote(p, PACK, roadmap.steps[0]?.id as string, `${tag}0`, new Date(END)));
    } finally {
      Math.random = random;
    }
    expect(i).toBeGreaterThan(2);
    const text = readFileSync(join(dir, 'progress.json'), 'utf8');
    expect(text).toContain(`"text": "${tag}0"`);
    const found = examineProgressBytes(Buffer.from(text));
    if ('problem' in found) throw new Error(found.problem);
    const pack = packProgress(found.progress, PACK);
    expect(notesOf(pack, roadmap.steps[0]?.id as string).map((note) => note.text)).toEqual([`${tag}0`]);
    expect(logCount(reviewsOf(pack)[cards[0] as string] as never)).toBe(1);
  });
});

/** Whether a pack's section (its study log or its cards' records) is still text, not yet parsed. */
/** Whether the pack's section is still the file's text, nothing having looked into it (asked without reading the pack's property, which parses it). */
const sectionUnread = (progress: Progress, key: 'reviews' | 'studyLog') => unreadSection(progress.packs[PACK], key) !== undefined;

describe('a pack’s long sections are parsed when first read', () => {
  const logs = { [cards[0] as string]: [entry(30), entry(3, 'again')], [cards[1] as string]: [entry(1)], [cards[2] as string]: [] };

  it('a command that reads only the steps parses neither the study log nor the cards; read, both equal the whole read', async () => {
    const { dir, store } = await lazyStore(logs);
    const lazy = store.read();
    expect(sectionUnread(lazy, 'reviews')).toBe(true);
    expect(sectionUnread(lazy, 'studyLog')).toBe(true);
    expect(Object.keys(packProgress(lazy, PACK).steps)).toEqual([roadmap.steps[0]?.id, roadmap.steps[1]?.id]);
    expect(sectionUnread(lazy, 'reviews')).toBe(true);
    const found = examineProgressBytes(readFileSync(join(dir, 'progress.json')));
    if ('problem' in found) throw new Error(found.problem);
    expect(JSON.stringify(packProgress(lazy, PACK).studyLog)).toBe(JSON.stringify(packProgress(found.progress, PACK).studyLog));
    expect(sectionUnread(lazy, 'studyLog')).toBe(false);
    expect(sectionUnread(lazy, 'reviews')).toBe(true);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(found.progress));
    expect(counts(lazy, new Date(END))).toEqual(counts(found.progress, new Date(END)));
  });

  it('text in any script, in the sections and around them, reads as a whole read does and is written back byte for byte', async () => {
    const dir = folder();
    const progress = progressWith(logs);
    const pack = progress.packs[PACK] as Record<string, unknown>;
    const notes = ['naïve Bayes, résumé', '漢字と仮名', 'emoji 🧠🚀 and a surrogate pair', 'Ω≈ç√∫'];
    pack.studyLog = notes.map((note, i) => ({ id: i + 1, date: '2026-11-29', minutes: 30 + i, note, at: '2026-11-29T10:00:00.000Z' }));
    const first = roadmap.steps[0]?.id as string;
    // A note sits before the sections in the file, in the pack's first keys.
    pack.notes = { [first]: [{ id: 'n1', text: 'Ünïcödé before the sections: 学習 🎯', at: '2026-11-29T10:00:00.000Z' }] };
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(progress));
    const store = createFileStore(dir);
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
    useVerifiedStamps(folder('caches'));
    store.read();
    const file = join(dir, 'progress.json');
    const before = readFileSync(file);
    const whole = examineProgressBytes(before);
    if ('problem' in whole) throw new Error(whole.problem);
    // Cut from the bytes: each section is the text of the whole file decoded, where it stands.
    const head = before.subarray(0, before.indexOf(HISTORY_MARKER));
    const cut = cutSections(head);
    const headText = head.toString('utf8');
    // The study log, the cards, and the days and tally on their lines.
    expect([...(cut?.sections.values() ?? [])].map((section) => headText.includes(section.text))).toEqual([true, true, true, true]);
    expect(cut?.text).toContain('学習 🎯');
    const lazy = store.read();
    expect(sectionUnread(lazy, 'studyLog')).toBe(true);
    expect(packProgress(lazy, PACK).notes?.[first]?.[0]?.text).toBe('Ünïcödé before the sections: 学習 🎯');
    expect((packProgress(lazy, PACK).studyLog as { note?: string }[]).map((session) => session.note)).toEqual(notes);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(whole.progress));
    // A change to the steps from a fresh lazy read writes both sections back as the file held them.
    const fresh = createFileStore(dir);
    await fresh.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'todo', new Date(END)));
    const after = readFileSync(file, 'utf8');
    const sectionsOf = (text: string) => text.slice(text.indexOf('"studyLog"'), text.indexOf('"settings"'));
    expect(sectionsOf(after)).toBe(sectionsOf(before.toString('utf8')));
    expect(sectionsOf(after)).toContain('🧠🚀');
  });

  it('a change to the steps alone writes the sections and the history back as they were', async () => {
    const { dir, store } = await lazyStore(logs);
    const before = readFileSync(join(dir, 'progress.json'), 'utf8');
    // The study log, the cards' records and the history, as the file holds them.
    const cutOf = (text: string) => [
      text.slice(text.indexOf('"studyLog"'), text.indexOf('"settings"')),
      text.slice(text.indexOf(HISTORY_MARKER)),
    ];
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'todo', new Date(END)));
    const after = readFileSync(join(dir, 'progress.json'), 'utf8');
    expect(after).not.toBe(before);
    expect(cutOf(after)).toEqual(cutOf(before));
    expect(logsInFile(dir)).toEqual(logs);
  });

  it('a change that drops a pack unread drops its history too (nothing of the file’s is copied blindly)', async () => {
    const { dir, store } = await lazyStore(logs);
    await store.update((p) => ({ ...p, packs: { [PACK]: { steps: {} } } }));
    const text = readFileSync(join(dir, 'progress.json'), 'utf8');
    expect(text).not.toContain(HISTORY_MARKER);
    expect(logsInFile(dir)).toEqual({});
    const pack = packProgress(store.read(), PACK);
    expect(pack.reviews).toBeUndefined();
    expect(pack.studyLog).toBeUndefined();
  });

  it('a key elsewhere that looks like a section (a newer version’s, or written by hand) makes the file read whole, and kept', async () => {
    const { dir } = await lazyStore(logs);
    const file = join(dir, 'progress.json');
    const { historyCheck, reviewHistory, ...raw } = JSON.parse(readFileSync(file, 'utf8'));
    // At the depth of a pack's keys, laid out over lines as the store writes its own sections.
    const extra = { elsewhere: { reviews: { a: 1 }, studyLog: [1, 2], reviewDays: 5 } };
    writeFileSync(file, `${JSON.stringify({ ...raw, extra, historyCheck, reviewHistory }, null, 2)}\n`);
    const fresh = createFileStore(dir);
    fresh.read();
    await fresh.update((p) => setStatus(p, PACK, [roadmap.steps[2]?.id as string], 'doing', new Date(END)));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('\n      "reviews": {\n        "a": 1\n      },\n      "studyLog": [\n');
    const cut = cutSections(Buffer.from(text.slice(0, text.indexOf(HISTORY_MARKER))));
    // The pack's two sections and two lines (its days and tally), and the three that look like them.
    expect(cut?.sections.size).toBe(7);
    fresh.read();
    const read = fresh.read();
    expect(sectionUnread(read, 'reviews')).toBe(false);
    expect((read as unknown as { extra: unknown }).extra).toEqual(extra);
    expect(reviewsOf(packProgress(read, PACK))[cards[0] as string]?.log).toEqual(logs[cards[0] as string]);
    const found = examineProgressBytes(readFileSync(file));
    if ('problem' in found) throw new Error(found.problem);
    expect(JSON.stringify(read)).toBe(JSON.stringify(found.progress));
  });

  it('a key after the history (a file edited by hand) is never dropped, nor copied as history, by a later save', async () => {
    const { dir } = await lazyStore(logs);
    const file = join(dir, 'progress.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.extra = { kept: true };
    writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
    const fresh = createFileStore(dir);
    fresh.read();
    fresh.read();
    await fresh.update((p) => setStatus(p, PACK, [roadmap.steps[2]?.id as string], 'doing', new Date(END)));
    fresh.read();
    await fresh.update((p) => recordGrade(p, PACK, cards[2] as string, 'good', new Date(END), nextDayScheduler));
    fresh.read();
    const text = readFileSync(file, 'utf8');
    // Once, before the history: the file is in the store's layout again.
    expect(text.split('"extra"').length).toBe(2);
    expect(text.indexOf('"extra"')).toBeLessThan(text.indexOf(HISTORY_MARKER));
    expect((fresh.read() as unknown as { extra: unknown }).extra).toEqual({ kept: true });
    expect(logsInFile(dir)[cards[2] as string]).toEqual([{ at: new Date(END).toISOString(), grade: 'good' }]);
    expect(logsInFile(dir)[cards[0] as string]).toEqual(logs[cards[0] as string]);
  });

  it('a section laid out by hand so that its end cannot be found is read whole, and nothing is lost', async () => {
    const { dir } = await lazyStore(logs);
    const file = join(dir, 'progress.json');
    const text = readFileSync(file, 'utf8');
    // A study session over two lines, its second line indented as the pack's keys.
    const edited = text.replace(
      /\n {8}(\{"id":1,[^\n]*?)\}(,?)\n/,
      (_m, start: string, comma: string) => `\n        ${start},\n      "extra": [1]}${comma}\n`,
    );
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const fresh = createFileStore(dir);
    fresh.read();
    const lazy = fresh.read();
    expect((packProgress(lazy, PACK).studyLog as unknown[])[0]).toMatchObject({ id: 1, minutes: 30, extra: [1] });
    expect(reviewsOf(packProgress(lazy, PACK))[cards[0] as string]?.log).toEqual(logs[cards[0] as string]);
  });
});

describe('a change through a lazy read writes what a change through a whole read writes', () => {
  /** The changes a learner's commands make, some looking into a section first as a command may. */
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('status' as const),
      step: fc.nat(4),
      status: fc.constantFrom('done', 'doing', 'todo', 'skipped') as fc.Arbitrary<Status>,
    }),
    fc.record({ kind: fc.constant('note' as const), step: fc.nat(4), text: fc.string({ maxLength: 20 }) }),
    fc.record({
      kind: fc.constant('session' as const),
      minutes: fc.integer({ min: 1, max: 300 }),
      topic: fc.constantFrom(undefined, 'python-basics'),
    }),
    fc.record({ kind: fc.constant('unlog' as const), id: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('grade' as const), card: fc.nat(5), grade: fc.constantFrom(...GRADES) }),
    fc.record({ kind: fc.constant('setting' as const), perDay: fc.integer({ min: 0, max: 30 }) }),
    fc.record({ kind: fc.constant('drop' as const) }),
  );
  const apply = (p: Progress, o: typeof op extends fc.Arbitrary<infer T> ? T : never, now: Date, peek: number): Progress => {
    const pack = packProgress(p, PACK);
    // Looked into first, as a command that shows something before it changes it would.
    if (peek === 1) void Object.keys(pack.reviews ?? {}).length;
    if (peek === 2) void (Array.isArray(pack.studyLog) && pack.studyLog.length);
    switch (o.kind) {
      case 'status':
        return setStatus(p, PACK, [roadmap.steps[o.step]?.id as string], o.status, now);
      case 'note':
        return addNote(p, PACK, roadmap.steps[o.step]?.id as string, o.text, now);
      case 'session':
        return addSession(p, PACK, { date: '2026-11-30', minutes: o.minutes, ...(o.topic ? { topic: o.topic } : {}) }, now);
      case 'unlog':
        return deleteSession(p, PACK, o.id);
      case 'grade':
        return recordGrade(p, PACK, cards[o.card] as string, o.grade, now, nextDayScheduler);
      case 'setting':
        return { ...p, packs: { ...p.packs, [PACK]: { ...pack, settings: { ...(pack.settings ?? {}), newCardsPerDay: o.perDay } } } };
      case 'drop':
        return { ...p, packs: {} };
    }
  };

  it('byte for byte, whatever the changes and whatever they looked into', { timeout: 60_000 }, async () => {
    const logs = { [cards[0] as string]: [entry(30), entry(3, 'again')], [cards[1] as string]: [entry(1)], [cards[2] as string]: [] };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(op, fc.nat(2)), { minLength: 1, maxLength: 6 }), async (changes) => {
          vi.setSystemTime(END);
          const { dir: lazyDir, store: lazy } = await lazyStore(logs);
          const wholeDir = folder();
          writeFileSync(join(wholeDir, 'progress.json'), readFileSync(join(lazyDir, 'progress.json')));
          const stamps = folder('caches');
          const whole = createFileStore(wholeDir);
          for (const [n, [change, peek]] of changes.entries()) {
            const now = new Date(END + (n + 1) * 60_000);
            vi.setSystemTime(now);
            useVerifiedStamps(undefined);
            await whole.update((p) => apply(p, change, now, peek));
            useVerifiedStamps(stamps);
            await lazy.update((p) => apply(p, change, now, peek));
            expect(readFileSync(join(lazyDir, 'progress.json'), 'utf8')).toBe(readFileSync(join(wholeDir, 'progress.json'), 'utf8'));
            // The file written is one the next read trusts (its cards left unread), and that read gives
            // what the file holds: the next mlroadmap's (this store gives a read of a file it has not
            // seen change the progress it gave before, whatever was looked into since).
            const text = readFileSync(join(lazyDir, 'progress.json'), 'utf8');
            const found = examineProgressBytes(Buffer.from(text));
            if ('problem' in found) throw new Error(found.problem);
            const next = createFileStore(lazyDir).read();
            expect(JSON.stringify(lazy.read())).toBe(JSON.stringify(found.progress));
            if (text.includes('\n      "reviews": {\n')) expect(sectionUnread(next, 'reviews')).toBe(true);
            expect(JSON.stringify(next)).toBe(JSON.stringify(found.progress));
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a file laid out otherwise (edited by hand) is read whole until a save lays it out again: nothing in it is lost', () => {
  // Found by a red-team pass: each cut a read of the first part alone would have got wrong.
  const FILES: Record<string, string> = {
    'a section closed on its last entry’s line, another key after it':
      '{\n  "version": 4,\n  "packs": {\n    "ml-engineer": {\n      "steps": {\n        "python-and-math": {\n          "status": "done",\n          "updatedAt": "2026-11-01T00:00:00.000Z",\n          "completedAt": "2026-11-01T00:00:00.000Z"\n        }\n      },\n      "reviewDays": [[1793491200000,1793491200000]],\n      "reviews": {\n        "python-mutable-default-argument": {"logSummary":{"count":1,"first":"2026-11-01T00:00:00.000Z","last":"2026-11-01T00:00:00.000Z","recalled":0,"recent":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}},\n      "notes": {\n        "python-and-math": [\n          {"at": "2026-11-01T00:00:00.000Z", "text": "my precious note"}\n        ]\n      }\n    }\n  },\n  "reviewHistory": {"ml-engineer":{"python-mutable-default-argument":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}\n}\n',
    'a pack after a section closed on its last entry’s line':
      '{\n  "version": 4,\n  "packs": {\n    "ml-engineer": {\n      "steps": {\n        "python-and-math": {\n          "status": "done",\n          "updatedAt": "2026-11-01T00:00:00.000Z",\n          "completedAt": "2026-11-01T00:00:00.000Z"\n        }\n      },\n      "reviewDays": [[1793491200000,1793491200000]],\n      "reviews": {\n        "python-mutable-default-argument": {"logSummary":{"count":1,"first":"2026-11-01T00:00:00.000Z","last":"2026-11-01T00:00:00.000Z","recalled":0,"recent":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}}\n    },\n    "other-pack": {\n      "steps": {\n        "s1": {\n          "status": "done",\n          "updatedAt": "2026-11-01T00:00:00.000Z",\n          "completedAt": "2026-11-01T00:00:00.000Z"\n        }\n      }\n    }\n  },\n  "reviewHistory": {"ml-engineer":{"python-mutable-default-argument":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}\n}\n',
    'a section that would swallow the next pack, whose history would be copied':
      '{\n  "version": 4,\n  "packs": {\n    "ml-engineer": {\n      "steps": {\n        "python-and-math": {\n          "status": "done",\n          "updatedAt": "2026-11-01T00:00:00.000Z",\n          "completedAt": "2026-11-01T00:00:00.000Z"\n        }\n      },\n      "reviewDays": [[1793491200000,1793491200000]],\n      "reviews": {\n        "python-mutable-default-argument": {"logSummary":{"count":1,"first":"2026-11-01T00:00:00.000Z","last":"2026-11-01T00:00:00.000Z","recalled":0,"recent":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}\n      },\n      "studyLog": [\n        {"id":1,"date":"2026-11-01","minutes":30,"at":"2026-11-01T00:00:00.000Z","uid":"sfb4352658f47cd16"}]\n    },\n    "other-pack": {\n      "steps": {"s1": {"status": "done", "updatedAt": "2026-11-01T00:00:00.000Z", "completedAt": "2026-11-01T00:00:00.000Z"}},\n      "reviewDays": [[1793491200000,1793491200000]],\n      "reviews": {"c9": {"logSummary":{"count":1,"first":"2026-11-01T00:00:00.000Z","last":"2026-11-01T00:00:00.000Z","recalled":0,"recent":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}},\n      "studyLog": [{"id":1,"date":"2026-11-01","minutes":45,"at":"2026-11-01T00:00:00.000Z","uid":"sfb4352658f47cd16"}\n      ]\n    }\n  },\n  "reviewHistory": {"ml-engineer":{"python-mutable-default-argument":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]},"other-pack":{"c9":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}\n}\n',
    'a key after the history, on its line':
      '{\n  "version": 4,\n  "packs": {\n    "ml-engineer": {\n      "steps": {\n        "python-and-math": {\n          "status": "done",\n          "updatedAt": "2026-11-01T00:00:00.000Z",\n          "completedAt": "2026-11-01T00:00:00.000Z"\n        }\n      },\n      "reviews": {\n        "python-mutable-default-argument": {"logSummary":{"count":1,"first":"2026-11-01T00:00:00.000Z","last":"2026-11-01T00:00:00.000Z","recalled":0,"recent":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}\n      },\n      "studyLog": [\n        {"id":1,"date":"2026-11-01","minutes":30,"at":"2026-11-01T00:00:00.000Z","uid":"sfb4352658f47cd16"}\n      ],\n      "settings": {\n        "newCardsPerDay": 10\n      },\n      "reviewDays": [[1793491200000,1793491200000]]\n    }\n  },\n  "reviewHistory": {"ml-engineer":{"python-mutable-default-argument":[{"at":"2026-11-01T00:00:00.000Z","grade":"good"}]}}, "extra": {"kept": true}\n}\n',
  };
  it.each(Object.keys(FILES))('%s', async (name) => {
    const dir = folder();
    const file = join(dir, 'progress.json');
    writeFileSync(file, FILES[name] as string);
    const before = examineProgressBytes(readFileSync(file));
    if ('problem' in before) throw new Error(before.problem);
    useVerifiedStamps(folder('caches'));
    const store = createFileStore(dir);
    // Read twice (a first read stamps a file it may), then reading any log or section: the same as a whole read.
    store.read();
    const read = store.read();
    expect(JSON.stringify(read)).toBe(JSON.stringify(before.progress));
    await store.update((p) => setStatus(p, PACK, [roadmap.steps[2]?.id as string], 'doing', new Date(END)));
    const text = readFileSync(file, 'utf8');
    const after = examineProgressBytes(Buffer.from(text));
    if ('problem' in after) throw new Error(after.problem);
    // Everything the file held is still there, once, and only the change changed.
    const expected = setStatus(before.progress, PACK, [roadmap.steps[2]?.id as string], 'doing', new Date(END));
    // Less what a save adds of its own: change times, tombstones and the ids of notes (format 3).
    const keysOf = (p: Progress) =>
      JSON.stringify(p, (key, value: unknown) =>
        key === 'stamps' || key === 'deleted' || (key === 'id' && typeof value === 'string' && /^n[0-9a-f]{16}$/.test(value))
          ? undefined
          : value,
      );
    expect(JSON.parse(keysOf(after.progress))).toEqual(JSON.parse(keysOf(expected)));
    // Once in the first part (a pack's logs are in the history too).
    const first = text.includes(HISTORY_MARKER) ? text.slice(0, text.indexOf(HISTORY_MARKER)) : text;
    for (const marker of ['my precious note', '"other-pack"', '"kept"'])
      if ((FILES[name] as string).includes(marker)) expect(first.split(marker).length, marker).toBe(2);
    store.read();
    expect(JSON.stringify(store.read())).toBe(JSON.stringify(after.progress));
  });
});

describe('a file whose whitespace was edited by hand', () => {
  /** Where whitespace may go or come in JSON text: runs of it outside strings, and the places after , [ { : */
  function gaps(text: string): { runs: [number, number][]; after: number[] } {
    const runs: [number, number][] = [];
    const after: number[] = [];
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === ' ' || c === '\n') {
        let j = i;
        while (text[j] === ' ' || text[j] === '\n') j++;
        runs.push([i, j]);
        i = j - 1;
      } else if (c === ',' || c === '[' || c === '{' || c === ':') after.push(i + 1);
    }
    return { runs, after };
  }

  it('reads as it does whole, and a save keeps all it holds, whatever was moved (a red-team fuzz)', { timeout: 60_000 }, async () => {
    // Two packs of every kind of section, a note that holds what a section's end looks like, and a key of a newer version.
    const packOf = (n: number) => ({
      steps: {
        [roadmap.steps[0]?.id as string]: {
          status: 'done',
          updatedAt: '2026-11-01T00:00:00.000Z',
          completedAt: '2026-11-01T00:00:00.000Z',
        },
      },
      reviews: {
        [cards[0] as string]: { log: [entry(30)] },
        [cards[1] as string]: { added: '2026-11-01T00:00:00.000Z', log: [] },
        [cards[2] as string]: { log: [entry(20, 'again'), entry(2, 'easy')] },
      },
      studyLog: [
        { id: 1, date: '2026-11-01', minutes: 30 + n, at: '2026-11-01T00:00:00.000Z', note: 'x\n      ]\n      },' },
        { id: 2, date: '2026-11-02', minutes: 5, at: '2026-11-02T00:00:00.000Z' },
      ],
      notes: { [roadmap.steps[0]?.id as string]: [{ at: '2026-11-01T00:00:00.000Z', text: `note ${n}` }] },
      settings: { newCardsPerDay: 10 },
      extra: [1, [2, { a: [] }]],
    });
    const seed = folder();
    writeFileSync(join(seed, 'progress.json'), JSON.stringify({ version: 3, packs: { [PACK]: packOf(0), 'other-pack': packOf(1) } }));
    await createFileStore(seed).update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
    const text = readFileSync(join(seed, 'progress.json'), 'utf8');
    const { runs, after } = gaps(text.slice(0, text.indexOf(HISTORY_MARKER)));
    const edit = fc.array(
      fc.oneof(fc.record({ drop: fc.nat(runs.length - 1) }), fc.record({ at: fc.nat(after.length - 1), indent: fc.constantFrom(4, 6, 8) })),
      { minLength: 1, maxLength: 3 },
    );
    const change = (p: Progress) => setStatus(p, 'other-pack', ['s9'], 'doing', new Date(END));
    await fc.assert(
      fc.asyncProperty(edit, async (edits) => {
        const ops = edits
          .map((e) =>
            'drop' in e
              ? {
                  at: (runs[e.drop] as [number, number])[0],
                  length: (runs[e.drop] as [number, number])[1] - (runs[e.drop] as [number, number])[0],
                  put: '',
                }
              : { at: after[e.at] as number, length: 0, put: `\n${' '.repeat(e.indent)}` },
          )
          .sort((a, b) => b.at - a.at);
        let edited = text;
        let last = Number.POSITIVE_INFINITY;
        for (const op of ops) {
          if (op.at + op.length > last) continue;
          edited = edited.slice(0, op.at) + op.put + edited.slice(op.at + op.length);
          last = op.at;
        }
        const dir = folder();
        writeFileSync(join(dir, 'progress.json'), edited);
        const whole = examineProgressBytes(Buffer.from(edited));
        if ('problem' in whole) throw new Error(whole.problem);
        useVerifiedStamps(folder('caches'));
        try {
          const store = createFileStore(dir);
          store.read();
          expect(JSON.stringify(store.read())).toBe(JSON.stringify(whole.progress));
          const memory = createMemoryStore(whole.progress);
          await memory.update(change);
          await store.update(change);
          const saved = examineProgressBytes(readFileSync(join(dir, 'progress.json')));
          if ('problem' in saved) throw new Error(saved.problem);
          expect(JSON.stringify(saved.progress)).toBe(JSON.stringify(memory.current));
        } finally {
          useVerifiedStamps(undefined);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('a streak from a lazy read', () => {
  it('comes from the days the file keeps, without parsing the cards’ records, and equals the whole read’s', async () => {
    const logs = {
      [cards[0] as string]: [entry(30), entry(3, 'again'), entry(2)],
      [cards[1] as string]: [entry(1), entry(0)],
      [cards[2] as string]: [],
    };
    const { dir, store } = await lazyStore(logs);
    const lazy = store.read();
    const found = examineProgressBytes(readFileSync(join(dir, 'progress.json')));
    if ('problem' in found) throw new Error(found.problem);
    for (const now of [new Date(END), new Date(END + DAY), new Date(END + 5 * DAY)]) {
      expect(studyStats(packProgress(lazy, PACK), now)).toEqual(studyStats(packProgress(found.progress, PACK), now));
    }
    expect(sectionUnread(lazy, 'reviews')).toBe(true);
    // Once the cards are read, from them, the same.
    expect(Object.keys(packProgress(lazy, PACK).reviews ?? {})).toHaveLength(3);
    expect(sectionUnread(lazy, 'reviews')).toBe(false);
    expect(studyStats(packProgress(lazy, PACK), new Date(END))).toEqual(studyStats(packProgress(found.progress, PACK), new Date(END)));
  });
});
