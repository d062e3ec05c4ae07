import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { loadPack, loadPackCached } from '../../src/content/load.js';
import { fileVersion } from '../../src/disk.js';
import { ContentError } from '../../src/errors.js';
import { cleanup, tempDir, writePack } from '../robustness/support.js';

// Counts of the work a cache hit must not do: parsing YAML and validating.
const calls = vi.hoisted(() => ({ yaml: 0, validate: 0 }));
vi.mock('yaml', async (importOriginal) => {
  // yaml is CommonJS: the loader takes its functions from the default export.
  const actual = await importOriginal<{ default: typeof import('yaml') }>();
  const parseDocument = (src: string, options?: ParseOptions & DocumentOptions & SchemaOptions) => {
    calls.yaml++;
    return actual.default.parseDocument(src, options);
  };
  return { ...actual, default: { ...actual.default, parseDocument } };
});
vi.mock('../../src/content/validate.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/content/validate.js')>();
  return {
    ...actual,
    findProblems: (...args: Parameters<typeof actual.findProblems>) => {
      calls.validate++;
      return actual.findProblems(...args);
    },
  };
});
// statSync passes through, except where a test makes a file look unchanged.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, statSync: vi.fn(actual.statSync) };
});
const realStatSync = (await vi.importActual<typeof import('node:fs')>('node:fs')).statSync;

const made: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  vi.mocked(fs.statSync).mockImplementation(realStatSync);
  cleanup(...made.splice(0));
});

function folder(prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}

function pack(steps = 3, options: { id?: string } = {}): string {
  const dir = writePack(steps, options);
  made.push(dir);
  return dir;
}

/** The pack's files are an hour old to the loader: they are then known by their stat alone, not their bytes. */
function pretendFilesAreOld(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 60 * 60 * 1000);
}

/** Rewrites a pack file through `edit`, which must keep its size. */
function rewriteSameSize(path: string, edit: (text: string) => string): void {
  const text = fs.readFileSync(path, 'utf8');
  const changed = edit(text);
  expect(changed).not.toBe(text);
  expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(text));
  fs.writeFileSync(path, changed);
}

// The entries, without the stamps of their checked versions (`<entry>.ok`).
const entries = (cache: string) => fs.readdirSync(cache).filter((name) => name.startsWith('pack-') && name.endsWith('.json'));
const entryOf = (cache: string) => join(cache, entries(cache)[0] as string);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Loads through the cache and says whether YAML was parsed for it. */
async function load(dir: string, cache: string | undefined) {
  const before = { ...calls };
  const roadmap = await loadPackCached(dir, cache);
  return { roadmap, parsed: calls.yaml > before.yaml, validated: calls.validate > before.validate };
}

describe('the compiled-pack cache', () => {
  it('serves a pack the second time without parsing YAML or validating, equal to a fresh load', async () => {
    const dir = pack(50);
    const cache = folder('cache');
    const fresh = await loadPack(dir);
    const first = await load(dir, cache);
    expect(first).toMatchObject({ parsed: true, validated: true });
    expect(first.roadmap).toStrictEqual(fresh);
    const second = await load(dir, cache);
    expect(second).toMatchObject({ parsed: false, validated: false });
    expect(second.roadmap).toStrictEqual(fresh);
  });

  it('keeps one entry per pack folder, private to the learner, in the form { key, sum, roadmap }, with the stamp of its checked version', async () => {
    const dir = pack();
    const cache = folder('cache');
    await load(dir, cache);
    fs.appendFileSync(join(dir, 'faqs.yaml'), '- id: more\n  question: Q?\n  answer: A.\n');
    expect((await load(dir, cache)).roadmap.faqs.map((faq) => faq.id)).toEqual(['why', 'more']);
    expect(fs.readdirSync(cache).sort()).toEqual([
      expect.stringMatching(/^pack-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^pack-[0-9a-f]{16}\.json\.ok$/),
    ]);
    // The stamp names the entry's version as written (summed then), so reading it sums nothing.
    expect(fs.readFileSync(`${entryOf(cache)}.ok`, 'latin1')).toBe(fileVersion(fs.statSync(entryOf(cache), { bigint: true })));
    expect(realStatSync(entryOf(cache)).mode & 0o777).toBe(0o600);
    const entry = JSON.parse(fs.readFileSync(entryOf(cache), 'utf8'));
    expect(Object.keys(entry)).toEqual(['key', 'sum', 'roadmap']);
    expect(entry.roadmap).toStrictEqual(await loadPack(dir));
  });

  it('writes nothing outside the cache folder, and nothing at all when that folder is missing', async () => {
    const dir = pack();
    const files = fs.readdirSync(dir);
    const parent = folder('parent');
    const missing = join(parent, 'cache');
    expect((await load(dir, missing)).roadmap).toStrictEqual(await loadPack(dir));
    expect(fs.readdirSync(parent)).toEqual([]);
    await load(dir, parent);
    expect(fs.readdirSync(dir)).toEqual(files);
    // The entry and its stamp.
    expect(fs.readdirSync(parent)).toHaveLength(2);
  });

  it('is loadPack without a cache folder', async () => {
    const dir = pack();
    expect(await load(dir, undefined)).toMatchObject({ parsed: true, roadmap: await loadPack(dir) });
    expect(await load(dir, undefined)).toMatchObject({ parsed: true });
  });

  it('reloads a file written again with new content', async () => {
    const dir = pack();
    const cache = folder('cache');
    await load(dir, cache);
    const path = join(dir, 'roadmap.yaml');
    fs.writeFileSync(path, fs.readFileSync(path, 'utf8').replace('"Step 2"', '"The second step"'));
    const again = await load(dir, cache);
    expect(again.parsed).toBe(true);
    expect(again.roadmap.steps[1]?.title).toBe('The second step');
  });

  it('notices a same-size rewrite whose mtime was set back, by its ctime', async () => {
    const dir = pack();
    const cache = folder('cache');
    const path = join(dir, 'roadmap.yaml');
    // Whole seconds, so utimes can set the very same mtime again.
    fs.utimesSync(path, 1_700_000_000, 1_700_000_000);
    pretendFilesAreOld();
    await load(dir, cache);
    expect((await load(dir, cache)).parsed).toBe(false);
    const before = realStatSync(path, { bigint: true });
    // Past the file system's timestamp tick, so the ctime can differ at all.
    await sleep(30);
    rewriteSameSize(path, (text) => text.replace('"Step 2"', '"Stop 2"'));
    fs.utimesSync(path, 1_700_000_000, 1_700_000_000);
    const after = realStatSync(path, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(after.ctimeNs).not.toBe(before.ctimeNs);
    const again = await load(dir, cache);
    expect(again.parsed).toBe(true);
    expect(again.roadmap.steps[1]?.title).toBe('Stop 2');
  });

  it('notices a same-size rewrite within one timestamp tick, by the bytes of a recently changed file', async () => {
    const dir = pack();
    const cache = folder('cache');
    // As the loader names it: through the folder's real path.
    const path = fs.realpathSync(join(dir, 'roadmap.yaml'));
    await load(dir, cache);
    expect((await load(dir, cache)).parsed).toBe(false);
    const before = realStatSync(path, { bigint: true });
    rewriteSameSize(path, (text) => text.replace('"Step 2"', '"Stop 2"'));
    // The rewrite leaves every field of its stat as it was: what a second write in the same tick does.
    vi.mocked(fs.statSync).mockImplementation(((target: fs.PathLike, options?: fs.StatSyncOptions) =>
      target === path && options?.bigint ? before : realStatSync(target, options)) as typeof fs.statSync);
    const again = await load(dir, cache);
    expect(again.parsed).toBe(true);
    expect(again.roadmap.steps[1]?.title).toBe('Stop 2');
  });

  it.each([
    ['a file added', (dir: string) => fs.writeFileSync(join(dir, 'phases.yaml'), '- {id: one, title: One, summary: S., body: B.}\n')],
    ['a file removed', (dir: string) => fs.rmSync(join(dir, 'faqs.yaml'))],
    [
      'a file replaced by a copy of itself',
      (dir: string) => {
        fs.copyFileSync(join(dir, 'roadmap.yaml'), join(dir, 'roadmap.yaml.new'));
        fs.renameSync(join(dir, 'roadmap.yaml.new'), join(dir, 'roadmap.yaml'));
      },
    ],
  ])('reloads after %s', async (_what, edit) => {
    const dir = pack();
    const cache = folder('cache');
    pretendFilesAreOld();
    await load(dir, cache);
    edit(dir);
    const again = await load(dir, cache);
    expect(again.parsed).toBe(true);
    expect(again.roadmap).toStrictEqual(await loadPack(dir));
  });

  it('serves a pack from a folder whose name is not ASCII', async () => {
    const dir = join(folder('names'), 'Kurs für ML 🚀');
    fs.renameSync(pack(), dir);
    const cache = folder('cache');
    await load(dir, cache);
    const again = await load(dir, cache);
    expect(again.parsed).toBe(false);
    expect(again.roadmap).toStrictEqual(await loadPack(dir));
  });

  it('follows a symbolic link to the pack it points at now', async () => {
    const one = pack(3, { id: 'one' });
    const two = pack(3, { id: 'two' });
    const links = folder('links');
    const link = join(links, 'pack');
    const cache = folder('cache');
    fs.symlinkSync(one, link);
    expect((await load(link, cache)).roadmap.id).toBe('one');
    fs.rmSync(link);
    fs.symlinkSync(two, link);
    expect((await load(link, cache)).roadmap.id).toBe('two');
    expect((await load(two, cache)).parsed).toBe(false);
  });

  const damages: [string, (entry: string, other: string) => void][] = [
    ['its sum changed', (entry) => fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').replace(/"sum":"[0-9a-f]/, '"sum":"x'))],
    [
      'its roadmap edited, the sum kept',
      (entry) => fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').replace('"Step 2"', '"Evil 2"')),
    ],
    ['its key edited', (entry) => fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').replace('roadmap.yaml ', 'roadmap.yaml 1'))],
    ['the entry of another pack', (entry, other) => fs.copyFileSync(other, entry)],
    ['text that is not JSON', (entry) => fs.writeFileSync(entry, 'not json')],
    ['cut in half', (entry) => fs.truncateSync(entry, Math.floor(fs.statSync(entry).size / 2))],
    ['an empty file', (entry) => fs.writeFileSync(entry, '')],
    [
      'a folder',
      (entry) => {
        fs.rmSync(entry);
        fs.mkdirSync(entry);
      },
    ],
    [
      'a FIFO',
      (entry) => {
        fs.rmSync(entry);
        expect(spawnSync('mkfifo', [entry]).status).toBe(0);
      },
    ],
  ];
  it.each(damages)('reloads the pack when its entry is %s, never serving the entry', async (_what, damage) => {
    const dir = pack();
    const other = pack(3, { id: 'other' });
    const cache = folder('cache');
    const otherCache = folder('cache');
    await load(dir, cache);
    await load(other, otherCache);
    damage(entryOf(cache), entryOf(otherCache));
    const again = await load(dir, cache);
    expect(again.parsed).toBe(true);
    expect(again.roadmap).toStrictEqual(await loadPack(dir));
  });

  it('never caches a pack with problems', async () => {
    const dir = pack();
    const cache = folder('cache');
    fs.writeFileSync(join(dir, 'pack.yaml'), 'formatVersion: 99\nid: big\ntitle: T\nwelcome: W\n');
    await expect(loadPackCached(dir, cache)).rejects.toThrow(ContentError);
    await expect(loadPackCached(dir, cache)).rejects.toThrow(/formatVersion: 99 means the pack is made for a newer mlroadmap/);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('throws for a pack broken after it was cached, instead of serving the cached copy', async () => {
    const dir = pack();
    const cache = folder('cache');
    await load(dir, cache);
    fs.appendFileSync(join(dir, 'roadmap.yaml'), '- id: step-01\n  title: Again\n');
    await expect(loadPackCached(dir, cache)).rejects.toThrow(ContentError);
  });

  it('does not cache a pack whose values JSON cannot hold, so a cached load never differs from a fresh one', async () => {
    const dir = pack();
    const cache = folder('cache');
    // -0 is a valid index of a choice, and JSON writes it as 0.
    const quiz =
      '- id: q\n  title: Q\n  questions:\n    - {id: a, prompt: A?, choices: ["Yes", "No"], answer: -0, explanation: Because.}\n';
    fs.writeFileSync(join(dir, 'quizzes.yaml'), quiz);
    const answer = (result: Awaited<ReturnType<typeof load>>) => result.roadmap.quizzes[0]?.questions[0]?.answer;
    expect(Object.is(answer(await load(dir, cache)), -0)).toBe(true);
    const again = await load(dir, cache);
    expect(again.parsed).toBe(true);
    expect(Object.is(answer(again), -0)).toBe(true);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it('removes entries of other folders left unwritten for a week when it writes one', async () => {
    const cache = folder('cache');
    const old = join(cache, 'pack-0000000000000000.json');
    const recent = join(cache, 'pack-1111111111111111.json');
    const other = join(cache, 'render-old');
    for (const path of [old, recent, other]) fs.writeFileSync(path, '{}');
    const weekAgo = Date.now() / 1000 - 8 * 24 * 60 * 60;
    fs.utimesSync(old, weekAgo, weekAgo);
    fs.utimesSync(other, weekAgo, weekAgo);
    await load(pack(), cache);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    expect(fs.existsSync(other)).toBe(true);
  });
});
