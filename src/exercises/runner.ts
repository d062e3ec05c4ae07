import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EXERCISE_FILES, moduleNameOf } from '../content/exercises.js';
import { EXERCISE_LIBRARIES, type Exercise } from '../content/schema.js';
import { sanitizeDeep } from '../render/sanitize.js';
import type { CheckServer } from './forkserver.js';
import { runProcess } from './process.js';
import { pipCommand } from './python.js';

/** A run that takes longer is ended, with its whole process group. */
export const CHECK_TIMEOUT_MS = 30_000;
/** Output kept from pytest, per stream: an exercise that prints megabytes must not fill memory. */
export const MAX_OUTPUT_BYTES = 256 * 1024;
/** The result file the plugin writes is read up to this size. */
const MAX_RESULT_BYTES = 1024 * 1024;

export interface RunRequest {
  exercise: Exercise;
  /** The folder holding the exercise's files (the pack's `exercises/<id>/`, or the installed copy). */
  exerciseDir: string;
  /** The folder holding mlroadmap_checks.py. */
  pluginDir: string;
  /** The file under test: the learner's, or under `verify` the starter or the solution. */
  file: string;
  /** The working folder of the run: the learner's workspace. */
  cwd: string;
  python: string;
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  /** `exercises verify` only: the fork server that runs the pack's own files (forkserver.ts). */
  server?: CheckServer | undefined;
}

/** One check's outcome, as the plugin reports it. */
export interface CheckOutcome {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  message: string | null;
}

/**
 * How a run ended. `passed`, `failing` (a check's message) and `learner-error` (the learner's file
 * does not import: a syntax error, or it raised) are runs that finished and say something about the
 * learner's code; the others are about the set-up, or were cut short, and are never recorded.
 */
export type RunResult =
  | { kind: 'passed'; checks: CheckOutcome[] }
  | { kind: 'failing'; check: string; message: string; checks: CheckOutcome[] }
  | { kind: 'learner-error'; message: string }
  | { kind: 'missing-library'; module: string; install: string }
  | { kind: 'no-python'; problem: string }
  | { kind: 'no-pytest'; install: string }
  | { kind: 'missing-file'; file: string }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'interrupted' }
  | { kind: 'broken'; message: string };

/** A run whose result is the learner's: it is counted and recorded. */
export function isFinished(result: RunResult): result is Extract<RunResult, { kind: 'passed' | 'failing' | 'learner-error' }> {
  return result.kind === 'passed' || result.kind === 'failing' || result.kind === 'learner-error';
}

/** An empty ini of ours, so pytest reads none of the learner's (pytest.ini, pyproject.toml, setup.cfg, tox.ini). */
const EMPTY_INI = '[pytest]\n';

/** The environment the checks run in: the learner's, minus what would change how pytest runs (the fork server's too). */
export function checksEnvironment(pluginDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['PYTEST_ADDOPTS', 'PYTEST_PLUGINS', 'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONINSPECT', 'PYTHONSAFEPATH'])
    delete env[name];
  return {
    ...env,
    // Only the plugin: a pytest plugin the learner installed (pytest-randomly, -xdist...) must not change the run.
    PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1',
    PYTHONPATH: pluginDir,
    // No __pycache__ in the learner's workspace.
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONIOENCODING: 'utf-8',
  };
}

/** The environment of one run of the checks: `checksEnvironment` with the file under test and where to report. */
function checkEnvironment(request: RunRequest, resultFile: string): NodeJS.ProcessEnv {
  return {
    ...checksEnvironment(request.pluginDir),
    MLROADMAP_EXERCISE_FILE: request.file,
    MLROADMAP_EXERCISE_MODULE: moduleNameOf(request.exercise.id),
    MLROADMAP_RESULT_FILE: resultFile,
  };
}

/** Files of the exercise that are not checks' business: the others (checks and their data) are copied. */
const NOT_COPIED = new Set<string>([EXERCISE_FILES.meta, EXERCISE_FILES.statement, EXERCISE_FILES.starter, EXERCISE_FILES.solution]);

/**
 * Runs an exercise's checks against `request.file`: pytest on a copy of the checks in a temporary
 * folder (so editing a check in the package cannot make an exercise pass, and nothing is written
 * beside the package), with our own empty ini and no conftest.py, in the learner's workspace, in a
 * process group of its own that is ended on timeout and on `signal`.
 */
export async function runChecks(request: RunRequest): Promise<RunResult> {
  return sanitizeResult(await runInTemp(request));
}

/**
 * A result with no escape sequences or control characters in its text: the messages quote the
 * learner's output and the checks' words, and a pack's checks may come from anyone.
 */
function sanitizeResult(result: RunResult): RunResult {
  return sanitizeDeep(result);
}

async function runInTemp(request: RunRequest): Promise<RunResult> {
  if (!existsSync(request.cwd) || !statSync(request.cwd).isDirectory()) return { kind: 'missing-file', file: request.cwd };
  if (!existsSync(request.file)) return { kind: 'missing-file', file: request.file };
  const temp = mkdtempSync(join(process.getBuiltinModule('node:os').tmpdir(), 'mlroadmap-checks-'));
  try {
    const checks: string[] = [];
    for (const file of request.exercise.files) {
      if (NOT_COPIED.has(file)) continue;
      copyFileSync(join(request.exerciseDir, file), join(temp, file));
      if (request.exercise.checks.includes(file)) checks.push(join(temp, file));
    }
    const ini = join(temp, 'mlroadmap-pytest.ini');
    writeFileSync(ini, EMPTY_INI);
    const resultFile = join(temp, 'mlroadmap-result.json');
    const args = [
      '-m',
      'pytest',
      '-p',
      'mlroadmap_checks',
      '-p',
      'no:cacheprovider',
      '--noconftest',
      '-x',
      '-q',
      '-c',
      ini,
      '--rootdir',
      temp,
      ...checks,
    ];
    const timeoutMs = request.timeoutMs ?? CHECK_TIMEOUT_MS;
    const options = {
      cwd: request.cwd,
      env: checkEnvironment(request, resultFile),
      timeoutMs,
      maxOutputBytes: MAX_OUTPUT_BYTES,
      signal: request.signal,
    };
    // Under verify, a fork of the server when there is one (a server that went away: a Python of its own).
    const run = (await request.server?.run(args.slice(2), options)) ?? (await runProcess(request.python, args, options));
    if (run.spawnError) return { kind: 'no-python', problem: run.spawnError };
    if (run.interrupted) return { kind: 'interrupted' };
    if (run.timedOut) return { kind: 'timeout', seconds: Math.round(timeoutMs / 1000) };
    if (/No module named pytest\b/.test(run.stderr)) return { kind: 'no-pytest', install: pipCommand(request.python, ['pytest']) };
    const report = readResult(resultFile);
    if (report === undefined) {
      const said = lastLines(`${run.stderr}\n${run.stdout}`, 3);
      return { kind: 'broken', message: `pytest ended (exit code ${run.code}) without running the checks${said ? `: ${said}` : ''}` };
    }
    // A library the exercise needs, or one exercises use; any other name is the learner's typo or their own file.
    if (report.missingModule && isLibrary(report.missingModule, request.exercise))
      return { kind: 'missing-library', module: report.missingModule, install: pipCommand(request.python, [report.missingModule]) };
    if (report.learnerError) return { kind: 'learner-error', message: tidyTraceback(report.learnerError, request.file) };
    if (report.collectionError) return { kind: 'broken', message: `a check file could not be loaded: ${report.collectionError}` };
    if (report.collectionSkipped && report.checks.every((check) => check.outcome === 'skipped')) {
      // Checks that skip themselves for a missing library (pytest.importorskip) say which in their reason.
      const skip = report.collectionSkipped;
      const module = (request.exercise.requires as string[]).find((name) => new RegExp(`\\b${name}\\b`).test(skip));
      if (module) return { kind: 'missing-library', module, install: pipCommand(request.python, [module]) };
      return { kind: 'broken', message: `the checks skipped themselves: ${skip}` };
    }
    const failed = report.checks.find((check) => check.outcome === 'failed');
    if (failed) return { kind: 'failing', check: failed.name, message: failed.message ?? 'a check failed', checks: report.checks };
    if (report.checks.length === 0 || run.code !== 0) {
      return { kind: 'broken', message: `pytest ended (exit code ${run.code}) without a result for the checks` };
    }
    return { kind: 'passed', checks: report.checks };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function isLibrary(module: string, exercise: Exercise): boolean {
  return (exercise.requires as string[]).includes(module) || Object.hasOwn(EXERCISE_LIBRARIES, module) || module === 'pytest';
}

interface PluginReport {
  checks: CheckOutcome[];
  learnerError: string | null;
  missingModule: string | null;
  collectionError: string | null;
  collectionSkipped: string | null;
}

function readResult(file: string): PluginReport | undefined {
  try {
    if (statSync(file).size > MAX_RESULT_BYTES) return undefined;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<PluginReport>;
    if (!Array.isArray(raw.checks)) return undefined;
    return {
      checks: raw.checks,
      learnerError: raw.learnerError ?? null,
      missingModule: raw.missingModule ?? null,
      collectionError: raw.collectionError ?? null,
      collectionSkipped: raw.collectionSkipped ?? null,
    };
  } catch {
    return undefined;
  }
}

/** The learner's traceback with their file named by its name alone: the temp and workspace paths say nothing. */
function tidyTraceback(text: string, file: string): string {
  return text.replaceAll(`"${file}"`, `"${basename(file)}"`);
}

function lastLines(text: string, count: number): string {
  return text
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n');
}
