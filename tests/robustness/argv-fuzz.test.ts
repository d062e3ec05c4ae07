import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_VERSION } from '../../src/progress/model.js';
import { createFileStore } from '../../src/progress/store.js';
import { makeContext, runCli, type TestContext } from '../helpers.js';
import { assertBuilt, cleanup, readProgressFile, runBin, STACK_TRACE, tempDir } from './support.js';

// Random command lines thrown at the CLI: never a stack trace, never a hang, exit code 0, 1 or 2, no
// escape sequence echoed back to the terminal, no polluted prototype, and progress still readable.
const IN_PROCESS_RUNS = 300;
const SPAWNED_RUNS = 30;

let sandbox: string;
let config: string;
const home = process.cwd();

beforeAll(() => {
  sandbox = tempDir('fuzz');
  config = join(sandbox, 'config');
  mkdirSync(join(sandbox, 'a-folder'));
  writeFileSync(join(sandbox, 'not-json.json'), '\u001b]52;c;cGF5bG9hZA==\u0007{{{');
  writeFileSync(join(sandbox, 'proto.json'), '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}');
  // Relative paths in the generated command lines (export -o x) land in the sandbox, not the repository.
  process.chdir(sandbox);
});
afterAll(() => {
  process.chdir(home);
  cleanup(sandbox);
});

const COMMANDS = [
  'start',
  'sections',
  'read',
  'skills',
  'phases',
  'certs',
  'faq',
  'roadmap',
  'check',
  'uncheck',
  'mark',
  'next',
  'step',
  'note',
  'search',
  'assess',
  'quiz',
  'export',
  'import',
  'plan',
  'progress',
  'reset',
  'doctor',
  'validate',
  'completion',
  'help',
];
/** Commands that take values, so generated values get past the parser. */
const TAKE_VALUES = [
  'read',
  'skills',
  'phases',
  'certs',
  'faq',
  'check',
  'uncheck',
  'mark',
  'step',
  'note',
  'search',
  'assess',
  'quiz',
  'import',
  'validate',
  'completion',
  'help',
];
const OPTIONS = [
  '--json',
  '--json',
  '--help',
  '-h',
  '--version',
  '-V',
  '--fix',
  '--yes',
  '-y',
  '--path',
  '--no-color',
  '--limit',
  '--delete',
  '--format',
  'json',
  'md',
  '--output',
  '-o',
  '--force',
  '--hours-per-week',
  '--start',
  '--clear',
  '--list',
  '--content',
  '--',
  '-',
  '--=',
  '-x',
  '--__proto__',
  '--constructor',
  '--toString',
];
const SPECIAL = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf', ''];
const NUMBERS = [
  '0',
  '-1',
  '1',
  '6',
  '7',
  '-0',
  '1e309',
  '-1e309',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  '2.',
  ' 3 ',
  '٣',
];
const PATHS = [
  '.',
  '..',
  '/',
  '/dev/null',
  '/dev/zero',
  '/proc/self/status',
  '../../../../etc/passwd',
  '~',
  'a-folder',
  'not-json.json',
  'proto.json',
  'new.md',
];
const ESCAPES = ['\u001b[2J', '\u001b]52;c;cGF5bG9hZA==\u0007', '\u001b]8;;http://evil\u0007x\u001b]8;;\u0007', '\u009b31m', '\r\b\u0007'];
const IDS = ['python-and-math', 'python', 'courses-and-tutorials', 'apply-for-jobs', 'salary', 'aws', 'how long'];

/** One argument: mostly the CLI's own words, mixed with hostile ones. */
function argument(maxHuge: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...OPTIONS) },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL, ...NUMBERS, ...IDS) },
    { weight: 2, arbitrary: fc.constantFrom(...PATHS) },
    { weight: 2, arbitrary: fc.constantFrom(...ESCAPES) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...OPTIONS), fc.string({ maxLength: 10 })).map(([option, value]) => `${option}=${value}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('x', 'é', '🙂', '\u001b[', '__proto__', '-'), fc.integer({ min: 1_000, max: maxHuge }))
        .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length))),
    },
  );
}

/** A value where a command expects one: a step, a number, a name, or something hostile. */
function value(maxHuge: number): fc.Arbitrary<string> {
  return argument(maxHuge).filter((arg) => !arg.startsWith('-'));
}

/**
 * A command line: a command with values (reaching past the parser into the commands), a command with
 * anything, option soup with flags repeated, or no command at all.
 */
function commandLine(maxHuge: number): fc.Arbitrary<string[]> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...TAKE_VALUES),
          fc.array(value(maxHuge), { minLength: 1, maxLength: 2 }),
          fc.constantFrom([], [], [], ['--json'], ['--yes']),
        )
        .map(([c, values, flags]) => [c, ...values, ...flags]),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...COMMANDS), fc.array(argument(maxHuge), { maxLength: 6 })).map(([c, rest]) => [c, ...rest]),
    },
    { weight: 1, arbitrary: fc.array(argument(maxHuge), { maxLength: 6 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...COMMANDS), fc.constantFrom(...OPTIONS)).map(([c, o]) => [c, o, o, o]) },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function expectPrototypesClean(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Array.prototype)).toEqual([]);
}

describe('random command lines', () => {
  it(`in-process: ${IN_PROCESS_RUNS} runs against a real progress file`, async () => {
    const base = await makeContext();
    const store = createFileStore(config);
    const ctx: TestContext = { ...base, store: store as TestContext['store'] };
    await fc.assert(
      fc.asyncProperty(commandLine(200_000), async (argv) => {
        const what = JSON.stringify(argv).slice(0, 300);
        const run = await withTimeout(runCli(ctx, argv), 15_000, what);
        expect([0, 1, 2], what).toContain(run.code);
        expect(run.err, what).not.toMatch(STACK_TRACE);
        expect(run.err, what).not.toMatch(/unexpected error/);
        expect(`${run.out}${run.err}`, what).not.toMatch(/[\u001b\u009b\u0007]/);
        expect(() => store.read(), what).not.toThrow();
        expectPrototypesClean();
      }),
      { numRuns: IN_PROCESS_RUNS, interruptAfterTimeLimit: 240_000 },
    );
  }, 300_000);

  it(`spawned: ${SPAWNED_RUNS} runs of the built CLI`, async () => {
    assertBuilt();
    const spawnedConfig = join(sandbox, 'spawned-config');
    // Arguments cannot carry NUL bytes to a real process.
    const argv = commandLine(20_000).map((args) => args.map((arg) => arg.replaceAll('\u0000', '')));
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const what = JSON.stringify(args).slice(0, 300);
        const run = await runBin(args, { config: spawnedConfig, timeoutMs: 30_000, cwd: sandbox });
        expect(run.signal, `${what} was killed: it hung`).toBeNull();
        expect([0, 1, 2], `${what}: ${run.stderr}`).toContain(run.code);
        expect(run.stderr, what).not.toMatch(STACK_TRACE);
        expect(run.stderr, what).not.toMatch(/unexpected error/);
        expect(`${run.stdout}${run.stderr}`, what).not.toMatch(/[\u001b\u009b\u0007]/);
        try {
          expect(readProgressFile(spawnedConfig).version).toBe(PROGRESS_VERSION);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }),
      { numRuns: SPAWNED_RUNS },
    );
  }, 300_000);
});
