import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, RUNNER_TERMINAL_ENV } from '../helpers.js';

// A content pack's fast entry points read their slice of the pack (the steps' outline for `roadmap`,
// and so on), cut from the pack's kept copy at each command's first run and kept beside it, instead of
// the pack whole. These tests run the built program on the example pack (steps with topics, optional
// topics, exercises, quizzes) and require the same bytes as the whole program, from the slices as from
// the pack whole, and the whole program's output when a slice or the pack's kept copy is damaged or stale.

const EXAMPLE_PACK = fileURLToPath(new URL('../../examples/data-scientist', import.meta.url));

/** Lines that read a slice: text and JSON, a step shown in full (its item loaded from the pack whole), an unknown step. */
const LINES = [
  ['roadmap'],
  ['roadmap', '--json'],
  ['progress'],
  ['progress', '--json'],
  ['next'],
  ['next', '--json'],
  ['step', '1'],
  ['step', '2', '--json'],
  ['step', '99'],
  ['topics'],
  ['topics', '1'],
  ['skills'],
  ['sections'],
  ['faq'],
  ['search', 'statistics'],
  ['search', 'sql', '--json'],
  ['search', 'zzzqqq'],
];

let root: string;
let pack: string;
let config: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(line: readonly string[], mode: 'strict' | '0' | undefined, cache: string, dir = config, content = pack): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, MLROADMAP_CONFIG_DIR: dir, MLROADMAP_CACHE_DIR: cache };
  for (const key of [...RUNNER_TERMINAL_ENV, 'MLROADMAP_FAST', 'COLUMNS']) delete env[key];
  if (mode !== undefined) env.MLROADMAP_FAST = mode;
  const result = spawnSync(process.execPath, [BIN, '--content', content, ...line], { env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A copy of the example pack at `dir`, once its files are old enough to be keyed by their stat alone:
 * a file changed in the last 2 s is keyed by its bytes too (content/cache.ts), so a kept copy made then
 * is missed once the file is older, and a fast entry point would fall back.
 */
function copyPack(dir: string): string {
  cpSync(EXAMPLE_PACK, dir, { recursive: true });
  settle();
  return dir;
}

/** Waits until files changed now are no longer "recent" to the pack cache. */
function settle(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100);
}

/** The files of the pack's kept copy and its slices in `cache`. */
const packFiles = (cache: string) => readdirSync(cache).filter((name) => name.startsWith('pack-') && !name.endsWith('.ok'));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mlroadmap-slices-'));
  pack = copyPack(join(root, 'pack'));
  config = join(root, 'config');
  mkdirSync(config);
  // A learner under way: the second step done, a topic of the first started (its step under way).
  const when = '2026-11-02T09:00:00.000Z';
  const steps = JSON.parse(run(['roadmap', '--json'], '0', join(root, 'probe')).stdout) as { id: string; topics: { id: string }[] }[];
  const [first, second] = steps as [(typeof steps)[0], (typeof steps)[0]];
  expect(first.topics.length).toBeGreaterThan(1);
  const progress = {
    [second.id]: { status: 'done', updatedAt: when, completedAt: when },
    [first.id]: { status: 'doing', updatedAt: when, topics: { [first.topics[0]?.id as string]: { status: 'doing', updatedAt: when } } },
  };
  writeFileSync(join(config, 'progress.json'), JSON.stringify({ version: 1, packs: { 'data-scientist': { steps: progress } } }));
  // Brought to the current format, as a learner's first change would.
  run(['check', '5'], '0', join(root, 'probe'));
  run(['uncheck', '5'], '0', join(root, 'probe'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a content pack read through its slices', () => {
  it('prints what the whole program prints, from the pack whole at first and from its slices after', { timeout: 60_000 }, () => {
    const cache = join(root, 'cache');
    // The whole program keeps the pack; the first fast run of each command reads it whole and keeps its slice; the second reads the slice.
    run(['roadmap'], '0', cache);
    expect(packFiles(cache)).toHaveLength(1);
    const wholes = LINES.map((line) => run(line, '0', cache));
    for (const round of ['the pack whole', 'the slices']) {
      for (const [i, line] of LINES.entries()) {
        const label = `${line.join(' ')}, from ${round}`;
        expect({ label, ...run(line, 'strict', cache) }).toEqual({ label, ...wholes[i] });
      }
    }
    // Not vacuous: each command kept a slice (one for roadmap's text and one for its JSON), and the lines print the pack.
    const slices = packFiles(cache).filter((name) => /^pack-[0-9a-f]+\.[a-z.]+\.json$/.test(name) && name.split('.').length > 2);
    expect(slices.map((name) => name.replace(/^pack-[0-9a-f]+\./, ''))).toEqual(
      expect.arrayContaining(['roadmap.json', 'roadmap.text.json', 'progress.json', 'next.json', 'step.json', 'faq.json', 'search.json']),
    );
    expect(run(['roadmap'], '0', cache).stdout).toMatch(/\[x\]/);
  });

  it('reads the slice, not the pack whole, and goes to the whole program for what only the pack whole holds once that is damaged', {
    timeout: 60_000,
  }, () => {
    const cache = join(root, 'cache-damaged');
    run(['roadmap'], '0', cache);
    const expected = Object.fromEntries([['roadmap'], ['step', '1']].map((line) => [line.join(' '), run(line, '0', cache)]));
    // Slices kept.
    run(['roadmap'], 'strict', cache);
    run(['step', '1'], 'strict', cache);
    // The pack's kept copy damaged (one byte of a title; its stamp no longer names it): a miss from now on.
    const entry = join(cache, packFiles(cache).find((name) => name.split('.').length === 2) as string);
    const text = readFileSync(entry, 'utf8');
    writeFileSync(entry, text.replace('"title":"', '"title":"X'));
    // roadmap needs only its slice: the fast entry point answers alone (strict would exit 70 otherwise).
    expect(run(['roadmap'], 'strict', cache)).toEqual(expected.roadmap);
    // step 1 shows the step in full, which only the pack whole has: strict says it fell back; the line itself prints the whole program's output.
    const strict = run(['step', '1'], 'strict', cache);
    expect(strict.code).toBe(70);
    expect(strict.stderr).toMatch(/changed while the command read it|not been read since/);
    expect(run(['step', '1'], undefined, cache)).toEqual(expected['step 1']);
  });

  it('reads a damaged slice, or one of the pack before it changed, as a miss, and keeps a new one', { timeout: 60_000 }, () => {
    const cache = join(root, 'cache-stale');
    // A pack of its own, which this test changes.
    const own = copyPack(join(root, 'pack-stale'));
    const go = (line: string[], mode: 'strict' | '0') => run(line, mode, cache, config, own);
    go(['roadmap'], '0');
    go(['roadmap'], 'strict');
    const slice = join(cache, packFiles(cache).find((name) => name.endsWith('.roadmap.text.json')) as string);
    const expected = go(['roadmap'], '0');
    // A title in the slice changed: its sum no longer matches, so it is not read (and it is kept again).
    writeFileSync(slice, readFileSync(slice, 'utf8').replace('"title":"', '"title":"Y'));
    const damaged = go(['roadmap'], 'strict');
    expect(damaged).toEqual(expected);
    expect(damaged.stdout).not.toMatch(/\bY/);
    expect(readFileSync(slice, 'utf8')).not.toMatch(/"title":"Y/);
    // The pack changes (a step's title): the slice, keyed by the pack as it was, is not read; the whole program keeps the pack again, then a new slice.
    const roadmapFile = join(own, 'roadmap.yaml');
    const yaml = readFileSync(roadmapFile, 'utf8');
    const [, title] = /title: (.+)/.exec(yaml) as RegExpExecArray;
    {
      writeFileSync(roadmapFile, yaml.replace(`title: ${title}`, `title: ${title} (revised)`));
      settle();
      const stale = go(['roadmap'], 'strict');
      expect(stale.code).toBe(70);
      expect(stale.stderr).toMatch(/not been read since it last changed/);
      const revised = go(['roadmap'], '0');
      expect(revised.stdout).toContain(`${title} (revised)`);
      expect(go(['roadmap'], 'strict')).toEqual(revised);
      expect(go(['roadmap'], 'strict')).toEqual(revised);
      expect(readFileSync(slice, 'utf8')).toContain(`${title} (revised)`);
    }
  });

  it('changes made through the slices print what the whole program prints, and save the same progress', { timeout: 60_000 }, () => {
    const cache = join(root, 'cache-change');
    run(['roadmap'], '0', cache);
    // Each way on its own copy of the progress, twice (the second from the slices).
    for (const round of [1, 2]) {
      const copies = ['fast', 'whole'].map((name) => {
        const dir = join(root, `change-${round}-${name}`);
        cpSync(config, dir, { recursive: true });
        return dir;
      }) as [string, string];
      for (const line of [
        ['check', '1.2'],
        ['note', '4', 'read it twice'],
        ['log', '30m', '4.1'],
        ['uncheck', '2'],
        ['mark', '3', 'doing'],
        ['check', '99'],
      ]) {
        const fast = run(line, 'strict', cache, copies[0]);
        const whole = run(line, '0', cache, copies[1]);
        const strip = (result: Run) => ({ ...result, stderr: result.stderr.replace(/^mlroadmap: the fast entry point .*\n/m, '') });
        expect({ line, round, ...strip(fast) }).toEqual({ line, round, ...whole });
      }
      const progress = (dir: string) =>
        JSON.parse(run(['progress', '--json'], '0', cache, dir).stdout.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T')) as unknown;
      expect(progress(copies[0])).toEqual(progress(copies[1]));
    }
  });
});
