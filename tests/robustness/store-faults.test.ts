import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanup, doneSteps, type Run, type RunOptions, runBin, STACK_TRACE, stepId, tempDir, writePack } from './support.js';

// Restores that put back what the learner expects, and the store under faults that cannot be made on
// demand here (a file system without hard links, EIO from the disk), injected by inject.cjs.

const INJECT = fileURLToPath(new URL('./inject.cjs', import.meta.url));
const dirs: string[] = [];
let big: string;
let other: string;

beforeAll(() => {
  assertBuilt();
  big = writePack(3);
  other = writePack(3, { id: 'other' });
  dirs.push(big, other);
});
afterAll(() => cleanup(...dirs));

function folder(name: string): string {
  const dir = tempDir(name);
  dirs.push(dir);
  return dir;
}

/** Runs the CLI on `pack` with the faults named (see inject.cjs). */
function run(args: string[], config: string, pack: string, options: Partial<RunOptions> & { faults?: string } = {}): Promise<Run> {
  const { faults, ...rest } = options;
  return runBin(args, {
    config,
    content: pack,
    timeoutMs: 40_000,
    ...rest,
    env: { ...(faults ? { NODE_OPTIONS: `--require ${INJECT}`, MLROADMAP_TEST_FAULTS: faults } : {}), ...rest.env },
  });
}

async function ok(args: string[], config: string, pack: string, options: Partial<RunOptions> & { faults?: string } = {}): Promise<Run> {
  const result = await run(args, config, pack, options);
  expect(result, `${args.join(' ')}: ${result.stderr}`).toMatchObject({ code: 0, stderr: '' });
  return result;
}

/** An error a learner can read: exit 1, one line, no stack trace. */
function expectOneLineError(result: Run, message: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(STACK_TRACE);
}

describe('reset --restore', () => {
  it("restoring one pack's reset keeps the work done since on another pack", async () => {
    const config = folder('restore-pack');
    await ok(['check', '1'], config, other);
    await ok(['check', '1'], config, big);
    await ok(['reset', '--yes'], config, other);
    // Work on the guide after that reset.
    await ok(['check', '2'], config, big);
    await ok(['log', '45m'], config, big);
    const restore = await ok(['reset', '--restore', '--yes'], config, other);
    expect(restore.stdout).toMatch(/Your progress on other roadmaps stays as it is now/);
    expect(doneSteps(config, 'other')).toEqual([stepId(1)]);
    expect(doneSteps(config, 'big')).toEqual([stepId(1), stepId(2)]);
    const saved = JSON.parse(readFileSync(join(config, 'progress.json'), 'utf8'));
    expect(JSON.stringify(saved.packs.big)).toMatch(/"minutes":45/);
  }, 60_000);

  it('restores the backup the last reset made, even after a reset made while the clock said 2031', async (ctx) => {
    if (spawnSync('faketime', ['-f', '+0', 'true']).status !== 0) ctx.skip('faketime is not installed');
    const config = folder('restore-clock');
    await ok(['check', '1'], config, big);
    await ok(['reset', '--yes'], config, big, { prefix: ['faketime', '2031-06-01 12:00:00'] });
    await ok(['check', '2'], config, big);
    await ok(['check', '3'], config, big);
    await ok(['reset', '--yes'], config, big);
    expect(doneSteps(config)).toEqual([]);
    await ok(['reset', '--restore', '--yes'], config, big);
    expect(doneSteps(config)).toEqual([stepId(2), stepId(3)]);
  }, 60_000);
});

describe('a file system without hard links', () => {
  it('reset keeps a backup (a copy) and restore brings it back, instead of "permission denied"', async () => {
    const config = folder('no-links');
    await ok(['check', '1'], config, big, { faults: 'no-hard-links' });
    const reset = await ok(['reset', '--yes'], config, big, { faults: 'no-hard-links' });
    expect(reset.stdout).toMatch(/Progress reset\. The old file was kept as .*progress\.json\.bak-/);
    expect(doneSteps(config)).toEqual([]);
    await ok(['reset', '--restore', '--yes'], config, big, { faults: 'no-hard-links' });
    expect(doneSteps(config)).toEqual([stepId(1)]);
    // No temp file of the copies is left.
    expect(readdirSync(config).filter((name) => name.includes('.tmp-'))).toEqual([]);
  }, 60_000);
});

describe('a progress file that is a symbolic link', () => {
  it('stays a link: saves, resets and restores go to its target, and doctor says where it points', async () => {
    const config = folder('link-config');
    const dotfiles = folder('link-dotfiles');
    const target = join(dotfiles, 'mlroadmap-progress.json');
    writeFileSync(target, `${JSON.stringify({ version: 1, packs: {} })}\n`);
    symlinkSync(target, join(config, 'progress.json'));
    await ok(['check', '1'], config, big);
    await ok(['check', '2'], config, big);
    expect(lstatSync(join(config, 'progress.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(config, 'progress.json'))).toBe(target);
    expect(Object.keys(JSON.parse(readFileSync(target, 'utf8')).packs.big.steps).sort()).toEqual([stepId(1), stepId(2)]);

    await ok(['reset', '--yes'], config, big);
    expect(lstatSync(join(config, 'progress.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).packs).toEqual({});
    await ok(['reset', '--restore', '--yes'], config, big);
    expect(lstatSync(join(config, 'progress.json')).isSymbolicLink()).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(target, 'utf8')).packs.big.steps).sort()).toEqual([stepId(1), stepId(2)]);
    // Nothing is left in the target's folder but the target.
    expect(readdirSync(dotfiles)).toEqual(['mlroadmap-progress.json']);

    const doctor = await ok(['doctor'], config, big);
    expect(doctor.stdout).toContain(`a symbolic link to ${target}`);
  }, 60_000);
});

/** The start time of process `pid`, as lock.ts records it. */
function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] as string;
}

describe('a lock naming a live process that is not an mlroadmap', () => {
  const plant = (config: string) => {
    // As another user could leave it in a folder anyone can write: pid 1, its real start time.
    chmodSync(config, 0o777);
    writeFileSync(
      join(config, 'progress.json.lock'),
      `${JSON.stringify({ pid: 1, host: hostname(), started: startTimeOf(1), token: '1-forged-1-x' })}\n`,
    );
  };

  it('does not block a save, and doctor names it and warns about the folder', async () => {
    const config = folder('foreign-lock');
    plant(config);
    const doctor = await run(['doctor'], config, big);
    expect(doctor.stdout).toMatch(/Lock: .* names process 1, which is running but is not an mlroadmap/);
    expect(doctor.stdout).toMatch(/Folder: writable, but other users can write in /);
    const start = Date.now();
    await ok(['check', '1'], config, big);
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(doneSteps(config)).toEqual([stepId(1)]);
  }, 60_000);

  it('doctor --fix clears it', async () => {
    const config = folder('foreign-fix');
    plant(config);
    const fix = await run(['doctor', '--fix'], config, big);
    expect(fix.stdout).toMatch(/Removed the lock that was left behind/);
    expect(existsSync(join(config, 'progress.json.lock'))).toBe(false);
  }, 60_000);
});

describe('temp files left by a process killed half-way', () => {
  it('doctor reports lock temp files, and --fix clears those whose process is gone but not a live writer’s', async () => {
    const config = folder('leftovers');
    await ok(['check', '1'], config, big);
    // A live mlroadmap, as far as /proc can tell: a script named mlroadmap.js that waits.
    const scripts = folder('leftovers-live');
    mkdirSync(join(scripts, 'bin'));
    writeFileSync(join(scripts, 'bin', 'mlroadmap.js'), 'setTimeout(() => {}, 60_000);\n');
    const live = spawn(process.execPath, [join(scripts, 'bin', 'mlroadmap.js')], { stdio: 'ignore' });
    try {
      const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      await new Promise((resolve) => dead.on('close', resolve));
      const past = new Date(Date.now() - 120_000);
      const names = [
        `progress.json.lock.new-${dead.pid}-m1abc-1-deadbeef`,
        `progress.json.lock.takeover.new-${dead.pid}-m1abc-2-deadbeef`,
        `progress.json.tmp-${dead.pid}-1`,
        `progress.json.lock.new-${live.pid}-m1abc-1-cafe`,
      ];
      for (const name of names) {
        writeFileSync(join(config, name), '{"pid":');
        utimesSync(join(config, name), past, past);
      }
      // The takeover lock of a process killed while it took a dead lock over.
      writeFileSync(
        join(config, 'progress.json.lock.takeover'),
        JSON.stringify({ pid: dead.pid, host: hostname(), token: `${dead.pid}-m1abc-3-deadbeef` }),
      );
      const look = await run(['doctor'], config, big);
      expect(look.stdout).toMatch(/Leftovers: 5 temp files/);
      const fix = await run(['doctor', '--fix'], config, big);
      expect(fix.stdout).toMatch(/Deleted 4 leftover temp files\./);
      expect(readdirSync(config).sort()).toEqual(['progress.json', `progress.json.lock.new-${live.pid}-m1abc-1-cafe`]);
    } finally {
      live.kill('SIGKILL');
    }
  }, 60_000);
});

describe('I/O errors', () => {
  it('an EIO when flushing the folder after the rename fails the save: exit 1, one line, saying it may not be on the disk', async () => {
    const config = folder('fsync-eio');
    const result = await run(['check', '1'], config, big, { faults: 'fsync-folder-eio' });
    expectOneLineError(result, /not confirmed by the disk \(the disk reported an input\/output error while flushing the folder/);
    expect(result.stderr).toMatch(/may be lost after a crash/);
    expect(result.stderr).not.toMatch(/Nothing was changed/);
  }, 60_000);

  it('a read EIO says the file could not be read, not that it is damaged, and nothing moves it aside', async () => {
    const config = folder('read-eio');
    await ok(['check', '1'], config, big);
    const before = readFileSync(join(config, 'progress.json'), 'utf8');
    const check = await run(['check', '2'], config, big, { faults: 'read-eio' });
    expectOneLineError(check, /could not read the progress file .*input\/output error/);
    expect(check.stderr).not.toMatch(/damaged|cannot use|mlroadmap reset|doctor --fix/);

    const doctor = await run(['doctor', '--fix'], config, big, { faults: 'read-eio' });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/Problem: it could not be read/);
    expect(doctor.stdout).not.toMatch(/damaged|move it to a backup/);
    const reset = await run(['reset', '--yes'], config, big, { faults: 'read-eio' });
    expectOneLineError(reset, /could not read the progress file/);
    expect(readdirSync(config)).toEqual(['progress.json']);
    expect(readFileSync(join(config, 'progress.json'), 'utf8')).toBe(before);
  }, 60_000);
});

describe('import -', () => {
  it('with standard input closed or empty says so, not "it is not JSON"', async () => {
    const config = folder('import-stdin');
    // stdin from /dev/null, then closed outright (sh's <&-).
    for (const prefix of [[], ['sh', '-c', 'exec "$@" <&-', 'sh']]) {
      const result = await run(['import', '-', '--yes'], config, big, { prefix });
      expectOneLineError(result, /cannot import standard input: standard input was empty or closed/);
      expect(result.stderr).not.toMatch(/not (valid )?JSON/i);
    }
  }, 30_000);
});
