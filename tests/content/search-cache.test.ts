import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedPack, loadPackCached } from '../../src/content/load.js';
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
  expect(names).toHaveLength(1);
  return join(caches, names[0] as string);
};

describe('a content pack’s search index, kept between runs', () => {
  it('the first search keeps it; later runs read it instead of indexing the pack, and find the same', async () => {
    const dir = packOf(40, 'Gradient descent trains neural networks.');
    const caches = folder('caches');
    const compiled = await loadPackCached(dir, caches);
    const expected = QUERIES.map((query) => results(compiled, query));
    const entry = entryOf(caches);
    const written = statSync(entry);
    // Another run: the pack from its cache, a new object with no index in memory.
    const again = cachedPack(dir, caches) as Roadmap;
    expect(again).not.toBe(compiled);
    expect(QUERIES.map((query) => results(again, query))).toEqual(expected);
    // Read, not built and written again (a write replaces the file).
    expect(statSync(entry).ino).toBe(written.ino);
    expect(statSync(entry).mtimeMs).toBe(written.mtimeMs);
    // And the same as without any cache.
    const plain = await loadPackCached(dir, undefined);
    expect(QUERIES.map((query) => results(plain, query))).toEqual(expected);
  });

  it('a damaged entry is never used: the index is built again, and kept again', async () => {
    const dir = packOf(30, 'Gradient descent trains neural networks.');
    const caches = folder('caches');
    const plain = await loadPackCached(dir, undefined);
    const expected = QUERIES.map((query) => results(plain, query));
    // Searched once: its index is kept.
    search(await loadPackCached(dir, caches), 'step');
    const entry = entryOf(caches);
    const bytes = readFileSync(entry);
    // One byte of the blob's prose changed: the sum no longer matches.
    const at = bytes.lastIndexOf('Gradient');
    bytes[at] = 'X'.charCodeAt(0);
    writeFileSync(entry, bytes);
    const before = statSync(entry).ino;
    const again = cachedPack(dir, caches) as Roadmap;
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
    const again = cachedPack(dir, caches) as Roadmap;
    expect(results(again, 'gradient')).toEqual([]);
    expect(results(again, 'bagging')).toEqual(results(changed, 'bagging'));
  });
});
