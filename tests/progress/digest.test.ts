// The digests of a pack's study log and cards (digest.ts): what the counting commands read instead of
// a year of sessions and records, kept in the cache folder for the version of the file they came from.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bySessionDate, cardsDigestOf, digestCards, digestStudy, LOG_LISTED, studyDigestOf } from '../../src/progress/digest.js';
import { type LogEntry, reviewTallyOf } from '../../src/progress/history.js';
import { type PackProgress, type Progress, packProgress, setStatus } from '../../src/progress/model.js';
import { type ReviewRecord, reviewStats } from '../../src/progress/review.js';
import { statsReport } from '../../src/progress/stats.js';
import { createFileStore, useVerifiedStamps } from '../../src/progress/store.js';
import { type StudySession, sessionsOf, studyStats } from '../../src/progress/studylog.js';
import { zoneKey } from '../../src/progress/zone.js';
import { inZone, shippedRoadmap } from '../helpers.js';
import { DAY, END, entry, tempFolders } from './support.js';

const roadmap = await shippedRoadmap();
const PACK = roadmap.id;
const folder = tempFolders('digest');
const NOW = new Date(END + 3_600_000);

function record(log: LogEntry[], dueInDays: number, state: 'review' | 'learning' = 'review'): ReviewRecord {
  const last = log.at(-1)?.at as string;
  return {
    log,
    schedule: {
      due: new Date(Date.parse(last) + dueInDays * DAY).toISOString(),
      state,
      stability: 3 + log.length,
      difficulty: 5,
      scheduledDays: dueInDays,
      learningSteps: 0,
      reps: log.length,
      lapses: 0,
      lastReview: last,
    },
  };
}

/** Sessions over `count` days before END, two on some days, numbered out of date order now and then. */
function sessions(count: number): StudySession[] {
  const list: StudySession[] = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(END - (count - i) * DAY).toISOString().slice(0, 10);
    list.push({
      id: i + 1,
      date,
      minutes: 20 + (i % 7) * 5,
      topic: i % 3 === 0 ? 'python-basics' : 'linear-algebra',
      at: `${date}T18:00:00.000Z`,
    });
    if (i % 10 === 0) list.push({ id: count + i + 1, date, minutes: 15, note: `extra ${i}`, at: `${date}T21:00:00.000Z` });
  }
  // A session logged late for an early day: listed by its date, not where it stands in the log.
  list.push({ id: 9_000, date: list[2]?.date as string, minutes: 45, at: new Date(END).toISOString() });
  return list;
}

function yearish(): Progress {
  const cards = roadmap.cards.slice(0, 40).map((card) => card.id);
  const reviews: Record<string, ReviewRecord> = {};
  cards.forEach((id, i) => {
    const log = [entry(200 - i), entry(100 - i, i % 4 === 0 ? 'again' : 'good'), entry(i % 5, i % 6 === 0 ? 'again' : 'good')];
    reviews[id] = record(log, i % 9, i % 7 === 0 ? 'learning' : 'review');
  });
  const steps = { [roadmap.steps[0]?.id as string]: { status: 'doing' as const, updatedAt: new Date(END - 300 * DAY).toISOString() } };
  return { version: 5, packs: { [PACK]: { steps, reviews, studyLog: sessions(200) } } };
}

/** Bytes this thread has read through system calls so far (Linux). */
function bytesRead(): number {
  const io = readFileSync(existsSync('/proc/thread-self/io') ? '/proc/thread-self/io' : '/proc/self/io', 'utf8');
  return Number(/^rchar: (\d+)$/m.exec(io)?.[1]);
}

/** A store over `dir` that trusts checked files, as the CLI's is with a cache folder. */
function storeWith(dir: string, caches: string) {
  useVerifiedStamps(caches);
  return createFileStore(dir);
}

/**
 * `yearish()` saved in a new folder through a store that trusts checked files (so stamped), with the
 * folder of its caches and what the counting commands report of it.
 */
async function savedYear() {
  const dir = folder();
  const caches = folder('digest-caches');
  const progress = yearish();
  const saved = await storeWith(dir, caches).update(() => progress);
  return { dir, caches, progress, saved, expected: report(packProgress(progress, PACK)) };
}

/** What the counting commands report of a pack, in one object. */
function report(pack: PackProgress) {
  return { study: studyStats(pack, NOW), review: reviewStats(roadmap, pack, NOW), stats: statsReport(roadmap, pack, NOW) };
}

describe('digests of the study log and the cards', () => {
  it('sum the log as the commands did, and keep its last sessions in the order log lists them', () => {
    const log = sessions(60);
    const digest = digestStudy(log);
    expect(digest.sessions).toBe(log.length);
    expect(digest.minutes).toBe(log.reduce((sum, s) => sum + s.minutes, 0));
    expect(digest.latest).toEqual([...log].sort(bySessionDate).slice(-LOG_LISTED));
    expect(digest.latest).toHaveLength(LOG_LISTED);
    // A log already in that order (as nearly every log is) gives the same, as does a short one.
    const ordered = [...log].sort(bySessionDate);
    expect(digestStudy(ordered).latest).toEqual(digest.latest);
    expect(digestStudy(ordered.slice(0, 5)).latest).toEqual(ordered.slice(0, 5));
    expect(digestStudy([]).latest).toEqual([]);
    const byDay = new Map<string, number>();
    for (const s of log) byDay.set(s.date, (byDay.get(s.date) ?? 0) + s.minutes);
    expect(digest.days).toEqual([...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(Object.fromEntries(digest.topics)).toEqual({
      'python-basics': log.filter((s) => s.topic === 'python-basics').reduce((sum, s) => sum + s.minutes, 0),
      'linear-algebra': log.filter((s) => s.topic === 'linear-algebra').reduce((sum, s) => sum + s.minutes, 0),
    });
  });

  it('hold every grade from two days before the latest, and each card first graded since', () => {
    const reviews = {
      a: record([entry(10), entry(1), entry(0)], 2),
      b: record([entry(2.5), entry(1.5)], 1),
      c: { log: [] },
      d: record([entry(1.9)], 1, 'learning'),
    } as Record<string, ReviewRecord>;
    const digest = digestCards(reviews);
    expect(digest.from).toBe(END - 2 * DAY);
    expect(digest.recent).toEqual([
      ['a', END - DAY],
      ['a', END],
      ['b', END - 1.5 * DAY],
      ['d', END - 1.9 * DAY],
    ]);
    expect(digest.firsts).toEqual([['d', END - 1.9 * DAY]]);
    expect(digest.cards.map((card) => [card[0], card[2], card[4], card[5]])).toEqual([
      ['a', 'review', 2, 2],
      ['b', 'review', 1, 1],
      ['c', null, 0, 0],
      ['d', 'learning', 0, 0],
    ]);
    expect(digestCards({ c: { log: [] } } as unknown as Record<string, ReviewRecord>)).toEqual({
      cards: [['c', null, null, null, 0, 0]],
      from: null,
      recent: [],
      firsts: [],
    });
  });

  it('count a day from the cards themselves when it began before the digest reaches (a clock set back)', () => {
    // Graded three days ahead of "now" (a clock set back since) and at "now": the digest reaches back
    // to a day after now, so today's grade is not in it and must be counted from the card.
    const ahead = new Date(NOW.getTime() + 3 * DAY).toISOString();
    const log: LogEntry[] = [
      { at: NOW.toISOString(), grade: 'good' },
      { at: ahead, grade: 'good' },
    ];
    const pack = { steps: {}, reviews: { [roadmap.cards[0]?.id as string]: record(log, 1) } } as PackProgress;
    expect(cardsDigestOf(pack).from).toBe(Date.parse(ahead) - 2 * DAY);
    const stats = reviewStats(roadmap, pack, NOW);
    expect(stats.reviewedToday).toBe(1);
    expect(stats.cardsReviewedToday).toBe(1);
  });

  it('are kept for the version of the file they came from, and used only for it', async () => {
    const { dir, caches, progress, saved, expected } = await savedYear();

    // The first read after the save works the digests out and keeps them; the next reads use them.
    const first = report(packProgress(storeWith(dir, caches).read(), PACK));
    expect(first).toEqual(expected);
    expect(
      readdirSync(caches)
        .filter((name) => name.startsWith('progress-digests'))
        .sort(),
    ).toEqual(['progress-digests.reviewTally', 'progress-digests.reviews', 'progress-digests.studyLog']);
    expect(report(packProgress(storeWith(dir, caches).read(), PACK))).toEqual(expected);
    expect(JSON.parse(JSON.stringify(storeWith(dir, caches).read()))).toEqual(JSON.parse(JSON.stringify(saved)));

    // What is kept is what is read: a digest changed in the cache folder shows (so the reads above
    // did not parse the log), ...
    const studyFile = join(caches, 'progress-digests.studyLog');
    const kept = readFileSync(studyFile, 'utf8');
    const total = studyDigestOf(packProgress(progress, PACK)).minutes;
    writeFileSync(studyFile, kept.replace(`"minutes":${total},`, `"minutes":${total + 600},`));
    expect(studyStats(packProgress(storeWith(dir, caches).read(), PACK), NOW).studyHours).toBe(expected.study.studyHours + 10);

    // ... one damaged or of another shape is worked out again (and kept again), ...
    for (const damaged of [
      kept.slice(0, -20),
      kept.replace('"sessions":', '"sessions":"x",'),
      kept.replace(/"latest":\[.*\]/, '"latest":7'),
    ]) {
      writeFileSync(studyFile, damaged);
      expect(report(packProgress(storeWith(dir, caches).read(), PACK))).toEqual(expected);
      expect(readFileSync(studyFile, 'utf8')).toBe(kept);
    }

    // ... and one of another version of the file is not used: after a change, the change counts.
    writeFileSync(studyFile, kept.replace(`"minutes":${total},`, `"minutes":${total + 600},`));
    const logged = await storeWith(dir, caches).update((current) => {
      const pack = packProgress(current, PACK);
      const studyLog = [
        ...(pack.studyLog as StudySession[]),
        { id: 500, date: '2026-11-30', minutes: 90, at: new Date(END).toISOString() },
      ];
      return { ...current, packs: { ...current.packs, [PACK]: { ...pack, studyLog } } };
    });
    const after = studyStats(packProgress(storeWith(dir, caches).read(), PACK), NOW);
    expect(after.studyHours).toBe(studyStats(packProgress(logged, PACK), NOW).studyHours);
    expect(after.sessions).toBe(expected.study.sessions + 1);
  });

  it('with the digests kept, a read of the checked file reads only the bytes between its sections', async () => {
    const { dir, caches, progress, expected } = await savedYear();
    // The first read stamps where the sections are, and keeps the digests.
    expect(report(packProgress(storeWith(dir, caches).read(), PACK))).toEqual(expected);
    const size = readFileSync(join(dir, 'progress.json')).length;
    const before = bytesRead();
    const read = storeWith(dir, caches).read();
    const progressJson = { study: studyStats(packProgress(read, PACK), NOW), review: reviewStats(roadmap, packProgress(read, PACK), NOW) };
    const spent = bytesRead() - before;
    expect(progressJson).toEqual({ study: expected.study, review: expected.review });
    // The stamp, the digests and the file's few kB around its sections (steps, settings, the tally
    // for the streak): not its study log, cards or history.
    expect(spent).toBeLessThan(size / 3);
    // A section read later comes from the same version of the file, though another replaced it since.
    const logged = sessionsOf(packProgress(progress, PACK)).length;
    await storeWith(dir, caches).update((current) => {
      const pack = packProgress(current, PACK);
      const studyLog = [...(pack.studyLog as StudySession[]), { id: 501, date: '2026-11-30', minutes: 5, at: new Date(END).toISOString() }];
      return { ...current, packs: { ...current.packs, [PACK]: { ...pack, studyLog } } };
    });
    expect((packProgress(read, PACK).studyLog as StudySession[]).length).toBe(logged);
    expect((packProgress(storeWith(dir, caches).read(), PACK).studyLog as StudySession[]).length).toBe(logged + 1);
  });

  it("keep whether the file's tally holds here, by zone, and check it again in another", async () => {
    const dir = folder();
    const caches = folder('digest-caches');
    await inZone('Europe/Paris', async () => {
      await storeWith(dir, caches).update(() => yearish());
      expect(reviewTallyOf(packProgress(storeWith(dir, caches).read(), PACK))).toBeDefined();
      expect(reviewTallyOf(packProgress(storeWith(dir, caches).read(), PACK))).toBeDefined();
    });
    const verdicts = join(caches, 'progress-digests.reviewTally');
    const kept = readFileSync(verdicts, 'utf8');
    expect(kept).toContain('"holds":true');
    expect(kept).toContain('Europe/Paris');
    // The verdict kept is the one used (the tally is not checked again in that zone) ...
    writeFileSync(verdicts, kept.replace('"holds":true', '"holds":false'));
    inZone('Europe/Paris', () => expect(reviewTallyOf(packProgress(storeWith(dir, caches).read(), PACK))).toBeUndefined());
    // ... and another zone's is not: there the tally, of Paris's days, does not hold, and that is kept.
    inZone('Pacific/Auckland', () => {
      expect(zoneKey()).not.toBe(inZone('Europe/Paris', zoneKey));
      expect(reviewTallyOf(packProgress(storeWith(dir, caches).read(), PACK))).toBeUndefined();
    });
    expect(readFileSync(verdicts, 'utf8')).toContain('Pacific/Auckland');
    writeFileSync(verdicts, kept);
    inZone('Europe/Paris', () => expect(reviewTallyOf(packProgress(storeWith(dir, caches).read(), PACK))).toBeDefined());
  });

  it('a change whose file is written in place after its read is made again on the file as it is', async () => {
    const { dir, caches } = await savedYear();
    // Read once, so the stamp says where the sections are and the next read leaves them in the file.
    storeWith(dir, caches).read();
    const file = join(dir, 'progress.json');
    const bytes = readFileSync(file);
    let calls = 0;
    const step = roadmap.steps[2]?.id as string;
    const saved = await storeWith(dir, caches).update((current) => {
      calls++;
      if (calls === 1) {
        // Another program rewrites the file in place (same bytes, a later mtime), after this change read it.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
        writeFileSync(file, bytes);
      }
      return setStatus(current, PACK, [step], 'doing', new Date(END));
    });
    expect(calls).toBe(2);
    const read = storeWith(dir, caches).read();
    expect(packProgress(read, PACK).steps?.[step]?.status).toBe('doing');
    expect(sessionsOf(packProgress(read, PACK))).toEqual(sessionsOf(packProgress(saved, PACK)));
    expect(sessionsOf(packProgress(read, PACK))).toHaveLength(sessions(200).length);
  });

  it('a damaged stamp whose cut swallows a key is not used, by a read nor by a change, and nothing is lost', async () => {
    const { dir, caches, progress, expected } = await savedYear();
    storeWith(dir, caches).read();
    const stampFile = join(caches, 'progress-verified');
    const stamp = readFileSync(stampFile, 'utf8');
    const [kept, listed] = stamp.split('\u0000cuts:') as [string, string];
    const cuts = listed.split(',').filter(Boolean);
    // The study log's cut stretched to the end of the cards' (a red-team pass found that the head then
    // parsed with no "reviews" key, and the next save dropped every card's record).
    const [studyFrom] = (cuts[0] as string).split('-');
    const [, cardsTo] = (cuts[1] as string).split('-');
    writeFileSync(stampFile, `${kept}\u0000cuts:${studyFrom}-${cardsTo},${cuts.slice(2).join(',')},`);
    expect(report(packProgress(storeWith(dir, caches).read(), PACK))).toEqual(expected);
    // And a change made after it keeps every card and session.
    writeFileSync(stampFile, `${kept}\u0000cuts:${studyFrom}-${cardsTo},${cuts.slice(2).join(',')},`);
    await storeWith(dir, caches).update((current) => setStatus(current, PACK, [roadmap.steps[3]?.id as string], 'doing', new Date(END)));
    useVerifiedStamps(undefined);
    const after = packProgress(createFileStore(dir).read(), PACK);
    expect(Object.keys(after.reviews ?? {}).sort()).toEqual(Object.keys(packProgress(progress, PACK).reviews ?? {}).sort());
    expect(sessionsOf(after)).toHaveLength(sessionsOf(packProgress(progress, PACK)).length);
  });

  it('a damaged digest is worked out again, never printed: a note of another type or with escape codes, a due time that is no time', async () => {
    const { dir, caches, saved, expected } = await savedYear();
    expect(report(packProgress(storeWith(dir, caches).read(), PACK))).toEqual(expected);
    const studyFile = join(caches, 'progress-digests.studyLog');
    const cardsFile = join(caches, 'progress-digests.reviews');
    const edit = (file: string, change: (digest: Record<string, unknown>) => void) => {
      const text = readFileSync(file, 'utf8');
      const at = text.lastIndexOf('\u0000') + 1;
      const all = JSON.parse(text.slice(at)) as Record<string, Record<string, unknown>>;
      change(all[PACK] as Record<string, unknown>);
      writeFileSync(file, `${text.slice(0, at)}${JSON.stringify(all)}`);
      return text;
    };
    const latest = (digest: Record<string, unknown>) => (digest.latest as Record<string, unknown>[]).at(-1) as Record<string, unknown>;
    for (const [file, change] of [
      [studyFile, (d: Record<string, unknown>) => Object.assign(latest(d), { note: { x: 1 } })],
      [studyFile, (d: Record<string, unknown>) => Object.assign(latest(d), { note: 'bold \u001b[1m text' })],
      [studyFile, (d: Record<string, unknown>) => Object.assign(latest(d), { topic: 7 })],
      [cardsFile, (d: Record<string, unknown>) => ((d.cards as unknown[][])[0] as unknown[]).splice(1, 2, 'garbage', 'review')],
      [cardsFile, (d: Record<string, unknown>) => ((d.cards as unknown[][])[0] as unknown[]).splice(2, 1, '\u001b[31m')],
    ] as const) {
      const before = edit(file, change);
      expect(report(packProgress(storeWith(dir, caches).read(), PACK))).toEqual(expected);
      expect(digestStudy(sessionsOf(packProgress(saved, PACK))).latest).toEqual(
        studyDigestOf(packProgress(storeWith(dir, caches).read(), PACK)).latest,
      );
      expect(readFileSync(file, 'utf8')).toBe(before);
    }
  });

  it('are not kept without a cache folder, and the counts are the same', async () => {
    const dir = folder();
    const progress = yearish();
    useVerifiedStamps(undefined);
    await createFileStore(dir).update(() => progress);
    expect(report(packProgress(createFileStore(dir).read(), PACK))).toEqual(report(packProgress(progress, PACK)));
  });
});
