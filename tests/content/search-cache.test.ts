import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checksum } from '../../src/checksum.js';
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
  // The entry, and the stamp of the version whose sum was checked (written with it).
  expect(names.sort()).toEqual([expect.stringMatching(/^search-[0-9a-f]+\.bin$/), expect.stringMatching(/^search-[0-9a-f]+\.bin\.ok$/)]);
  return join(caches, names[0] as string);
};

/** A pack of `steps` steps searched once with caches (its index kept), what searches of it find without any, and the entry. */
async function keptIndex(steps: number) {
  const dir = packOf(steps, 'Gradient descent trains neural networks.');
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

  it('a search the kept index answers never parses the kept pack; anything that reads the pack does, once', async () => {
    const { dir, caches, expected } = await keptIndex(60);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      // The pack's JSON is the one text parsed that begins as a roadmap does.
      const packParses = () => parse.mock.calls.filter(([text]) => String(text).startsWith('{"formatVersion"')).length;
      const lazy = cachedPack(dir, caches, true) as Roadmap;
      expect(QUERIES.map((query) => results(lazy, query))).toEqual(expected);
      expect(packParses()).toBe(0);
      // Read, it is the pack as kept, parsed once however it is read.
      const eager = cachedPack(dir, caches) as Roadmap;
      expect(packParses()).toBe(1);
      expect(lazy.steps.length).toBe(60);
      expect({ ...lazy }).toEqual(eager);
      expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
      expect(Object.keys(lazy)).toEqual(Object.keys(eager));
      expect(packParses()).toBe(2);
    } finally {
      parse.mockRestore();
    }
  });

  it('a damaged entry is never used: the index is built again, and kept again', async () => {
    const { dir, caches, expected, entry } = await keptIndex(30);
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
    const again = cachedPack(dir, caches) as Roadmap;
    expect(QUERIES.map((query) => results(again, query))).toEqual(expected);
    // Kept again, whole: the next run reads it and finds the same.
    expect(statSync(entry).ino).not.toBe(forged);
    const next = cachedPack(dir, caches) as Roadmap;
    expect(QUERIES.map((query) => results(next, query))).toEqual(expected);
  });
});
