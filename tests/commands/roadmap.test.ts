import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, requiredTopics, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const total = roadmap.steps.length;
const topicsOf = (...ids: string[]) =>
  roadmap.steps.filter((step) => ids.includes(step.id)).reduce((sum, step) => sum + requiredTopics(step).length, 0);
const allTopics = roadmap.steps.reduce((sum, step) => sum + requiredTopics(step).length, 0);
/** The 1-based number of a step, as the commands show it. */
const num = (id: string) => roadmap.steps.findIndex((step) => step.id === id) + 1;
/** A step's number as a pipe listing starts its line: padded to the widest number, then a dot, as a regular expression. */
const numbered = (n: number) => `${String(n).padStart(String(total).length)}\\.`;
const withDone = (...ids: string[]) => setStatus(emptyProgress(), roadmap.id, ids, 'done', new Date('2026-01-01T00:00:00Z'));

describe('mlroadmap roadmap', () => {
  it('lists every step in a pipe: number, mark, id, title; nothing else', async () => {
    const ctx = await makeContext({ progress: withDone('courses-and-tutorials') });
    const { code, out } = await runCli(ctx, ['roadmap']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(total);
    // A step with topics ends with how many are done.
    expect(lines[0]).toMatch(new RegExp(`^${numbered(1)} \\[ \\] python-and-math +Learn Python and the maths foundations  0/11$`));
    const courses = num('courses-and-tutorials');
    expect(lines[courses - 1]).toMatch(new RegExp(`^${numbered(courses)} \\[x\\] courses-and-tutorials +Study machine learning`));
    expect(lines[total - 1]).toMatch(
      new RegExp(`^${numbered(total)} \\[ \\] apply-for-jobs +Apply for machine-learning engineer jobs  0/6$`),
    );
  });

  it('shows a title, check marks, a progress bar and a hint on a terminal', async () => {
    const ctx = await makeContext({ tty: true, progress: withDone('python-and-math', 'github-portfolio') });
    const { out } = await runCli(ctx, ['roadmap']);
    expect(out.split('\n')[0]).toBe(roadmap.title);
    expect(out).toMatch(/1\. \[x\] Learn Python/);
    expect(out).toMatch(new RegExp(`${num('github-portfolio')}\\. \\[x\\] Publish a portfolio`));
    expect(out).toMatch(new RegExp(`${num('projects-and-open-source')}\\. \\[ \\] Build projects`));
    // The bar counts topics: the two steps' topics, of all the roadmap's.
    const done = topicsOf('python-and-math', 'github-portfolio');
    expect(out).toContain(`${done}/${allTopics} topics done (${Math.floor((done / allTopics) * 100)}%)`);
    expect(out).toContain('mlroadmap check <number, 2.3 or id>');
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
    expect(steps).toHaveLength(total);
    const certifications = num('certifications');
    expect(steps[certifications - 1]).toMatchObject({
      number: certifications,
      id: 'certifications',
      title: 'Earn a certification',
      status: 'done',
    });
    expect(steps[certifications - 1].completedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(steps[0]).toMatchObject({ id: 'python-and-math', status: 'todo' });
    expect(steps[0].resources.length).toBeGreaterThan(0);
    expect(typeof steps[0].done).toBe('string');
  });
});
