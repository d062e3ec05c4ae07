import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandSpec, Output } from '../command.js';
import { EXERCISE_FILES, workspaceFileOf } from '../content/exercises.js';
import { quote, suggest } from '../content/lookup.js';
import type { Exercise } from '../content/schema.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { choosePython } from '../exercises/python.js';
import {
  checkExercise,
  exerciseJson,
  exercisesOf,
  find,
  LEVELS,
  MARKS,
  nextExercise,
  packExerciseDir,
  resultLines,
  setupOf,
  setupProblem,
  topicPlaces,
} from '../exercises/session.js';
import { markdown } from '../output.js';
import { EXERCISE_STATUS_WORDS, exerciseRecordOf, exerciseStatusOf, exercisesOfTopic } from '../progress/exercises.js';
import { packProgress } from '../progress/model.js';
import { hintsShown, withHintsShown, withWorkspace } from '../progress/settings.js';
import { sanitizeText } from '../render/sanitize.js';

/** What `mlroadmap exercises <action>` does; no action lists the exercises. */
export const EXERCISE_ACTIONS = ['list', 'init', 'check', 'watch', 'hint', 'solution', 'show', 'verify'] as const;
type Action = (typeof EXERCISE_ACTIONS)[number];

/**
 * `mlroadmap exercises` lists the pack's exercises by step and topic with the learner's status;
 * `init [dir]` writes a workspace; `check [id]` runs an exercise's checks against the learner's file;
 * `watch` reruns them on save; `hint <id>`, `solution <id>` (after passing), `show <id> [--checks]`;
 * `verify [pack]` proves every solution passes and every starter fails.
 */
export const command: CommandSpec = {
  name: 'exercises',
  group: 'Learn',
  summary: 'hands-on Python exercises checked against your own code: list, init, check, watch, hint, solution, show, verify',
  arguments: [
    {
      name: 'action',
      description: `what to do: ${EXERCISE_ACTIONS.join(', ')} (none: list the exercises)`,
      required: false,
      completes: { choices: EXERCISE_ACTIONS },
    },
    {
      name: 'target',
      description: "an exercise's id or number (init: the workspace folder; verify: a pack folder)",
      required: false,
      completes: 'exercise',
    },
  ],
  options: [
    {
      flags: '--python <path>',
      description: 'the Python to run the checks with (else the workspace .venv, MLROADMAP_PYTHON, python3)',
      completes: 'file',
    },
    { flags: '--checks', description: 'show: print the checks too' },
    { flags: '--require-all', description: 'verify: an exercise skipped for a missing library is a failure' },
    { flags: '--manual-run', description: 'watch: rerun on Enter instead of on save' },
  ],
  json: true,
  examples: [
    'mlroadmap exercises',
    'mlroadmap exercises init ~/mlroadmap-exercises',
    'mlroadmap exercises check',
    'mlroadmap exercises check numpy-shapes',
    'mlroadmap exercises watch',
    'mlroadmap exercises hint numpy-shapes',
    'mlroadmap exercises show numpy-shapes --checks',
    'mlroadmap exercises verify --require-all',
  ],
  async run(ctx, { args, options }) {
    const word = (args[0] as string | undefined)?.trim().toLowerCase();
    const target = args[1] as string | undefined;
    if (word !== undefined && !(EXERCISE_ACTIONS as readonly string[]).includes(word)) {
      // `mlroadmap exercises numpy-shapes` most likely means show it.
      if (exercisesOf(ctx.roadmap).some((exercise) => exercise.id === word)) return show(ctx, word, options);
      const close = suggest(word, [...EXERCISE_ACTIONS]);
      throw new UsageError(
        `unknown action ${quote(word)}${close.length > 0 ? ` (Did you mean ${close[0]}?)` : ''}; the actions are ${EXERCISE_ACTIONS.join(', ')}`,
      );
    }
    const action = (word ?? 'list') as Action;
    const python = options.python as string | undefined;
    switch (action) {
      case 'list':
        return list(ctx);
      case 'init':
        return init(ctx, target);
      case 'check':
        return check(ctx, target, python);
      case 'hint':
        return hint(ctx, need(target, 'hint'));
      case 'solution':
        return solution(ctx, need(target, 'solution'));
      case 'show':
        return show(ctx, need(target, 'show'), options);
      case 'verify':
        return verify(ctx, target, python, options.requireAll === true, options.json === true);
      case 'watch': {
        const { watch } = await import('../tutor/exercises.js');
        const setup = setupOf(ctx);
        return watch(ctx, setup, {
          python,
          manual: options.manualRun === true,
          ...(target === undefined ? {} : { id: find(ctx, target).id }),
        });
      }
    }
  },
};

function need(target: string | undefined, action: string): string {
  if (target === undefined || target.trim() === '')
    throw new UsageError(`'exercises ${action}' needs an exercise: mlroadmap exercises ${action} <id>`);
  return target;
}

function list(ctx: Context): Output {
  const exercises = exercisesOf(ctx.roadmap);
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  const data = exercises.map((exercise) => exerciseJson(ctx.roadmap, pack, exercise));
  if (exercises.length === 0) return { data, text: `"${ctx.roadmap.title}" has no exercises.` };
  const places = topicPlaces(ctx.roadmap);
  const lines: string[] = [];
  let step: number | undefined;
  let topic: string | undefined;
  const width = String(exercises.length).length;
  exercises.forEach((exercise, index) => {
    const place = places.get(exercise.topic);
    if (place && place.step !== step) {
      step = place.step;
      if (lines.length > 0) lines.push('');
      lines.push(ctx.style.bold(`Step ${place.step}. ${place.stepTitle}`));
    }
    if (exercise.topic !== topic) {
      topic = exercise.topic;
      const ofTopic = exercisesOfTopic(exercises, topic);
      const passed = ofTopic.filter((e) => exerciseStatusOf(pack, e.id) === 'passed').length;
      lines.push(`  ${place?.title ?? topic} (${passed}/${ofTopic.length} passed)`);
    }
    const status = exerciseStatusOf(pack, exercise.id);
    const mark =
      ctx.ascii || !ctx.tty
        ? MARKS[status]
        : status === 'passed'
          ? ctx.style.green(MARKS[status])
          : status === 'failing'
            ? ctx.style.yellow(MARKS[status])
            : MARKS[status];
    lines.push(
      `    ${String(index + 1).padStart(width)}. ${mark} ${exercise.id}: ${exercise.title} (${LEVELS[exercise.level]}, ${exercise.minutes} min)${status === 'failing' ? ' failing' : ''}`,
    );
  });
  const passed = data.filter((item) => item.status === 'passed').length;
  lines.push('', `${passed} of ${exercises.length} exercises passed.`);
  return { data, text: lines.join('\n') };
}

async function init(ctx: Context, dir: string | undefined): Promise<Output> {
  const setup = setupOf(ctx);
  const exerciseDir = packExerciseDir(ctx, setup);
  const target = dir ?? setup.defaultWorkspace;
  if (target === undefined)
    throw new UserError('there is no home folder to put the workspace in; give a folder: mlroadmap exercises init <folder>');
  const folder = resolve(target);
  const { initWorkspace } = await import('../exercises/workspace.js');
  let result: ReturnType<typeof initWorkspace>;
  try {
    result = initWorkspace(folder, exercisesOf(ctx.roadmap), exerciseDir, ctx.roadmap.title);
  } catch (error) {
    throw new UserError(`cannot write the workspace in ${folder}: ${(error as Error).message}`);
  }
  await setup.settings.update((settings) => withWorkspace(settings, folder));
  const lines = [
    `Exercises workspace: ${folder}`,
    result.written.length > 0
      ? `Wrote ${result.written.length} file${result.written.length === 1 ? '' : 's'}: ${result.written.join(', ')}`
      : 'No new files to write.',
  ];
  if (result.updated.length > 0) lines.push(`Updated (you had not changed them): ${result.updated.join(', ')}`);
  if (result.kept.length > 0) lines.push(`Kept as you changed them: ${result.kept.join(', ')}`);
  lines.push(
    '',
    'Set up Python there once (see its README.md):',
    `  cd ${folder}`,
    '  python3 -m venv .venv',
    '  .venv/bin/python -m pip install -r requirements.txt',
    'Then: mlroadmap exercises check   (or: mlroadmap exercises watch)',
  );
  return { data: result, text: lines.join('\n') };
}

async function check(ctx: Context, target: string | undefined, pythonOption: string | undefined): Promise<Output> {
  const setup = setupOf(ctx);
  let exercise: Exercise;
  if (target !== undefined) exercise = find(ctx, target);
  else {
    if (exercisesOf(ctx.roadmap).length === 0) throw new UserError(`"${ctx.roadmap.title}" has no exercises`);
    const next = nextExercise(ctx.roadmap, packProgress(ctx.store.read(), ctx.roadmap.id));
    if (!next)
      return { data: { id: null, status: 'passed', message: 'every exercise has passed' }, text: 'Every exercise has passed. Well done!' };
    exercise = next;
  }
  const { result, pack, python, workspace } = await checkExercise(ctx, setup, exercise, pythonOption);
  const problem = setupProblem(result, exercise, python, workspace);
  if (problem) throw problem;
  const record = exerciseRecordOf(pack, exercise.id);
  const data = {
    id: exercise.id,
    status: exerciseStatusOf(pack, exercise.id),
    result: result.kind === 'passed' ? 'passed' : 'failing',
    check: result.kind === 'failing' ? result.check : null,
    message: result.kind === 'failing' || result.kind === 'learner-error' ? result.message : null,
    runs: record?.runs ?? 0,
    passedAt: record?.passedAt ?? null,
  };
  const text = resultLines(ctx, exercise, result, pack).join('\n');
  if (result.kind === 'passed') return { data, text };
  return { data, text, error: new UserError(`${exercise.id} does not pass yet`, 1) };
}

async function hint(ctx: Context, target: string): Promise<Output> {
  const setup = setupOf(ctx);
  const exercise = find(ctx, target);
  const shown = hintsShown(setup.settings.read(), ctx.roadmap.id, exercise.id);
  const count = Math.min(shown + 1, exercise.hints.length);
  if (count !== shown) await setup.settings.update((settings) => withHintsShown(settings, ctx.roadmap.id, exercise.id, count));
  const hints = exercise.hints.slice(0, count);
  const more = count < exercise.hints.length ? `Another hint: mlroadmap exercises hint ${exercise.id}` : 'That was the last hint.';
  return {
    data: { id: exercise.id, shown: count, total: exercise.hints.length, hints },
    text: async () => {
      const body = hints.map((text, i) => `**Hint ${i + 1} of ${exercise.hints.length}.** ${text}`).join('\n\n');
      return `${(await markdown(ctx, body)).replace(/\n+$/, '')}\n\n${more}`;
    },
  };
}

function readExerciseFile(ctx: Context, exercise: Exercise, file: string): string {
  const setup = setupOf(ctx);
  const dir = packExerciseDir(ctx, setup);
  try {
    // A pack's files may come from anyone: no escape sequences reach the terminal.
    return sanitizeText(readFileSync(join(dir, exercise.id, file), 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read ${file} of ${exercise.id}: ${(error as Error).message}; reinstall mlroadmap`);
  }
}

function solution(ctx: Context, target: string): Output {
  const exercise = find(ctx, target);
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  if (exerciseStatusOf(pack, exercise.id) !== 'passed') {
    throw new UserError(
      `the solution of ${exercise.id} is shown once your own passes; check it with: mlroadmap exercises check ${exercise.id} (stuck? mlroadmap exercises hint ${exercise.id})`,
    );
  }
  const code = readExerciseFile(ctx, exercise, EXERCISE_FILES.solution);
  return { data: { id: exercise.id, solution: code }, text: code.replace(/\n+$/, '') };
}

async function show(ctx: Context, target: string, options: Record<string, unknown>): Promise<Output> {
  const exercise = find(ctx, target);
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  const checks =
    options.checks === true ? exercise.checks.map((file) => ({ file, text: readExerciseFile(ctx, exercise, file) })) : undefined;
  const status = exerciseStatusOf(pack, exercise.id);
  const place = topicPlaces(ctx.roadmap).get(exercise.topic);
  const facts = [
    `Topic: ${place?.title ?? exercise.topic}${place ? ` (step ${place.step})` : ''}`,
    `Level: ${LEVELS[exercise.level]}, about ${exercise.minutes} minutes`,
    exercise.requires.length > 0 ? `Needs: ${exercise.requires.join(', ')}` : undefined,
    `Status: ${EXERCISE_STATUS_WORDS[status]}`,
    `Your file: ${workspaceFileOf(exercise.id)}; check it with: mlroadmap exercises check ${exercise.id}`,
  ].filter((line) => line !== undefined);
  return {
    data: {
      ...exerciseJson(ctx.roadmap, pack, exercise),
      statement: exercise.statement,
      hints: exercise.hints.length,
      ...(checks ? { checks } : {}),
    },
    text: async () => {
      const parts = [(await markdown(ctx, exercise.statement)).replace(/\n+$/, ''), '', ...facts];
      for (const check of checks ?? []) parts.push('', ctx.style.bold(`${check.file}:`), check.text.replace(/\n+$/, ''));
      return parts.join('\n');
    },
  };
}

async function verify(
  ctx: Context,
  packDir: string | undefined,
  pythonOption: string | undefined,
  requireAll: boolean,
  json: boolean,
): Promise<Output> {
  const setup = setupOf(ctx);
  let exercises = exercisesOf(ctx.roadmap);
  let dir = setup.dir;
  if (packDir !== undefined) {
    const { loadPack } = await import('../content/load.js');
    exercises = (await loadPack(packDir)).exercises ?? [];
    dir = join(resolve(packDir), 'exercises');
  }
  if (exercises.length === 0 || dir === undefined) return { data: { verdicts: [], ok: true }, text: 'No exercises to verify.' };
  const python = choosePython({ option: pythonOption, env: setup.pythonEnv }).command;
  const { verifyExercises, VerifySetupError } = await import('../exercises/verify.js');
  const width = Math.max(...exercises.map((exercise) => exercise.id.length));
  const line = (verdict: { id: string; state: string; problem?: string; install?: string; missing?: string[] }) =>
    verdict.state === 'ok'
      ? `ok    ${verdict.id}`
      : verdict.state === 'skipped'
        ? `skip  ${verdict.id.padEnd(width)}  needs ${verdict.missing?.join(', ')} (${verdict.install})`
        : `FAIL  ${verdict.id.padEnd(width)}  ${verdict.problem}`;
  let verdicts: Awaited<ReturnType<typeof verifyExercises>>;
  try {
    verdicts = await setup.interruptible((signal) =>
      verifyExercises({
        exercises,
        dir: dir as string,
        pluginDir: setup.pluginDir,
        python,
        signal,
        // One line as each is done, so a long run shows its progress (not under --json: one JSON document).
        onVerdict: (verdict) => {
          if (ctx.tty && !json) ctx.out(line(verdict));
        },
      }),
    );
  } catch (error) {
    if (error instanceof VerifySetupError) throw new UserError(`cannot verify the exercises: ${error.message}`);
    throw error;
  }
  if (verdicts.length < exercises.length) throw new UserError('verify was stopped', 130);
  const failed = verdicts.filter((verdict) => verdict.state === 'failed');
  const skipped = verdicts.filter((verdict) => verdict.state === 'skipped');
  const ok = failed.length === 0 && (!requireAll || skipped.length === 0);
  const summary = `${verdicts.length - failed.length - skipped.length} ok, ${failed.length} failed, ${skipped.length} skipped (${python}).`;
  const text = [...(ctx.tty && !json ? [] : verdicts.map(line)), summary].join('\n');
  const data = { python, verdicts, ok };
  if (ok) return { data, text };
  const why =
    failed.length > 0
      ? `${failed.length} exercise${failed.length === 1 ? '' : 's'} failed verification`
      : `${skipped.length} skipped, and --require-all asks for every exercise`;
  return { data, text, error: new UserError(why, 1) };
}
