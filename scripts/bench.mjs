// Start-up benchmark (`npm run bench`): runs each command of the built CLI and a bare `node -e 0`
// in turn (A B A B ..., after a warm-up), and prints a markdown table of the median wall time, the
// median of the paired ratios, and the median of each run's peak memory. Speed is checked here, never in the test suite.
//
//   npm run bench -- [--pairs 10] [--warmup 2] [--only print,search,year,cold,check,start,pty,pack,exercises] [--menu '❯'] [--node <path>] [--readme]
//
// `--readme` also writes the report into README.md, between the `<!-- bench node<major> -->` and
// `<!-- /bench node<major> -->` lines of the Node it ran on.
//
// Both sides run in the same clean environment, built here for every spawn: this process's
// environment without NODE_OPTIONS, NODE_EXTRA_CA_CERTS or any other NODE_* variable (Node 20 parses
// the NODE_EXTRA_CA_CERTS file on every start, about 85 ms, which would inflate the baseline) and
// without the npm_* variables `npm run` adds. `--node <path>` runs both sides with another Node binary.
// Peak memory (max RSS) comes from GNU `/usr/bin/time` when present; without it memory is "n/a".
// `--only cold` runs just the rows without caches (see below).
// Progress lives in a temporary MLROADMAP_CONFIG_DIR holding a realistic file (a third of the steps
// done, one in progress), so commands read what a learner's would. The "2,000-step pack" row runs
// `--content <dir> roadmap` on a pack generated into the same temporary folder (YAML, about 800 kB),
// after at least one warm-up run: it reports the pack after its first use. The "a year of use" rows
// read a progress file of a year of daily study: 365 logged sessions and 5,000 reviews. Every progress
// file is in the current format (written as format 1, then changed once by mlroadmap, as a learner's
// file would be).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBigPack, writeYearProgress } from './fixtures.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'dist/mlroadmap.cjs');
const CONTENT = join(root, 'dist/content.json');

const { values: flags } = parseArgs({
  options: {
    pairs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string' },
    // The text that shows the tutor's first menu is on screen: Inquirer's select pointer.
    menu: { type: 'string', default: '❯' },
    // Another Node.js binary, for both the CLI and the bare baseline.
    node: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    readme: { type: 'boolean' },
  },
});
if (flags.help) {
  console.log(
    "usage: npm run bench -- [--pairs N (>= 10)] [--warmup N] [--only name,name] [--menu 'text of the first menu'] [--node /path/to/node] [--readme]",
  );
  process.exit(0);
}
const pairs = Math.max(10, Number.parseInt(flags.pairs, 10) || 10);
const warmup = Math.max(0, Number.parseInt(flags.warmup, 10) || 0);
if (!existsSync(BIN) || !existsSync(CONTENT)) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

// The environment both sides run in: ours without what changes how Node starts.
const removed = Object.keys(process.env).filter((key) => key.startsWith('NODE_') || key.startsWith('npm_'));
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !removed.includes(key)));

const NODE = flags.node ? resolve(flags.node) : process.execPath;
// Asked of the binary itself, in the clean environment: its version and path, and that no NODE_*
// variable reached it.
const probe = spawnSync(
  NODE,
  ['-p', "JSON.stringify([process.version, process.execPath, Object.keys(process.env).filter((k) => k.startsWith('NODE_'))])"],
  { env: cleanEnv, encoding: 'utf8' },
);
if (probe.status !== 0) {
  console.error(`bench: cannot run ${NODE}: ${probe.error?.message ?? String(probe.stderr).trim()}`);
  process.exit(1);
}
const [nodeVersion, nodePath, leftover] = JSON.parse(probe.stdout);
if (leftover.length > 0) {
  console.error(`bench: the child environment still has ${leftover.join(', ')}`);
  process.exit(1);
}

const TIME = '/usr/bin/time';
const hasTime = spawnSync(TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;

// A learner a third of the way through, with one step in progress.
const roadmap = JSON.parse(readFileSync(CONTENT, 'utf8'));
const configDir = mkdtempSync(join(tmpdir(), 'mlroadmap-bench-'));
const progressFile = join(configDir, 'progress.json');
const when = '2026-01-10T09:00:00.000Z';
const steps = {};
const doneCount = Math.floor(roadmap.steps.length / 3);
roadmap.steps.forEach((step, index) => {
  if (index === 0) return; // step 1 is what `check 1` / `uncheck 1` flips.
  if (index <= doneCount) steps[step.id] = { status: 'done', updatedAt: when, completedAt: when };
  else if (index === doneCount + 1) steps[step.id] = { status: 'doing', updatedAt: when };
});
writeFileSync(progressFile, `${JSON.stringify({ version: 1, packs: { [roadmap.id]: { steps } } }, null, 2)}\n`);

// The compiled program and rendered pages are cached in a folder of the run's own (the warm-up fills
// it). "First read" rows empty the rendered pages before each run (a page read for the first time);
// "no caches" rows turn both off (the very first run after an install or upgrade).
const cacheFolder = join(configDir, 'cache');
const env = { ...cleanEnv, MLROADMAP_CONFIG_DIR: configDir, MLROADMAP_CACHE_DIR: cacheFolder, MLROADMAP_DEBUG: '' };
delete env.MLROADMAP_CONTENT;
delete env.NO_COLOR;
delete env.FORCE_COLOR;
const noCacheEnv = { ...env, MLROADMAP_CACHE_DIR: 'off' };

// The big pack has a progress file of its own (a third done, one in progress), so the other rows
// read only the built-in guide's; the caches are shared, as a learner's are.
const PACK_STEPS = 2000;
const packDir = join(configDir, `pack-${PACK_STEPS}`);
const packBytes = writeBigPack(packDir, PACK_STEPS);
const packConfigDir = join(configDir, 'pack-config');
mkdirSync(packConfigDir);
{
  const packSteps = {};
  for (let n = 2; n <= PACK_STEPS / 3 + 1; n++)
    packSteps[`step-${String(n).padStart(4, '0')}`] = { status: 'done', updatedAt: when, completedAt: when };
  packSteps[`step-${String(Math.floor(PACK_STEPS / 3) + 2).padStart(4, '0')}`] = { status: 'doing', updatedAt: when };
  writeFileSync(
    join(packConfigDir, 'progress.json'),
    `${JSON.stringify({ version: 1, packs: { [`bench-${PACK_STEPS}-steps`]: { steps: packSteps } } }, null, 2)}\n`,
  );
}
const packEnv = { ...env, MLROADMAP_CONFIG_DIR: packConfigDir };

// A year of daily use: the learner's progress as above, plus 365 study sessions and 5,000 reviews (scripts/fixtures.mjs).
const yearConfigDir = join(configDir, 'year-config');
mkdirSync(yearConfigDir);
writeYearProgress(roadmap, steps, join(yearConfigDir, 'progress.json'));
const yearEnv = { ...env, MLROADMAP_CONFIG_DIR: yearConfigDir };
const validated = spawnSync(NODE, [BIN, 'validate', packDir], { env: packEnv, encoding: 'utf8' });
if (validated.status !== 0) {
  rmSync(configDir, { recursive: true, force: true });
  console.error(`bench: the generated pack does not validate:\n${validated.stdout}${validated.stderr}`);
  process.exit(1);
}

// A learner's file is rewritten in the current format at its first change, so a learner a third of the
// way through (or a year in, or 667 steps into a pack) has it in that format: one change and its
// undoing bring each generated file (written as format 1, the format this script knows) to it, as the
// learner's would be, before any row reads it. (Until 2026-12-07 only the year file was: the others
// were read as format 1, checked whole and migrated at every run.)
for (const [what, runEnv, content] of [
  ['the progress file', env, []],
  ['the year file', yearEnv, []],
  ["the pack's progress file", packEnv, ['--content', packDir]],
]) {
  for (const args of [
    ['check', '1'],
    ['uncheck', '1'],
  ]) {
    const changed = spawnSync(NODE, [BIN, ...content, ...args], { env: runEnv, encoding: 'utf8' });
    if (changed.status !== 0) {
      rmSync(configDir, { recursive: true, force: true });
      console.error(`bench: could not bring ${what} to the current format (${args.join(' ')}):\n${changed.stderr}`);
      process.exit(1);
    }
  }
}
const forgetRenders = () => {
  for (const name of existsSync(cacheFolder) ? readdirSync(cacheFolder) : []) {
    if (name.startsWith('render-')) rmSync(join(cacheFolder, name), { recursive: true, force: true });
  }
};
const BARE = ['-e', '0'];
const memFile = join(configDir, 'rss.txt');

/** Runs `node <args>` with stdout piped; returns wall ms and peak RSS in KiB (or undefined). */
function runPiped(args, runEnv = env) {
  const [command, argv] = hasTime ? [TIME, ['-f', '%M', '-o', memFile, NODE, ...args]] : [NODE, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { env: runEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${String(result.stderr).trim().split('\n').slice(-3).join(' / ')}`);
  }
  return { ms, kb: hasTime ? readRss() : undefined };
}

function readRss() {
  const lines = readFileSync(memFile, 'utf8').trim().split('\n');
  const kb = Number.parseInt(lines.at(-1) ?? '', 10);
  return Number.isFinite(kb) ? kb : undefined;
}

let pty;
async function loadPty() {
  pty ??= (await import('@lydell/node-pty')).default;
  return pty;
}

/** The pid of the only child of `pid` (the node that /usr/bin/time started), from /proc. */
function childOf(pid) {
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (children) return Number.parseInt(children.split(' ')[0], 10);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Runs `node <args>` in a pseudo-terminal (80x24) and times it until `until` appears in its output,
 * or until it exits when `until` is undefined. The process is then killed, `linger` ms later (the
 * warm-up lingers: the tutor keeps its compiled code once it has waited a second for the learner, as
 * it does for a learner who reads the menu). With /usr/bin/time in between, the node child is killed
 * (time then reports its peak memory).
 */
async function runPty(args, until, linger = 0, ptyEnv = env) {
  const { spawn: ptySpawn } = await loadPty();
  const [command, argv] = hasTime ? [TIME, ['-f', '%M', '-o', memFile, NODE, ...args]] : [NODE, args];
  rmSync(memFile, { force: true });
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const term = ptySpawn(command, argv, { name: 'xterm-256color', cols: 80, rows: 24, cwd: root, env: ptyEnv });
    let screen = '';
    let ms;
    const timer = setTimeout(() => {
      term.kill('SIGKILL');
      reject(
        new Error(`node ${args.join(' ')}: no ${JSON.stringify(until)} on screen after 10 s; saw: ${JSON.stringify(screen.slice(-300))}`),
      );
    }, 10_000);
    term.onData((data) => {
      screen += data;
      if (until !== undefined && ms === undefined && screen.includes(until)) {
        ms = Number(process.hrtime.bigint() - start) / 1e6;
        const target = hasTime ? childOf(term.pid) : term.pid;
        setTimeout(() => {
          try {
            if (target) process.kill(target, 'SIGTERM');
            else term.kill('SIGTERM');
          } catch {
            // It ended by itself meanwhile.
          }
        }, linger);
      }
    });
    term.onExit(({ exitCode }) => {
      clearTimeout(timer);
      if (until === undefined) {
        ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (exitCode !== 0) return reject(new Error(`node ${args.join(' ')} exited ${exitCode} in a terminal`));
      }
      if (ms === undefined) {
        return reject(
          new Error(
            `node ${args.join(' ')} exited (${exitCode}) before ${JSON.stringify(until)} was on screen; saw: ${JSON.stringify(screen.slice(-300))}`,
          ),
        );
      }
      // /usr/bin/time writes its file after the child is reaped; give it a moment.
      setTimeout(() => resolve({ ms, kb: hasTime && existsSync(memFile) ? readRss() : undefined }), 20);
    });
  });
}

// The exercises row: `exercises check sum-evens` on the tests' exercise pack, its solution in a
// workspace made by `exercises init`, against the baseline of pytest's own run of the same checks
// as the runner starts it (the plugin, our empty ini, no conftest, in the workspace) instead of
// `node -e 0`. Its target is what mlroadmap adds: at most 150 ms. Skipped without /usr/bin/python3 and pytest.
const PYTHON = '/usr/bin/python3';
const exercisePack = join(root, 'tests/fixtures/exercise-pack');
const exerciseEnv = { ...env, MLROADMAP_CONFIG_DIR: join(configDir, 'exercise-config'), MLROADMAP_PYTHON: PYTHON };
const hasPytest = spawnSync(PYTHON, ['-c', 'import pytest'], { stdio: 'ignore' }).status === 0;
let pytestRun;
if (hasPytest) {
  const workspace = join(configDir, 'exercise-workspace');
  const init = spawnSync(NODE, [BIN, '--content', exercisePack, 'exercises', 'init', workspace], { env: exerciseEnv, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`exercises init failed: ${init.stderr}`);
  writeFileSync(join(workspace, 'sum_evens.py'), readFileSync(join(exercisePack, 'exercises/sum-evens/solution.py')));
  const checks = join(configDir, 'exercise-checks');
  mkdirSync(checks);
  writeFileSync(join(checks, 'test_sum_evens.py'), readFileSync(join(exercisePack, 'exercises/sum-evens/test_sum_evens.py')));
  writeFileSync(join(checks, 'pytest.ini'), '[pytest]\n');
  const pytestEnv = {
    ...cleanEnv,
    PYTHONPATH: join(root, 'dist/python'),
    PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    MLROADMAP_EXERCISE_FILE: join(workspace, 'sum_evens.py'),
    MLROADMAP_EXERCISE_MODULE: 'sum_evens',
    MLROADMAP_RESULT_FILE: join(checks, 'result.json'),
  };
  const args = ['-m', 'pytest', '-p', 'mlroadmap_checks', '-p', 'no:cacheprovider', '--noconftest', '-x', '-q'];
  args.push('-c', join(checks, 'pytest.ini'), '--rootdir', checks, join(checks, 'test_sum_evens.py'));
  pytestRun = () => {
    const start = process.hrtime.bigint();
    const result = spawnSync(PYTHON, args, { cwd: workspace, env: pytestEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0)
      throw new Error(`pytest exited ${result.status}: ${String(result.stdout).trim().split('\n').slice(-3).join(' / ')}`);
    return { ms, kb: undefined };
  };
}

const flips = new Map();
/** Alternates between two command lines, so every run really changes progress: check 1, uncheck 1, check 1, ... */
const alternate = (name, first, second, runEnv = env) => {
  const next = !flips.get(name);
  flips.set(name, next);
  return runPiped([BIN, ...(next ? first : second)], runEnv);
};
// The print commands, as issue 25 lists them: within 15% of `node -e 0`, in a pipe and on a terminal.
const PRINT = [
  ['faq', '3'],
  ['roadmap'],
  ['progress', '--json'],
  ['read', 'salary'],
  ['step', '2'],
  ['topics'],
  ['skills'],
  ['phases'],
  ['certs'],
  ['sections'],
  ['next'],
  ['--help'],
  ['--version'],
];
const PRINT_TARGET = [1.15, 1.15];
const targets = [
  ...PRINT.map((line) => ({ name: line.join(' '), key: 'print', target: PRINT_TARGET, run: () => runPiped([BIN, ...line]) })),
  { name: 'search neural networks', key: 'search', target: [1.3, 1.3], run: () => runPiped([BIN, 'search', 'neural', 'networks']) },
  ...[['progress', '--json'], ['roadmap'], ['next'], ['log'], ['review', '--stats'], ['stats']].map((line) => ({
    name: `${line.join(' ')}, a year of use`,
    key: 'year',
    target: PRINT_TARGET,
    run: () => runPiped([BIN, ...line], yearEnv),
  })),
  {
    name: 'faq 3, first read',
    key: 'cold',
    run: () => {
      forgetRenders();
      return runPiped([BIN, 'faq', '3']);
    },
  },
  {
    name: 'read salary, first read',
    key: 'cold',
    run: () => {
      forgetRenders();
      return runPiped([BIN, 'read', 'salary']);
    },
  },
  { name: 'roadmap, no caches', key: 'cold', run: () => runPiped([BIN, 'roadmap'], noCacheEnv) },
  { name: 'faq 3, no caches', key: 'cold', run: () => runPiped([BIN, 'faq', '3'], noCacheEnv) },
  // The commands that change progress: within 30%.
  { name: 'check 1 / uncheck 1', key: 'check', target: [1.3, 1.3], run: () => alternate('check', ['check', '1'], ['uncheck', '1']) },
  {
    name: 'mark 3 doing / skipped',
    key: 'check',
    target: [1.3, 1.3],
    run: () => alternate('mark', ['mark', '3', 'doing'], ['mark', '3', 'skipped']),
  },
  {
    name: 'note 2 <text> / note 2 --delete 1',
    key: 'check',
    target: [1.3, 1.3],
    run: () => alternate('note', ['note', '2', 'Worked through the chapter.'], ['note', '2', '--delete', '1']),
  },
  {
    // As the check row, on the year file: each run writes it (its history copied as it is).
    name: 'check 1 / uncheck 1, a year of use',
    key: 'year',
    target: [1.3, 1.3],
    run: () => alternate('check-year', ['check', '1'], ['uncheck', '1'], yearEnv),
  },
  {
    name: 'log 30m <text> / log --delete 1',
    key: 'check',
    target: [1.3, 1.3],
    run: () => alternate('log', ['log', '30m', 'Reading.'], ['log', '--delete', '1']),
  },
  {
    name: 'start (first menu, in a pty)',
    key: 'start',
    target: [1.5, 1.5],
    pty: true,
    run: (linger) => runPty([BIN, 'start'], flags.menu, linger),
  },
  {
    // The first screen counts the cards waiting and the week's study: on the year file, it reads both.
    name: 'start (first menu, in a pty), a year of use',
    key: 'start',
    target: [1.5, 1.5],
    pty: true,
    run: (linger) => runPty([BIN, 'start'], flags.menu, linger, yearEnv),
  },
  // The print commands on a terminal (80x24), in colour, timed until they exit, against `node -e 0` in one.
  ...[['faq', '3'], ['roadmap'], ['progress'], ['step', '2'], ['--help']].map((line) => ({
    name: `${line.join(' ')}, in a pty`,
    key: 'pty',
    target: PRINT_TARGET,
    pty: true,
    run: () => runPty([BIN, ...line], undefined),
  })),
  ...[['roadmap'], ['search', 'topic', '12']].map((line) => ({
    // At least one warm-up run whatever --warmup says: the row is the pack after its first use.
    name: `${line.join(' ')}, ${PACK_STEPS.toLocaleString('en')}-step pack, after first use`,
    key: 'pack',
    target: [1.5, 1.5],
    minWarmup: 1,
    run: () => runPiped([BIN, '--content', packDir, ...line], packEnv),
  })),
  ...(pytestRun
    ? [
        {
          name: 'exercises check sum-evens (baseline: pytest alone)',
          key: 'exercises',
          maxAddedMs: 150,
          baseline: pytestRun,
          run: () => runPiped([BIN, '--content', exercisePack, 'exercises', 'check', 'sum-evens'], exerciseEnv),
        },
      ]
    : []),
];
if (!pytestRun) process.stderr.write(`exercises check: skipped (${PYTHON} has no pytest)\n`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n, digits = 0) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

const only = flags.only?.split(',').map((s) => s.trim().toLowerCase());
const chosen = targets.filter((t) => !only || only.some((o) => t.name.toLowerCase().startsWith(o) || t.key === o));
const rows = [];
const loadStart = loadavg()[0];
try {
  for (const target of chosen) {
    const bare = target.baseline ?? (target.pty ? () => runPty(BARE, undefined) : () => runPiped(BARE));
    for (let i = 0; i < Math.max(warmup, target.minWarmup ?? 0); i++) {
      await target.run(1500);
      await bare();
    }
    const a = [];
    const b = [];
    for (let i = 0; i < pairs; i++) {
      a.push(await target.run());
      b.push(await bare());
    }
    const ratios = a.map((run, i) => run.ms / b[i].ms);
    const kbA = a.map((run) => run.kb).filter((kb) => kb !== undefined);
    const kbB = b.map((run) => run.kb).filter((kb) => kb !== undefined);
    const memA = kbA.length ? median(kbA) / 1024 : undefined;
    const memB = kbB.length ? median(kbB) / 1024 : undefined;
    const row = {
      name: target.name,
      ms: median(a.map((r) => r.ms)),
      bareMs: median(b.map((r) => r.ms)),
      ratio: median(ratios),
      memA,
      memB,
      memRatio: memA !== undefined && memB ? memA / memB : undefined,
      target: target.target,
      maxAddedMs: target.maxAddedMs,
      // What the command adds to its baseline, run by run (a pair each), for rows judged in milliseconds.
      addedMs: median(a.map((run, i) => run.ms - b[i].ms)),
    };
    rows.push(row);
    process.stderr.write(`${row.name}: ${fmt(row.ms)} ms, ${fmt(row.ratio, 2)}x, ${fmt(row.memA, 1)} MB\n`);
  }
} finally {
  rmSync(configDir, { recursive: true, force: true });
}

// The report: printed, and with --readme written into README.md for this Node's major version.
const reported = [];
const report = (line) => {
  reported.push(line);
  console.log(line);
};
const cpu = cpus();
const others = removed.filter((key) => key !== 'NODE_EXTRA_CA_CERTS' && key !== 'NODE_OPTIONS');
const npmCount = others.filter((key) => key.startsWith('npm_')).length;
const removedText = [
  ...removed.filter((key) => key === 'NODE_EXTRA_CA_CERTS' || key === 'NODE_OPTIONS'),
  ...others.filter((key) => !key.startsWith('npm_')),
  ...(npmCount ? [`${npmCount} npm_* variables`] : []),
];
report(
  `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GB RAM, ` +
    `${process.platform}/${process.arch}, load average ${fmt(loadStart, 2)} at the start, ${fmt(loadavg()[0], 2)} at the end.`,
);
report(`Node.js ${nodeVersion} (${nodePath}) for both sides, the CLI and \`node -e 0\`.`);
report(
  'Environment: clean for both sides: no NODE_OPTIONS, no NODE_EXTRA_CA_CERTS, no other NODE_* variable ' +
    `(removed from this shell's: ${removedText.length ? removedText.join(', ') : 'nothing'}).`,
);
report(
  `${pairs} A/B pairs after ${warmup} warm-up ${warmup === 1 ? 'pair' : 'pairs'} each (the ${PACK_STEPS.toLocaleString('en')}-step pack: ` +
    `${fmt(packBytes / 1000)} kB of YAML, at least one warm-up run).`,
);
report('');
// Columns padded as Biome formats markdown tables, so the table goes into the README as printed.
const header = ['mlroadmap ...', 'median wall', '`node -e 0`', 'median ratio', 'peak RSS', '`node -e 0` RSS', 'RSS ratio'];
const cells = rows.map((row) => [
  row.name,
  `${fmt(row.ms)} ms`,
  `${fmt(row.bareMs)} ms`,
  `${fmt(row.ratio, 2)}x`,
  `${fmt(row.memA, 1)} MB`,
  `${fmt(row.memB, 1)} MB`,
  row.memRatio === undefined ? 'n/a' : `${fmt(row.memRatio, 2)}x`,
]);
const widths = header.map((title, i) => Math.max(title.length, 3, ...cells.map((cell) => cell[i].length)));
const line = (cell) => `| ${cell.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join(' | ')} |`;
report(line(header));
report(`| ${widths.map((width, i) => (i === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`);
for (const cell of cells) report(line(cell));

// Each target against the ratio as printed (two decimals).
const verdict = (ratio, limit) => {
  if (ratio === undefined || Number.isNaN(ratio)) return `n/a (target ≤${limit}x, not checked)`;
  return `${fmt(ratio, 2)}x, target ≤${limit}x: ${Number(ratio.toFixed(2)) <= limit ? 'holds' : '**misses**'}`;
};
const judged = rows.filter((row) => row.target);
if (judged.length) {
  report('');
  report('Targets, as median ratios to `node -e 0`:');
  report('');
  for (const row of judged) {
    report(`- ${row.name}: wall ${verdict(row.ratio, row.target[0])}; peak RSS ${verdict(row.memRatio, row.target[1])}`);
  }
  const missed = judged.filter(
    (row) =>
      !(Number(row.ratio.toFixed(2)) <= row.target[0]) ||
      (row.memRatio !== undefined && !(Number(row.memRatio.toFixed(2)) <= row.target[1])),
  );
  report('');
  report(missed.length ? `${missed.length} of ${judged.length} rows miss a target.` : `All ${judged.length} rows with a target hold it.`);
}
for (const row of rows.filter((r) => r.maxAddedMs !== undefined)) {
  report('');
  report(
    `- ${row.name}: adds ${fmt(row.addedMs)} ms (median of the paired differences) to pytest's ${fmt(row.bareMs)} ms; ` +
      `target ≤${row.maxAddedMs} ms: ${row.addedMs <= row.maxAddedMs ? 'holds' : '**misses**'}`,
  );
}
if (!hasTime) report('\nPeak memory: n/a (GNU /usr/bin/time not found).');

if (flags.readme) {
  const major = nodeVersion.replace(/^v/, '').split('.')[0];
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = `<!-- bench node${major} -->`;
  const end = `<!-- /bench node${major} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from) {
    console.error(`bench: README.md has no ${start} ... ${end} block for Node ${major}`);
    process.exit(1);
  }
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n\n${reported.join('\n')}\n\n${text.slice(to)}`);
  console.error(`bench: README.md's Node ${major} results written`);
}
