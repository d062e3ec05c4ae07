import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, requiredTopics, runCli, shippedRoadmap } from '../helpers.js';

const DATA_SCIENTIST = fileURLToPath(new URL('../../examples/data-scientist', import.meta.url));

const roadmap = await shippedRoadmap();
const at = new Date('2026-01-02T03:04:05Z');
const total = roadmap.steps.length;
const ids = roadmap.steps.map((step) => step.id);
const topics = roadmap.steps.reduce((sum, step) => sum + requiredTopics(step).length, 0);
/** The topics of the given steps. */
const topicsOf = (...stepIds: string[]) =>
  roadmap.steps.filter((step) => stepIds.includes(step.id)).reduce((sum, step) => sum + requiredTopics(step).length, 0);
/** The bar's label for `done` topics, as a regular expression: "11/79 topics done \(13%\)". */
const count = (done: number) => `${done}/${topics} topics done \\(${Math.floor((done / topics) * 100)}%\\)`;

describe('mlroadmap progress', () => {
  it('shows a bar, the count and the next step', async () => {
    const ctx = await makeContext({ progress: setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', at) });
    const { code, out } = await runCli(ctx, ['progress']);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^\\[#+-+\\] ${count(topicsOf('python-and-math'))}$`)),
      // Step 1 was checked whole: its topics count as done.
      `Topics: ${requiredTopics(roadmap.steps[0]).length} of ${roadmap.steps.reduce((sum, step) => sum + requiredTopics(step).length, 0)} done`,
      `Next: 2. ${roadmap.steps[1]?.title} (${ids[1]})`,
      'Study log: nothing logged yet (mlroadmap log 45m, after studying)',
      // Step 1 done: its topics' cards are in the deck, today's new ones waiting.
      'Review: 10 cards waiting (mlroadmap review)',
      expect.stringMatching(/^Exercises: 0 of \d+ passed \(mlroadmap exercises\)$/),
    ]);
  });

  it.each([
    ['in a pipe', false, /^\[#+-+\] /],
    ['on a terminal', true, /^█+░+ /],
  ])('counts topics in the bar, %s: 3 of the required topics done, not 0 of 10 steps', async (_where, tty, filled) => {
    const ctx = await makeContext({ tty });
    await runCli(ctx, ['check', '1.1', '1.2', '1.3']);
    const { out } = await runCli(ctx, ['progress']);
    const bar = out.split('\n')[0] as string;
    expect(bar).toContain(`3/${topics} topics done (${Math.floor((3 / topics) * 100)}%)`);
    // Something done shows in the bar: its first cell is filled.
    expect(bar).toMatch(filled);
    expect(JSON.parse((await runCli(ctx, ['progress', '--json'])).out)).toMatchObject({
      percent: Math.floor((3 / topics) * 100),
      stepsPercent: 0,
      topicsDone: 3,
    });
  });

  it('counts a step without topics as one in the bar, and says so', async () => {
    const ctx = await makeContext({ roadmap: await loadPack(DATA_SCIENTIST) });
    const steps = ctx.roadmap.steps;
    const plain = steps.find((step) => !step.topics?.length);
    const units = steps.reduce((sum, step) => sum + (requiredTopics(step).length || 1), 0);
    await runCli(ctx, ['check', plain?.id as string]);
    expect((await runCli(ctx, ['progress'])).out.split('\n')[0]).toContain(
      `1/${units} topics and steps done (${Math.floor((1 / units) * 100)}%)`,
    );
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
    expect(out).toMatch(new RegExp(`^\\[#+\\] ${count(topics)}\n`));
    expect(out).toContain('Well done');
  });

  it('prints JSON with done, total, percent and each step by id and status', async () => {
    const ctx = await makeContext({ progress: setStatus(emptyProgress(), roadmap.id, ['github-portfolio', 'certifications'], 'done', at) });
    const data = JSON.parse((await runCli(ctx, ['progress', '--json'])).out);
    // percent is what the bar shows (topics); stepsPercent counts steps.
    const percent = Math.floor((topicsOf('github-portfolio', 'certifications') / topics) * 100);
    expect(data).toMatchObject({ stepsDone: 2, stepsTotal: total, percent, stepsPercent: Math.floor((2 / total) * 100) });
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
