import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import type { Exercise } from '../../src/content/schema.js';
import { type CheckServer, startCheckServer } from '../../src/exercises/forkserver.js';
import { choosePython, probePython } from '../../src/exercises/python.js';
import { checksEnvironment, type RunRequest, runChecks } from '../../src/exercises/runner.js';
import { EXERCISE_PACK, pythonLacks, TEST_PYTHON } from '../helpers.js';

const PLUGIN_DIR = fileURLToPath(new URL('../../src/exercises/python', import.meta.url));
const lacking = pythonLacks(['pytest', 'numpy']);
const roadmap = await loadPack(EXERCISE_PACK);
const exercise = (id: string) => roadmap.exercises?.find((e) => e.id === id) as Exercise;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-ws-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** verify's fork server, while the tests below run through it (see the second round of them). */
let server: CheckServer | undefined;

/** Runs `id`'s checks against `code` written as the learner's file in a fresh workspace. */
function run(id: string, code: string, more: Partial<RunRequest> = {}, files: Record<string, string> = {}) {
  const name = `${id.replaceAll('-', '_')}.py`;
  const cwd = workspace({ [name]: code, ...files });
  return runChecks({
    exercise: exercise(id),
    exerciseDir: join(EXERCISE_PACK, 'exercises', id),
    pluginDir: PLUGIN_DIR,
    file: join(cwd, name),
    cwd,
    python: TEST_PYTHON,
    server,
    ...more,
  });
}

const solution = (id: string) => readFileSync(join(EXERCISE_PACK, 'exercises', id, 'solution.py'), 'utf8');
const starter = (id: string) => readFileSync(join(EXERCISE_PACK, 'exercises', id, 'starter.py'), 'utf8');

/** Whether a process is alive: it exists and is not a zombie (in a container, nothing may reap an orphan that was killed). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Every run below, twice: in a Python of its own, as a learner's code always is, then in a fork of
 * the server `exercises verify` runs a pack's own files in (forkserver.ts), which must judge alike.
 */
describe.skipIf(lacking !== undefined).each([
  ['in a Python of its own', false],
  ['in a fork of verify’s server', true],
])(`running an exercise's checks with real Python, %s${lacking ? ` (skipped: ${lacking})` : ''}`, (_name, forked) => {
  beforeAll(async () => {
    if (forked) server = await startCheckServer(TEST_PYTHON, checksEnvironment(PLUGIN_DIR), ['pytest', 'numpy']);
    if (forked && server === undefined) throw new Error('the fork server did not start');
  });
  afterAll(() => {
    server?.close();
    server = undefined;
  });

  it('runs each time in a fresh process, which nothing an earlier run did reaches (a fork of the server has NumPy loaded already)', async () => {
    const seen = join(workspace(), 'seen.txt');
    const code = `import sys\nopen(${JSON.stringify(seen)}, "a").write(f"{'numpy' in sys.modules} {hasattr(sys, 'mlroadmap_mark')}\\n")\nsys.mlroadmap_mark = 1\n${solution('sum-evens')}`;
    expect(await run('sum-evens', code)).toMatchObject({ kind: 'passed' });
    expect(await run('sum-evens', code)).toMatchObject({ kind: 'passed' });
    expect(readFileSync(seen, 'utf8')).toBe(forked ? 'True False\nTrue False\n' : 'False False\nFalse False\n');
  });

  it('ends as a Python of its own ends: waits for a thread left running, runs atexit handlers, draws new random numbers', async () => {
    // A thread that never ends keeps a Python from exiting: the run times out.
    const thread = `import threading, time\nthreading.Thread(target=lambda: time.sleep(3600)).start()\n${solution('sum-evens')}`;
    expect(await run('sum-evens', thread, { timeoutMs: 2000 })).toEqual({ kind: 'timeout', seconds: 2 });
    // An atexit handler that changes the exit code: pytest's verdict is not trusted then.
    const atexit = `import atexit, os\natexit.register(lambda: os._exit(3))\n${solution('sum-evens')}`;
    expect(await run('sum-evens', atexit)).toMatchObject({ kind: 'broken', message: expect.stringMatching(/exit code 3/) });
    // NumPy's global generator seeded anew each run, as in a new Python.
    const drawn = join(workspace(), 'drawn.txt');
    const draw = `import numpy\nopen(${JSON.stringify(drawn)}, "a").write(repr(numpy.random.rand()) + "\\n")\n${solution('sum-evens')}`;
    expect(await run('sum-evens', draw)).toMatchObject({ kind: 'passed' });
    expect(await run('sum-evens', draw)).toMatchObject({ kind: 'passed' });
    const [first, second] = readFileSync(drawn, 'utf8').trim().split('\n');
    expect(first).not.toBe(second);
  });

  it('passes the reference solution', async () => {
    expect(await run('sum-evens', solution('sum-evens'))).toMatchObject({ kind: 'passed' });
    expect(await run('column-means', solution('column-means'))).toMatchObject({ kind: 'passed' });
  });

  it("fails the starter with the first failing check's own message", async () => {
    expect(await run('column-means', starter('column-means'))).toMatchObject({
      kind: 'failing',
      check: 'test_shape',
      message: 'expected an array of shape (4,) for a (3, 4) input, got (3,)',
    });
    expect(await run('sum-evens', starter('sum-evens'))).toMatchObject({
      kind: 'failing',
      message: 'sum_evens([1, 2, 3, 4]): expected 6, got 0',
    });
  });

  it('names a syntax error in the learner’s file, with its line', async () => {
    const result = await run('sum-evens', 'def sum_evens(numbers)\n    return 0\n');
    expect(result.kind).toBe('learner-error');
    expect(result).toMatchObject({ message: expect.stringMatching(/sum_evens\.py", line 1[\s\S]*SyntaxError/) });
  });

  it('shows the last lines of the learner’s traceback when their code raises', async () => {
    const atImport = await run('sum-evens', 'x = {}["missing"]\n');
    expect(atImport).toMatchObject({
      kind: 'learner-error',
      message: expect.stringMatching(/line 1, in <module>[\s\S]*KeyError: 'missing'$/),
    });
    expect(JSON.stringify(atImport)).not.toMatch(/mlroadmap_checks|_pytest|node:/);
    const inCall = await run('sum-evens', 'def sum_evens(numbers):\n    return 1 / 0\n');
    expect(inCall).toMatchObject({
      kind: 'failing',
      message: expect.stringMatching(/line 2, in sum_evens[\s\S]*ZeroDivisionError: division by zero$/),
    });
  });

  it('names a missing library and the pip command that installs it', async () => {
    const result = await run('ols-slope', solution('ols-slope'));
    if (pythonLacks(['statsmodels']) === undefined) return; // this Python has it: nothing to see
    expect(result).toEqual({ kind: 'missing-library', module: 'statsmodels', install: `${TEST_PYTHON} -m pip install statsmodels` });
  });

  it('names the missing library when the checks skip themselves as they load (pytest.importorskip)', async () => {
    if (pythonLacks(['statsmodels']) === undefined) return; // this Python has it: nothing to see
    const dir = workspace();
    cpSync(join(EXERCISE_PACK, 'exercises', 'ols-slope'), dir, { recursive: true });
    // The same check file, now skipping itself when statsmodels is missing instead of failing to import.
    writeFileSync(
      join(dir, 'test_slope.py'),
      'import pytest\nsm = pytest.importorskip("statsmodels", reason="statsmodels is not installed: pip install statsmodels")\n\n' +
        'def test_slope(learner):\n    assert learner.slope is not None\n',
    );
    const cwd = workspace({ 'ols_slope.py': solution('ols-slope') });
    const result = await runChecks({
      exercise: exercise('ols-slope'),
      exerciseDir: dir,
      pluginDir: PLUGIN_DIR,
      file: join(cwd, 'ols_slope.py'),
      cwd,
      python: TEST_PYTHON,
    });
    expect(result).toEqual({ kind: 'missing-library', module: 'statsmodels', install: `${TEST_PYTHON} -m pip install statsmodels` });
  });

  it('strips escape sequences from what it reports (a clear-screen in an error message never reaches the terminal)', async () => {
    const result = await run('sum-evens', 'raise ValueError("\\x1b[2J\\x1b]52;c;aGk=\\x07boom")\n');
    expect(result).toMatchObject({ kind: 'learner-error', message: expect.stringMatching(/ValueError: boom$/) });
    expect(JSON.stringify(result)).not.toMatch(/\\u001b|\\u0007/);
  });

  it('copies an exercise’s data files beside its checks, which read them from there', async () => {
    const pack = workspace();
    cpSync(EXERCISE_PACK, pack, { recursive: true });
    const folder = join(pack, 'exercises', 'sum-evens');
    writeFileSync(join(folder, 'numbers.csv'), '1\n2\n3\n4\n');
    writeFileSync(
      join(folder, 'test_from_file.py'),
      'from pathlib import Path\n\n\ndef test_file(learner):\n    numbers = [int(x) for x in (Path(__file__).parent / "numbers.csv").read_text().split()]\n    assert learner.sum_evens(numbers) == 6, "expected 6 from numbers.csv"\n',
    );
    const withData = (await loadPack(pack)).exercises?.find((e) => e.id === 'sum-evens') as Exercise;
    expect(withData.files).toContain('numbers.csv');
    const cwd = workspace({ 'sum_evens.py': solution('sum-evens') });
    const result = await runChecks({
      exercise: withData,
      exerciseDir: folder,
      pluginDir: PLUGIN_DIR,
      file: join(cwd, 'sum_evens.py'),
      cwd,
      python: TEST_PYTHON,
    });
    expect(result).toMatchObject({
      kind: 'passed',
      checks: expect.arrayContaining([expect.objectContaining({ name: 'test_file', outcome: 'passed' })]),
    });
  });

  it('reports a module the learner mistyped as their error, not as a library to install', async () => {
    expect(await run('sum-evens', 'import numpu\n')).toMatchObject({
      kind: 'learner-error',
      message: expect.stringMatching(/No module named 'numpu'/),
    });
  });

  it('ends a run that never finishes after the timeout, with every process it started', async () => {
    const cwd = workspace();
    const pidFile = join(cwd, 'child.pid');
    // It never ends, and sleeps rather than spin: a spinning loop took a core from the other tests for the whole timeout.
    const code = `import subprocess, time\np = subprocess.Popen(["sleep", "600"])\nopen(${JSON.stringify(pidFile)}, "w").write(str(p.pid))\nwhile True:\n    time.sleep(1)\n`;
    writeFileSync(join(cwd, 'sum_evens.py'), code);
    const started = Date.now();
    const result = await runChecks({
      exercise: exercise('sum-evens'),
      exerciseDir: join(EXERCISE_PACK, 'exercises', 'sum-evens'),
      pluginDir: PLUGIN_DIR,
      file: join(cwd, 'sum_evens.py'),
      cwd,
      python: TEST_PYTHON,
      server,
      // Long enough for Python and pytest to reach the learner's code on a loaded two-core machine
      // (2 s was not, in CI: the child was never started, so there was nothing to check).
      timeoutMs: 5000,
    });
    expect(result).toEqual({ kind: 'timeout', seconds: 5 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(existsSync(pidFile), 'the learner code ran and started its child before the timeout').toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(pid)).toBe(false);
  });

  it('stops when aborted (Ctrl+C), ending the process group', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 800);
    const result = await run('sum-evens', 'import time\ntime.sleep(60)\n', { signal: controller.signal });
    expect(result).toEqual({ kind: 'interrupted' });
  });

  it('keeps only so much of an exercise that prints megabytes, and still judges it', async () => {
    const code = `import sys\nfor _ in range(200):\n    sys.stdout.write("x" * 100000 + "\\n")\n${solution('sum-evens')}`;
    expect(await run('sum-evens', code)).toMatchObject({ kind: 'passed' });
    const failing = await run('sum-evens', `def sum_evens(numbers):\n    print("y" * 20_000_000)\n    return 0\n`);
    expect(failing).toMatchObject({ kind: 'failing', message: 'sum_evens([1, 2, 3, 4]): expected 6, got 0' });
  });

  it('reads none of the learner’s pytest settings, conftest.py or PYTEST_ADDOPTS, and writes nothing into the workspace', async () => {
    const files = {
      'pytest.ini': '[pytest]\naddopts = --this-option-does-not-exist\n',
      'conftest.py': 'raise SystemExit("conftest was read")\n',
    };
    const before = process.env.PYTEST_ADDOPTS;
    process.env.PYTEST_ADDOPTS = '--also-not-an-option';
    try {
      const name = 'sum_evens.py';
      const cwd = workspace({ [name]: solution('sum-evens'), ...files });
      const result = await runChecks({
        exercise: exercise('sum-evens'),
        exerciseDir: join(EXERCISE_PACK, 'exercises', 'sum-evens'),
        pluginDir: PLUGIN_DIR,
        file: join(cwd, name),
        cwd,
        python: TEST_PYTHON,
        server,
      });
      expect(result).toMatchObject({ kind: 'passed' });
      expect(execFileSync('ls', ['-A', cwd], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()).toEqual([
        'conftest.py',
        'pytest.ini',
        name,
      ]);
    } finally {
      if (before === undefined) delete process.env.PYTEST_ADDOPTS;
      else process.env.PYTEST_ADDOPTS = before;
    }
  });

  it('says when the workspace or the learner’s file is gone', async () => {
    const gone = join(tmpdir(), 'mlroadmap-no-such-workspace');
    expect(
      await runChecks({
        exercise: exercise('sum-evens'),
        exerciseDir: join(EXERCISE_PACK, 'exercises', 'sum-evens'),
        pluginDir: PLUGIN_DIR,
        file: join(gone, 'sum_evens.py'),
        cwd: gone,
        python: TEST_PYTHON,
        server,
      }),
    ).toEqual({ kind: 'missing-file', file: gone });
    const cwd = workspace();
    expect(
      await runChecks({
        exercise: exercise('sum-evens'),
        exerciseDir: join(EXERCISE_PACK, 'exercises', 'sum-evens'),
        pluginDir: PLUGIN_DIR,
        file: join(cwd, 'sum_evens.py'),
        cwd,
        python: TEST_PYTHON,
        server,
      }),
    ).toEqual({ kind: 'missing-file', file: join(cwd, 'sum_evens.py') });
  });
});

describe.skipIf(lacking !== undefined)(`running an exercise's checks with real Python${lacking ? ` (skipped: ${lacking})` : ''}`, () => {
  it('verify’s server stops at once when Ctrl+C comes while it imports its libraries', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const server = await startCheckServer(
      TEST_PYTHON,
      checksEnvironment(PLUGIN_DIR),
      ['pytest', 'numpy', 'pandas', 'sklearn.linear_model'],
      controller.signal,
    );
    expect(server).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('runs a check in a Python of its own when verify’s server has gone away', async () => {
    const gone = await startCheckServer(TEST_PYTHON, checksEnvironment(PLUGIN_DIR), ['pytest']);
    expect(gone).toBeDefined();
    gone?.close();
    expect(await run('sum-evens', solution('sum-evens'), { server: gone })).toMatchObject({ kind: 'passed' });
    expect(await run('sum-evens', starter('sum-evens'), { server: gone })).toMatchObject({ kind: 'failing' });
  });

  it('says when there is no Python', async () => {
    expect(await run('sum-evens', solution('sum-evens'), { python: '/no/such/python3' })).toEqual({
      kind: 'no-python',
      problem: '/no/such/python3 was not found',
    });
  });

  it('says when the Python has no pytest, with the command that installs it', async () => {
    const venv = workspace();
    execFileSync(TEST_PYTHON, ['-m', 'venv', '--without-pip', join(venv, 'env')]);
    const python = join(venv, 'env', 'bin', 'python');
    expect(await run('sum-evens', solution('sum-evens'), { python })).toEqual({
      kind: 'no-pytest',
      install: `${python} -m pip install pytest`,
    });
  });

  it('probes an interpreter for its version and libraries', async () => {
    const probe = await probePython(TEST_PYTHON, ['numpy', 'pytest', 'surely_not_a_module']);
    expect(probe).toMatchObject({ found: true, version: expect.stringMatching(/^3\.\d+\.\d+$/) });
    expect(probe.found && probe.modules).toMatchObject({
      numpy: expect.any(String),
      pytest: expect.any(String),
      surely_not_a_module: null,
    });
    expect(await probePython('/no/such/python3', ['numpy'])).toEqual({ found: false, problem: '/no/such/python3 was not found' });
  });
});

describe('choosing the interpreter', () => {
  it('takes the workspace’s .venv first, then --python, then MLROADMAP_PYTHON, then python3 on PATH', () => {
    const dir = workspace();
    expect(choosePython({ workspace: dir, option: '/opt/py', env: '/env/py' })).toEqual({ command: '/opt/py', source: '--python' });
    expect(choosePython({ workspace: dir, env: '/env/py' })).toEqual({ command: '/env/py', source: 'MLROADMAP_PYTHON' });
    expect(choosePython({ workspace: dir })).toEqual({ command: 'python3', source: 'PATH' });
    mkdirSync(join(dir, '.venv', 'bin'), { recursive: true });
    writeFileSync(join(dir, '.venv', 'bin', 'python'), '');
    expect(existsSync(join(dir, '.venv', 'bin', 'python'))).toBe(true);
    expect(choosePython({ workspace: dir, option: '/opt/py', env: '/env/py', platform: 'linux' })).toEqual({
      command: join(dir, '.venv', 'bin', 'python'),
      source: 'workspace .venv',
    });
  });
});
