import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMlroadmap } from '../../src/progress/lock.js';

const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-owner-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A process running `args` from `cwd`, alive until the tests end; its pid once it has started. */
async function waiting(args: string[], cwd = dir): Promise<number> {
  const child = spawn(process.execPath, args, { cwd, stdio: 'ignore' });
  children.push(child);
  // 'spawn' comes once the program is exec'd: /proc shows its command line from then on.
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid as number;
}

// Which process holds a lock is read from /proc: elsewhere `isMlroadmap` says it cannot tell.
describe.skipIf(process.platform !== 'linux')('the process that holds a lock, as /proc shows it', () => {
  const program = join(dir, 'program.cjs');
  writeFileSync(program, 'setTimeout(() => {}, 60_000);\n');
  const other = join(dir, 'other.cjs');
  writeFileSync(other, 'setTimeout(() => {}, 60_000);\n');
  symlinkSync(program, join(dir, 'mlr'));

  it('is this program when it runs the same file, through a link named otherwise or a relative path', async () => {
    expect(isMlroadmap(await waiting([program]), program)).toBe(true);
    expect(isMlroadmap(await waiting([join(dir, 'mlr')]), program)).toBe(true);
    expect(isMlroadmap(await waiting(['./mlr']), program)).toBe(true);
  });

  it('is not when it runs another file, however it is named, unless that is named mlroadmap', async () => {
    expect(isMlroadmap(await waiting([other]), program)).toBe(false);
    expect(isMlroadmap(await waiting([join(dir, 'mlr')]), other)).toBe(false);
    symlinkSync(other, join(dir, 'mlroadmap'));
    expect(isMlroadmap(await waiting([join(dir, 'mlroadmap')]), program)).toBe(true);
  });
});
