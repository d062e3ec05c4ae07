import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { progressBar } from '../../src/tutor/exercises.js';
import { EXERCISE_PACK, exerciseSetup, makeContext, pythonLacks, runCli } from '../helpers.js';

const lacking = pythonLacks(['pytest', 'numpy']);
const roadmap = await loadPack(EXERCISE_PACK);
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const solution = (id: string) => readFileSync(join(EXERCISE_PACK, 'exercises', id, 'solution.py'), 'utf8');

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Watch mode on the fixture pack, with keys sent by the test. */
async function watching(extra: string[] = [], poll = false) {
  let send: (key: string) => void = () => undefined;
  const setup = exerciseSetup({
    poll,
    keys: (onKey) => {
      send = onKey;
      return () => undefined;
    },
  });
  const ctx = await makeContext({ roadmap, exercises: setup, interactive: true, tty: true });
  const workspace = join(mkdtempSync(join(tmpdir(), 'mlroadmap-watch-')), 'w');
  temps.push(workspace);
  await runCli(ctx, ['exercises', 'init', workspace]);
  const screen = () => ctx.stdout.join('\n');
  const count = (text: string) => screen().split(text).length - 1;
  const done = runCli(ctx, ['exercises', 'watch', ...extra]);
  return { ctx, workspace, screen, count, done, key: (key: string) => send(key) };
}

describe('the progress bar', () => {
  it.each([
    [0, 4, 8, false, '[░░░░░░░░] 0/4'],
    [1, 4, 8, false, '[██░░░░░░] 1/4'],
    [4, 4, 8, true, '[########] 4/4'],
  ])('%i of %i in %i cells (ASCII: %s) is %s', (done, total, width, ascii, bar) => {
    expect(progressBar(done, total, width, ascii)).toBe(bar);
  });
});

describe.skipIf(lacking !== undefined)(`exercises watch, with real Python${lacking ? ` (skipped: ${lacking})` : ''}`, () => {
  it('runs the checks, reruns them within a second of a save, and takes h, n, l and q', async () => {
    const w = await watching();
    await until(() => w.screen().includes('Not yet: sum-evens'));
    expect(w.screen()).toMatch(/\[[░]+\] 0\/3/);
    w.key('h');
    await until(() => w.screen().includes('Hint 1 of 2'));
    w.key('n');
    // n does nothing before the exercise passes.
    expect(w.count('Running the checks of column-means')).toBe(0);
    const saved = Date.now();
    writeFileSync(join(w.workspace, 'sum_evens.py'), solution('sum-evens'));
    await until(() => w.count('Running the checks of sum-evens') >= 2);
    expect(Date.now() - saved).toBeLessThan(1000);
    await until(() => w.screen().includes('Passed: sum-evens'));
    expect(w.screen()).toMatch(/n next/);
    w.key('l');
    await until(() => /> {2}1\. \[x\] sum-evens/.test(w.screen()));
    w.key('n');
    await until(() => w.screen().includes('Not yet: column-means'));
    w.key('q');
    expect(await w.done).toMatchObject({ code: 0 });
    expect(w.ctx.store.current.packs[roadmap.id]?.exercises?.['sum-evens']).toMatchObject({ lastResult: 'passed' });
  }, 60_000);

  it('polls where the file system gives no events, and still sees a save within a second', async () => {
    const w = await watching([], true);
    await until(() => w.screen().includes('Not yet: sum-evens'));
    const saved = Date.now();
    writeFileSync(join(w.workspace, 'sum_evens.py'), solution('sum-evens'));
    await until(() => w.count('Running the checks of sum-evens') >= 2);
    expect(Date.now() - saved).toBeLessThan(1000);
    await until(() => w.screen().includes('Passed: sum-evens'));
    w.key('ctrl-c');
    expect(await w.done).toMatchObject({ code: 130 });
  }, 60_000);

  it('with --manual-run, reruns on Enter and not on save', async () => {
    const w = await watching(['--manual-run']);
    await until(() => w.screen().includes('Not yet: sum-evens'));
    writeFileSync(join(w.workspace, 'sum_evens.py'), solution('sum-evens'));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(w.count('Running the checks of sum-evens')).toBe(1);
    w.key('return');
    await until(() => w.screen().includes('Passed: sum-evens'));
    w.key('q');
    expect(await w.done).toMatchObject({ code: 0 });
  }, 60_000);

  it('refuses without a terminal, pointing to check', async () => {
    const ctx = await makeContext({ roadmap, exercises: exerciseSetup() });
    expect(await runCli(ctx, ['exercises', 'watch'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/watch mode needs a terminal; run the checks once with 'mlroadmap exercises check'/),
    });
  });
});
