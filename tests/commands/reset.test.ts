import { describe, expect, it } from 'vitest';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

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
