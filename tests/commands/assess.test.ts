import { describe, expect, it } from 'vitest';
import { addAssessment, ratingsOf } from '../../src/progress/assess.js';
import { emptyProgress, packProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';
import { press, printed, tutorContext, until } from '../tutor/screen.js';

const roadmap = await shippedRoadmap();
const ratings = (ctx: { store: { current: Parameters<typeof packProgress>[0] } }, skill: string) =>
  ratingsOf(packProgress(ctx.store.current, roadmap.id), skill);

describe('mlroadmap assess <skill> <rating>', () => {
  it('records a dated rating and says so', async () => {
    const ctx = await makeContext();
    const result = await runCli(ctx, ['assess', 'python-and-r', '4']);
    expect(result).toMatchObject({ code: 0, out: 'Rated Python and R programming: 4/5, confident.' });
    expect(ratings(ctx, 'python-and-r')).toEqual([{ at: '2026-01-15T10:00:00.000Z', rating: 4 }]);
  });

  it('keeps the history and says what the rating was', async () => {
    const ctx = await makeContext({
      progress: addAssessment(emptyProgress(), roadmap.id, 'python-and-r', 1, new Date('2026-01-02T00:00:00Z')),
    });
    const result = await runCli(ctx, ['assess', '1', '3']);
    expect(result.out).toBe('Rated Python and R programming: 3/5, can work with it (was 1/5 on 2026-01-02).');
    expect(ratings(ctx, 'python-and-r').map((entry) => entry.rating)).toEqual([1, 3]);
  });

  it('points a weak skill at every step that teaches it, saying which are done', async () => {
    const ctx = await makeContext({ progress: setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', new Date()) });
    const result = await runCli(ctx, ['assess', 'python', '2']);
    const teaching = roadmap.steps.flatMap((step, i) => (step.skills.includes('python-and-r') ? [`  ${i + 1}. ${step.title}`] : []));
    expect(teaching[0]).toBe('  1. Learn Python and the maths foundations');
    expect(result.out).toContain(`To build it, work on:\n${teaching[0]} (done: revisit it)\n${teaching.slice(1).join('\n')}`);
  });

  it.each([['0'], ['6'], ['2.5'], ['high']])('refuses the rating %j with exit 2 and changes nothing', async (rating) => {
    const ctx = await makeContext();
    const result = await runCli(ctx, ['assess', 'python-and-r', rating]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^mlroadmap: the rating must be a whole number from 1 \(just starting\) to 5 \(could teach it\), not "/);
    expect(ctx.store.current).toEqual(emptyProgress());
  });

  it('refuses an unknown skill with exit 1 and a suggestion', async () => {
    const ctx = await makeContext();
    const result = await runCli(ctx, ['assess', 'pyton', '3']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('did you mean python-and-r?');
    expect(ctx.store.current).toEqual(emptyProgress());
  });

  it('with a skill only, shows its history', async () => {
    const ctx = await makeContext();
    expect((await runCli(ctx, ['assess', 'big-data'])).out).toBe(
      'You have not rated Big data with Apache Spark yet. Rate it with: mlroadmap assess big-data-spark <1-5>',
    );
    await runCli(ctx, ['assess', 'big-data', '2']);
    await runCli(ctx, ['assess', 'big-data', '3']);
    expect((await runCli(ctx, ['assess', 'big-data'])).out).toBe(
      'Big data with Apache Spark: your ratings, oldest first\n2026-01-15  2/5  know the basics\n2026-01-15  3/5  can work with it',
    );
  });

  it('--json gives every skill with its latest rating and history', async () => {
    const ctx = await makeContext();
    await runCli(ctx, ['assess', 'problem-solving', '5']);
    const list = JSON.parse((await runCli(ctx, ['assess', '--json'])).out);
    expect(list).toHaveLength(roadmap.skills.length);
    expect(list.find((entry: { id: string }) => entry.id === 'problem-solving')).toMatchObject({
      rating: 5,
      ratings: [{ rating: 5 }],
    });
    expect(list[0]).toMatchObject({ id: 'python-and-r', rating: null, ratings: [] });
  });
});

describe('mlroadmap skills', () => {
  it('shows the latest rating beside each rated skill', async () => {
    const ctx = await makeContext();
    await runCli(ctx, ['assess', 'python-and-r', '2']);
    await runCli(ctx, ['assess', 'python-and-r', '4']);
    const { out } = await runCli(ctx, ['skills']);
    expect(out).toMatch(/python-and-r\s+Python and R programming \(you: 4\/5 on 2026-01-15\)/);
    expect(out).toMatch(/big-data-spark\s+Big data with Apache Spark$/m);
    const json = JSON.parse((await runCli(ctx, ['skills', '--json'])).out);
    expect(json[0]).toMatchObject({ id: 'python-and-r', rating: 4 });
  });
});

describe('mlroadmap assess, interactive', () => {
  it('without a terminal exits 2 and names the plain form', async () => {
    const ctx = await makeContext();
    const result = await runCli(ctx, ['assess']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('mlroadmap assess <skill> <1-5>');
  });

  it('walks every skill, saves each answer, skips when asked and points weak skills at steps', async () => {
    const ctx = await tutorContext({ progress: addAssessment(emptyProgress(), roadmap.id, 'big-data-spark', 4, new Date('2026-01-01')) });
    const run = runCli(ctx, ['assess']);
    // Skill 1: not rated yet, the cursor on 1; choose 2.
    let shown = await until(`Skill 1 of ${roadmap.skills.length}: how good are you at Python and R programming?`);
    expect(shown).toMatch(/❯ 1 {2}just starting/);
    expect(shown).toContain('5  could teach it');
    press('down', 'enter');
    // Skill 2: choose 5.
    await until('Skill 2 of');
    press('down', 'down', 'down', 'down', 'enter');
    // Skill 3: already rated 4, which is preselected; skip keeps it.
    shown = await until('Skill 3 of');
    expect(shown).toMatch(/❯ 4 {2}confident/);
    expect(shown).toContain('Skip (keep 4/5)');
    press('down', 'down', 'enter');
    // Skill 4: accept the default, 1.
    await until('Skill 4 of');
    press('enter');
    const result = await run;
    expect(result.code).toBe(0);
    const latest = (skill: string) => ratings(ctx, skill).map((entry) => entry.rating);
    expect(latest('python-and-r')).toEqual([2]);
    expect(latest('algorithms-and-statistics')).toEqual([5]);
    expect(latest('big-data-spark')).toEqual([4]);
    expect(latest('problem-solving')).toEqual([1]);
    const out = printed(ctx);
    expect(out).toContain('Saved 3 ratings.');
    expect(out).toContain('Skills to build up (rated 2 or lower), and where to work on them:');
    // Weakest first, each with the open steps that build it (skills.yaml), one a line.
    expect(out).toMatch(/ {2}Problem solving \(1\/5\):\n {4}\d\. .*\n(.*\n)* {2}Python and R programming \(2\/5\):\n {4}1\. Learn Python/);
  });

  it('keeps the answers given before Ctrl+C', async () => {
    const ctx = await tutorContext();
    const run = runCli(ctx, ['assess']);
    await until('Skill 1 of');
    press('down', 'down', 'enter');
    await until('Skill 2 of');
    press({ name: 'c', ctrl: true });
    const result = await run;
    expect(result.code).toBe(130);
    // Every rating was saved as it was given; Ctrl+C leaves quietly.
    expect(result.err).toBe('');
    expect(ratings(ctx, 'python-and-r').map((entry) => entry.rating)).toEqual([3]);
  });
});
