// Hand edits a whole read still passes clean (and stamps), then random changes through the aliased
// store, lazily (stamped: sections left unread, history.ts) and whole (no stamps): what a fresh whole
// read of each file gives must be the same. A red-team fuzz; see lazy-saves.test.ts for the cases it found.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { aliasedStore } from '../../src/progress/aliases.js';
import { addNote, type Progress, packProgress, setStatus } from '../../src/progress/model.js';
import { GRADES, recordGrade } from '../../src/progress/review.js';
import { createFileStore, examineProgressBytes, useVerifiedStamps } from '../../src/progress/store.js';
import { addSession, deleteSession } from '../../src/progress/studylog.js';
import { shippedRoadmap } from '../helpers.js';
import { DAY, END, entry, nextDayScheduler, tempFolders } from './support.js';

const roadmap = await shippedRoadmap();
const PACK = roadmap.id;
const folder = tempFolders('lazy-fuzz');
const cards = roadmap.cards.slice(0, 5).map((card) => card.id);

function pack(second: boolean) {
  const reviews = {
    [cards[0] as string]: { log: [entry(30), entry(3, 'again')] },
    [cards[1] as string]: { log: [entry(1)] },
    [cards[2] as string]: { added: new Date(END - DAY).toISOString(), log: [] },
  };
  const studyLog = [1, 2, 3].map((id) => ({
    id,
    date: `2026-11-1${id}`,
    minutes: 30,
    topic: id === 2 ? 'portfolio-site' : 'python-basics',
    note: `session ${id}`,
    at: `2026-11-1${id}T10:00:00.000Z`,
  }));
  return { steps: {}, reviews, studyLog, ...(second ? { extra: { k: 1 } } : {}) };
}

const edits: Record<string, (t: string) => string> = {
  none: (t) => t,
  escapeU: (t) => t.replace('"note":"session 1"', '"note":"s\\u0065ssion 1"'),
  escapeSlash: (t) => t.replace('"note":"session 3"', '"note":"a\\/b"'),
  escapedTopic: (t) => t.replace('"topic":"portfolio-site"', '"topic":"portfolio\\u002dsite"'),
  spaces: (t) => t.replace(/\{"id":1,/g, '{ "id" : 1 ,'),
  unknownKey: (t) => t.replace(/"note":"session 2"/g, '"note":"session 2","later":{"x":[1,2]}'),
  noCheck: (t) => t.replace(/\n {2}"historyCheck": "[^"]*",/, ''),
  noUid: (t) => t.replace(/,"uid":"[^"]*"/, ''),
  tombstone: (t) => {
    const uid = /"uid":"([^"]*)"/.exec(t)?.[1];
    return uid
      ? t.replace(
          '\n      "studyLog": [\n',
          `\n      "deleted": {\n        "session:${uid}": "2026-06-01T00:00:00.000Z"\n      },\n      "studyLog": [\n`,
        )
      : t;
  },
  reorder: (t) => t.replace(/\{"id":(\d),"date":("[^"]*")/g, '{"date":$2,"id":$1'),
};

const op = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), step: fc.nat(3), status: fc.constantFrom('done', 'todo', 'doing') }),
  fc.record({ kind: fc.constant('note' as const), step: fc.nat(3) }),
  fc.record({ kind: fc.constant('session' as const), topic: fc.constantFrom(undefined, 'portfolio-site', 'python-basics') }),
  fc.record({ kind: fc.constant('unlog' as const), id: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('grade' as const), card: fc.nat(4), grade: fc.constantFrom(...GRADES) }),
  fc.record({ kind: fc.constant('otherPack' as const) }),
  fc.record({ kind: fc.constant('dropOther' as const) }),
  fc.record({ kind: fc.constant('same' as const) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
const apply = (p: Progress, o: Op, now: Date, peek: number): Progress => {
  const pk = packProgress(p, PACK);
  if (peek === 1) void Object.keys(pk.reviews ?? {}).length;
  if (peek === 2) void (Array.isArray(pk.studyLog) && pk.studyLog.length);
  const id = (n: number) => roadmap.steps[n]?.id as string;
  switch (o.kind) {
    case 'status':
      return setStatus(p, PACK, [id(o.step)], o.status as 'done', now);
    case 'note':
      return addNote(p, PACK, id(o.step), 'n', now);
    case 'session':
      return addSession(p, PACK, { date: '2026-11-30', minutes: 5, ...(o.topic ? { topic: o.topic } : {}) }, now);
    case 'unlog':
      return deleteSession(p, PACK, o.id);
    case 'grade':
      return recordGrade(p, PACK, cards[o.card] as string, o.grade, now, nextDayScheduler);
    case 'otherPack': {
      const other = Object.hasOwn(p.packs, 'other') ? (p.packs.other as Progress['packs'][string]) : { steps: {} };
      return { ...p, packs: { ...p.packs, other: { ...other, settings: { newCardsPerDay: now.getMinutes() % 20 } } } };
    }
    case 'dropOther': {
      const { other: _o, ...rest } = p.packs;
      return { ...p, packs: rest };
    }
    case 'same':
      return { ...p, packs: { ...p.packs, [PACK]: { ...pk } } };
  }
};

const wholeOf = (text: string) => {
  const found = examineProgressBytes(Buffer.from(text));
  if ('problem' in found) throw new Error(found.problem);
  return found;
};

describe('hand edits a whole read still passes clean, then changes, lazily and whole', () => {
  it('a fresh whole read of the lazy side equals that of the whole side', { timeout: 120_000 }, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(edits)),
        fc.boolean(),
        fc.array(fc.tuple(op, fc.nat(2)), { minLength: 1, maxLength: 5 }),
        async (editName, second, changes) => {
          vi.setSystemTime(END);
          const lazyDir = folder();
          const start: Progress = {
            version: 3,
            packs: second ? { [PACK]: pack(false) as never, other: pack(true) as never } : { [PACK]: pack(false) as never },
          };
          writeFileSync(join(lazyDir, 'progress.json'), JSON.stringify(start));
          // Laid out by a save (whole read; aliases not resolved: a plain store).
          await createFileStore(lazyDir).update((p) => setStatus(p, PACK, [roadmap.steps[1]?.id as string], 'doing', new Date(END)));
          const text = (edits[editName] as (t: string) => string)(readFileSync(join(lazyDir, 'progress.json'), 'utf8'));
          writeFileSync(join(lazyDir, 'progress.json'), text);
          const first = wholeOf(text);
          if (!first.clean) return; // not stamped: nothing lazy to test
          const wholeDir = folder();
          writeFileSync(join(wholeDir, 'progress.json'), text);
          const stamps = folder('caches');
          const lazy = aliasedStore(createFileStore(lazyDir), () => roadmap);
          const whole = aliasedStore(createFileStore(wholeDir), () => roadmap);
          useVerifiedStamps(stamps);
          lazy.read();
          for (const [n, [change, peek]] of changes.entries()) {
            const now = new Date(END + (n + 1) * 60_000);
            vi.setSystemTime(now);
            useVerifiedStamps(undefined);
            const w = await whole.update((p) => apply(p, change, now, peek));
            useVerifiedStamps(stamps);
            const l = await lazy.update((p) => apply(p, change, now, peek));
            expect(JSON.stringify(l)).toBe(JSON.stringify(w));
            const lt = readFileSync(join(lazyDir, 'progress.json'), 'utf8');
            const wt = readFileSync(join(wholeDir, 'progress.json'), 'utf8');
            const lw = wholeOf(lt);
            expect(JSON.stringify(lw.progress)).toBe(JSON.stringify(wholeOf(wt).progress));
            expect(lw.clean).toBe(true);
            // The lazy side's next lazy read agrees with a whole read of its file.
            const lazyRead = JSON.stringify(lazy.read());
            useVerifiedStamps(undefined);
            expect(lazyRead).toBe(JSON.stringify(aliasedStore(createFileStore(lazyDir), () => roadmap).read()));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
