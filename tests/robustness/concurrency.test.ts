import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanup, doneSteps, readProgressFile, runBin, stepId, tempDir, writePack } from './support.js';

// Many real processes of the built CLI against one progress file: every change must survive.
const WRITERS = 20;
let pack: string;
const dirs: string[] = [];

beforeAll(() => {
  assertBuilt();
  pack = writePack(WRITERS);
  dirs.push(pack);
});
afterAll(() => cleanup(...dirs));

function config(): string {
  const dir = tempDir('concurrent');
  dirs.push(dir);
  return dir;
}

describe('concurrent writers', () => {
  it(`keeps every change when ${WRITERS} processes check a different step at once`, async () => {
    const dir = config();
    const runs = await Promise.all(
      Array.from({ length: WRITERS }, (_, index) => runBin(['check', stepId(index + 1)], { config: dir, content: pack })),
    );
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(doneSteps(dir)).toEqual(Array.from({ length: WRITERS }, (_, index) => stepId(index + 1)));
    expect(existsSync(join(dir, 'progress.json.lock'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  }, 120_000);

  it('keeps every change when 16 shell-like loops interleave check and uncheck', async () => {
    const dir = config();
    const loops = 16;
    // Loop i works on step i: check, uncheck, check, and for odd i a last uncheck. Each step's final
    // state is known, whatever order the processes run in.
    const script = (index: number) => (index % 2 === 1 ? ['check', 'uncheck', 'check', 'uncheck'] : ['check', 'uncheck', 'check']);
    const results = await Promise.all(
      Array.from({ length: loops }, async (_, index) => {
        const failures: string[] = [];
        for (const command of script(index)) {
          const run = await runBin([command, stepId(index + 1)], { config: dir, content: pack });
          if (run.code !== 0) failures.push(`${command} ${stepId(index + 1)}: ${run.code} ${run.stderr}`);
        }
        return failures;
      }),
    );
    expect(results.flat()).toEqual([]);
    const expected = Array.from({ length: loops }, (_, index) => index)
      .filter((index) => index % 2 === 0)
      .map((index) => stepId(index + 1));
    expect(doneSteps(dir)).toEqual(expected);
  }, 180_000);

  it('takes over a stale lock left by a crashed process', async () => {
    const dir = config();
    const lock = join(dir, 'progress.json.lock');
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const run = await runBin(['check', stepId(1)], { config: dir, content: pack });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(doneSteps(dir)).toEqual([stepId(1)]);
    expect(existsSync(lock)).toBe(false);
  });

  it('waits for a lock held by a live process, and once it is killed with SIGKILL takes the lock over at once', async () => {
    const dir = config();
    const lock = join(dir, 'progress.json.lock');
    // A holder that takes the lock as the store does (a file naming its process, see lock.ts), says so, and waits to be killed.
    // It runs as a script named mlroadmap.js: a lock naming a process that is no mlroadmap is taken over at once.
    const script = join(config(), 'mlroadmap.js');
    writeFileSync(
      script,
      `const fs = require('node:fs'); fs.writeFileSync(${JSON.stringify(lock)}, JSON.stringify({ pid: process.pid, host: require('node:os').hostname(), token: 'holder' }), { flag: 'wx' }); console.log('locked'); setInterval(() => {}, 1000);`,
    );
    const holder = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const waiting = runBin(['check', stepId(2)], { config: dir, content: pack });
    // Let the writer start waiting on the live lock, then kill the holder without a chance to clean up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(readProgressFile.bind(null, dir)).toThrow();
    holder.kill('SIGKILL');
    const killedAt = Date.now();
    const run = await waiting;
    expect(run).toMatchObject({ code: 0, stderr: '' });
    // The old lock went stale only after 10 s; a lock whose process is gone counts for nothing.
    expect(Date.now() - killedAt).toBeLessThan(3000);
    expect(readProgressFile(dir).packs.big?.steps[stepId(2)]?.status).toBe('done');
    expect(existsSync(lock)).toBe(false);
  }, 60_000);
});
