import { describe, expect, it } from 'vitest';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const at = new Date('2026-01-02T03:04:05Z');

describe('mlroadmap progress', () => {
  it('shows a bar, the count and the next step', async () => {
    const ctx = await makeContext({ progress: setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', at) });
    const { code, out } = await runCli(ctx, ['progress']);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^\[#+-+\] 1\/6 done \(16%\)$/),
      'Next: 2. Study machine learning with courses and tutorials (courses-and-tutorials)',
    ]);
  });

  it('starts at zero', async () => {
    const { out } = await runCli(await makeContext(), ['progress']);
    expect(out).toMatch(/^\[-+\] 0\/6 done \(0%\)\nNext: 1\. Learn Python/);
  });

  it('congratulates when every step is done', async () => {
    const all = setStatus(
      emptyProgress(),
      roadmap.id,
      roadmap.steps.map((s) => s.id),
      'done',
      at,
    );
    const { out } = await runCli(await makeContext({ progress: all }), ['progress']);
    expect(out).toMatch(/^\[#+\] 6\/6 done \(100%\)\n/);
    expect(out).toContain('Well done');
  });

  it('prints JSON with done, total, percent and each step by id and status', async () => {
    const ctx = await makeContext({ progress: setStatus(emptyProgress(), roadmap.id, ['github-portfolio', 'certifications'], 'done', at) });
    const data = JSON.parse((await runCli(ctx, ['progress', '--json'])).out);
    expect(data).toMatchObject({ done: 2, total: 6, percent: 33 });
    expect(data.steps.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['python-and-math', 'todo'],
      ['courses-and-tutorials', 'todo'],
      ['projects-and-open-source', 'todo'],
      ['github-portfolio', 'done'],
      ['certifications', 'done'],
      ['apply-for-jobs', 'todo'],
    ]);
    for (const step of data.steps) expect(typeof step.title).toBe('string');
    expect(data.steps[3].completedAt).toBe(at.toISOString());
  });

  it('ignores progress on steps the content no longer has', async () => {
    const progress = setStatus(emptyProgress(), roadmap.id, ['python-and-math', 'an-old-step'], 'done', at);
    const data = JSON.parse((await runCli(await makeContext({ progress }), ['progress', '--json'])).out);
    expect(data).toMatchObject({ done: 1, total: 6 });
  });

  it.each([40, 60, 80])("fits %i columns on a terminal, keeping the next step's id whole", async (width) => {
    const ctx = await makeContext({ tty: true, width, progress: setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', at) });
    const { out } = await runCli(ctx, ['progress']);
    expect(Math.max(...out.split('\n').map((line) => line.length))).toBeLessThanOrEqual(width);
    expect(out).toContain('(courses-and-tutorials)');
  });

  it('prints where the progress file is with --path', async () => {
    const ctx = await makeContext();
    const { code, out } = await runCli(ctx, ['progress', '--path']);
    expect(code).toBe(0);
    expect(out).toBe(ctx.store.path);
  });
});
