import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISE_FILES } from '../content/exercises.js';
import { EXERCISE_LIBRARIES, type Exercise } from '../content/schema.js';
import { type CheckServer, startCheckServer } from './forkserver.js';
import { missingLibraries, pipCommand, probePython } from './python.js';
import { checksEnvironment, type RunResult, runChecks } from './runner.js';

/** What `exercises verify` found for one exercise. */
export type Verdict =
  | { id: string; state: 'ok' }
  | { id: string; state: 'skipped'; missing: string[]; install: string }
  | { id: string; state: 'failed'; problem: string };

/** A run's result in a few words, for a verdict. */
export function describeResult(result: RunResult): string {
  switch (result.kind) {
    case 'passed':
      return 'it passes';
    case 'failing':
      return `${result.check} fails: ${result.message}`;
    case 'learner-error':
      return `it raises: ${result.message.split('\n').at(-1)}`;
    case 'missing-library':
      return `needs ${result.module} (${result.install})`;
    case 'no-python':
      return result.problem;
    case 'no-pytest':
      return `this Python has no pytest (${result.install})`;
    case 'missing-file':
      return `${result.file} is missing`;
    case 'timeout':
      return `took longer than ${result.seconds} s`;
    case 'interrupted':
      return 'stopped';
    case 'broken':
      return result.message;
  }
}

export interface VerifyRequest {
  exercises: readonly Exercise[];
  /** The folder holding the exercise folders. */
  dir: string;
  pluginDir: string;
  python: string;
  signal?: AbortSignal | undefined;
  /** Told of each verdict as it is reached, so a long run shows progress. */
  onVerdict?: (verdict: Verdict) => void;
}

/** Thrown when Python itself cannot run the checks: no verdict would mean anything. */
export class VerifySetupError extends Error {}

/**
 * rustlings' `dev check`: each exercise's reference solution must pass its checks and its starter
 * must fail them. An exercise whose libraries this Python lacks is skipped, with the pip command.
 * Each run is in a fresh empty folder, the file under test read where it is in the pack.
 */
export async function verifyExercises(request: VerifyRequest): Promise<Verdict[]> {
  const needed = [...new Set(['pytest', ...request.exercises.flatMap((exercise) => exercise.requires)])];
  const probe = await probePython(request.python, needed);
  if (!probe.found) throw new VerifySetupError(probe.problem);
  if (probe.modules.pytest === null)
    throw new VerifySetupError(`${request.python} has no pytest; install it with: ${pipCommand(request.python, ['pytest'])}`);
  // The libraries the exercises' files import, that this Python has, imported once by the fork server.
  const installed = (name: string) => typeof probe.modules[name] === 'string';
  const preload = [...new Set(request.exercises.flatMap((exercise) => importedModules(exercise, request.dir)))].filter((name) =>
    installed(name.split('.')[0] as string),
  );
  const server = await startCheckServer(request.python, checksEnvironment(request.pluginDir), ['pytest', ...preload], request.signal);
  try {
    const verdicts: Verdict[] = [];
    for (const exercise of request.exercises) {
      if (request.signal?.aborted) break;
      const verdict = await verifyOne(exercise, request, missingLibraries(exercise.requires, probe), server);
      if (verdict === undefined) break;
      verdicts.push(verdict);
      request.onVerdict?.(verdict);
    }
    return verdicts;
  } finally {
    server?.close();
  }
}

/**
 * The modules of the libraries exercises use (`EXERCISE_LIBRARIES`) that an exercise's Python files
 * import at their top level (`import numpy as np`, `from sklearn.pipeline import make_pipeline`): what
 * the fork server imports once. Only an optimisation: a module missed here is imported by the run.
 */
function importedModules(exercise: Exercise, dir: string): string[] {
  const found: string[] = [];
  for (const file of exercise.files) {
    if (!file.endsWith('.py')) continue;
    let text: string;
    try {
      text = readFileSync(join(dir, exercise.id, file), 'utf8');
    } catch {
      continue;
    }
    for (const [, from, names] of text.matchAll(/^(?:from\s+([\w.]+)\s+import\b|import\s+([\w.]+(?:\s*,\s*[\w.]+)*))/gm)) {
      for (const name of from ? [from] : (names ?? '').split(',').map((part) => part.trim())) {
        if (Object.hasOwn(EXERCISE_LIBRARIES, name.split('.')[0] as string)) found.push(name);
      }
    }
  }
  return found;
}

async function verifyOne(
  exercise: Exercise,
  request: VerifyRequest,
  missing: string[],
  server?: CheckServer,
): Promise<Verdict | undefined> {
  const { id } = exercise;
  if (missing.length > 0) return { id, state: 'skipped', missing, install: pipCommand(request.python, missing) };
  const folder = join(request.dir, id);
  const run = async (file: string) => {
    const cwd = mkdtempSync(join(process.getBuiltinModule('node:os').tmpdir(), 'mlroadmap-verify-'));
    try {
      return await runChecks({
        exercise,
        exerciseDir: folder,
        pluginDir: request.pluginDir,
        file: join(folder, file),
        cwd,
        python: request.python,
        signal: request.signal,
        server,
      });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  };
  const solution = await run(EXERCISE_FILES.solution);
  if (solution.kind === 'interrupted') return undefined;
  if (solution.kind === 'missing-library') return { id, state: 'skipped', missing: [solution.module], install: solution.install };
  if (solution.kind !== 'passed') return { id, state: 'failed', problem: `the solution should pass, but ${describeResult(solution)}` };
  const starter = await run(EXERCISE_FILES.starter);
  if (starter.kind === 'interrupted') return undefined;
  if (starter.kind === 'passed') return { id, state: 'failed', problem: 'the starter should fail its checks, but it passes' };
  if (starter.kind !== 'failing' && starter.kind !== 'learner-error') {
    return { id, state: 'failed', problem: `the starter should fail a check, but ${describeResult(starter)}` };
  }
  return { id, state: 'ok' };
}
