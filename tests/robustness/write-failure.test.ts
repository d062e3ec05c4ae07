import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedRoadmap } from '../helpers.js';
import { assertBuilt, cleanup, runBin, STACK_TRACE, tempDir } from './support.js';

// Places progress cannot be written to. As root, file permissions stop nothing, so these use what
// does: a file where a folder should be, a read-only bind mount (in a private mount namespace, gone
// when the process ends), and an empty HOME.
const dirs: string[] = [];
beforeAll(assertBuilt);
afterAll(() => cleanup(...dirs));

/** Step 1's line in `mlroadmap roadmap` once it is checked: its number padded to the widest one (" 1." beside "10."). */
const FIRST_CHECKED = new RegExp(`^${'1'.padStart(String((await shippedRoadmap()).steps.length).length)}\\. \\[x\\]`, 'm');

function folder(name: string): string {
  const dir = tempDir(name);
  dirs.push(dir);
  return dir;
}

function expectSaveError(run: { code: number | null; stdout: string; stderr: string }, reason: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^mlroadmap: could not save progress to /);
  expect(run.stderr).toMatch(reason);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(STACK_TRACE);
}

describe('a file where the progress folder should be', () => {
  it('MLROADMAP_CONFIG_DIR is a file: changes fail with a clear message, reading works, the file is intact', async () => {
    const config = join(folder('file-config'), 'settings');
    writeFileSync(config, 'not a folder\n');
    const check = await runBin(['check', '1'], { config });
    expectSaveError(check, /a file stands where a folder should be/);
    for (const args of [['roadmap'], ['progress'], ['read', '1'], ['faq']]) {
      expect(await runBin(args, { config })).toMatchObject({ code: 0, stderr: '' });
    }
    const doctor = await runBin(['doctor'], { config });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/Folder: progress cannot be saved: a file stands where a folder should be/);
    expect(readFileSync(config, 'utf8')).toBe('not a folder\n');
  });

  it('a file further up the path: the same', async () => {
    const parent = folder('file-parent');
    writeFileSync(join(parent, 'blocker'), 'x');
    const config = join(parent, 'blocker', 'mlroadmap');
    expectSaveError(await runBin(['check', '1'], { config }), /a file stands where a folder should be/);
    expect(await runBin(['roadmap'], { config })).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(parent, 'blocker'), 'utf8')).toBe('x');
  });
});

// `unshare -m` gives the command its own mount table, so the read-only mount never leaks out.
const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs none /mnt'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!canMount)('a read-only progress folder', () => {
  const readOnly = (dir: string) => ['unshare', '-m', 'sh', '-c', 'mount --bind -o ro "$0" "$0" && exec "$@"', dir];

  it('changes fail with a clear message at once, reading works, and the old file is intact', async () => {
    const config = folder('read-only');
    expect((await runBin(['check', '1'], { config })).code).toBe(0);
    const before = readFileSync(join(config, 'progress.json'));
    for (const args of [
      ['check', '2'],
      ['uncheck', '1'],
      ['reset', '--yes'],
      ['doctor', '--fix'],
    ]) {
      const run = await runBin(args, { config, prefix: readOnly(config), timeoutMs: 20_000 });
      if (args[0] === 'doctor') {
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/Folder: progress cannot be saved: the file system is read-only/);
      } else expectSaveError(run, /the file system is read-only/);
    }
    const roadmap = await runBin(['roadmap'], { config, prefix: readOnly(config) });
    expect(roadmap).toMatchObject({ code: 0, stderr: '' });
    expect(roadmap.stdout).toMatch(FIRST_CHECKED);
    expect(readFileSync(join(config, 'progress.json')).equals(before)).toBe(true);
    expect(readdirSync(config)).toEqual(['progress.json']);
  }, 60_000);
});

// For anyone but root, a folder without write permission does what the read-only mount does.
describe.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('a progress folder without write permission', () => {
  it('changes fail with a clear message at once, reading works, and the old file is intact', async () => {
    const config = folder('no-write');
    expect((await runBin(['check', '1'], { config })).code).toBe(0);
    const before = readFileSync(join(config, 'progress.json'));
    chmodSync(config, 0o555);
    try {
      for (const args of [
        ['check', '2'],
        ['uncheck', '1'],
        ['reset', '--yes'],
      ]) {
        expectSaveError(await runBin(args, { config, timeoutMs: 20_000 }), /permission denied/);
      }
      const roadmap = await runBin(['roadmap'], { config });
      expect(roadmap).toMatchObject({ code: 0, stderr: '' });
      expect(roadmap.stdout).toMatch(FIRST_CHECKED);
      expect(readFileSync(join(config, 'progress.json')).equals(before)).toBe(true);
      expect(readdirSync(config)).toEqual(['progress.json']);
    } finally {
      chmodSync(config, 0o755);
    }
  }, 60_000);
});

describe('no home folder', () => {
  it('with HOME empty and nothing else set: reading works, changes say where to save, nothing lands in the current folder', async () => {
    const cwd = folder('cwd');
    const env = { HOME: '', MLROADMAP_CONFIG_DIR: undefined, XDG_CONFIG_HOME: undefined };
    expect(await runBin(['roadmap'], { config: '', env, cwd })).toMatchObject({ code: 0, stderr: '' });
    const check = await runBin(['check', '1'], { config: '', env, cwd });
    expectSaveError(check, /no home folder.*set HOME, or MLROADMAP_CONFIG_DIR/);
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(cwd, '.config'))).toBe(false);
  });
});
