import { afterEach, describe, expect, it } from 'vitest';
import { emptyProgress, type Progress, setStatus } from '../../src/progress/model.js';
import { createFileStore } from '../../src/progress/store.js';
import { makeContext, runCli, shippedRoadmap, type TestContext } from '../helpers.js';
import { cleanup, tempDir } from '../robustness/support.js';

const roadmap = await shippedRoadmap();
const at = new Date('2026-01-02T03:04:05Z');
const twoDone = () => setStatus(emptyProgress(), roadmap.id, ['python-and-math', 'courses-and-tutorials'], 'done', at);
const otherPack = () => setStatus(twoDone(), 'another-pack', ['some-step'], 'done', at);

describe('mlroadmap reset', () => {
  it("forgets this roadmap's progress with --yes, without asking", async () => {
    const ctx = await makeContext({ progress: twoDone() });
    const { code, out } = await runCli(ctx, ['reset', '--yes']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Progress reset/);
    expect(ctx.store.current.packs[roadmap.id]).toBeUndefined();
    expect((await runCli(ctx, ['progress', '--json'])).out).toContain('"stepsDone": 0');
  });

  it('keeps the progress of other packs', async () => {
    const ctx = await makeContext({ progress: otherPack() });
    await runCli(ctx, ['reset', '-y']);
    expect(Object.keys(ctx.store.current.packs)).toEqual(['another-pack']);
  });

  it('refuses without --yes when it cannot ask (exit 2), changing nothing', async () => {
    const ctx = await makeContext({ progress: twoDone() });
    const { code, out, err } = await runCli(ctx, ['reset']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('mlroadmap: reset needs confirmation: run it in a terminal, or pass --yes to reset without asking');
    expect(ctx.store.current).toEqual(twoDone());
  });

  it('asks on a terminal and resets on yes', async () => {
    const ctx = await makeContext({ interactive: true, tty: true, progress: twoDone() });
    const asked: string[] = [];
    const confirm = ctx.confirm;
    ctx.confirm = (message) => {
      asked.push(message);
      return confirm(message);
    };
    ctx.answers.push(true);
    const { code } = await runCli(ctx, ['reset']);
    expect(code).toBe(0);
    expect(asked).toEqual([`Reset your progress on "${roadmap.title}" (2 steps done)? A backup is kept.`]);
    expect(ctx.store.current.packs[roadmap.id]).toBeUndefined();
  });

  it('asks on a terminal and changes nothing on no', async () => {
    const ctx = await makeContext({ interactive: true, tty: true, progress: twoDone() });
    ctx.answers.push(false);
    const { code, out } = await runCli(ctx, ['reset']);
    expect(code).toBe(0);
    expect(out).toBe('Nothing was changed.');
    expect(ctx.store.current).toEqual(twoDone());
    expect(ctx.answers).toEqual([]);
  });
});

describe('mlroadmap reset --restore', () => {
  const dirs: string[] = [];
  afterEach(() => cleanup(...dirs.splice(0)));

  async function onDisk(interactive = false) {
    const dir = tempDir('reset');
    dirs.push(dir);
    const base = await makeContext({ interactive, tty: false });
    return { dir, ctx: { ...base, store: createFileStore(dir) as TestContext['store'] } };
  }

  it('says what goes back, and that other roadmaps stay as they are, before it asks; then restores this roadmap alone', async () => {
    const { ctx } = await onDisk(true);
    await ctx.store.update(() => otherPack());
    ctx.answers.push(true);
    await runCli(ctx, ['reset']);
    await ctx.store.update((progress) => setStatus(progress, 'another-pack', ['later-step'], 'done', at));
    const asked: string[] = [];
    const confirm = ctx.confirm;
    ctx.confirm = (message) => {
      asked.push(message);
      return confirm(message);
    };
    ctx.answers.push(true);
    const run = await runCli(ctx, ['reset', '--restore']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(new RegExp(`would put back your progress on "${roadmap.title}" as it was before that reset:`));
    expect(run.out).toMatch(/^ {2}- step 1\. .*: to do → done$/m);
    expect(run.out).toMatch(/Your progress on other roadmaps stays as it is now\./);
    expect(asked).toEqual(['Restore these 2 changes? What is saved now is kept as a backup.']);
    expect(run.out).toMatch(/Restored your progress on .* \(2 changes\)/);
    const now = ctx.store.read();
    expect(Object.keys(now.packs[roadmap.id]?.steps ?? {}).sort()).toEqual(['courses-and-tutorials', 'python-and-math']);
    expect(Object.keys(now.packs['another-pack']?.steps ?? {}).sort()).toEqual(['later-step', 'some-step']);
  });

  it('a reset of a roadmap with nothing saved changes nothing and makes no backup: --restore still finds the reset that mattered', async () => {
    const { ctx } = await onDisk();
    await ctx.store.update(() => twoDone());
    expect((await runCli(ctx, ['reset', '--yes'])).out).toMatch(/^Progress reset/);
    for (let i = 0; i < 3; i++) {
      const again = await runCli(ctx, ['reset', '--yes']);
      expect(again.code).toBe(0);
      expect(again.out.trim()).toBe(`There is no progress on "${roadmap.title}" to reset; nothing was changed.`);
    }
    expect(ctx.store.inspect().backups).toHaveLength(1);
    const restored = await runCli(ctx, ['reset', '--restore', '--yes']);
    expect(restored.out).toMatch(/Restored your progress on .* \(2 changes\)/);
    expect(Object.keys(ctx.store.read().packs[roadmap.id]?.steps ?? {}).sort()).toEqual(['courses-and-tutorials', 'python-and-math']);
  });

  it("refuses, saying why, when the only backups are other roadmaps' resets", async () => {
    const { ctx } = await onDisk();
    await ctx.store.update(() => otherPack());
    await ctx.store.reset((old) => ({ ...old, packs: { [roadmap.id]: old.packs[roadmap.id] } }) as Progress, 'another-pack');
    const run = await runCli(ctx, ['reset', '--restore', '--yes']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/there is no backup of a reset of ".*" to restore \(the 1 backup there came from other roadmaps/);
    expect(Object.keys(ctx.store.read().packs)).toEqual([roadmap.id]);
  });
});

describe('reset --restore of records that are not steps', () => {
  it('names the study log among what goes back, rather than saying there is nothing to restore', async () => {
    const dir = tempDir('reset-log');
    try {
      const base = await makeContext();
      const ctx = { ...base, store: createFileStore(dir) as TestContext['store'] };
      expect((await runCli(ctx, ['log', '45m'])).code).toBe(0);
      const logged = ctx.store.read().packs[roadmap.id]?.studyLog;
      expect(logged).toHaveLength(1);
      await runCli(ctx, ['reset', '--yes']);
      const run = await runCli(ctx, ['reset', '--restore', '--yes']);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toMatch(/^ {2}- the study log, as it was then$/m);
      expect(ctx.store.read().packs[roadmap.id]?.studyLog).toEqual(logged);
    } finally {
      cleanup(dir);
    }
  });
});
