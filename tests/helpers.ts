import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { buildProgram } from '../src/cli.js';
import { loadPack } from '../src/content/load.js';
import type { Roadmap, Step } from '../src/content/schema.js';
import type { Context } from '../src/context.js';
import { diskFiles } from '../src/files.js';
import { reportError } from '../src/main.js';
import { aliasedStore } from '../src/progress/aliases.js';
import { emptyProgress, type Progress } from '../src/progress/model.js';
import { createMemorySettings } from '../src/progress/settings.js';
import { createMemoryStore, type ProgressStore } from '../src/progress/store.js';

export const CONTENT_DIR = fileURLToPath(new URL('../content', import.meta.url));
export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/tiny-pack', import.meta.url));
/** A pack with three exercises (stdlib, numpy, and one needing statsmodels), for the exercise tests. */
export const EXERCISE_PACK = fileURLToPath(new URL('./fixtures/exercise-pack', import.meta.url));
export const BIN = fileURLToPath(new URL('../dist/mlroadmap.cjs', import.meta.url));

/** The shipped content as loaded and validated, once per worker. */
let loaded: Promise<Roadmap> | undefined;
/** This test file's copy of it, which its tests may change without another file seeing it. */
let shipped: Promise<Roadmap> | undefined;
/** The content shipped in content/: loaded and validated once per worker, a copy of its own for each test file. */
export function shippedRoadmap(): Promise<Roadmap> {
  loaded ??= keptGuide();
  shipped ??= loaded.then((roadmap) => structuredClone(roadmap));
  return shipped;
}

/**
 * The shipped content loaded and validated by `loadPack`, kept across test files and runs: compiling
 * content/ takes about a second, and each file of the isolated project would pay it. Kept in the
 * temporary folder under a key of every file it is made from (content/, and the loader's own source in
 * src/content/, whose build hash is "dev" here) by size and times, so any change compiles it again.
 */
async function keptGuide(): Promise<Roadmap> {
  const sources = [CONTENT_DIR, fileURLToPath(new URL('../src/content', import.meta.url))];
  const lines: string[] = [];
  for (const root of sources)
    for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
      const stat = statSync(join(root, name), { bigint: true });
      lines.push(`${root}/${name} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs} ${stat.ino}`);
    }
  const file = join(tmpdir(), `mlroadmap-test-guide-${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Roadmap;
  } catch {
    const roadmap = await loadPack(CONTENT_DIR);
    // Written whole and renamed into place: another worker reads the old name or the whole file.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(roadmap));
    renameSync(temp, file);
    return roadmap;
  }
}

/** Drops what this module keeps for one test file; tests/setup.ts calls it before each file. */
/**
 * Runs `run` with the process in time zone `zone`, as a learner's machine would be, and puts the zone
 * back after (once the promise `run` returns settles, when it returns one).
 */
export function inZone<T>(zone: string, run: () => T): T {
  const before = process.env.TZ;
  const restore = () => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  };
  process.env.TZ = zone;
  let result: T;
  try {
    result = run();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}

export function forgetFileState(): void {
  shipped = undefined;
}

/** A step's required topics: what the bar, the plan and "next" count until the learner takes up an optional one. */
export function requiredTopics(step: Step | undefined) {
  return (step?.topics ?? []).filter((topic) => !topic.optional);
}

/** A step's hours without its optional topics (a step without topics: its own hours), as a plan counts them. */
export function requiredHours(step: Step | undefined): number {
  if (!step?.topics?.length) return step?.effortHours ?? 0;
  return requiredTopics(step).reduce((sum, topic) => sum + topic.effortHours, 0);
}

export interface TestContext extends Context {
  store: ProgressStore & { current: Progress };
  stdout: string[];
  stderr: string[];
  /** The answers `confirm` gives, in order. */
  answers: boolean[];
  /** How often the screen was cleared for a new page. */
  clears: number;
}

/** A context with an in-memory store that records what commands print. Plain output (no TTY, no colour) unless asked. */
export async function makeContext(overrides: Partial<Context> & { progress?: Progress } = {}): Promise<TestContext> {
  const { progress, ...rest } = overrides;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const answers: boolean[] = [];
  const ctx: TestContext = {
    roadmap: await shippedRoadmap(),
    // As main.ts does: progress under a topic's former id reads as the topic's.
    store: withCurrent(createMemoryStore(progress ?? emptyProgress()), () => ctx.roadmap),
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    tty: false,
    interactive: false,
    width: 80,
    height: 24,
    clear: () => {
      ctx.clears++;
    },
    clears: 0,
    style: new Chalk({ level: 0 }),
    now: () => new Date('2026-01-15T10:00:00Z'),
    // Just below 1: a Fisher-Yates shuffle leaves every list in its order, so tests know where each answer is.
    random: () => 0.999_999,
    files: diskFiles,
    confirm: async () => {
      const answer = answers.shift();
      if (answer === undefined) throw new Error('confirm called with no answer queued');
      return answer;
    },
    prompts: {
      select: () => Promise.reject(new Error('a prompt was asked in a test that gave no prompts')),
      checkbox: () => Promise.reject(new Error('a prompt was asked in a test that gave no prompts')),
      search: () => Promise.reject(new Error('a prompt was asked in a test that gave no prompts')),
      input: () => Promise.reject(new Error('a prompt was asked in a test that gave no prompts')),
      checklist: () => Promise.reject(new Error('a prompt was asked in a test that gave no prompts')),
      noteInput: () => Promise.reject(new Error('a prompt was asked in a test that gave no prompts')),
      flashcard: () => Promise.reject(new Error('a prompt was asked in a test that gave no prompts')),
    },
    stdout,
    stderr,
    answers,
    ...rest,
  } as TestContext;
  return ctx;
}

/** The memory store behind `aliasedStore`, with its raw `current` progress still read and set by tests. */
function withCurrent(memory: ProgressStore & { current: Progress }, roadmap: () => Roadmap): ProgressStore & { current: Progress } {
  return Object.defineProperty(aliasedStore(memory, roadmap), 'current', {
    get: () => memory.current,
    set: (progress: Progress) => {
      memory.current = progress;
    },
  }) as ProgressStore & {
    current: Progress;
  };
}

/** Runs a command line in-process, as `main.ts` would, and returns its exit code and output. */
export async function runCli(ctx: TestContext, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const before = { out: ctx.stdout.length, err: ctx.stderr.length };
  let code = 0;
  try {
    await buildProgram(ctx).parseAsync(args, { from: 'user' });
  } catch (error) {
    code = reportError(error, ctx.err);
  }
  return { code, out: ctx.stdout.slice(before.out).join('\n'), err: ctx.stderr.slice(before.err).join('\n') };
}

/**
 * node-pty, for tests that drive the program in a pseudo-terminal. @lydell/node-pty is node-pty with
 * its binaries prebuilt in npm packages, so installing needs no compiler or Node.js headers. Where a
 * prebuilt binary exists, failing to load it is a broken install and throws; on another platform the
 * reason is returned for the test to skip with.
 */
export async function loadPty(): Promise<{ pty?: typeof import('@lydell/node-pty'); problem: string }> {
  const prebuilt = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];
  try {
    return { pty: (await import('@lydell/node-pty')).default, problem: '' };
  } catch (error) {
    if (prebuilt.includes(`${process.platform}-${process.arch}`)) throw error;
    return { problem: `node-pty cannot load here (${(error as Error).message.split('\n')[0]})` };
  }
}

/** The interpreter the tests run exercises with: Debian's, which CI gives numpy, pandas, scikit-learn and pytest (see LIBRARIES.md). */
export const TEST_PYTHON = '/usr/bin/python3';

/**
 * Why tests that need `modules` in TEST_PYTHON cannot run here, or undefined when they can. Such tests
 * are skipped with this reason in their title: a machine without Python says so instead of failing.
 */
export function pythonLacks(modules: readonly string[]): string | undefined {
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const script = `import importlib.util, sys\nmissing = [m for m in ${JSON.stringify(modules)} if importlib.util.find_spec(m) is None]\nprint(" ".join(missing))`;
  const run = spawnSync(TEST_PYTHON, ['-c', script], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return `${TEST_PYTHON} cannot be run`;
  const missing = run.stdout.trim();
  return missing ? `${TEST_PYTHON} has no ${missing.split(' ').join(', ')}` : undefined;
}

/** The exercises' setup for in-process tests: the fixture pack's files, the plugin from src/, TEST_PYTHON, settings in memory. */
export function exerciseSetup(overrides: Partial<import('../src/exercises/setup.js').ExerciseSetup> = {}) {
  const settings = createMemorySettings();
  return {
    dir: `${EXERCISE_PACK}/exercises`,
    pluginDir: fileURLToPath(new URL('../src/exercises/python', import.meta.url)),
    pythonEnv: TEST_PYTHON,
    defaultWorkspace: undefined,
    settings,
    interruptible: <T>(work: (signal: AbortSignal) => Promise<T>) => work(new AbortController().signal),
    ...overrides,
  };
}

/**
 * Progress without what format 3 adds for merging (note ids, session uids, tombstones, stamps, the
 * dates of resets), for tests that compare what a learner entered with what was saved.
 */
export function withoutMergeRecords<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === 'deleted' || key === 'stamps' || key === 'epochs' || key === 'uid' ? undefined : v)),
    function (this: Record<string, unknown>, key, v) {
      // A note's "id" is a string; a session's "id" is its number and stays.
      return key === 'id' && typeof v === 'string' && 'text' in this && 'at' in this ? undefined : v;
    },
  ) as T;
}

/**
 * What says how the terminal running the tests colours text and shows links (chalk turns colour off
 * on a terminal when CI is set): not passed on to a program that should see a learner's terminal.
 */
export const RUNNER_TERMINAL_ENV: readonly string[] = [
  'NO_COLOR',
  'FORCE_COLOR',
  'MLROADMAP_CONTENT',
  'CI',
  'FORCE_HYPERLINK',
  'TERM_PROGRAM',
  'TERM_PROGRAM_VERSION',
  'VTE_VERSION',
  'WT_SESSION',
];
