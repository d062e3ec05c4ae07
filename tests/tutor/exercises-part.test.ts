import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { withWorkspace } from '../../src/progress/settings.js';
import { runTutor } from '../../src/tutor/tutor.js';
import { EXERCISE_PACK, exerciseSetup, pythonLacks, runCli } from '../helpers.js';
import { choose, escapeOut, press, printed, tutorContext, until } from './screen.js';

const lacking = pythonLacks(['pytest']);
const fixture = await loadPack(EXERCISE_PACK);
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("the tutor's Exercises part", () => {
  it('is on the menu with a count of passed exercises, and the menu still fits 22 rows', async () => {
    const ctx = await tutorContext();
    // The shipped guide with exercises (the fixture's, for the count), as it will be with its own.
    ctx.roadmap = { ...ctx.roadmap, exercises: fixture.exercises ?? [] };
    ctx.exercises = exerciseSetup();
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    expect(menu).toContain('Exercises (0/3 passed)');
    expect(menu.split('\n').length).toBeLessThanOrEqual(22);
    await escapeOut(tutor);
  });

  it.skipIf(lacking !== undefined)(
    `runs an exercise's checks, gives hints, offers to mark the topic done, and shows the solution once it passes${lacking ? ` (skipped: ${lacking})` : ''}`,
    async () => {
      const ctx = await tutorContext();
      ctx.roadmap = fixture;
      const setup = exerciseSetup();
      ctx.exercises = setup;
      const workspace = join(mkdtempSync(join(tmpdir(), 'mlroadmap-tutor-ex-')), 'w');
      temps.push(workspace);
      await runCli(ctx, ['exercises', 'init', workspace]);
      await setup.settings.update((settings) => withWorkspace(settings, workspace));
      const tutor = runTutor(ctx);
      await choose('Exercises (0/3 passed)');
      await until('pick one to read and check');
      press('enter');
      await until('Add up the even numbers: not started. What now?');
      press('enter');
      await until('Add up the even numbers: failing. What now?', 200);
      expect(printed(ctx)).toMatch(/Not yet: sum-evens, check test_mixed/);
      press('down', 'enter');
      await until('failing. What now?');
      expect(printed(ctx)).toMatch(/Hint 1 of 2/);
      writeFileSync(join(workspace, 'sum_evens.py'), readFileSync(join(EXERCISE_PACK, 'exercises/sum-evens/solution.py'), 'utf8'));
      ctx.answers.push(true);
      press('enter');
      const passed = await until('Add up the even numbers: passed. What now?', 200);
      // Its topic's only exercise passed: the tutor offered to mark the topic done, and the learner said yes.
      expect(printed(ctx)).toContain('Marked "Python basics" done.');
      expect(ctx.store.current.packs[fixture.id]?.topics?.['python-basics']).toMatchObject({ status: 'done' });
      expect(printed(ctx)).toMatch(/Passed: sum-evens/);
      expect(passed).toContain('Show the reference solution');
      await escapeOut(tutor);
    },
    60_000,
  );
});
