import { describe, expect, it } from 'vitest';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const at = new Date('2026-01-02T03:04:05Z');
const total = roadmap.steps.length;
const ids = roadmap.steps.map((step) => step.id);
/** The bar's label for `done` steps, as a regular expression: "1/10 done \(10%\)". */
const count = (done: number) => `${done}/${total} done \\(${Math.floor((done / total) * 100)}%\\)`;

describe('mlroadmap progress', () => {
  it('shows a bar, the count and the next step', async () => {
    const ctx = await makeContext({ progress: setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', at) });
    const { code, out } = await runCli(ctx, ['progress']);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^\\[#+-+\\] ${count(1)}$`)),
      // Step 1 was checked whole: its topics count as done.
      `Topics: ${roadmap.steps[0]?.topics?.length} of ${roadmap.steps.reduce((sum, step) => sum + (step.topics?.length ?? 0), 0)} done`,
      `Next: 2. ${roadmap.steps[1]?.title} (${ids[1]})`,
      'Study log: nothing logged yet (mlroadmap log 45m, after studying)',
      // Step 1 done: its topics' cards are in the deck, today's new ones waiting.
      'Review: 10 cards waiting (mlroadmap review)',
      expect.stringMatching(/^Exercises: 0 of \d+ passed \(mlroadmap exercises\)$/),
    ]);
  });

  it('starts at zero', async () => {
    const { out } = await runCli(await makeContext(), ['progress']);
    expect(out).toMatch(new RegExp(`^\\[-+\\] ${count(0)}\nTopics: 0 of \\d+ done\nNext: 1\\. Learn Python`));
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
    expect(out).toMatch(new RegExp(`^\\[#+\\] ${count(total)}\n`));
    expect(out).toContain('Well done');
  });

  it('prints JSON with done, total, percent and each step by id and status', async () => {
    const ctx = await makeContext({ progress: setStatus(emptyProgress(), roadmap.id, ['github-portfolio', 'certifications'], 'done', at) });
    const data = JSON.parse((await runCli(ctx, ['progress', '--json'])).out);
    expect(data).toMatchObject({ stepsDone: 2, stepsTotal: total, percent: Math.floor((2 / total) * 100) });
    expect(data.steps.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual(
      ids.map((id) => [id, ['github-portfolio', 'certifications'].includes(id) ? 'done' : 'todo']),
    );
    for (const step of data.steps) expect(typeof step.title).toBe('string');
    expect(data.steps[ids.indexOf('github-portfolio')].completedAt).toBe(at.toISOString());
  });

  it('ignores progress on steps the content no longer has', async () => {
    const progress = setStatus(emptyProgress(), roadmap.id, ['python-and-math', 'an-old-step'], 'done', at);
    const data = JSON.parse((await runCli(await makeContext({ progress }), ['progress', '--json'])).out);
    expect(data).toMatchObject({ stepsDone: 1, stepsTotal: total });
  });

  it.each([40, 60, 80])("fits %i columns on a terminal, keeping the next step's id whole", async (width) => {
    // Every step before courses-and-tutorials done, so its long id is the one to keep whole.
    const before = ids.slice(0, ids.indexOf('courses-and-tutorials'));
    const ctx = await makeContext({ tty: true, width, progress: setStatus(emptyProgress(), roadmap.id, before, 'done', at) });
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
