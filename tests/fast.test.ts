import { execFile, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the scripts, without types.
import { writeYearProgress } from '../scripts/fixtures.mjs';
import type { CommandSpec } from '../src/command.js';
import { COMMANDS } from '../src/commands/index.js';
import type { Slice } from '../src/content/slice.js';
import { parseFastLine } from '../src/fast/args.js';
import { colorStyle, plainStyle } from '../src/fast/style.js';
import { BIN, FIXTURE_DIR, loadPty, RUNNER_TERMINAL_ENV } from './helpers.js';
import { afterPtyExit } from './robustness/support.js';

// The fast entry points (src/fast/) against the whole program: every print command that has one is
// run both ways (MLROADMAP_FAST=strict, where falling back is an error, and MLROADMAP_FAST=0), over
// the shipped guide with no progress, with a learner's progress, and with a year of use, and must
// print the same bytes to stdout and stderr and exit with the same code.

const DIST_CONTENT = fileURLToPath(new URL('../dist/content.json', import.meta.url));

/** Lines each fast command must take by itself, mistakes included (they are the command's own errors). */
const LINES: Record<string, string[][]> = {
  faq: [
    ['faq'],
    ['faq', '3'],
    ['faq', 'how', 'long'],
    ['faq', '--json'],
    ['faq', '3', '--json'],
    ['faq', 'nope'],
    ['faq', 'nope', '--json'],
  ],
  roadmap: [['roadmap'], ['roadmap', '--json'], ['--no-color', 'roadmap']],
  progress: [['progress'], ['progress', '--json'], ['progress', '--path']],
  read: [
    ['read', 'salary'],
    ['read', '1', '--json'],
    ['read', 'nope'],
    ['read', 'nope', '--json'],
  ],
  step: [
    ['step', '1'],
    ['step', '2'],
    ['step', '3', '--json'],
    ['step', '99'],
    ['step', 'deep'],
  ],
  topics: [['topics'], ['topics', '2'], ['topics', '--json'], ['topics', '99']],
  skills: [['skills'], ['skills', '1'], ['skills', '--json'], ['skills', 'nope']],
  phases: [['phases'], ['phases', '2'], ['phases', '--json']],
  certs: [['certs'], ['certs', '1'], ['certs', '--json']],
  sections: [['sections'], ['sections', '--json']],
  next: [['next'], ['next', '--json']],
  stats: [['stats'], ['stats', '--json']],
  ready: [['ready'], ['ready', '--json']],
  projects: [['projects'], ['projects', '--json']],
  review: [
    ['review', '--stats'],
    ['review', '--json'],
    ['review', '--list'],
    ['review', '--list', '--json'],
    ['review', '--stats', '--list'],
  ],
  check: [
    ['check', '1'],
    ['check', '2.3', '2.4'],
    ['check', '99'],
  ],
  uncheck: [
    ['uncheck', '1'],
    ['uncheck', 'nope'],
  ],
  mark: [
    ['mark', '3', 'doing'],
    ['mark', '3', 'sideways'],
  ],
  note: [
    ['note', '2', 'read the chapter on trees'],
    ['note', '2'],
    ['note', '2', '--json'],
    ['note', '2', '--delete', '1'],
    ['note', '2', '--delete', '9'],
  ],
  log: [['log', '45m', 'linear algebra'], ['log'], ['log', '--json'], ['log', '30'], ['log', '--delete', '1']],
  search: [
    ['search', 'neural', 'networks'],
    ['search', 'rag', '--json'],
    ['search', 'nueral'],
    ['search', 'zzzzqqq'],
    ['search', 'stat', '--limit', '3'],
    ['search', 'stat', '--limit=0'],
    ['search', 'the'],
  ],
};

/** An instant as JSON gives it. */
const ISO_TIME = /\d{4}-\d\d-\d\dT[\d:.]+Z/g;

/** The commands that change progress: their lines run in order, each way on its own copy of the progress. */
const CHANGE = new Set(['check', 'uncheck', 'mark', 'note', 'log']);

/** The commands whose output depends on the learner's progress. */
const SHOW_PROGRESS = new Set(['roadmap', 'progress', 'step', 'topics', 'skills', 'next', 'stats', 'ready', 'projects', 'review']);

/** Lines a fast entry point must leave to the whole program (what commander words, help, packs): the same output either way. */
const LEFT_TO_THE_PROGRAM: string[][] = [
  ['faq', '--bogus'],
  ['faq', '-h'],
  ['roadmap', 'extra'],
  ['step'],
  ['--json', 'roadmap'],
  ['read', '--', 'salary'],
  ['certs', '--json=yes'],
  ['progress', '--content'],
  // review's entry point takes only --stats and --list: a session (here refused, with no terminal) and the changes are the program's.
  ['review'],
  ['review', '--new-per-day', 'many'],
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

/** Runs `jobs` two at a time (the machines that run the tests have two cores). */
async function pooled<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await (jobs[i] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

let root: string;
const configs: Record<string, string> = {};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mlroadmap-fast-'));
  const roadmap = JSON.parse(readFileSync(DIST_CONTENT, 'utf8'));
  const when = '2026-01-10T09:00:00.000Z';
  const steps: Record<string, unknown> = {};
  roadmap.steps.forEach((step: { id: string }, index: number) => {
    if (index > 0 && index <= 3) steps[step.id] = { status: 'done', updatedAt: when, completedAt: when };
    else if (index === 4) steps[step.id] = { status: 'doing', updatedAt: when };
  });
  for (const name of ['fresh', 'learner', 'year']) mkdirSync(join(root, name));
  writeFileSync(join(root, 'learner', 'progress.json'), JSON.stringify({ version: 1, packs: { [roadmap.id]: { steps } } }));
  writeYearProgress(roadmap, steps, join(root, 'year', 'progress.json'));
  for (const name of ['fresh', 'learner', 'year']) configs[name] = join(root, name);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function envFor(config: string, mode: 'strict' | '0' | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MLROADMAP_CONFIG_DIR: config, MLROADMAP_CACHE_DIR: join(root, 'cache'), ...extra };
  for (const key of [...RUNNER_TERMINAL_ENV, 'MLROADMAP_FAST', 'COLUMNS']) if (!(key in extra)) delete env[key];
  if (mode !== undefined) env.MLROADMAP_FAST = mode;
  // The learner's clock: "next" and the review counts depend on the day.
  return env;
}

describe('fast entry points', () => {
  it('every command with a fast entry point has lines here, and only those', () => {
    const fast = COMMANDS.filter((spec) => spec.fast).map((spec) => spec.name);
    expect(fast.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(LINES).sort()).toEqual([...fast].sort());
  });

  it.each(['fresh', 'learner', 'year'])('print what the whole program prints, with %s progress', { timeout: 90_000 }, async (which) => {
    // With no progress, every line; with a learner's, the text of the commands that show progress;
    // with a year of use, their JSON (all of what they read of it) and the text of the two that sum it up.
    const shows = (name: string, line: string[]) =>
      which === 'learner' ? !line.includes('--json') : line.includes('--json') || line.join(' ') === name;
    const lines = Object.entries(LINES).flatMap(([name, list]) =>
      CHANGE.has(name) ? [] : which === 'fresh' ? list : SHOW_PROGRESS.has(name) ? list.filter((line) => shows(name, line)) : [],
    );
    const pairs = await pooled(
      lines.map((line) => async () => {
        const config = configs[which] as string;
        const fast = await run(line, envFor(config, 'strict'));
        const whole = await run(line, envFor(config, '0'));
        return { line: line.join(' '), fast, whole };
      }),
    );
    for (const { line, fast, whole } of pairs) {
      // A fallback under strict is exit 70 with the reason on stderr: it shows here as a difference.
      expect({ line, ...fast }).toEqual({ line, ...whole });
    }
    // Not vacuous: the lines print something, and with no progress some are the commands' own errors.
    expect(pairs.filter((pair) => pair.whole.code === 0 && pair.whole.stdout.length > 0).length).toBeGreaterThan(
      which === 'fresh' ? 25 : 8,
    );
    if (which === 'fresh') expect(pairs.filter((pair) => pair.whole.code === 1).length).toBeGreaterThanOrEqual(6);
  });

  it.each(['fresh', 'year'])('change progress as the whole program does, with %s progress', { timeout: 90_000 }, async (which) => {
    // Each way on its own copy of the same progress, the lines in order: the same output, and the same file after.
    const copies = { fast: join(root, `${which}-fast`), whole: join(root, `${which}-whole`) };
    for (const copy of Object.values(copies)) {
      rmSync(copy, { recursive: true, force: true });
      mkdirSync(copy);
      const source = join(configs[which] as string, 'progress.json');
      if (which !== 'fresh') writeFileSync(join(copy, 'progress.json'), readFileSync(source));
    }
    const lines = Object.entries(LINES).flatMap(([name, list]) => (CHANGE.has(name) ? list : []));
    for (const line of lines) {
      const [fast, whole] = await Promise.all([run(line, envFor(copies.fast, 'strict')), run(line, envFor(copies.whole, '0'))]);
      const times = (result: Run) => ({ ...result, stdout: result.stdout.replace(ISO_TIME, '<time>') });
      expect({ line: line.join(' '), ...times(fast) }).toEqual({ line: line.join(' '), ...times(whole) });
    }
    // Times and the ids made from them differ by the moments each ran; nothing else may.
    const saved = (copy: string) =>
      readFileSync(join(copy, 'progress.json'), 'utf8')
        .replace(ISO_TIME, '<time>')
        .replace(/\b[ns][0-9a-f]{16}\b/g, '<id>');
    expect(saved(copies.fast)).toEqual(saved(copies.whole));
    // Not vacuous: the note written and then deleted left its tombstone, and the session its own.
    expect(saved(copies.fast)).toMatch(/"note:[a-z-]+:<id>": "<time>"/);
    expect(saved(copies.fast)).toMatch(/"session:<id>": "<time>"/);
  });

  it('read a content pack once the whole program has kept it, and leave it to the whole program until then', {
    timeout: 60_000,
  }, async () => {
    const cache = join(root, 'pack-cache');
    const env = (mode: 'strict' | '0' | undefined, extra: NodeJS.ProcessEnv = {}) =>
      envFor(configs.fresh as string, mode, { MLROADMAP_CACHE_DIR: cache, ...extra });
    // Before the pack was ever read: the entry point falls back (strict says so), and the output is the whole program's.
    const first = await run(['--content', FIXTURE_DIR, 'roadmap'], env('strict'));
    expect(first.code).toBe(70);
    expect(first.stderr).toMatch(/content pack has not been read/);
    expect(await run(['--content', FIXTURE_DIR, 'roadmap'], env(undefined))).toEqual(
      await run(['--content', FIXTURE_DIR, 'roadmap'], env('0')),
    );
    const lines = [
      ['--content', FIXTURE_DIR, 'roadmap'],
      ['roadmap', `--content=${FIXTURE_DIR}`],
      ['--content', FIXTURE_DIR, 'faq', '1'],
      ['--content', FIXTURE_DIR, 'step', '1', '--json'],
      ['--content', FIXTURE_DIR, 'search', 'python'],
      ['--content', FIXTURE_DIR, 'progress', '--json'],
    ];
    for (const line of lines) {
      expect({ line, ...(await run(line, env('strict'))) }).toEqual({ line, ...(await run(line, env('0'))) });
    }
    const byVariable = await run(['roadmap'], env('strict', { MLROADMAP_CONTENT: FIXTURE_DIR }));
    expect(byVariable).toEqual(await run(['roadmap'], env('0', { MLROADMAP_CONTENT: FIXTURE_DIR })));
    expect(byVariable.stdout).not.toEqual((await run(['roadmap'], env('0'))).stdout);
  });

  it('print the same in colour when FORCE_COLOR asks for it, and with COLUMNS set', { timeout: 60_000 }, async () => {
    const lines = [['faq', '3'], ['step', '2'], ['progress']];
    for (const extra of [{ FORCE_COLOR: '3' }, { COLUMNS: '60' }, { FORCE_COLOR: '1', NO_COLOR: '1' }]) {
      const pairs = await pooled(
        lines.map((line) => async () => ({
          line: line.join(' '),
          fast: await run(line, envFor(configs.learner as string, 'strict', extra)),
          whole: await run(line, envFor(configs.learner as string, '0', extra)),
        })),
      );
      for (const { line, fast, whole } of pairs) expect({ line, ...fast }).toEqual({ line, ...whole });
      if ('FORCE_COLOR' in extra && !('NO_COLOR' in extra)) expect(pairs[0]?.fast.stdout).toContain('\u001b[');
    }
  });

  it('leave what they do not read to the whole program, which prints the same as without them', { timeout: 60_000 }, async () => {
    const pairs = await pooled(
      LEFT_TO_THE_PROGRAM.map((line) => async () => ({
        line: line.join(' '),
        fast: await run(line, envFor(configs.learner as string, undefined)),
        whole: await run(line, envFor(configs.learner as string, '0')),
        strict: await run(line, envFor(configs.learner as string, 'strict')),
      })),
    );
    for (const { line, fast, whole, strict } of pairs) {
      expect({ line, ...fast }).toEqual({ line, ...whole });
      // These lines never reach a fast entry point at all, or it falls back: strict shows which.
      expect(strict.code === whole.code || strict.code === 70, line).toBe(true);
    }
  });

  it('print the program’s help and version as the whole program does, wherever progress is kept', { timeout: 60_000 }, async () => {
    // Every form of the line where progress is kept as usual; one elsewhere, where only the path differs.
    const forms = [['--help'], ['-h'], ['help'], [], ['--no-color'], ['--version'], ['-V']];
    const homes = [
      { MLROADMAP_CONFIG_DIR: configs.learner as string },
      { MLROADMAP_CONFIG_DIR: `${root}/odd/../folder with spaces/` },
      { MLROADMAP_CONFIG_DIR: '', XDG_CONFIG_HOME: `${root}/xdg`, HOME: root },
      { MLROADMAP_CONFIG_DIR: '', XDG_CONFIG_HOME: '', HOME: `${root}/home` },
    ];
    for (const [i, home] of homes.entries()) {
      const lines = i === 0 ? forms : [['--help']];
      const pairs = await pooled(
        lines.map((line) => async () => ({
          line: line.join(' '),
          fast: await run(line, { ...envFor(configs.learner as string, 'strict'), ...home }),
          whole: await run(line, { ...envFor(configs.learner as string, '0'), ...home }),
        })),
      );
      for (const { line, fast, whole } of pairs) expect({ line, ...fast }).toEqual({ line, ...whole });
      expect(pairs[0]?.whole.stdout).toMatch(/Progress is saved in \//);
    }
  });

  it('load none of Node’s streams, terminal, network or crypto modules, into a pipe, a file or /dev/null', {
    timeout: 60_000,
  }, async () => {
    // A preloaded script notes the modules Node loads after it; a print command needs none of these
    // (each costs milliseconds at every start: node:tty brings in net and all of streams).
    const hook = join(root, 'modules.cjs');
    writeFileSync(
      hook,
      "const seen = new Set(process.moduleLoadList); process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_OUT, process.moduleLoadList.filter((m) => !seen.has(m)).join('\\n')));",
    );
    const heavy = /^NativeModule (?:net|tty|stream|crypto|child_process|zlib|readline|internal\/streams\/.*|internal\/crypto\/.*)$/;
    const lines = [['faq', '3'], ['roadmap'], ['progress', '--json'], ['--help'], ['search', 'gradient', 'descent']];
    for (const [i, line] of lines.entries()) {
      // Each line is run once first, as a learner's would have been: a page rendered the first time
      // goes through marked-terminal, which may load them; from then on it comes from the cache.
      for (const into of ['warm', 'pipe', 'file', '/dev/null'] as const) {
        const out = join(root, `modules-${i}-${into.replace(/\W/g, '')}.txt`);
        const target = into === 'pipe' || into === 'warm' ? 'pipe' : openSync(into === 'file' ? join(root, 'out.txt') : '/dev/null', 'w');
        const result = spawnSync(process.execPath, ['--require', hook, BIN, ...line], {
          env: { ...envFor(configs.learner as string, 'strict'), MODULES_OUT: out },
          stdio: ['ignore', target, 'pipe'],
          encoding: 'utf8',
        });
        if (typeof target === 'number') closeSync(target);
        expect(result.stderr, line.join(' ')).toBe('');
        expect(result.status, line.join(' ')).toBe(0);
        if (into === 'warm') continue;
        const loaded = readFileSync(out, 'utf8').split('\n');
        expect(
          loaded.filter((name) => heavy.test(name)),
          `${line.join(' ')} into ${into}`,
        ).toEqual([]);
      }
    }
  });

  it('load neither node:tty nor net nor streams on a terminal, whose width they read all the same', { timeout: 60_000 }, async () => {
    const { pty } = await loadPty();
    if (!pty) return;
    const hook = join(root, 'modules-pty.cjs');
    writeFileSync(
      hook,
      "const seen = new Set(process.moduleLoadList); process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_OUT, process.moduleLoadList.filter((m) => !seen.has(m)).join('\\n')));",
    );
    const heavy = /^NativeModule (?:net|tty|stream|internal\/tty|internal\/streams\/.*)$/;
    const run = (line: string[], out: string) =>
      new Promise<string>((resolve) => {
        let text = '';
        const term = pty.spawn(process.execPath, ['--require', hook, BIN, ...line], {
          cols: 80,
          rows: 30,
          env: envFor(configs.learner as string, 'strict', { TERM: 'xterm-256color', MODULES_OUT: out }) as Record<string, string>,
        });
        term.onData((data) => {
          text += data;
        });
        void afterPtyExit(term, (exitCode) => resolve(`${exitCode}\n${text}`));
      });
    for (const [i, line] of [['faq', '3'], ['roadmap'], ['progress'], ['--help']].entries()) {
      // Run once before, as a learner's would have been: a page rendered the first time goes through
      // marked-terminal, which loads them; from then on it comes from the cache.
      await run(line, join(root, `modules-pty-${i}-warm.txt`));
      const out = join(root, `modules-pty-${i}.txt`);
      const screen = await run(line, out);
      expect(screen.startsWith('0\n'), `${line.join(' ')}: ${screen}`).toBe(true);
      // In colour (the help has none): the colour detection ran, without node:tty.
      if (line[0] !== '--help') expect(screen, line.join(' ')).toContain('\u001b[');
      expect(
        readFileSync(out, 'utf8')
          .split('\n')
          .filter((name) => heavy.test(name)),
        line.join(' '),
      ).toEqual([]);
    }
  });

  // node-pty may lose a child's last output when the child ends at once and the machine is loaded
  // (seen in CI: the help, 4 kB written and the process gone, cut mid-line; three times in a row on a
  // machine running two other test runs). So each command runs under a shell that keeps the terminal
  // open a moment after it ends and then ends with its exit code; and the test is retried, since both
  // sides are deterministic.
  it('print the same on a terminal', { timeout: 60_000, retry: 2 }, async () => {
    const { pty } = await loadPty();
    if (!pty) return;
    const screen = (args: string[], mode: string | undefined, cols = 90, extra: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []) =>
      new Promise<string>((resolve) => {
        let out = '';
        const held = ['-c', '"$@"; code=$?; sleep 0.3; exit $code', 'sh', process.execPath, ...nodeFlags, BIN, ...args];
        const term = pty.spawn('/bin/sh', held, {
          cols,
          rows: 30,
          env: envFor(configs.learner as string, mode as 'strict', { TERM: 'xterm-256color', ...extra }) as Record<string, string>,
        });
        term.onData((data) => {
          out += data;
        });
        void afterPtyExit(term, (exitCode) => resolve(`${exitCode}\n${out}`));
      });
    for (const line of [['faq', '3'], ['roadmap'], ['step', '2']]) {
      const fast = await screen(line, 'strict');
      expect(fast).toEqual(await screen(line, '0'));
      expect(fast).toContain('\u001b[');
    }
    // The terminal's width, read without its stream: text wrapped to a narrow one as the whole program wraps it.
    const narrow = await screen(['faq', '3'], 'strict', 50);
    expect(narrow).toEqual(await screen(['faq', '3'], '0', 50));
    expect(narrow).not.toEqual(await screen(['faq', '3'], 'strict'));
    // Where asking Node's terminal binding would print a deprecation warning (or throw one), node:tty
    // answers instead: the same screen, however pending deprecation was asked for, both ways.
    expect(await screen(['faq', '3'], 'strict', 50, { NODE_OPTIONS: '--pending-deprecation' })).toEqual(narrow);
    for (const mode of ['strict', '0']) {
      expect(await screen(['faq', '3'], mode, 50, {}, ['--throw-deprecation', '--pending_deprecation']), mode).toEqual(narrow);
    }
    // The program's help: on a terminal as wide as a pipe (80 columns), the build's text; at any other
    // width, the whole program's, laid out to it. Either way every command is listed, as in a pipe.
    const fast = await screen(['--help'], 'strict', 80);
    expect(fast).toEqual(await screen(['--help'], '0', 80));
    for (const cols of [80, 60, 120]) {
      const help = await screen(['--help'], undefined, cols);
      expect(help).toEqual(await screen(['--help'], '0', cols));
      for (const command of COMMANDS) expect(help, `${command.name} at ${cols} columns`).toMatch(new RegExp(`\\n  ${command.name}\\b`));
    }
  });
});

/**
 * runFast and the store it opens, with progress kept in a new folder of its own (`dir`, which the
 * caller removes) and no caches; vi.unstubAllEnvs puts the environment back.
 */
async function runFastWithProgress(name: string) {
  const { runFast } = await import('../src/fast/run.js');
  const { openFastStore } = await import('../src/fast/store.js');
  const dir = mkdtempSync(join(tmpdir(), `mlroadmap-fast-${name}-`));
  vi.stubEnv('MLROADMAP_CONFIG_DIR', dir);
  vi.stubEnv('MLROADMAP_CACHE_DIR', 'off');
  return { runFast, openFastStore, dir };
}

describe('a fast entry point that has begun to change progress', () => {
  it('reports a failure itself instead of sending the command to the whole program to be done twice', async () => {
    const { runFast, openFastStore, dir } = await runFastWithProgress('change');
    const failing = (change: boolean): CommandSpec => ({
      name: 'failing',
      group: 'Track',
      summary: 'changes progress, then fails',
      examples: [],
      async run(ctx) {
        if (change) await ctx.store.update((progress) => ({ ...progress, packs: { ...progress.packs, here: { steps: {} } } }));
        throw new Error('broke after saving');
      },
    });
    const slice = { roadmap: { id: 'p', title: 'P', welcome: '', formatVersion: 2 }, omitted: [] };
    try {
      // Before any change the whole program may take the line over; after one, never.
      expect(await runFast(failing(false), ['failing'], () => slice, undefined, openFastStore)).toEqual({
        fallback: 'the command failed: broke after saving',
      });
      expect(await runFast(failing(true), ['failing'], () => slice, undefined, openFastStore)).toEqual({ code: 1 });
      // An entry point built without the store (`fast.progress` false) hands such a command over before it changes anything.
      expect(await runFast(failing(true), ['failing'], () => slice)).toEqual({
        fallback: expect.stringMatching(/used progress \(store\.update\), and its entry point is built without it/),
      });
      expect(JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')).packs.here).toBeDefined();
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a fast entry point that reaches past its slice after changing progress', () => {
  it('runs the command again over the whole guide, given what it was given, and saves nothing twice', async () => {
    const { runFast, openFastStore, dir } = await runFastWithProgress('replay');
    const guide = {
      id: 'p',
      title: 'P',
      welcome: '',
      formatVersion: 2,
      steps: [],
      faqs: [{ id: 'why', question: 'Why?', answer: 'Because.' }],
    };
    const slice = { roadmap: { id: 'p', title: 'P', welcome: '', formatVersion: 2, steps: [] }, omitted: ['faqs'] } as unknown as Slice;
    const printed: string[] = [];
    let runs = 0;
    const counting: CommandSpec = {
      name: 'counting',
      group: 'Track',
      summary: 'adds one to a count, then reads the FAQs',
      examples: [],
      async run(ctx) {
        runs++;
        const before = ctx.store.read();
        const after = await ctx.store.update((progress) => {
          const pack = (progress.packs.p ?? { steps: {} }) as { steps: object; count?: number };
          return { ...progress, packs: { ...progress.packs, p: { ...pack, count: (pack.count ?? 0) + 1 } } } as never;
        });
        const count = (after.packs.p as unknown as { count: number }).count;
        const faqs = ctx.roadmap.faqs.length;
        printed.push(`${before.packs.p ? 'had' : 'new'} ${count} ${faqs} ${ctx.now().getTime()}`);
        return { text: `count ${count}` };
      },
    };
    try {
      expect(
        await runFast(
          counting,
          ['counting'],
          () => slice,
          () => guide as never,
          openFastStore,
        ),
      ).toEqual({ code: 0 });
      // Run twice (the second over the whole guide), shown the same, saved once.
      expect(runs).toBe(2);
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(/^new 1 1 \d+$/);
      expect(JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')).packs.p.count).toBe(1);
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a slice of the guide', () => {
  it('is written in ASCII, as the whole guide is, which Node reads on its fast path into a string of one byte a character', () => {
    const folder = join(dirname(DIST_CONTENT), 'fast');
    const files = [
      DIST_CONTENT,
      ...readdirSync(folder)
        .filter((name) => name.endsWith('.json'))
        .map((name) => join(folder, name)),
    ];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files)
      expect(
        readFileSync(file).every((byte) => byte < 0x80),
        file,
      ).toBe(true);
    // The guide itself is not ASCII: its dashes and quotes are there, escaped.
    expect(readFileSync(DIST_CONTENT, 'utf8')).toMatch(/\\u20(13|14|19)/);
  });

  it.each([
    ['strict', 'own getters on each item'],
    ['', 'getters on a prototype the items share'],
  ])('falls back when a command reads what the slice left out, and only then (MLROADMAP_FAST=%j: %s)', async (mode) => {
    const { runFast } = await import('../src/fast/run.js');
    vi.stubEnv('MLROADMAP_CACHE_DIR', 'off');
    vi.stubEnv('MLROADMAP_FAST', mode);
    // A fresh slice for each run, as each start reads its own.
    const slice = () =>
      ({
        roadmap: { id: 'p', title: 'P', welcome: '', formatVersion: 2, steps: [{ id: 'a', topics: [{ id: 'a1' }] }] },
        omitted: ['faqs'],
        projections: { steps: { omitted: ['description'], nested: { topics: { omitted: ['why'] } } } },
      }) as unknown as Slice;
    const reading = (read: (roadmap: Record<string, unknown[]>) => unknown): CommandSpec => ({
      name: 'reading',
      group: 'Learn',
      summary: 'reads a part of the guide',
      examples: [],
      run: (ctx) => ({ text: String(read(ctx.roadmap as never)) }),
    });
    const step = (roadmap: Record<string, unknown[]>) => roadmap.steps?.[0] as Record<string, unknown>;
    const topic = (roadmap: Record<string, unknown[]>) => (step(roadmap).topics as Record<string, unknown>[])[0] as Record<string, unknown>;
    const outcome = (read: (roadmap: Record<string, unknown[]>) => unknown) => runFast(reading(read), ['reading'], slice);
    try {
      expect(await outcome((r) => r.faqs)).toEqual({ fallback: expect.stringMatching(/read faqs/) });
      expect(await outcome((r) => step(r).description)).toEqual({ fallback: expect.stringMatching(/steps\[\]\.description/) });
      expect(await outcome((r) => topic(r).why)).toEqual({ fallback: expect.stringMatching(/steps\[\]\.topics\[\]\.why/) });
      expect(await outcome((r) => JSON.stringify(step(r)))).toEqual({
        fallback: expect.stringMatching(
          /the command (read|wrote an item of) steps.*, which (is not in its slice|its slice of the guide holds in part)/,
        ),
      });
      expect(await outcome((r) => JSON.stringify(topic(r)))).toEqual({ fallback: expect.stringMatching(/steps\[\]\.topics/) });
      // for ... in lists what an item inherits too.
      expect(
        await outcome((r) => {
          const keys: string[] = [];
          for (const key in topic(r)) keys.push(`${key}=${String(topic(r)[key])}`);
          return keys.join();
        }),
      ).toEqual({ fallback: expect.stringMatching(/steps\[\]\.topics\[\]\.why/) });
      // A spread is caught by own getters only: the tests compare every command line the strict way.
      expect(await outcome((r) => Object.keys({ ...topic(r) }).join())).toEqual(
        mode === 'strict' ? { fallback: expect.stringMatching(/steps\[\]\.topics\[\]\.why/) } : { code: 0 },
      );
      // What is there reads as it is, and each item is the one object it was.
      expect(await outcome((r) => `${topic(r).id} ${r.steps?.indexOf(step(r))}`)).toEqual({ code: 0 });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('a list of the guide whose items are loaded whole on demand', () => {
  it.each([
    ['strict', 'own getters on each item'],
    ['', 'getters on a prototype the items share'],
  ])(
    'reads the rest of an item from its own file, once, and writes it as JSON as the whole guide has it (MLROADMAP_FAST=%j: %s)',
    async (mode) => {
      const { runFast } = await import('../src/fast/run.js');
      vi.stubEnv('MLROADMAP_CACHE_DIR', 'off');
      vi.stubEnv('MLROADMAP_FAST', mode);
      const whole = [
        { id: 'a', title: 'A', description: 'About A.', topics: [{ id: 'a1', title: 'A one', why: 'Because.' }] },
        { id: 'b', title: 'B', description: 'About B.', topics: [{ id: 'b1', title: 'B one' }] },
      ];
      const slice = () =>
        ({
          roadmap: {
            id: 'p',
            title: 'P',
            welcome: '',
            formatVersion: 2,
            steps: whole.map((step) => ({
              id: step.id,
              title: step.title,
              topics: step.topics.map((topic) => ({ id: topic.id, title: topic.title })),
            })),
          },
          omitted: [],
          projections: { steps: { omitted: ['description'], nested: { topics: { omitted: ['why'] } }, load: true } },
        }) as unknown as Slice;
      const reads: string[] = [];
      const readItem = (list: string, index: number) => {
        reads.push(`${list}/${index}`);
        return structuredClone(whole[index]);
      };
      type Item = Record<string, unknown> & { topics: Record<string, unknown>[] };
      const shown = async (read: (steps: Item[]) => unknown) => {
        reads.length = 0;
        let text = '';
        const spec: CommandSpec = {
          name: 'reading',
          group: 'Learn',
          summary: 'reads a part of the guide',
          examples: [],
          run: (ctx) => {
            text = String(read(ctx.roadmap.steps as unknown as Item[]));
            return { text };
          },
        };
        const result = await runFast(spec, ['reading'], slice, undefined, undefined, readItem);
        return { result, text, reads: [...reads] };
      };
      try {
        expect(await shown((steps) => steps[1]?.description)).toEqual({ result: { code: 0 }, text: 'About B.', reads: ['steps/1'] });
        // A nested item's field comes from its parent's file; the parent's fields with it, one read.
        expect(
          await shown(([first]) => {
            const topic = first?.topics[0];
            return `${topic?.why} ${first?.description} ${topic?.why}`;
          }),
        ).toEqual({ result: { code: 0 }, text: 'Because. About A. Because.', reads: ['steps/0'] });
        // A field the item itself does not have is not there, as in the whole guide.
        expect(await shown((steps) => `${steps[1]?.topics[0]?.why === undefined}`)).toMatchObject({ result: { code: 0 } });
        expect(await shown((steps) => `${steps[1]?.topics[0]?.why}`)).toEqual({
          result: { code: 0 },
          text: 'undefined',
          reads: ['steps/1'],
        });
        // As JSON, an item is the whole item, its fields in the guide's order.
        expect(await shown((steps) => JSON.stringify(steps))).toEqual({
          result: { code: 0 },
          text: JSON.stringify(whole),
          reads: ['steps/0', 'steps/1'],
        });
        // Without a way to read items, the same read falls back.
        const spec: CommandSpec = {
          name: 'reading',
          group: 'Learn',
          summary: 's',
          examples: [],
          run: (ctx) => ({ text: String(ctx.roadmap.steps[0]?.description) }),
        };
        expect(await runFast(spec, ['reading'], slice)).toEqual({ fallback: expect.stringMatching(/steps\[\]\.description/) });
      } finally {
        vi.unstubAllEnvs();
      }
    },
  );
});

describe('the fast entry points read a command line as commander does', () => {
  const spec = (name: string) => COMMANDS.find((command) => command.name === name) ?? expect.fail(name);

  it('gives the arguments and options in commander’s shapes', () => {
    expect(parseFastLine(spec('faq'), ['faq'])).toEqual({ args: [[]], options: {}, noColor: false });
    expect(parseFastLine(spec('faq'), ['--no-color', 'faq', 'how', 'long', '--json'])).toEqual({
      args: [['how', 'long']],
      options: { json: true },
      noColor: true,
    });
    expect(parseFastLine(spec('step'), ['step', '2'])).toEqual({ args: ['2'], options: {}, noColor: false });
    expect(parseFastLine(spec('topics'), ['topics'])).toEqual({ args: [undefined], options: {}, noColor: false });
    expect(parseFastLine(spec('progress'), ['progress', '--path'])).toEqual({ args: [], options: { path: true }, noColor: false });
  });

  it('leaves every mistake and every unusual form to commander', () => {
    for (const line of [
      ['faq', '--bogus'],
      ['step'],
      ['step', '1', '2'],
      ['roadmap', '--json=1'],
      ['--json', 'roadmap'],
      ['faq', '--', 'x'],
      ['faq', '-'],
      ['progress', '--path=yes'],
      ['roadmap', '-x'],
    ]) {
      expect(parseFastLine(spec(line.find((word) => !word.startsWith('-')) ?? 'faq'), line), line.join(' ')).toBeUndefined();
    }
  });
});

describe('the colour-less style stand-in', () => {
  it('does what chalk does at level 0, for every chain mlroadmap uses', () => {
    const chalk = new Chalk({ level: 0 });
    const plain = plainStyle();
    const chains = [
      'dim',
      'bold',
      'red',
      'green',
      'cyan',
      'yellow',
      'gray',
      'blue',
      'underline',
      'italic',
      'bold.yellow',
      'bold.underline',
    ];
    const pick = (style: unknown, chain: string) =>
      chain.split('.').reduce((at, key) => (at as Record<string, unknown>)[key], style) as (...args: unknown[]) => string;
    for (const chain of chains) {
      for (const args of [['text'], ['two', 'words'], [3], [], ['']]) {
        expect(pick(plain, chain)(...args), `${chain}(${JSON.stringify(args)})`).toBe(pick(chalk, chain)(...args));
      }
    }
    expect(plain.visible('shown only with colour')).toBe(chalk.visible('shown only with colour'));
    expect(plain.hex('#ff0000').bold('x')).toBe(chalk.hex('#ff0000').bold('x'));
    expect(plain.level).toBe(0);
  });
});

describe('the colour style stand-in', () => {
  const STYLES = [
    'bold',
    'dim',
    'italic',
    'underline',
    'inverse',
    'red',
    'green',
    'yellow',
    'blue',
    'cyan',
    'gray',
    'bgRed',
    'redBright',
    'visible',
    'reset',
  ];
  const pick = (style: unknown, chain: readonly string[]) =>
    chain.reduce((at, key) => (at as Record<string, unknown>)[key], style) as (...args: unknown[]) => string;

  it('does what chalk does at each level, byte for byte: chains, nesting, line breaks, escapes, empty text', () => {
    // Texts with nested styling (chalk's own codes inside), bare escapes, \n and \r\n, and nothing.
    const pieces = fc.oneof(
      fc.constantFrom('', 'a', 'two words', 'line\nbreak', 'crlf\r\nend', '\n', '\u001b[0m', 'é漢🧠'),
      fc.string({ maxLength: 6 }),
    );
    const chainArb = fc.array(fc.constantFrom(...STYLES), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3),
        chainArb,
        chainArb,
        fc.array(pieces, { maxLength: 3 }),
        pieces,
        (level, outer, inner, args, tail) => {
          const chalk = new Chalk({ level: level as 1 | 2 | 3 });
          const ours = colorStyle(level as 1 | 2 | 3);
          // A styled text inside another, as a renderer nests them.
          const nested = (style: unknown) => pick(style, outer)(...args, pick(style, inner)(tail), tail);
          expect(nested(ours)).toBe(nested(chalk));
          expect(pick(ours, outer)(...args)).toBe(pick(chalk, outer)(...args));
          expect(pick(ours, inner)(3)).toBe(pick(chalk, inner)(3));
          expect(ours.level).toBe(level);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the root call and a colour function as chalk would or refuses (the whole program runs the line then)', () => {
    const chalk = new Chalk({ level: 3 });
    const ours = colorStyle(3);
    expect(ours('a', 'b')).toBe(chalk('a', 'b'));
    expect(ours.bold.bold('x')).toBe(chalk.bold.bold('x'));
    expect(() => ours.hex('#ff0000')).toThrow(/no style named hex/);
  });
});
