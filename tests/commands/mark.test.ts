import { describe, expect, it } from 'vitest';
import { packProgress, statusOf } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const last = roadmap.steps.length;
/** The 1-based number of a step, as the commands show it. */
const num = (id: string) => roadmap.steps.findIndex((step) => step.id === id) + 1;
const projects = num('projects-and-open-source');
/** The start of step `n`'s line in `mlroadmap roadmap`: its number padded to the widest one, its mark and its id. */
const rowStart = (n: number, mark: string) =>
  new RegExp(`^${String(n).padStart(String(last).length)}\\. \\[${mark}\\] ${roadmap.steps[n - 1]?.id} `);

async function statusAfter(args: string[][]) {
  const ctx = await makeContext();
  const results = [];
  for (const line of args) results.push(await runCli(ctx, line));
  return { ctx, results, status: (id: string) => statusOf(packProgress(ctx.store.current, ctx.roadmap.id), id) };
}

describe('mlroadmap mark', () => {
  it.each([
    ['doing', `Started: ${projects}. Build projects and contribute to open source`, 'doing'],
    ['done', `Checked off: ${projects}. Build projects and contribute to open source`, 'done'],
    ['skipped', `Skipped: ${projects}. Build projects and contribute to open source`, 'skipped'],
    ['in-progress', `Started: ${projects}. Build projects and contribute to open source`, 'doing'],
    ['DONE', `Checked off: ${projects}. Build projects and contribute to open source`, 'done'],
  ])('sets a step to %s', async (word, message, status) => {
    const { results, status: statusOfStep } = await statusAfter([['mark', String(projects), word]]);
    expect(results[0]).toEqual({ code: 0, out: message, err: '' });
    expect(statusOfStep('projects-and-open-source')).toBe(status);
  });

  it('sets a step back to todo, which forgets its entry', async () => {
    const { ctx, results } = await statusAfter([
      ['mark', 'github', 'done'],
      ['mark', 'github', 'todo'],
    ]);
    expect(results[1]?.out).toBe(`Unchecked: ${num('github-portfolio')}. Publish a portfolio on GitHub`);
    expect(packProgress(ctx.store.current, ctx.roadmap.id).steps).toEqual({});
  });

  it('says when a step already has the status', async () => {
    const { results } = await statusAfter([
      ['mark', String(num('courses-and-tutorials')), 'doing'],
      ['mark', String(num('courses-and-tutorials')), 'doing'],
    ]);
    expect(results[1]?.out).toBe(`Already in progress: ${num('courses-and-tutorials')}. Study machine learning with courses and tutorials`);
  });

  it('reads "mark done 3" as "mark 3 done"', async () => {
    const { results, status } = await statusAfter([['mark', 'done', String(projects)]]);
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
    expect(lines[0]).toMatch(rowStart(1, 'x'));
    expect(lines[0]).toMatch(/python-and-math/);
    expect(lines[1]).toMatch(rowStart(2, '~'));
    expect(lines[2]).toMatch(rowStart(3, '-'));
    expect(lines[3]).toMatch(rowStart(4, ' '));
  });

  it('puts each status in progress --json', async () => {
    const { results } = await statusAfter([
      ['mark', '1', 'done'],
      ['mark', '2', 'doing'],
      ['mark', '3', 'skipped'],
      ['progress', '--json'],
    ]);
    const data = JSON.parse(results[3]?.out ?? '');
    // percent counts topics (step 1's, of all); stepsPercent the steps.
    const topics = roadmap.steps.reduce((sum, step) => sum + (step.topics?.length ?? 0), 0);
    const percent = Math.floor(((roadmap.steps[0]?.topics?.length ?? 0) / topics) * 100);
    expect(data).toMatchObject({
      stepsDone: 1,
      stepsDoing: 1,
      stepsSkipped: 1,
      stepsTotal: last,
      percent,
      stepsPercent: Math.floor(100 / last),
    });
    expect(data.steps.map((s: { status: string }) => s.status)).toEqual(['done', 'doing', 'skipped', ...Array(last - 3).fill('todo')]);
  });

  it('has help with an example', async () => {
    const { results } = await statusAfter([['mark', '--help']]);
    expect(results[0]?.code).toBe(0);
    expect(results[0]?.out).toContain('$ mlroadmap mark 3 doing');
  });
});
