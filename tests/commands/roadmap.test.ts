import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const withDone = (...ids: string[]) => setStatus(emptyProgress(), roadmap.id, ids, 'done', new Date('2026-01-01T00:00:00Z'));

describe('mlroadmap roadmap', () => {
  it('lists every step in a pipe: number, mark, id, title; nothing else', async () => {
    const ctx = await makeContext({ progress: withDone('courses-and-tutorials') });
    const { code, out } = await runCli(ctx, ['roadmap']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^1\. \[ \] python-and-math +Learn Python and the maths foundations$/);
    expect(lines[1]).toMatch(/^2\. \[x\] courses-and-tutorials +Study machine learning/);
    expect(lines[5]).toMatch(/^6\. \[ \] apply-for-jobs +Apply for machine-learning engineer jobs$/);
  });

  it('shows a title, check marks, a progress bar and a hint on a terminal', async () => {
    const ctx = await makeContext({ tty: true, progress: withDone('python-and-math', 'github-portfolio') });
    const { out } = await runCli(ctx, ['roadmap']);
    expect(out.split('\n')[0]).toBe(roadmap.title);
    expect(out).toMatch(/1\. \[x\] Learn Python/);
    expect(out).toMatch(/4\. \[x\] Publish a portfolio/);
    expect(out).toMatch(/3\. \[ \] Build projects/);
    expect(out).toContain('2/6 done (33%)');
    expect(out).toContain('mlroadmap check <number or id>');
  });

  it.each([40, 60, 80])('fits %i columns on a terminal', async (width) => {
    const ctx = await makeContext({ tty: true, width, style: new Chalk({ level: 1 }) });
    const { out } = await runCli(ctx, ['roadmap']);
    const lines = stripVTControlCharacters(out).split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(width);
    // Every id is still shown whole, for `mlroadmap check <id>`.
    for (const step of roadmap.steps) expect(stripVTControlCharacters(out)).toContain(`(${step.id})`);
  });

  it('prints JSON steps with id, title, status and the step content', async () => {
    const ctx = await makeContext({ progress: withDone('certifications') });
    const steps = JSON.parse((await runCli(ctx, ['roadmap', '--json'])).out);
    expect(steps).toHaveLength(6);
    expect(steps[4]).toMatchObject({ number: 5, id: 'certifications', title: 'Earn a certification', status: 'done' });
    expect(steps[4].completedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(steps[0]).toMatchObject({ id: 'python-and-math', status: 'todo' });
    expect(steps[0].resources.length).toBeGreaterThan(0);
    expect(typeof steps[0].done).toBe('string');
  });
});
