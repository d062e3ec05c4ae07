import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requiredTopics, shippedRoadmap } from './helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ESCAPE = /[\u001b\u009b]/;
const STACK_LINE = /^ {4}at /m;
let configDir: string;
const roadmap = await shippedRoadmap();
const total = roadmap.steps.length;

beforeAll(() => {
  // `npm test` builds before vitest; a bare `npx vitest` builds here only when there is nothing to run.
  if (!existsSync(join(ROOT, 'dist', 'mlroadmap.cjs'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  configDir = mkdtempSync(join(tmpdir(), 'mlroadmap-bin-'));
}, 120_000);
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real executable with stdin closed and stdout/stderr into pipes, as a script would. */
function mlroadmap(args: string[], env: Record<string, string> = {}, dir = configDir): Promise<Result> {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'MLROADMAP_CONTENT', 'MLROADMAP_DEBUG', 'XDG_CONFIG_HOME']) delete base[name];
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...base, TERM: 'xterm-256color', COLORTERM: 'truecolor', MLROADMAP_CONFIG_DIR: dir, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
    child.stdin?.destroy();
  });
}

function freshDir(): string {
  return mkdtempSync(join(configDir, 'run-'));
}

describe('dist/mlroadmap.cjs, the executable', () => {
  it('prints help listing the commands with --help, exit 0', async () => {
    const { code, stdout, stderr } = await mlroadmap(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const name of ['start', 'sections', 'read', 'roadmap', 'check', 'uncheck', 'progress', 'reset', 'faq']) {
      expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
  });

  it('still runs through bin/mlroadmap.js, where an npm link made before dist/mlroadmap.cjs was the bin points', () => {
    const dir = freshDir();
    const old = spawnSync(process.execPath, [join(ROOT, 'bin', 'mlroadmap.js'), 'check', '2'], {
      env: { ...process.env, MLROADMAP_CONFIG_DIR: dir },
      encoding: 'utf8',
    });
    expect(old).toMatchObject({ status: 0, stderr: '' });
    expect(old.stdout).toMatch(/^Checked off: 2\. /);
    // Once: the executable's own call of main() does not run when it is required (export goes through
    // the whole program, which does not end the process at once: a second run would print again).
    const exported = spawnSync(process.execPath, [join(ROOT, 'bin', 'mlroadmap.js'), 'export', '--format', 'json'], {
      env: { ...process.env, MLROADMAP_CONFIG_DIR: dir },
      encoding: 'utf8',
    });
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ format: 'mlroadmap-progress' });
  });

  it('prints the help with no arguments when not on a terminal, exit 0', async () => {
    const { code, stdout } = await mlroadmap([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: mlroadmap/);
  });

  it('keeps a checked step after the process ends', async () => {
    const dir = freshDir();
    const check = await mlroadmap(['check', '1', 'github'], {}, dir);
    expect(check).toMatchObject({ code: 0, stderr: '' });
    const github = roadmap.steps.findIndex((step) => step.id === 'github-portfolio') + 1;
    expect(check.stdout).toBe(
      `Checked off: 1. Learn Python and the maths foundations\nChecked off: ${github}. Publish a portfolio on GitHub\n`,
    );
    const progress = JSON.parse((await mlroadmap(['progress', '--json'], {}, dir)).stdout);
    // The bar counts topics: the required ones of the two steps, of all the required ones.
    const topics = (ids: string[]) =>
      roadmap.steps.filter((step) => ids.includes(step.id)).reduce((n, step) => n + requiredTopics(step).length, 0);
    const percent = Math.floor((topics(['python-and-math', 'github-portfolio']) / topics(roadmap.steps.map((step) => step.id))) * 100);
    expect(progress).toMatchObject({ stepsDone: 2, stepsTotal: total, percent, stepsPercent: Math.floor((2 / total) * 100) });
    expect(progress.steps.filter((s: { status: string }) => s.status === 'done').map((s: { id: string }) => s.id)).toEqual([
      'python-and-math',
      'github-portfolio',
    ]);
    const path = (await mlroadmap(['progress', '--path'], {}, dir)).stdout.trim();
    expect(path).toBe(join(dir, 'progress.json'));
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file.version).toBe(5);
    expect(Object.keys(file.packs['ml-engineer'].steps).sort()).toEqual(['github-portfolio', 'python-and-math']);
  });

  it('resets with --yes and keeps a backup; without --yes and no terminal it refuses (exit 2)', async () => {
    const dir = freshDir();
    await mlroadmap(['check', '2'], {}, dir);
    const before = readFileSync(join(dir, 'progress.json'), 'utf8');
    const refused = await mlroadmap(['reset'], {}, dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^mlroadmap: reset needs confirmation.*--yes/);
    expect(readFileSync(join(dir, 'progress.json'), 'utf8')).toBe(before);
    const reset = await mlroadmap(['reset', '--yes'], {}, dir);
    expect(reset.code).toBe(0);
    const backup = /kept as (\S+)/.exec(reset.stdout)?.[1];
    expect(backup && readFileSync(backup, 'utf8')).toBe(before);
    expect(JSON.parse((await mlroadmap(['progress', '--json'], {}, dir)).stdout).stepsDone).toBe(0);
  });

  it.each([['roadmap'], ['progress'], ['read', 'algorithms'], ['skills', '1'], ['faq', '3'], ['certs'], ['phases', '1']])(
    '%s into a pipe carries no escape codes, even with a colour terminal in TERM',
    async (...args) => {
      const { code, stdout } = await mlroadmap(args);
      expect(code).toBe(0);
      expect(stdout.length).toBeGreaterThan(0);
      expect(stdout).not.toMatch(ESCAPE);
    },
  );

  it('colours a page when FORCE_COLOR asks, and NO_COLOR or --no-color win over it', async () => {
    expect((await mlroadmap(['read', 'algorithms'], { FORCE_COLOR: '1' })).stdout).toMatch(ESCAPE);
    expect((await mlroadmap(['read', 'algorithms'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toMatch(ESCAPE);
    expect((await mlroadmap(['read', 'algorithms', '--no-color'], { FORCE_COLOR: '1' })).stdout).not.toMatch(ESCAPE);
  });

  it('refuses start at once without a terminal, naming the plain commands (exit 2)', async () => {
    const { code, stdout, stderr } = await mlroadmap(['start']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    // Tracking first, then reading; every plain command the tutor stands for is named.
    expect(stderr).toMatch(/needs a terminal; without one use the plain commands: roadmap, check, uncheck, mark, note, log, /);
    for (const name of ['stats', 'ready', 'progress', 'read', 'faq', 'topics', 'exercises', 'review'])
      expect(stderr).toMatch(new RegExp(`[:,] ${name}(,|$)`, 'm'));
  });

  it.each([
    [['progres'], 2, /^mlroadmap: unknown command 'progres' \(Did you mean progress\?\)\n$/],
    [['check', '99'], 1, new RegExp(`^mlroadmap: there is no step "99": step numbers go from 1 to ${total}\\b`)],
    [['read', 'nope'], 1, /^mlroadmap: unknown section "nope"/],
    [['faq', 'need'], 1, /^mlroadmap: "need" matches more than one FAQ/],
    [['roadmap', '--bogus'], 2, /^mlroadmap: unknown option '--bogus'\n$/],
  ])('%j fails with exit %i, one line and no stack trace', async (args, code, message) => {
    const result = await mlroadmap(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('reports a damaged progress file in one line, without a stack trace, and leaves it alone', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'progress.json'), '{"version": 1, "packs": {');
    for (const args of [['progress'], ['check', '1'], ['roadmap']]) {
      const result = await mlroadmap(args, {}, dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^mlroadmap: cannot use the progress file .*progress\.json/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
    expect(readFileSync(join(dir, 'progress.json'), 'utf8')).toBe('{"version": 1, "packs": {');
  });
});

/** What the program says, in one line, when a part of it is gone (edge.ts, fast/lines.ts). */
const PART_MISSING_LINE =
  'mlroadmap: part of the program is missing, most likely because mlroadmap was updated while it ran; run the command again (reinstall mlroadmap if this keeps happening)\n';

/** Runs the program copied into `copy` (its dist/), with a config and cache folder of the copy's own. */
function runCopy(copy: string, line: readonly string[]) {
  return spawnSync(process.execPath, [join(copy, 'dist', 'mlroadmap.cjs'), ...line], {
    env: { ...process.env, MLROADMAP_CACHE_DIR: join(copy, 'cache'), MLROADMAP_CONFIG_DIR: join(copy, 'config'), MLROADMAP_DEBUG: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

it('says to run it again, in one line, when a part of the program vanished (updated while it ran)', () => {
  // An install with one lazily loaded part gone, as when `npm install -g` replaces dist/ under a
  // running tutor; its own cache folder, so no cached render stands in for the missing renderer.
  const copy = mkdtempSync(join(tmpdir(), 'mlroadmap-partial-'));
  try {
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    rmSync(join(copy, 'dist', 'lazy', 'terminal.js'));
    const run = runCopy(copy, ['read', 'salary']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(PART_MISSING_LINE);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

it('says so in one line, with no stack trace, when the core itself is missing, on the fast way and the whole', () => {
  const copy = mkdtempSync(join(tmpdir(), 'mlroadmap-partial-'));
  try {
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    rmSync(join(copy, 'dist', 'core.cjs'));
    // `roadmap` starts at its fast entry point and falls back to the core for `--json=x`; `export` needs the core.
    for (const line of [['export'], ['roadmap', '--json=x']]) {
      const run = runCopy(copy, line);
      expect(run.status, line.join(' ')).toBe(1);
      expect(run.stdout, line.join(' ')).toBe('');
      expect(run.stderr, line.join(' ')).toBe(PART_MISSING_LINE);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

it('runs through a symbolic link that Node keeps as its path (--preserve-symlinks-main)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mlroadmap-link-'));
  try {
    symlinkSync(BIN, join(folder, 'mlroadmap'));
    for (const line of [
      ['progress', '--json'],
      ['export', '--format', 'json'],
    ]) {
      const run = spawnSync(process.execPath, ['--preserve-symlinks-main', join(folder, 'mlroadmap'), ...line], {
        env: {
          ...process.env,
          MLROADMAP_CACHE_DIR: join(folder, 'cache'),
          MLROADMAP_CONFIG_DIR: join(folder, 'config'),
          MLROADMAP_DEBUG: '',
        },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr, line.join(' ')).toBe('');
      expect(run.status, line.join(' ')).toBe(0);
      expect(JSON.parse(run.stdout), line.join(' ')).toBeTypeOf('object');
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
