import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import type { RunResult } from '../../src/exercises/runner.js';
import { setupProblem } from '../../src/exercises/session.js';
import { recordExerciseRun } from '../../src/progress/exercises.js';
import { emptyProgress, packProgress } from '../../src/progress/model.js';
import { BIN, EXERCISE_PACK, exerciseSetup, makeContext, pythonLacks, runCli, TEST_PYTHON } from '../helpers.js';

const lacking = pythonLacks(['pytest', 'numpy']);
const roadmap = await loadPack(EXERCISE_PACK);
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `mlroadmap-${name}-`));
  temps.push(dir);
  return dir;
};
const solution = (id: string) => readFileSync(join(EXERCISE_PACK, 'exercises', id, 'solution.py'), 'utf8');

/** A learner with the fixture pack and a workspace made by `exercises init`. */
async function learner(setup = exerciseSetup()) {
  const ctx = await makeContext({ roadmap, exercises: setup });
  const workspace = join(temp('ws'), 'exercises');
  const init = await runCli(ctx, ['exercises', 'init', workspace]);
  if (init.code !== 0) throw new Error(init.err);
  return { ctx, workspace, setup };
}

describe('mlroadmap exercises (list, init, hint, show)', () => {
  it('lists the exercises by step and topic with their status and a count per topic; --json gives id, topic, step and status', async () => {
    const { ctx } = await learner();
    const list = await runCli(ctx, ['exercises']);
    expect(list.code).toBe(0);
    expect(list.out).toContain(
      'Step 1. Python first\n  Python basics (0/1 passed)\n    1. [ ] sum-evens: Add up the even numbers (first steps, 10 min)',
    );
    expect(list.out).toContain('  Arrays (0/2 passed)');
    const json = JSON.parse((await runCli(ctx, ['exercises', '--json'])).out);
    expect(
      json.map((item: { id: string; topic: string; step: number; status: string }) => [item.id, item.topic, item.step, item.status]),
    ).toEqual([
      ['sum-evens', 'python-basics', 1, 'not-started'],
      ['column-means', 'arrays', 1, 'not-started'],
      ['ols-slope', 'arrays', 1, 'not-started'],
    ]);
  });

  it('init writes each starter, a README on setting up Python and requirements.txt, and remembers the place', async () => {
    const { workspace, setup } = await learner();
    expect(readFileSync(join(workspace, 'sum_evens.py'), 'utf8')).toBe(
      readFileSync(join(EXERCISE_PACK, 'exercises/sum-evens/starter.py'), 'utf8'),
    );
    expect(readFileSync(join(workspace, 'requirements.txt'), 'utf8')).toBe('pytest\nnumpy\nstatsmodels\n');
    expect(readFileSync(join(workspace, 'README.md'), 'utf8')).toMatch(/python3 -m venv \.venv[\s\S]*pip install -r requirements\.txt/);
    expect(setup.settings.read().exercises?.workspace).toBe(workspace);
  });

  it('init again never overwrites a file the learner changed, and adds the exercises a newer version ships', async () => {
    const setup = exerciseSetup();
    const older = { ...roadmap, exercises: roadmap.exercises?.slice(0, 1) };
    const first = await makeContext({ roadmap: older, exercises: setup });
    const workspace = join(temp('ws'), 'exercises');
    expect((await runCli(first, ['exercises', 'init', workspace])).code).toBe(0);
    expect(existsSync(join(workspace, 'column_means.py'))).toBe(false);
    writeFileSync(join(workspace, 'sum_evens.py'), '# my work\n');
    const ctx = await makeContext({ roadmap, exercises: setup });
    const again = await runCli(ctx, ['exercises', 'init', workspace]);
    expect(again.out).toMatch(/Wrote 2 files: column_means\.py, ols_slope\.py/);
    expect(again.out).toMatch(/Updated \(you had not changed them\): requirements\.txt/);
    expect(again.out).toMatch(/Kept as you changed them: sum_evens\.py/);
    expect(readFileSync(join(workspace, 'sum_evens.py'), 'utf8')).toBe('# my work\n');
  });

  it('gives the hints one more at a time, and remembers how many were shown on this machine only', async () => {
    const { ctx, setup } = await learner();
    expect((await runCli(ctx, ['exercises', 'hint', 'sum-evens'])).out).toMatch(/Hint 1 of 2[\s\S]*Another hint/);
    const second = await runCli(ctx, ['exercises', 'hint', 'sum-evens']);
    expect(second.out).toMatch(/Hint 1 of 2[\s\S]*Hint 2 of 2[\s\S]*That was the last hint/);
    expect(setup.settings.read().exercises?.hints).toEqual({ [roadmap.id]: { 'sum-evens': 2 } });
    expect(JSON.stringify(ctx.store.current)).not.toMatch(/hint/);
  });

  it('shows the statement, and the checks with --checks', async () => {
    const { ctx } = await learner();
    const show = await runCli(ctx, ['exercises', 'show', 'column-means', '--checks']);
    expect(show.out).toMatch(/The mean of each column[\s\S]*Needs: numpy[\s\S]*test_column_means\.py:[\s\S]*def test_shape\(learner\)/);
  });

  it('shows a step’s exercises on its page, counts per topic in topics, and the total in progress', async () => {
    const progress = recordExerciseRun(emptyProgress(), roadmap.id, 'sum-evens', true, new Date('2026-01-15T09:00:00Z'));
    const ctx = await makeContext({ roadmap, exercises: exerciseSetup(), progress });
    expect((await runCli(ctx, ['step', '1'])).out).toMatch(
      /Exercises \(1\/3 passed\):?\n.*\[x\] sum-evens +Add up the even numbers\n.*\[ \] column-means/,
    );
    expect((await runCli(ctx, ['topics', '1'])).out).toMatch(/python-basics +Python basics \[exercises 1\/1\]/);
    const topics = JSON.parse((await runCli(ctx, ['topics', '1', '--json'])).out);
    expect(topics.map((topic: { exercises: unknown }) => topic.exercises)).toEqual([
      { passed: 1, total: 1 },
      { passed: 0, total: 2 },
    ]);
    expect(JSON.parse((await runCli(ctx, ['progress', '--json'])).out)).toMatchObject({ exercisesPassed: 1, exercisesTotal: 3 });
  });

  it('validate names an exercise problem by its path in the pack', async () => {
    const pack = join(temp('pack'), 'p');
    const { cpSync } = await import('node:fs');
    cpSync(EXERCISE_PACK, pack, { recursive: true });
    rmSync(join(pack, 'exercises/sum-evens/solution.py'));
    const ctx = await makeContext();
    const run = await runCli(ctx, ['validate', pack]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(new RegExp(`^${pack}/exercises/sum-evens: solution\\.py is missing`, 'm'));
  });

  it('refuses an unknown exercise with a suggestion', async () => {
    const { ctx } = await learner();
    const run = await runCli(ctx, ['exercises', 'show', 'sum-even']);
    expect(run).toMatchObject({ code: 1, err: expect.stringMatching(/there is no exercise "sum-even" \(Did you mean sum-evens\?\)/) });
  });
});

describe.skipIf(lacking !== undefined)(
  `mlroadmap exercises check, solution and verify, with real Python${lacking ? ` (skipped: ${lacking})` : ''}`,
  () => {
    it('check runs the next exercise not passed, prints the first thing wrong, exits 1, and records the run', async () => {
      const { ctx } = await learner();
      const run = await runCli(ctx, ['exercises', 'check']);
      expect(run.code).toBe(1);
      expect(run.out).toBe('Not yet: sum-evens, check test_mixed:\n  sum_evens([1, 2, 3, 4]): expected 6, got 0');
      expect(packProgress(ctx.store.current, roadmap.id).exercises?.['sum-evens']).toMatchObject({ runs: 1, lastResult: 'failing' });
    });

    it('check passes a correct file (exit 0), records when and after how many runs, and offers to mark the topic done', async () => {
      const { ctx, workspace } = await learner();
      await runCli(ctx, ['exercises', 'check', 'sum-evens']);
      writeFileSync(join(workspace, 'sum_evens.py'), solution('sum-evens'));
      const run = await runCli(ctx, ['exercises', 'check', 'sum-evens']);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/^Passed: sum-evens[\s\S]*It took 2 runs[\s\S]*Mark the topic done with: mlroadmap check python-basics$/);
      expect(packProgress(ctx.store.current, roadmap.id).exercises?.['sum-evens']).toMatchObject({
        runs: 2,
        lastResult: 'passed',
        passedAt: ctx.now().toISOString(),
        passedAfterRuns: 2,
      });
      const json = JSON.parse((await runCli(ctx, ['exercises', 'check', 'sum-evens', '--json'])).out);
      expect(json).toMatchObject({ id: 'sum-evens', status: 'passed', result: 'passed', runs: 3 });
      // The next exercise is now the default.
      expect((await runCli(ctx, ['exercises', 'check'])).out).toMatch(/column-means/);
    });

    it('check names a syntax error in the learner’s file with its line, exits 1, and counts the run as failing', async () => {
      const { ctx, workspace } = await learner();
      writeFileSync(join(workspace, 'sum_evens.py'), 'def sum_evens(numbers)\n    return 0\n');
      const run = await runCli(ctx, ['exercises', 'check', 'sum-evens']);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/^Your file has a syntax error \(sum_evens\.py\):\n {4}File "sum_evens\.py", line 1[\s\S]*SyntaxError/);
      expect(run.out).not.toMatch(/mlroadmap_checks|_pytest|node:internal|at .*\.js/);
      expect(packProgress(ctx.store.current, roadmap.id).exercises?.['sum-evens']).toMatchObject({ runs: 1, lastResult: 'failing' });
    });

    it('check runs the learner’s code in a Python of its own, never in a fork of verify’s server (nothing loaded before it)', async () => {
      const { ctx, workspace } = await learner();
      await runCli(ctx, ['exercises', 'verify']);
      const seen = join(workspace, 'seen.txt');
      const code = `import sys\nopen(${JSON.stringify(seen)}, "w").write(str(sorted(m for m in ("numpy", "pytest") if m in sys.modules)))\n`;
      writeFileSync(join(workspace, 'sum_evens.py'), `${code}${solution('sum-evens')}`);
      expect((await runCli(ctx, ['exercises', 'check', 'sum-evens'])).code).toBe(0);
      // pytest imports the learner's file, so pytest is loaded; NumPy, which verify's server imports first, is not.
      expect(readFileSync(seen, 'utf8')).toBe("['pytest']");
    });

    it('shows the solution only after passing', async () => {
      const { ctx, workspace } = await learner();
      const before = await runCli(ctx, ['exercises', 'solution', 'sum-evens']);
      expect(before).toMatchObject({ code: 1, err: expect.stringMatching(/shown once your own passes/) });
      writeFileSync(join(workspace, 'sum_evens.py'), solution('sum-evens'));
      await runCli(ctx, ['exercises', 'check', 'sum-evens']);
      expect((await runCli(ctx, ['exercises', 'solution', 'sum-evens'])).out).toBe(solution('sum-evens').trimEnd());
    });

    it('says what to do, and records nothing, when there is no Python, no workspace, or it was deleted', async () => {
      const { ctx, workspace, setup } = await learner(exerciseSetup({ pythonEnv: '/no/such/python3' }));
      const noPython = await runCli(ctx, ['exercises', 'check', 'sum-evens']);
      expect(noPython).toMatchObject({
        code: 1,
        out: '',
        err: expect.stringMatching(/^mlroadmap: no Python to run the checks: \/no\/such\/python3 was not found/),
      });
      rmSync(workspace, { recursive: true });
      const gone = await runCli(ctx, ['exercises', 'check', 'sum-evens']);
      expect(gone).toMatchObject({
        code: 1,
        err: expect.stringMatching(/the exercises workspace .* is gone \(deleted or moved\); make it again with: mlroadmap exercises init/),
      });
      await setup.settings.update((settings) => ({ ...settings, exercises: {} }));
      expect((await runCli(ctx, ['exercises', 'check'])).err).toMatch(
        /there is no exercises workspace yet; make one with: mlroadmap exercises init/,
      );
      expect(ctx.store.current.packs[roadmap.id]?.exercises).toBeUndefined();
    });

    it('names a missing library with the pip command, and records nothing', async () => {
      if (pythonLacks(['statsmodels']) === undefined) return;
      const { ctx, workspace } = await learner();
      writeFileSync(join(workspace, 'ols_slope.py'), solution('ols-slope'));
      const run = await runCli(ctx, ['exercises', 'check', 'ols-slope']);
      expect(run.err).toBe(
        `mlroadmap: ols-slope needs statsmodels, which ${TEST_PYTHON} does not have; install it with: ${TEST_PYTHON} -m pip install statsmodels`,
      );
      expect(ctx.store.current.packs[roadmap.id]?.exercises).toBeUndefined();
    });

    it('doctor names the Python the checks would use, its version, its libraries and the commands that fix what is missing', async () => {
      const ctx = await makeContext({ exercises: exerciseSetup() });
      const run = await runCli(ctx, ['doctor']);
      expect(run.out).toMatch(
        new RegExp(
          `Python for the exercises: ${TEST_PYTHON} \\(from MLROADMAP_PYTHON\\)\n  Python 3\\.\\d+\\.\\d+\n  numpy \\S+, pandas \\S+, scikit-learn \\S+, pytest \\S+, torch \\S+`,
        ),
      );
      const none = await makeContext({ exercises: exerciseSetup({ pythonEnv: '/no/such/python3' }) });
      const missing = await runCli(none, ['doctor']);
      expect(missing.out).toMatch(
        /Python for the exercises: \/no\/such\/python3 \(from MLROADMAP_PYTHON\)\n {2}Not usable: \/no\/such\/python3 was not found\n {2}Install Python 3/,
      );
      const json = JSON.parse((await runCli(none, ['doctor', '--json'])).out);
      expect(json.python).toMatchObject({ found: false, command: '/no/such/python3', fixes: [expect.stringMatching(/^Install Python 3/)] });
    });

    it('verify: every solution passes and every starter fails, one line each; a missing library is skipped and named; --require-all fails on it', async () => {
      const ctx = await makeContext({ roadmap, exercises: exerciseSetup() });
      const run = await runCli(ctx, ['exercises', 'verify']);
      expect(run.code).toBe(0);
      expect(run.out.split('\n').slice(0, 2)).toEqual(['ok    sum-evens', 'ok    column-means']);
      if (pythonLacks(['statsmodels']) === undefined) return;
      expect(run.out).toMatch(/^skip {2}ols-slope +needs statsmodels \(\/usr\/bin\/python3 -m pip install statsmodels\)$/m);
      expect(run.out).toMatch(/2 ok, 0 failed, 1 skipped/);
      const strict = await runCli(ctx, ['exercises', 'verify', '--require-all']);
      expect(strict).toMatchObject({ code: 1, err: 'mlroadmap: 1 skipped, and --require-all asks for every exercise' });
    });

    it('verify fails an exercise whose starter passes, naming why', async () => {
      const pack = temp('pack');
      const { cpSync } = await import('node:fs');
      cpSync(EXERCISE_PACK, pack, { recursive: true });
      writeFileSync(join(pack, 'exercises/sum-evens/starter.py'), solution('sum-evens'));
      const ctx = await makeContext({ roadmap, exercises: exerciseSetup() });
      const run = await runCli(ctx, ['exercises', 'verify', pack]);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/^FAIL {2}sum-evens +the starter should fail its checks, but it passes$/m);
    });

    it('Ctrl+C during a check ends the checks and everything they started, exits 130 and records nothing', async () => {
      const config = temp('config');
      const workspace = join(temp('ws'), 'w');
      const env = { ...process.env, MLROADMAP_CONFIG_DIR: config, MLROADMAP_PYTHON: TEST_PYTHON, MLROADMAP_CACHE_DIR: 'off' };
      const bin = (args: string[]) =>
        spawn(process.execPath, [BIN, '--content', EXERCISE_PACK, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const finished = (child: ReturnType<typeof bin>) =>
        new Promise<{ code: number | null; err: string }>((resolve) => {
          let err = '';
          child.stderr?.on('data', (chunk) => {
            err += chunk;
          });
          child.on('close', (code) => resolve({ code, err }));
        });
      expect((await finished(bin(['exercises', 'init', workspace]))).code).toBe(0);
      const pidFile = join(workspace, 'child.pid');
      writeFileSync(
        join(workspace, 'sum_evens.py'),
        `import subprocess\np = subprocess.Popen(["sleep", "600"])\nopen(${JSON.stringify(pidFile)}, "w").write(str(p.pid))\nwhile True:\n    pass\n`,
      );
      const child = bin(['exercises', 'check', 'sum-evens']);
      const done = finished(child);
      for (let i = 0; i < 100 && !existsSync(pidFile); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(existsSync(pidFile)).toBe(true);
      child.kill('SIGINT');
      const result = await done;
      expect(result).toEqual({ code: 130, err: 'mlroadmap: the checks were stopped; nothing was recorded\n' });
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      let alive = true;
      try {
        process.kill(grandchild, 0);
        alive = !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${grandchild}/stat`, 'utf8'));
      } catch {
        alive = false;
      }
      expect(alive).toBe(false);
      expect(existsSync(join(config, 'progress.json'))).toBe(false);
    });
  },
);

describe('what a run that did not finish says', () => {
  const exercise = roadmap.exercises?.[0] as NonNullable<typeof roadmap.exercises>[number];
  it.each<[RunResult, RegExp, number]>([
    [
      { kind: 'timeout', seconds: 30 },
      /^sum-evens: took longer than 30 s, so it was stopped; is there a loop that never ends\? Nothing was recorded\.$/,
      1,
    ],
    [{ kind: 'interrupted' }, /^the checks were stopped; nothing was recorded$/, 130],
    [
      { kind: 'no-pytest', install: 'python3 -m pip install pytest' },
      /^py has no pytest, which runs the checks; install it with: python3 -m pip install pytest$/,
      1,
    ],
    [
      { kind: 'missing-file', file: '/ws/sum_evens.py' },
      /^\/ws\/sum_evens\.py is not there; write it again with: mlroadmap exercises init \/ws$/,
      1,
    ],
  ])('%j', (result, message, exitCode) => {
    const problem = setupProblem(result, exercise, 'py', '/ws');
    expect(problem?.message).toMatch(message);
    expect(problem?.exitCode).toBe(exitCode);
  });
});
