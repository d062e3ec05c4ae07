import { describe, expect, it } from 'vitest';
import { addNote, emptyProgress, type Progress, type Status, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const ids = roadmap.steps.map((step) => step.id);
const at = new Date('2026-01-10T09:00:00Z');
const last = roadmap.steps.length;
/** The 1-based number of a step, as the commands show it. */
const num = (id: string) => roadmap.steps.findIndex((step) => step.id === id) + 1;
/** Every step number from `from` to `to`, each with `status`, e.g. { 3: 'done', 4: 'done' }. */
function each(from: number, to: number, status: Status): Record<number, Status> {
  return Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [from + i, status]));
}

/** Progress with the given statuses by step number, e.g. { 1: 'done', 3: 'doing' }. */
function progressWith(statuses: Record<number, Status>): Progress {
  let progress = emptyProgress();
  for (const [number, status] of Object.entries(statuses)) {
    progress = setStatus(progress, roadmap.id, [ids[Number(number) - 1] as string], status, at);
  }
  return progress;
}

async function next(progress: Progress, args: string[] = []) {
  return runCli(await makeContext({ progress }), ['next', ...args]);
}

describe('mlroadmap next', () => {
  it.each([
    ['nothing started', {}, 1, 'first'],
    ['the step in progress, even before open ones', { 1: 'done', 4: 'doing' }, 4, 'in-progress'],
    ['the first open step after the last done one', { 1: 'done', 2: 'done' }, 3, 'after-last-done'],
    ['skipping skipped steps', { 1: 'done', 2: 'skipped' }, 3, 'after-last-done'],
    ['wrapping round when every later step is finished', { 2: 'done', [last - 1]: 'skipped', [last]: 'done' }, 1, 'wrapped'],
    ['an open step left before a later done one', { 1: 'done', ...each(3, last, 'done') }, 2, 'wrapped'],
  ] as [string, Record<number, Status>, number, string][])('picks %s', async (_, statuses, number, reason) => {
    const { code, out } = await next(progressWith(statuses), ['--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).next).toMatchObject({ number, id: ids[number - 1], reason });
  });

  it('shows what "done" looks like and the resources as "title — url" in a pipe', async () => {
    const courses = num('courses-and-tutorials');
    const { code, out, err } = await next(progressWith(each(1, courses - 1, 'done')));
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(`Next: ${courses}. Study machine learning with courses and tutorials (courses-and-tutorials), to do`);
    expect(out).toContain('The next open step after the last one you finished.');
    expect(out).toContain('What "done" looks like:');
    expect(out).toContain('You have finished at least one complete machine-learning course');
    expect(out).toContain(
      '[course] Machine Learning Specialization (Coursera) — https://www.coursera.org/specializations/machine-learning-introduction',
    );
    expect(out).not.toContain('\u001b');
  });

  it('shows the notes on the step', async () => {
    const progress = addNote(progressWith({ 1: 'doing' }), roadmap.id, 'python-and-math', 'stuck on eigenvectors', at);
    const { out } = await next(progress);
    expect(out).toContain('Your notes (1):');
    expect(out).toContain('1. 2026-01-10  stuck on eigenvectors');
  });

  it('says so when every step is done', async () => {
    const all = progressWith(each(1, last, 'done'));
    expect(await next(all)).toEqual({ code: 0, out: 'Every step is done. Well done!', err: '' });
    expect(JSON.parse((await next(all, ['--json'])).out)).toEqual({ next: null });
  });

  it('names skipped steps when only skipped ones are left', async () => {
    const { out } = await next(progressWith({ ...each(1, last, 'done'), 3: 'skipped', 5: 'skipped' }));
    expect(out).toBe('Every step is done or skipped. Skipped: 3, 5; take one up with: mlroadmap mark <number> doing');
  });

  it('links resources on a terminal that supports hyperlinks, and prints plain titles on one that does not', async () => {
    const { Chalk } = await import('chalk');
    const style = new Chalk({ level: 1 });
    const linked = await runCli(await makeContext({ tty: true, style, hyperlinks: true }), ['next']);
    expect(linked.out).toContain('\u001b]8;;https://docs.python.org/3/tutorial/\u001b\\The Python Tutorial (python.org)\u001b]8;;\u001b\\');
    const plain = await runCli(await makeContext({ tty: true, style, hyperlinks: false }), ['next']);
    expect(plain.out).not.toContain('\u001b]8;;');
    expect(plain.out).toContain('https://docs.python.org/3/tutorial/');
  });
});

describe('mlroadmap next and weak skills', () => {
  it('points a skill rated 2 or lower at the open steps that build it, and says nothing of stronger skills', async () => {
    const ctx = await makeContext({ progress: progressWith({ 1: 'done' }) });
    expect((await runCli(ctx, ['assess', 'big-data-spark', '2'])).code).toBe(0);
    expect((await runCli(ctx, ['assess', 'problem-solving', '4'])).code).toBe(0);
    const { code, out } = await runCli(ctx, ['next']);
    expect(code).toBe(0);
    expect(out).toContain('You rated Big data with Apache Spark 2/5; to build it, work on:');
    expect(out).toContain(`  ${num('projects-and-open-source')}. Build projects and contribute to open source`);
    expect(out).not.toContain('Problem solving 4/5');
    const json = JSON.parse((await runCli(ctx, ['next', '--json'])).out);
    // Step 1 is done; every other step that builds the skill is open.
    const openSteps = roadmap.steps.slice(1).filter((step) => step.skills.includes('big-data-spark'));
    expect(openSteps.map((step) => step.id)).toContain('projects-and-open-source');
    expect(json.next.weakSkills).toEqual([
      { id: 'big-data-spark', title: 'Big data with Apache Spark', rating: 2, openSteps: openSteps.map((step) => step.id) },
    ]);
  });
});
