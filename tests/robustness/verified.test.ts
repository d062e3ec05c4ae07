import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HISTORY_MARKER } from '../../src/progress/history.js';
import { addNote, emptyProgress, packProgress, setStatus } from '../../src/progress/model.js';
import { loadScheduler, recordGrade, reviewsOf } from '../../src/progress/review.js';
import { createFileStore, useVerifiedStamps } from '../../src/progress/store.js';
import { shippedRoadmap } from '../helpers.js';
import { cleanup, tempDir } from './support.js';

const roadmap = await shippedRoadmap();
const made: string[] = [];
const folder = () => {
  const dir = tempDir('verified');
  made.push(dir);
  return dir;
};
afterEach(() => {
  useVerifiedStamps(undefined);
  cleanup(...made.splice(0));
});

/**
 * A progress file checked whole once is only parsed while it stays the same (store.ts): these show
 * that "the same" cannot be faked, so a hostile or damaged file is always checked.
 */
describe('a progress file checked once', () => {
  it('reads the same progress from the stamp as from the whole check, and stamps only a clean file', async () => {
    const dir = folder();
    const caches = folder();
    useVerifiedStamps(caches);
    const store = createFileStore(dir);
    await store.update(() => setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', new Date('2026-01-01T00:00:00Z')));
    const first = store.read();
    expect(readFileSync(join(caches, 'progress-verified'), 'utf8')).toContain(join(dir, 'progress.json'));
    expect(store.read()).toEqual(first);
    useVerifiedStamps(undefined);
    expect(store.read()).toEqual(first);
  });

  it('checks a file changed in place again, same size and its old mtime put back: escape codes never get through', async () => {
    const dir = folder();
    const caches = folder();
    useVerifiedStamps(caches);
    const store = createFileStore(dir);
    await store.update((p) => addNote(p, roadmap.id, 'python-and-math', 'aaaaaaaaaaaaaaaa', new Date('2026-01-01T00:00:00Z')));
    store.read();
    const file = join(dir, 'progress.json');
    const stamp = readFileSync(join(caches, 'progress-verified'), 'utf8');
    const before = statSync(file);
    // Sixteen characters for sixteen: the same size, written into the same inode, the mtime set back.
    const hostile = readFileSync(file, 'utf8').replace('aaaaaaaaaaaaaaaa', '\\u001b[2Jaaaaaaa');
    expect(Buffer.byteLength(hostile)).toBe(before.size);
    writeFileSync(file, hostile);
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).ino).toBe(before.ino);
    // Back to within a millisecond (utimes takes no finer time); the ctime, which no one can set back, differs.
    expect(Math.abs(statSync(file).mtimeMs - before.mtimeMs)).toBeLessThan(1);
    expect(statSync(file).ctimeMs).not.toBe(before.ctimeMs);
    expect(store.read().packs[roadmap.id]?.notes?.['python-and-math']?.[0]?.text).toBe('aaaaaaa');
    expect(readFileSync(join(caches, 'progress-verified'), 'utf8')).toBe(stamp);
    // And a file damaged in place is reported, not read from an old stamp.
    writeFileSync(file, '{"version": 1, "packs": {"ml-engineer": {"steps": {"a": {"status": "done"');
    utimesSync(file, before.atime, before.mtime);
    expect(() => store.read()).toThrow(/not valid JSON/);
  });

  it('keeps where the history starts in the stamp, read in one go, and trusts no length that is not there', async () => {
    const dir = folder();
    const caches = folder();
    useVerifiedStamps(caches);
    const scheduler = await loadScheduler();
    const card = roadmap.cards[0]?.id as string;
    await createFileStore(dir).update((p) =>
      recordGrade(
        setStatus(p, roadmap.id, ['python-and-math'], 'done', new Date('2026-01-01T00:00:00Z')),
        roadmap.id,
        card,
        'good',
        new Date('2026-01-02T00:00:00Z'),
        scheduler,
      ),
    );
    const file = join(dir, 'progress.json');
    const bytes = readFileSync(file);
    const head = bytes.indexOf(HISTORY_MARKER);
    expect(head).toBeGreaterThan(0);
    const stampFile = join(caches, 'progress-verified');
    const stamp = readFileSync(stampFile, 'utf8');
    // Written by the save: the file's identity, then the length of its first part.
    expect(stamp.endsWith(`\u0000head:${head}`)).toBe(true);
    const expected = createFileStore(dir).read();
    expect(reviewsOf(packProgress(expected, roadmap.id))[card]).toBeDefined();
    // The first read after the save adds where it cut the sections out, so the next reads only the rest.
    const withCuts = readFileSync(stampFile, 'utf8');
    expect(withCuts).toMatch(new RegExp(`^${escapeRegExp(stamp)}\u0000cuts:(\\d+-\\d+,)+$`));
    // A stamp whose length is wrong (short of the marker, past it, in the middle of a value, past the
    // end, nothing) or missing (an earlier mlroadmap's): the same progress, the history included.
    const identity = stamp.slice(0, stamp.length - `\u0000head:${head}`.length);
    for (const wrong of [0, 1, head - 1, head + 1, Math.floor(head / 2), bytes.length, bytes.length + 100, 999_999_999]) {
      writeFileSync(stampFile, `${identity}\u0000head:${wrong}`);
      const read = createFileStore(dir).read();
      expect(read, `head ${wrong}`).toEqual(expected);
      expect(reviewsOf(packProgress(read, roadmap.id))[card]?.log, `head ${wrong}`).toHaveLength(1);
      // Put right by that read (a length past the marker still finds it, and stays as it is).
      if (wrong < head) expect(readFileSync(stampFile, 'utf8'), `head ${wrong}`).toBe(withCuts);
    }
    // Cuts that are not where the sections are (moved, overlapping, past the first part, out of
    // order, none): the same progress.
    const cuts = (withCuts.split('\u0000cuts:')[1] as string)
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('-').map(Number));
    const [from, to] = cuts[0] as [number, number];
    for (const wrong of [
      cuts.map(([a, b]) => `${(a as number) + 1}-${(b as number) + 1},`).join(''),
      cuts.map(([a, b]) => `${(a as number) - 1}-${b},`).join(''),
      `${from}-${to + 5},${to}-${to + 10},`,
      `${from}-${head + 10},`,
      `${to}-${to + 3},${from}-${to},`,
      '',
    ]) {
      writeFileSync(stampFile, `${stamp}\u0000cuts:${wrong}`);
      const read = createFileStore(dir).read();
      expect(read, `cuts ${wrong}`).toEqual(expected);
      expect(reviewsOf(packProgress(read, roadmap.id))[card]?.log, `cuts ${wrong}`).toHaveLength(1);
    }
    // The right cuts with a first part said to end past the file: the same progress, and nothing read
    // (or made room for) past the file's end on the way.
    const rightCuts = withCuts.split('\u0000cuts:')[1] as string;
    const allocated = vi.spyOn(Buffer, 'allocUnsafe');
    try {
      for (const wrong of [bytes.length, bytes.length + 100, 999_999_999]) {
        writeFileSync(stampFile, `${identity}\u0000head:${wrong}\u0000cuts:${rightCuts}`);
        const read = createFileStore(dir).read();
        expect(read, `head ${wrong} with cuts`).toEqual(expected);
        expect(reviewsOf(packProgress(read, roadmap.id))[card]?.log, `head ${wrong} with cuts`).toHaveLength(1);
      }
      // (A whole read asks for a byte more than the file holds, to see that it ends there.)
      expect(Math.max(0, ...allocated.mock.calls.map(([size]) => size))).toBeLessThanOrEqual(bytes.length + 1);
    } finally {
      allocated.mockRestore();
    }
    // An earlier mlroadmap's stamp gets the length at the first read.
    writeFileSync(stampFile, identity);
    expect(createFileStore(dir).read()).toEqual(expected);
    expect(readFileSync(stampFile, 'utf8')).toBe(withCuts);
    // A whole check writes the length again.
    writeFileSync(stampFile, 'something else');
    expect(createFileStore(dir).read()).toEqual(expected);
    expect(readFileSync(stampFile, 'utf8')).toBe(stamp);
  });

  it('never stamps a file that needed text stripped, so it is stripped on every read', async () => {
    const dir = folder();
    const caches = folder();
    useVerifiedStamps(caches);
    writeFileSync(
      join(dir, 'progress.json'),
      JSON.stringify({
        version: 1,
        packs: { [roadmap.id]: { steps: {}, notes: { x: [{ at: '2026-01-01T00:00:00.000Z', text: '\u001b[2Jhi' }] } } },
      }),
    );
    const store = createFileStore(dir);
    expect(store.read().packs[roadmap.id]?.notes?.x?.[0]?.text).toBe('hi');
    expect(() => readFileSync(join(caches, 'progress-verified'))).toThrow();
    expect(store.read().packs[roadmap.id]?.notes?.x?.[0]?.text).toBe('hi');
  });

  it('a save stamps the file it wrote only when it is clean: a note with escape codes is still stripped on every read', async () => {
    const dir = folder();
    const caches = folder();
    useVerifiedStamps(caches);
    const store = createFileStore(dir);
    const stamp = join(caches, 'progress-verified');
    await store.update((p) => addNote(p, roadmap.id, 'python-and-math', 'plain words', new Date('2026-01-01T00:00:00Z')));
    // Stamped by the save itself: the next read need not check the file whole.
    expect(readFileSync(stamp, 'utf8')).toContain(join(dir, 'progress.json'));
    const clean = readFileSync(stamp, 'utf8');
    await store.update((p) => addNote(p, roadmap.id, 'python-and-math', '\u001b[2Jhi', new Date('2026-01-02T00:00:00Z')));
    // Not stamped: the stamp still names the file before this save, so the new one is checked and stripped.
    expect(readFileSync(stamp, 'utf8')).toBe(clean);
    expect(store.read().packs[roadmap.id]?.notes?.['python-and-math']?.[1]?.text).toBe('hi');
    expect(store.read().packs[roadmap.id]?.notes?.['python-and-math']?.[1]?.text).toBe('hi');
  });

  it('a save that leaves an invalid file (a bug in a change) is not stamped, so the next read reports it', async () => {
    const dir = folder();
    useVerifiedStamps(folder());
    const store = createFileStore(dir);
    await store.update((p) => setStatus(p, roadmap.id, ['python-and-math'], 'done', new Date('2026-01-01T00:00:00Z')));
    await store.update(
      (p) => ({ ...p, packs: { ...p.packs, [roadmap.id]: { ...p.packs[roadmap.id], steps: { x: { status: 'nonsense' } } } } }) as never,
    );
    expect(() => store.read()).toThrow(/not a valid step record/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
