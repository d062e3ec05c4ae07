import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checksum } from '../../src/checksum.js';
import { cachedPackSliceOf } from '../../src/content/cached.js';
import { loadPackCached } from '../../src/content/load.js';
import type { Roadmap } from '../../src/content/schema.js';
import { search } from '../../src/content/search.js';
import { cleanup, tempDir, writePack } from '../robustness/support.js';

const made: string[] = [];
afterEach(() => cleanup(...made.splice(0)));
const folder = (prefix: string) => {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
};
const packOf = (steps: number, text: string) => {
  const dir = writePack(steps, { text });
  made.push(dir);
  return dir;
};

/** Every result whole, its snippet read (and so its texts). */
const results = (roadmap: Roadmap, query: string) => search(roadmap, query).map((result) => ({ ...result, snippet: result.snippet }));
const QUERIES = ['step 12', 'gradient', 'nueral', 'descent networks', 'zzzqqq'];
const entryOf = (caches: string) => {
  const names = readdirSync(caches).filter((name) => name.startsWith('search-'));
  // The entry, and the stamp of the version whose sum was checked (written with it).
  expect(names.sort()).toEqual([expect.stringMatching(/^search-[0-9a-f]+\.bin$/), expect.stringMatching(/^search-[0-9a-f]+\.bin\.ok$/)]);
  return join(caches, names[0] as string);
};

/**
 * Waits until files written now are no longer "recent" to the pack cache (2 s: content/cache.ts), so
 * that the pack's key stays the same through a test that reads it more than once: keyed by its bytes
 * while recent, the key changes when the files cease to be, and what was kept under it is missed.
 */
const settle = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100);

/** A pack of `steps` steps searched once with caches (its index kept), what searches of it find without any, and the entry. */
async function keptIndex(steps: number, settled = false) {
  const dir = packOf(steps, 'Gradient descent trains neural networks.');
  if (settled) settle();
  const caches = folder('caches');
  const plain = await loadPackCached(dir, undefined);
  const expected = QUERIES.map((query) => results(plain, query));
  search(await loadPackCached(dir, caches), 'step');
  return { dir, caches, expected, entry: entryOf(caches) };
}

describe('a content pack’s search index, kept between runs', () => {
  it('the first search keeps it; later runs read it instead of indexing the pack, and find the same', async () => {
    const dir = packOf(40, 'Gradient descent trains neural networks.');
    const caches = folder('caches');
    const compiled = await loadPackCached(dir, caches);
    const expected = QUERIES.map((query) => results(compiled, query));
    const entry = entryOf(caches);
    const written = statSync(entry);
    // Another run: the pack from its cache, a new object with no index in memory.
    const again = await loadPackCached(dir, caches);
    expect(again).not.toBe(compiled);
    expect(QUERIES.map((query) => results(again, query))).toEqual(expected);
    // Read, not built and written again (a write replaces the file).
    expect(statSync(entry).ino).toBe(written.ino);
    expect(statSync(entry).mtimeMs).toBe(written.mtimeMs);
    // And the same as without any cache.
    const plain = await loadPackCached(dir, undefined);
    expect(QUERIES.map((query) => results(plain, query))).toEqual(expected);
  });

  it('a search through its slice of the pack (the title) reads the kept index, and never parses the kept pack once the slice is kept', async () => {
    const { dir, caches, expected } = await keptIndex(60, true);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      // The pack's JSON is the one text parsed that begins as a roadmap does.
      const packParses = () => parse.mock.calls.filter(([text]) => String(text).startsWith('{"formatVersion"')).length;
      // The first run of search after the pack was kept cuts its slice from the pack, parsed once.
      const first = cachedPackSliceOf(dir, caches, 'search', []);
      expect(first !== undefined && 'roadmap' in first).toBe(true);
      expect(packParses()).toBe(1);
      // Later runs: the slice, no list of the pack in it, and the kept index answers.
      const later = cachedPackSliceOf(dir, caches, 'search', []);
      if (later === undefined || !('slice' in later)) throw new Error('the slice was not kept');
      expect(Object.keys(later.slice.roadmap).sort()).toEqual(['formatVersion', 'id', 'title', 'welcome']);
      expect(later.slice.omitted).toEqual(expect.arrayContaining(['steps', 'sections', 'faqs']));
      expect(QUERIES.map((query) => results(later.slice.roadmap as Roadmap, query))).toEqual(expected);
      expect(packParses()).toBe(1);
      // The pack whole, when asked for, is the pack as kept.
      expect(later.whole()).toEqual(await loadPackCached(dir, caches));
    } finally {
      parse.mockRestore();
    }
  });

  /** Bytes this thread has read through system calls so far (Linux). */
  const bytesRead = () => {
    const io = readFileSync(existsSync('/proc/thread-self/io') ? '/proc/thread-self/io' : '/proc/self/io', 'utf8');
    return Number(/^rchar: (\d+)$/m.exec(io)?.[1]);
  };
  /** The search slice of the pack in `dir` (cut at a first run), and the searches' results through it, with the bytes they read. */
  const searchedThroughSlice = (dir: string, caches: string, queries: readonly string[]) => {
    cachedPackSliceOf(dir, caches, 'search', []);
    const kept = cachedPackSliceOf(dir, caches, 'search', []);
    if (kept === undefined || !('slice' in kept)) throw new Error('the slice was not kept');
    const before = bytesRead();
    const found = queries.map((query) => results(kept.slice.roadmap as Roadmap, query));
    return { found, read: bytesRead() - before };
  };

  it.skipIf(!existsSync('/proc/self/io'))(
    'an entry summed before is read only as far as its data, and its postings and documents by position; one not yet summed, whole',
    async () => {
      const { dir, caches, expected, entry } = await keptIndex(1000, true);
      const size = statSync(entry).size;
      expect(size).toBeGreaterThan(300_000);
      // Queries that find a few of the 1,000 steps (most of the blob is the prose every step repeats).
      const few = ['step 12', 'zzzqqq'];
      const fewExpected = [expected[0], expected[4]];
      expect(fewExpected[0]?.length).toBeGreaterThan(0);
      // Summed as it was written (its stamp says so): a small part of it is read.
      const summed = searchedThroughSlice(dir, caches, few);
      expect(summed.found).toEqual(fewExpected);
      expect(summed.read).toBeLessThan(size / 3);
      // Its stamp gone: read whole and summed, once; then in part again.
      rmSync(`${entry}.ok`);
      const whole = searchedThroughSlice(dir, caches, few);
      expect(whole.found).toEqual(fewExpected);
      expect(whole.read).toBeGreaterThanOrEqual(size);
      expect(searchedThroughSlice(dir, caches, few).read).toBeLessThan(size / 3);
      // And every query finds what it found without the kept index.
      expect(searchedThroughSlice(dir, caches, QUERIES).found).toEqual(expected);
    },
  );

  it('an entry whose data is longer than its first read finds the same', async () => {
    // Twelve thousand words of their own: the index's list of words alone is over 64 kB.
    const text = Array.from({ length: 12_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    const dir = packOf(4, text);
    settle();
    const caches = folder('caches');
    const queries = ['w9ix', 'step 3', 'w0 w1', 'zzzqqq'];
    const plain = await loadPackCached(dir, undefined);
    const expected = queries.map((query) => results(plain, query));
    search(await loadPackCached(dir, caches), 'step');
    const entry = entryOf(caches);
    const bytes = readFileSync(entry);
    expect((JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(0x0a))) as { data: number }).data).toBeGreaterThan(64 * 1024);
    expect(expected[0]?.length).toBeGreaterThan(0);
    expect(searchedThroughSlice(dir, caches, queries).found).toEqual(expected);
  });

  it('a damaged entry is never used: the index is built again, and kept again', async () => {
    const { dir, caches, expected, entry } = await keptIndex(30);
    const bytes = readFileSync(entry);
    // One byte of the blob's prose changed: the sum no longer matches.
    const at = bytes.lastIndexOf('Gradient');
    bytes[at] = 'X'.charCodeAt(0);
    writeFileSync(entry, bytes);
    const before = statSync(entry).ino;
    const again = await loadPackCached(dir, caches);
    expect(QUERIES.map((query) => results(again, query))).toEqual(expected);
    expect(statSync(entry).ino).not.toBe(before);
    expect(readFileSync(entry).lastIndexOf('Gradient')).toBe(at);
  });

  it('a changed pack is indexed again: a search never finds what the pack no longer says', async () => {
    const dir = packOf(20, 'Gradient descent trains neural networks.');
    const caches = folder('caches');
    const first = await loadPackCached(dir, caches);
    expect(results(first, 'gradient').length).toBeGreaterThan(0);
    // The pack's prose rewritten (a later write: another size, another ctime).
    for (const name of ['pack.yaml', 'sections.yaml', 'roadmap.yaml', 'faqs.yaml']) {
      const path = join(dir, name);
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replaceAll('Gradient descent trains neural networks.', 'Bagging averages many trees.'),
      );
    }
    const changed = await loadPackCached(dir, caches);
    expect(results(changed, 'gradient')).toEqual([]);
    expect(results(changed, 'bagging').length).toBeGreaterThan(0);
    const again = await loadPackCached(dir, caches);
    expect(results(again, 'gradient')).toEqual([]);
    expect(results(again, 'bagging')).toEqual(results(changed, 'bagging'));
  });

  // A kept index that passes its sum yet does not hold together (made by hand, or by a build whose
  // index had another shape): never a failure and never wrong results; built again and kept again.
  const forgeries: Record<string, (data: Record<string, unknown>, blob: string) => [unknown, string]> = {
    'no data at all': () => [null, ''],
    'an empty object': (_data, blob) => [{}, blob],
    'kinds of fields that are not a list': (data, blob) => [{ ...data, shapes: 5 }, blob],
    'a kind of fields of the wrong types': (data, blob) => [
      { ...data, shapes: (data.shapes as unknown[]).map(() => ({ weights: 'x' })) },
      blob,
    ],
    'no width': (data, blob) => [{ ...data, width: 0 }, blob],
    'a document of a kind of fields there is not': (data, blob) => [
      { ...data, shapeOf: (data.shapeOf as string).replace(/./g, 'z') },
      blob,
    ],
    'offsets out of order': (data, blob) => [
      { ...data, documentsAt: `${'z'.repeat(data.width as number)}${(data.documentsAt as string).slice(data.width as number)}` },
      blob,
    ],
    'an offset past the end': (data, blob) => [
      { ...data, postingsAt: `${(data.postingsAt as string).slice(0, -(data.width as number))}${'z'.repeat(data.width as number)}` },
      blob,
    ],
    'a negative offset': (data, blob) => [{ ...data, postingsAt: `-${(data.postingsAt as string).slice(1)}` }, blob],
    'documents that are not JSON': (data, blob) => [{ ...data, documentsAt: (data.documentsAt as string).replace(/./g, '0') }, blob],
    // The same length, so every place stays where it was.
    'a document of the wrong types': (data, blob) => [data, blob.replaceAll('"kind":"step"', '"kind":["te"]')],
    'postings naming no document': (data, blob) => [data, blob.replace(/\d/g, '9')],
    'too few words for the postings': (data, blob) => [{ ...data, words: (data.words as string).split('\n').slice(1).join('\n') }, blob],
  };
  it.each(Object.keys(forgeries))('a kept index with its sum right but %s is built again, never fails nor misleads', async (name) => {
    const { dir, caches, expected, entry } = await keptIndex(25);
    const bytes = readFileSync(entry);
    const end = bytes.indexOf(0x0a);
    const head = JSON.parse(bytes.toString('utf8', 0, end)) as { key: string; data: number };
    const rest = bytes.subarray(end + 1);
    const [data, blob] = (forgeries[name] as (data: Record<string, unknown>, blob: string) => [unknown, string])(
      JSON.parse(rest.toString('utf8', 0, head.data)),
      rest.subarray(head.data).toString('utf8'),
    );
    const dataBytes = Buffer.from(JSON.stringify(data));
    const body = Buffer.concat([dataBytes, Buffer.from(blob)]);
    const sum = checksum(body).toString(16).padStart(8, '0');
    writeFileSync(entry, Buffer.concat([Buffer.from(`${JSON.stringify({ key: head.key, sum, data: dataBytes.length })}\n`), body]));
    const forged = statSync(entry).ino;
    const again = await loadPackCached(dir, caches);
    expect(QUERIES.map((query) => results(again, query))).toEqual(expected);
    // Kept again, whole: the next run reads it and finds the same.
    expect(statSync(entry).ino).not.toBe(forged);
    const next = await loadPackCached(dir, caches);
    expect(QUERIES.map((query) => results(next, query))).toEqual(expected);
  });
});
