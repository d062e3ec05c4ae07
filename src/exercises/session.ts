import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceFileOf } from '../content/exercises.js';
import { quote, suggest } from '../content/lookup.js';
import type { Exercise, Roadmap } from '../content/schema.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { type ExerciseStatus, exerciseRecordOf, exerciseStatusOf, exercisesOfTopic, recordExerciseRun } from '../progress/exercises.js';
import { type PackProgress, packProgress, topicStatusOf } from '../progress/model.js';
import { choosePython, PROBED_MODULES, pipCommand, probePython } from './python.js';
import { isFinished, type RunResult, runChecks } from './runner.js';
import type { ExerciseSetup } from './setup.js';

// What the exercises command, its watch mode and the tutor share: finding an exercise, the workspace,
// running an exercise's checks there and recording the run, and saying how it went.

export function exercisesOf(roadmap: Roadmap): Exercise[] {
  return roadmap.exercises ?? [];
}

export function setupOf(ctx: Context): ExerciseSetup {
  if (!ctx.exercises) throw new UserError('exercises cannot be run from here');
  return ctx.exercises;
}

/** The exercise named by id or by its number in the list. */
export function find(ctx: Context, input: string): Exercise {
  const exercises = exercisesOf(ctx.roadmap);
  if (exercises.length === 0) throw new UserError(`"${ctx.roadmap.title}" has no exercises`);
  const token = input.trim().toLowerCase();
  const byNumber = /^\d+$/.test(token) ? exercises[Number(token) - 1] : undefined;
  const found = byNumber ?? exercises.find((exercise) => exercise.id === token);
  if (found) return found;
  const close = suggest(
    token,
    exercises.map((exercise) => exercise.id),
  ).slice(0, 2);
  throw new UserError(
    `there is no exercise ${quote(input)}${close.length > 0 ? ` (Did you mean ${close.join(' or ')}?)` : ''}; see 'mlroadmap exercises'`,
  );
}

/** Where each topic is: its step's number and title, its own title. */
export function topicPlaces(roadmap: Roadmap): Map<string, { step: number; stepTitle: string; title: string }> {
  const places = new Map<string, { step: number; stepTitle: string; title: string }>();
  roadmap.steps.forEach((step, index) => {
    for (const topic of step.topics ?? []) places.set(topic.id, { step: index + 1, stepTitle: step.title, title: topic.title });
  });
  return places;
}

export const MARKS: Record<ExerciseStatus, string> = { 'not-started': '[ ]', failing: '[!]', passed: '[x]' };
export const LEVELS = ['', 'first steps', 'practice', 'job-level'];

/** One exercise as `--json` gives it in lists. */
export function exerciseJson(roadmap: Roadmap, pack: PackProgress, exercise: Exercise) {
  const place = topicPlaces(roadmap).get(exercise.topic);
  const record = exerciseRecordOf(pack, exercise.id);
  return {
    id: exercise.id,
    title: exercise.title,
    topic: exercise.topic,
    step: place?.step ?? null,
    level: exercise.level,
    minutes: exercise.minutes,
    requires: exercise.requires,
    status: exerciseStatusOf(pack, exercise.id),
    runs: record?.runs ?? 0,
    passedAt: record?.passedAt ?? null,
  };
}

/** The workspace remembered by `init`, checked to be there. */
export function workspaceOf(setup: ExerciseSetup): string {
  const folder = setup.settings.read().exercises?.workspace;
  if (folder === undefined) throw new UserError('there is no exercises workspace yet; make one with: mlroadmap exercises init [folder]');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(
      `the exercises workspace ${folder} is gone (deleted or moved); make it again with: mlroadmap exercises init ${folder} (or init <its new place>)`,
    );
  }
  return folder;
}

export function packExerciseDir(ctx: Context, setup: ExerciseSetup): string {
  if (setup.dir === undefined || exercisesOf(ctx.roadmap).length === 0) throw new UserError(`"${ctx.roadmap.title}" has no exercises`);
  return setup.dir;
}

/** The first exercise not passed yet, in order; undefined when all have passed. */
export function nextExercise(roadmap: Roadmap, pack: PackProgress): Exercise | undefined {
  return exercisesOf(roadmap).find((exercise) => exerciseStatusOf(pack, exercise.id) !== 'passed');
}

/** Turns a run that says nothing about the learner's code into the error a person reads. */
export function setupProblem(result: RunResult, exercise: Exercise, python: string, workspace: string): UserError | undefined {
  switch (result.kind) {
    case 'no-python':
      return new UserError(
        `no Python to run the checks: ${result.problem}. Install Python 3 (https://www.python.org/downloads/), or name one with --python or MLROADMAP_PYTHON; 'mlroadmap doctor' shows what it finds`,
      );
    case 'no-pytest':
      return new UserError(`${python} has no pytest, which runs the checks; install it with: ${result.install}`);
    case 'missing-library':
      return new UserError(`${exercise.id} needs ${result.module}, which ${python} does not have; install it with: ${result.install}`);
    case 'missing-file':
      return result.file === workspace
        ? new UserError(
            `the exercises workspace ${workspace} is gone (deleted or moved); make it again with: mlroadmap exercises init ${workspace}`,
          )
        : new UserError(`${result.file} is not there; write it again with: mlroadmap exercises init ${workspace}`);
    case 'timeout':
      return new UserError(
        `${exercise.id}: took longer than ${result.seconds} s, so it was stopped; is there a loop that never ends? Nothing was recorded.`,
      );
    case 'interrupted':
      return new UserError('the checks were stopped; nothing was recorded', 130);
    case 'broken':
      return new UserError(`${exercise.id}: ${result.message}`);
    default:
      return undefined;
  }
}

/** Runs one exercise's checks in the workspace and records a finished run. */
export async function checkExercise(
  ctx: Context,
  setup: ExerciseSetup,
  exercise: Exercise,
  pythonOption: string | undefined,
): Promise<{ result: RunResult; pack: PackProgress; python: string; workspace: string }> {
  const workspace = workspaceOf(setup);
  const exerciseDir = packExerciseDir(ctx, setup);
  const python = choosePython({ workspace, option: pythonOption, env: setup.pythonEnv }).command;
  const result = await setup.interruptible((signal) =>
    runChecks({
      exercise,
      exerciseDir: join(exerciseDir, exercise.id),
      pluginDir: setup.pluginDir,
      file: join(workspace, workspaceFileOf(exercise.id)),
      cwd: workspace,
      python,
      signal,
    }),
  );
  // Only a finished run is recorded; the progress is read again only when nothing was written.
  const progress = isFinished(result)
    ? await ctx.store.update((current) => recordExerciseRun(current, ctx.roadmap.id, exercise.id, result.kind === 'passed', ctx.now()))
    : ctx.store.read();
  return { result, pack: packProgress(progress, ctx.roadmap.id), python, workspace };
}

/** The lines that say how a finished run went. */
export function resultLines(ctx: Context, exercise: Exercise, result: RunResult, pack: PackProgress): string[] {
  const record = exerciseRecordOf(pack, exercise.id);
  if (result.kind === 'passed') {
    const lines = [`${ctx.style.green('Passed')}: ${exercise.id} (${exercise.title}), every check (${result.checks.length}).`];
    if (record?.passedAfterRuns !== undefined && record.runs === record.passedAfterRuns)
      lines.push(
        `It took ${record.runs} run${record.runs === 1 ? '' : 's'}. The reference solution: mlroadmap exercises solution ${exercise.id}`,
      );
    lines.push(...topicOffer(ctx.roadmap, pack, exercise.topic));
    return lines;
  }
  if (result.kind === 'failing') return [`${ctx.style.red('Not yet')}: ${exercise.id}, check ${result.check}:`, indent(result.message)];
  if (result.kind === 'learner-error') {
    const syntax = /^(SyntaxError|IndentationError|TabError)\b/.test(result.message.split('\n').at(-1) ?? '');
    const what = syntax ? 'Your file has a syntax error' : 'Your file raised an error';
    return [`${ctx.style.red(what)} (${workspaceFileOf(exercise.id)}):`, indent(result.message)];
  }
  return [];
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** When every exercise of a topic has passed and the topic is not done: offer to mark it. */
export function topicOffer(roadmap: Roadmap, pack: PackProgress, topicId: string): string[] {
  const ofTopic = exercisesOfTopic(roadmap.exercises, topicId);
  if (ofTopic.length === 0 || ofTopic.some((exercise) => exerciseStatusOf(pack, exercise.id) !== 'passed')) return [];
  const step = roadmap.steps.find((s) => s.topics?.some((topic) => topic.id === topicId));
  if (!step || topicStatusOf(pack, step, topicId) === 'done') return [];
  const title = step.topics?.find((topic) => topic.id === topicId)?.title ?? topicId;
  return [`Every exercise of "${title}" has passed. Mark the topic done with: mlroadmap check ${topicId}`];
}

/** What `doctor` says about Python: the interpreter the checks would use, its version, the libraries it has, and what fixes what is missing. */
export interface PythonReport {
  command: string;
  source: string;
  found: boolean;
  version: string | null;
  /** Each library asked about, with its version, or null when it is not installed. */
  modules: Record<string, string | null>;
  problem: string | null;
  /** Commands that install what is missing. */
  fixes: string[];
}

export async function inspectPython(setup: ExerciseSetup): Promise<PythonReport> {
  const settings = setup.settings.read();
  const workspace = settings.exercises?.workspace;
  const choice = choosePython({ workspace, env: setup.pythonEnv });
  const modules = Object.keys(PROBED_MODULES);
  const probe = await probePython(choice.command, modules);
  if (!probe.found) {
    return {
      command: choice.command,
      source: choice.source,
      found: false,
      version: null,
      modules: {},
      problem: probe.problem,
      fixes: [
        'Install Python 3 (https://www.python.org/downloads/), or name one with MLROADMAP_PYTHON=/path/to/python3',
        ...(workspace ? [`or make the workspace's own: cd ${workspace} && python3 -m venv .venv`] : []),
      ],
    };
  }
  const missing = modules.filter((module) => probe.modules[module] === null);
  const core = missing.filter((module) => module !== 'torch');
  const fixes: string[] = [];
  if (core.length > 0) fixes.push(pipCommand(choice.command, core));
  if (missing.includes('torch')) fixes.push(`${pipCommand(choice.command, ['torch'])}   (large; only the deep-learning exercises need it)`);
  return {
    command: choice.command,
    source: choice.source,
    found: true,
    version: probe.version,
    modules: probe.modules,
    problem: null,
    fixes,
  };
}

/** The doctor's lines for a `PythonReport`. */
export function pythonLines(report: PythonReport): string[] {
  const lines = [`Python for the exercises: ${report.command} (from ${report.source})`];
  if (!report.found) {
    lines.push(`  Not usable: ${report.problem}`, ...report.fixes.map((fix) => `  ${fix}`));
    return lines;
  }
  lines.push(`  Python ${report.version}`);
  const names: Record<string, string> = { sklearn: 'scikit-learn' };
  lines.push(
    `  ${Object.entries(report.modules)
      .map(([module, version]) => `${names[module] ?? module} ${version ?? 'missing'}`)
      .join(', ')}`,
  );
  if (report.fixes.length > 0) lines.push('  To install what is missing:', ...report.fixes.map((fix) => `    ${fix}`));
  return lines;
}
