import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, emptyProgress, setStatus } from '../../src/progress/model.js';
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
