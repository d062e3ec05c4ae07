import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/progress/store.js';
import { makeContext, runCli, type TestContext } from '../helpers.js';
import { cleanup, tempDir } from './support.js';

const dirs: string[] = [];
afterEach(() => cleanup(...dirs.splice(0)));

async function setup(content?: string, interactive = false) {
  const dir = tempDir('doctor');
  dirs.push(dir);
  const file = join(dir, 'progress.json');
  if (content !== undefined) writeFileSync(file, content);
  const base = await makeContext({ interactive, tty: interactive });
  const ctx = { ...base, store: createFileStore(dir) as TestContext['store'] };
  return { dir, file, ctx };
}

describe('mlroadmap doctor', () => {
  it('on a terminal, offers to move a damaged file aside, and does it when the learner agrees', async () => {
    const { dir, file, ctx } = await setup('{"version":1,"packs":', true);
    ctx.answers.push(true);
    const run = await runCli(ctx, ['doctor']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Progress file: ${file}`);
    expect(run.out).toMatch(/Problem: it is not valid JSON/);
    expect(run.out).toMatch(/Moved the damaged file to .*progress\.json\.bak-/);
    expect(existsSync(file)).toBe(false);
    const backup = readdirSync(dir).find((name) => name.startsWith('progress.json.bak-'));
    expect(readFileSync(join(dir, backup as string), 'utf8')).toBe('{"version":1,"packs":');
  });

  it('on a terminal, changes nothing when the learner declines, and exits 1', async () => {
    const { dir, ctx } = await setup('garbage', true);
    ctx.answers.push(false);
    const run = await runCli(ctx, ['doctor']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/Nothing was changed\./);
    expect(run.err).toBe('mlroadmap: doctor found 1 problem: the progress file cannot be used');
    expect(readdirSync(dir)).toEqual(['progress.json']);
  });

  it('does not ask about a healthy file, and reports entries kept for steps the guide no longer has', async () => {
    const { ctx } = await setup(
      JSON.stringify({
        version: 1,
        packs: {
          'ml-engineer': {
            steps: {
              'python-and-math': { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z' },
              'old-step': { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z' },
            },
          },
          elsewhere: { steps: {} },
        },
      }),
      true,
    );
    const run = await runCli(ctx, ['doctor']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(new RegExp(`OK: format 5, 1 of ${ctx.roadmap.steps.length} steps done`));
    expect(run.out).toMatch(/1 entry for steps this guide no longer has is kept/);
    expect(run.out).toMatch(/Progress on 1 other roadmap is kept/);
  });

  it('--json reports the state for scripts', async () => {
    const { file, ctx } = await setup('{"version":9,"packs":{}}');
    const run = await runCli(ctx, ['doctor', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ path: file, state: 'newer', ok: false, problem: expect.stringMatching(/newer mlroadmap/) });
  });

  it('reports a stale lock and leftover temp files, and --fix clears the old temp file', async () => {
    const { dir, ctx } = await setup();
    const past = new Date(Date.now() - 120_000);
    mkdirSync(join(dir, 'progress.json.lock'));
    utimesSync(join(dir, 'progress.json.lock'), past, past);
    writeFileSync(join(dir, 'progress.json.tmp-1700000000abcdef'), '{');
    utimesSync(join(dir, 'progress.json.tmp-1700000000abcdef'), past, past);
    const look = await runCli(ctx, ['doctor']);
    expect(look.code).toBe(0);
    expect(look.out).toMatch(
      /Lock: .* is an older mlroadmap's lock folder, untouched for 1[12]\d s; the next change takes it over, and doctor --fix removes it/,
    );
    expect(look.out).toMatch(/Leftovers: 1 temp file from interrupted writes/);
    const fix = await runCli(ctx, ['doctor', '--fix']);
    expect(fix.code).toBe(0);
    expect(fix.out).toMatch(/Removed the lock that was left behind\./);
    expect(fix.out).toMatch(/Deleted 1 leftover temp file\./);
    expect(readdirSync(dir)).toEqual([]);
  });
});
