import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { addNote, emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
/** The 1-based number of a step, as the commands show it. */
const num = (id: string) => roadmap.steps.findIndex((step) => step.id === id) + 1;
const first = roadmap.steps[0];

describe('mlroadmap step', () => {
  it('shows one step in full: status, effort, skills, description, done, resources', async () => {
    const { code, out, err } = await runCli(await makeContext(), ['step', '1']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.split('\n');
    expect(lines[0]).toBe('1. Learn Python and the maths foundations (python-and-math)');
    expect(lines[1]).toBe('Status: [ ] to do');
    expect(lines[2]).toBe(`Effort: about ${first?.effortHours} hours`);
    expect(lines[3]).toBe(`Builds: ${first?.skills.map((id) => roadmap.skills.find((skill) => skill.id === id)?.title).join(', ')}`);
    expect(lines[3]).toMatch(/^Builds: Python and R programming, ML algorithms and statistical models\b/);
    expect(out).toContain('Start with the foundations');
    expect(out).toContain('What "done" looks like:');
    expect(out).toContain('Resources:\n[docs] The Python Tutorial (python.org) — https://docs.python.org/3/tutorial/');
    expect(out).toContain('[book] Mathematics for Machine Learning (Deisenroth, Faisal and Ong) — https://mml-book.github.io/');
    expect(out).not.toContain('\u001b');
  });

  it('shows the status with its date, and the notes', async () => {
    let progress = setStatus(emptyProgress(), roadmap.id, ['certifications'], 'done', new Date('2026-01-12T10:00:00Z'));
    progress = addNote(progress, roadmap.id, 'certifications', 'passed the AWS exam', new Date('2026-01-12T11:00:00Z'));
    const { out } = await runCli(await makeContext({ progress }), ['step', 'cert']);
    expect(out).toContain('Status: [x] done (on 2026-01-12)');
    expect(out).toContain('Your notes (1):\n1. 2026-01-12  passed the AWS exam');
  });

  it('prints the step, its status and notes as JSON', async () => {
    const progress = setStatus(emptyProgress(), roadmap.id, ['github-portfolio'], 'doing', new Date('2026-01-12T10:00:00Z'));
    const data = JSON.parse((await runCli(await makeContext({ progress }), ['step', 'github-portfolio', '--json'])).out);
    expect(data).toMatchObject({
      number: num('github-portfolio'),
      id: 'github-portfolio',
      status: 'doing',
      updatedAt: '2026-01-12T10:00:00.000Z',
      notes: [],
    });
    expect(data.resources[0]).toHaveProperty('url');
  });

  it('decorates on a terminal: type labels, a hint to mark it', async () => {
    const ctx = await makeContext({ tty: true, style: new Chalk({ level: 1 }), width: 100 });
    const courses = num('courses-and-tutorials');
    const { out } = await runCli(ctx, ['step', String(courses)]);
    expect(out).toContain(`Mark it: mlroadmap mark ${courses} doing|done|skipped`);
    expect(out).toMatch(
      /\u001b\[36mdocs *\u001b\[39m {2}scikit-learn tutorials — \u001b\[2mhttps:\/\/scikit-learn\.org\/stable\/tutorial\/index\.html/,
    );
    // A URL that does not fit beside its title goes on the next line, whole, so it can still be clicked: under
    // the title, past the type labels (as wide as the widest type among the step's resources).
    const labels = Math.max(...(roadmap.steps[courses - 1]?.resources ?? []).map((resource) => resource.type.length));
    expect(out).toMatch(
      new RegExp(
        `Machine Learning Specialization \\(Coursera\\)\n {${2 + labels + 2}}\u001b\\[2mhttps://www\\.coursera\\.org/specializations/machine-learning-introduction\u001b`,
      ),
    );
  });

  it.each([
    [
      String(roadmap.steps.length + 1),
      `mlroadmap: there is no step "${roadmap.steps.length + 1}": step numbers go from 1 to ${roadmap.steps.length}`,
    ],
    ['githb-portfolio', 'mlroadmap: unknown step "githb-portfolio": did you mean github-portfolio?'],
  ])('rejects %s with exit 1', async (input, message) => {
    const { code, err } = await runCli(await makeContext(), ['step', input]);
    expect(code).toBe(1);
    expect(err).toContain(message);
  });
});
