import { describe, expect, it } from 'vitest';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, requiredTopics, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const last = roadmap.steps.length;
/** The 1-based number of a step, as the commands show it. */
const num = (id: string) => roadmap.steps.findIndex((step) => step.id === id) + 1;
const NOW = '2026-01-15T10:00:00.000Z';
const doneIds = (ctx: { store: { current: { packs: Record<string, { steps: Record<string, { status: string }> }> } } }) =>
  Object.entries(ctx.store.current.packs[roadmap.id]?.steps ?? {})
    .filter(([, record]) => record.status === 'done')
    .map(([id]) => id);

describe('mlroadmap check', () => {
  it.each([
    [['1'], ['python-and-math']],
    [['github-portfolio'], ['github-portfolio']],
    [['proj'], ['projects-and-open-source']],
    [['APPLY-FOR-JOBS'], ['apply-for-jobs']],
    [
      ['1', 'courses', String(last)],
      ['python-and-math', 'courses-and-tutorials', 'apply-for-jobs'],
    ],
    [[String(num('courses-and-tutorials')), String(num('courses-and-tutorials')), 'courses-and-tutorials'], ['courses-and-tutorials']],
  ])('checks off %j', async (args, ids) => {
    const ctx = await makeContext();
    const { code, out, err } = await runCli(ctx, ['check', ...args]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(doneIds(ctx).sort()).toEqual([...ids].sort());
    const lines = out.split('\n');
    expect(lines).toHaveLength(ids.length);
    for (const [i, id] of ids.entries()) {
      const number = roadmap.steps.findIndex((step) => step.id === id) + 1;
      expect(lines[i]).toBe(`Checked off: ${number}. ${roadmap.steps[number - 1]?.title}`);
    }
  });

  it('records when the step was done, keyed by id', async () => {
    const ctx = await makeContext();
    await runCli(ctx, ['check', String(num('projects-and-open-source'))]);
    expect(ctx.store.current.packs[roadmap.id]?.steps['projects-and-open-source']).toMatchObject({ status: 'done', completedAt: NOW });
  });

  it('says when a step was already done and keeps its first completion time', async () => {
    const earlier = setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', new Date('2025-06-01T00:00:00Z'));
    const ctx = await makeContext({ progress: earlier });
    const { code, out } = await runCli(ctx, ['check', '1', '2']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Already done: 1. Learn Python and the maths foundations');
    expect(out.split('\n')[1]).toMatch(/^Checked off: 2\. /);
    expect(ctx.store.current.packs[roadmap.id]?.steps['python-and-math']?.completedAt).toBe('2025-06-01T00:00:00.000Z');
  });

  it('shows the progress bar afterwards on a terminal', async () => {
    const ctx = await makeContext({ tty: true });
    const { out } = await runCli(ctx, ['check', '1', '2']);
    const topics = roadmap.steps.reduce((sum, step) => sum + requiredTopics(step).length, 0);
    const done = requiredTopics(roadmap.steps[0]).length + requiredTopics(roadmap.steps[1]).length;
    expect(out).toContain(`${done}/${topics} topics done (${Math.floor((done / topics) * 100)}%)`);
  });

  it('fits a narrow terminal', async () => {
    const ctx = await makeContext({ tty: true, width: 40 });
    const { out } = await runCli(ctx, ['check', String(num('courses-and-tutorials'))]);
    expect(out.split('\n').slice(0, 2)).toEqual([
      `Checked off: ${num('courses-and-tutorials')}. Study machine learning`,
      'with courses and tutorials',
    ]);
    expect(Math.max(...out.split('\n').map((line) => line.length))).toBeLessThanOrEqual(40);
  });

  it.each([
    [['99'], `there is no step "99": step numbers go from 1 to ${last}`],
    [['0'], 'there is no step "0"'],
    [['c'], '"c" could mean more than one step: courses-and-tutorials, certifications'],
    [['pyton'], 'unknown step "pyton": did you mean python-and-math?'],
    [['1', 'nonsense', '2'], 'unknown step or topic "nonsense"'],
  ])('changes nothing when one of %j is wrong', async (args, message) => {
    const before = setStatus(emptyProgress(), roadmap.id, ['github-portfolio'], 'done', new Date('2025-06-01T00:00:00Z'));
    const ctx = await makeContext({ progress: before });
    const { code, out, err } = await runCli(ctx, ['check', ...args]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toContain(`mlroadmap: ${message}`);
    expect(ctx.store.current).toEqual(before);
  });

  it('needs at least one step (usage error, exit 2)', async () => {
    const ctx = await makeContext();
    const { code, err } = await runCli(ctx, ['check']);
    expect(code).toBe(2);
    expect(err).toBe("mlroadmap: missing required argument 'step'");
    expect(ctx.store.current).toEqual(emptyProgress());
  });
});

describe('mlroadmap uncheck', () => {
  it('unchecks steps by number, id and prefix, and says which were not checked', async () => {
    const before = setStatus(emptyProgress(), roadmap.id, ['python-and-math', 'github-portfolio', 'certifications'], 'done', new Date(NOW));
    const ctx = await makeContext({ progress: before });
    const courses = num('courses-and-tutorials');
    const { code, out } = await runCli(ctx, ['uncheck', '1', 'github', String(courses)]);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'Unchecked: 1. Learn Python and the maths foundations',
      `Unchecked: ${num('github-portfolio')}. Publish a portfolio on GitHub`,
      expect.stringMatching(new RegExp(`^Already \\w[\\w ]*: ${courses}\\. Study machine learning with courses and tutorials$`)),
    ]);
    expect(doneIds(ctx)).toEqual(['certifications']);
  });

  it('survives a round trip: check, uncheck, check', async () => {
    const ctx = await makeContext();
    await runCli(ctx, ['check', '5']);
    await runCli(ctx, ['uncheck', '5']);
    expect(doneIds(ctx)).toEqual([]);
    await runCli(ctx, ['check', 'cert']);
    expect(doneIds(ctx)).toEqual(['certifications']);
  });
});
