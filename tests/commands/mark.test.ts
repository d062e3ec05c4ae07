import { describe, expect, it } from 'vitest';
import { packProgress, statusOf } from '../../src/progress/model.js';
import { makeContext, runCli } from '../helpers.js';

async function statusAfter(args: string[][]) {
  const ctx = await makeContext();
  const results = [];
  for (const line of args) results.push(await runCli(ctx, line));
  return { ctx, results, status: (id: string) => statusOf(packProgress(ctx.store.current, ctx.roadmap.id), id) };
}

describe('mlroadmap mark', () => {
  it.each([
    ['doing', 'Started: 3. Build projects and contribute to open source', 'doing'],
    ['done', 'Checked off: 3. Build projects and contribute to open source', 'done'],
    ['skipped', 'Skipped: 3. Build projects and contribute to open source', 'skipped'],
    ['in-progress', 'Started: 3. Build projects and contribute to open source', 'doing'],
    ['DONE', 'Checked off: 3. Build projects and contribute to open source', 'done'],
  ])('sets a step to %s', async (word, message, status) => {
    const { results, status: statusOfStep } = await statusAfter([['mark', '3', word]]);
    expect(results[0]).toEqual({ code: 0, out: message, err: '' });
    expect(statusOfStep('projects-and-open-source')).toBe(status);
  });

  it('sets a step back to todo, which forgets its entry', async () => {
    const { ctx, results } = await statusAfter([
      ['mark', 'github', 'done'],
      ['mark', 'github', 'todo'],
    ]);
    expect(results[1]?.out).toBe('Unchecked: 4. Publish a portfolio on GitHub');
    expect(packProgress(ctx.store.current, ctx.roadmap.id).steps).toEqual({});
  });

  it('says when a step already has the status', async () => {
    const { results } = await statusAfter([
      ['mark', '2', 'doing'],
      ['mark', '2', 'doing'],
    ]);
    expect(results[1]?.out).toBe('Already in progress: 2. Study machine learning with courses and tutorials');
  });

  it('reads "mark done 3" as "mark 3 done"', async () => {
    const { results, status } = await statusAfter([['mark', 'done', '3']]);
    expect(results[0]?.code).toBe(0);
    expect(status('projects-and-open-source')).toBe('done');
  });

  it('rejects an unknown status with exit 2, naming the valid ones, and changes nothing', async () => {
    const { ctx, results } = await statusAfter([['mark', '3', 'finishedd']]);
    expect(results[0]?.code).toBe(2);
    expect(results[0]?.err).toBe('mlroadmap: unknown status "finishedd": use one of todo, doing, done, skipped');
    expect(ctx.store.current.packs).toEqual({});
  });

  it('suggests the status a typo was meant to be', async () => {
    const { results } = await statusAfter([['mark', '3', 'skiped']]);
    expect(results[0]?.err).toContain('(did you mean skipped?)');
  });

  it('rejects an unknown step with exit 1 and a did-you-mean', async () => {
    const { results } = await statusAfter([['mark', 'pyton', 'done']]);
    expect(results[0]?.code).toBe(1);
    expect(results[0]?.err).toMatch(/^mlroadmap: unknown step "pyton": did you mean python-and-math\?/);
  });

  it('needs both a step and a status', async () => {
    const { results } = await statusAfter([['mark', '3']]);
    expect(results[0]?.code).toBe(2);
    expect(results[0]?.err).toContain("missing required argument 'status'");
  });

  it('shows each status in the roadmap, and counts only done steps in the percentage', async () => {
    const { results } = await statusAfter([['mark', '1', 'done'], ['mark', '2', 'doing'], ['mark', '3', 'skipped'], ['roadmap']]);
    const lines = (results[3]?.out ?? '').split('\n');
    expect(lines[0]).toMatch(/^1\. \[x\] python-and-math/);
    expect(lines[1]).toMatch(/^2\. \[~\] courses-and-tutorials/);
    expect(lines[2]).toMatch(/^3\. \[-\] projects-and-open-source/);
    expect(lines[3]).toMatch(/^4\. \[ \] github-portfolio/);
  });

  it('puts each status in progress --json', async () => {
    const { results } = await statusAfter([
      ['mark', '1', 'done'],
      ['mark', '2', 'doing'],
      ['mark', '3', 'skipped'],
      ['progress', '--json'],
    ]);
    const data = JSON.parse(results[3]?.out ?? '');
    expect(data).toMatchObject({ done: 1, doing: 1, skipped: 1, total: 6, percent: 16 });
    expect(data.steps.map((s: { status: string }) => s.status)).toEqual(['done', 'doing', 'skipped', 'todo', 'todo', 'todo']);
  });

  it('has help with an example', async () => {
    const { results } = await statusAfter([['mark', '--help']]);
    expect(results[0]?.code).toBe(0);
    expect(results[0]?.out).toContain('$ mlroadmap mark 3 doing');
  });
});
