import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Output } from '../command.js';
import { EXERCISE_FILES, workspaceFileOf } from '../content/exercises.js';
import type { Exercise } from '../content/schema.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { watchForSaves } from '../exercises/changes.js';
import {
  checkExercise,
  exercisesOf,
  MARKS,
  nextExercise,
  resultLines,
  setupProblem,
  topicOffer,
  workspaceOf,
} from '../exercises/session.js';
import type { ExerciseSetup } from '../exercises/setup.js';
import { markdown } from '../output.js';
import { EXERCISE_STATUS_WORDS, exerciseStatusOf } from '../progress/exercises.js';
import { packProgress, setTopicStatus } from '../progress/model.js';
import { hintsShown, withHintsShown } from '../progress/settings.js';
import { sanitizeText } from '../render/sanitize.js';
import { orBack } from './steps.js';
import { promptTheme, rowsOf, showPage } from './view.js';

/** A bar of `done` out of `total`, `width` cells wide: block characters, or `#` and `-` in plain ASCII. */
export function progressBar(done: number, total: number, width: number, ascii: boolean): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  const [full, empty] = ascii ? ['#', '-'] : ['█', '░'];
  return `[${full.repeat(filled)}${empty.repeat(width - filled)}] ${done}/${total}`;
}

export interface WatchOptions {
  id?: string;
  python?: string | undefined;
  /** Rerun on Enter instead of on save. */
  manual: boolean;
}

/**
 * rustlings' watch mode: runs the current exercise's checks, then again each time its file is saved
 * (or on Enter with `manual`), showing the result under a progress bar. Keys: h a hint (one more each
 * time), n the next exercise once this one passed, l the list, r rerun, q quit. Ctrl+C stops a run
 * in progress and quits (exit 130).
 */
export async function watch(ctx: Context, setup: ExerciseSetup, options: WatchOptions): Promise<Output | undefined> {
  if (!ctx.interactive || !setup.keys) {
    throw new UserError("watch mode needs a terminal; run the checks once with 'mlroadmap exercises check'");
  }
  const exercises = exercisesOf(ctx.roadmap);
  if (exercises.length === 0) throw new UserError(`"${ctx.roadmap.title}" has no exercises`);
  const workspace = workspaceOf(setup);
  let current: Exercise | undefined =
    (options.id ? exercises.find((exercise) => exercise.id === options.id) : undefined) ??
    nextExercise(ctx.roadmap, packProgress(ctx.store.read(), ctx.roadmap.id));
  if (!current) {
    ctx.out('Every exercise has passed. Well done!');
    return undefined;
  }
  let message: string[] = [];
  let extra: string[] = [];
  let running: AbortController | undefined;
  let rerun = false;
  let stopWatching: (() => void) | undefined;

  const draw = () => {
    if (!current) return;
    ctx.clear();
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const passed = exercises.filter((exercise) => exerciseStatusOf(pack, exercise.id) === 'passed').length;
    const status = exerciseStatusOf(pack, current.id);
    ctx.out(`${ctx.style.bold(current.title)} (${current.id}) - edit ${join(workspace, workspaceFileOf(current.id))}`);
    ctx.out(progressBar(passed, exercises.length, Math.max(10, Math.min(40, ctx.width - 20)), ctx.ascii === true));
    ctx.out('');
    for (const line of message) ctx.out(line);
    for (const line of extra) ctx.out(line);
    ctx.out('');
    const keys = ['h hint', ...(status === 'passed' ? ['n next'] : []), 'l list', 'r rerun', 'q quit'];
    ctx.out(ctx.style.dim(`${options.manual ? 'Enter reruns the checks. ' : 'Save the file to rerun the checks. '}${keys.join(' · ')}`));
  };

  const runOnce = async (): Promise<void> => {
    if (!current) return;
    if (running) {
      rerun = true;
      return;
    }
    const exercise = current;
    running = new AbortController();
    const controller = running;
    message = [`Running the checks of ${exercise.id}...`];
    extra = [];
    draw();
    try {
      const { result, pack, python } = await checkExercise(
        ctx,
        { ...setup, interruptible: (work) => work(controller.signal) },
        exercise,
        options.python,
      );
      if (result.kind === 'interrupted') return;
      const problem = setupProblem(result, exercise, python, workspace);
      message = problem ? [ctx.style.red(problem.message)] : resultLines(ctx, exercise, result, pack);
    } catch (error) {
      message = [ctx.style.red(error instanceof UserError ? error.message : String(error))];
    } finally {
      running = undefined;
    }
    draw();
    if (rerun) {
      rerun = false;
      await runOnce();
    }
  };

  const follow = (exercise: Exercise) => {
    stopWatching?.();
    current = exercise;
    const file = join(workspace, workspaceFileOf(exercise.id));
    stopWatching = options.manual ? undefined : watchForSaves(file, () => void runOnce(), setup.poll === true);
    void runOnce();
  };

  return new Promise<Output | undefined>((resolveWatch, rejectWatch) => {
    let stopKeys: (() => void) | undefined;
    const finish = (error?: Error) => {
      stopWatching?.();
      stopKeys?.();
      running?.abort();
      if (error) rejectWatch(error);
      else resolveWatch(undefined);
    };
    stopKeys = setup.keys?.((key) => {
      if (!current) return;
      const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
      if (key === 'q') return finish();
      if (key === 'ctrl-c') return finish(new UserError('watch mode stopped', 130));
      if (key === 'return' || key === 'r') return void runOnce();
      if (key === 'h') {
        const exercise = current;
        const shown = hintsShown(setup.settings.read(), ctx.roadmap.id, exercise.id);
        const count = Math.min(shown + 1, exercise.hints.length);
        void setup.settings.update((settings) => withHintsShown(settings, ctx.roadmap.id, exercise.id, count)).catch(() => undefined);
        extra = ['', ...exercise.hints.slice(0, count).map((hint, i) => `Hint ${i + 1} of ${exercise.hints.length}: ${hint}`)];
        return draw();
      }
      if (key === 'l') {
        extra = [
          '',
          ...exercises.map(
            (exercise, i) =>
              `${exercise === current ? '>' : ' '} ${String(i + 1).padStart(2)}. ${MARKS[exerciseStatusOf(pack, exercise.id)]} ${exercise.id}`,
          ),
        ];
        return draw();
      }
      if (key === 'n' && exerciseStatusOf(pack, current.id) === 'passed') {
        const next = nextExercise(ctx.roadmap, pack);
        if (!next) {
          ctx.out('Every exercise has passed. Well done!');
          return finish();
        }
        extra = [];
        return follow(next);
      }
    });
    follow(current as Exercise);
  });
}

type ExerciseAction = 'run' | 'hint' | 'solution' | 'back';

/**
 * The tutor's Exercises part: the exercises with the learner's status; one opens on its statement,
 * from where its checks run against the learner's file, hints come one at a time, and the reference
 * solution shows once it has passed. Esc goes back a level; "Back to the menu" leaves.
 */
export async function runExercisesPart(ctx: Context): Promise<void> {
  const exercises = exercisesOf(ctx.roadmap);
  let picked: string | undefined;
  for (;;) {
    ctx.clear();
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const passed = exercises.filter((exercise) => exerciseStatusOf(pack, exercise.id) === 'passed').length;
    picked = await ctx.prompts.select(
      {
        message: `Exercises (${passed}/${exercises.length} passed): pick one to read and check`,
        choices: [
          ...exercises.map((exercise, i) => ({
            value: exercise.id,
            name: `${i + 1}. ${MARKS[exerciseStatusOf(pack, exercise.id)]} ${exercise.title}`,
            description: `${exercise.id}: about ${exercise.minutes} minutes${exercise.requires.length > 0 ? `, needs ${exercise.requires.join(', ')}` : ''}`,
          })),
          { value: '', name: 'Back to the menu' },
        ],
        ...(picked ? { default: picked } : {}),
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    if (picked === '') return;
    const exercise = exercises.find((candidate) => candidate.id === picked) as Exercise;
    await orBack(() => showExercise(ctx, exercise));
  }
}

async function showExercise(ctx: Context, exercise: Exercise): Promise<void> {
  let notes: string[] = [];
  for (;;) {
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const status = exerciseStatusOf(pack, exercise.id);
    const question = {
      message: `${exercise.title}: ${EXERCISE_STATUS_WORDS[status]}. What now?`,
      choices: [
        { value: 'run' as const, name: `Run the checks on my ${workspaceFileOf(exercise.id)}` },
        { value: 'hint' as const, name: 'Show a hint' },
        ...(status === 'passed' ? [{ value: 'solution' as const, name: 'Show the reference solution' }] : []),
        { value: 'back' as const, name: 'Back to the exercises' },
      ],
      theme: promptTheme(ctx),
    };
    const page = [(await markdown(ctx, exercise.statement)).replace(/\n+$/, ''), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
    await showPage(ctx, page, rowsOf(ctx, question));
    const action = await ctx.prompts.select<ExerciseAction>(question, { clearPromptOnDone: true });
    if (action === 'back') return;
    if (action === 'hint') {
      const setup = ctx.exercises;
      const shown = setup ? hintsShown(setup.settings.read(), ctx.roadmap.id, exercise.id) : 0;
      const count = Math.min(shown + 1, exercise.hints.length);
      if (setup) await setup.settings.update((settings) => withHintsShown(settings, ctx.roadmap.id, exercise.id, count));
      notes = exercise.hints.slice(0, count).map((hint, i) => `Hint ${i + 1} of ${exercise.hints.length}: ${hint}`);
    } else if (action === 'solution') {
      notes = [`Reference solution (${workspaceFileOf(exercise.id)}):`, '', solutionOf(ctx, exercise)];
    } else {
      notes = [`Running the checks of ${exercise.id}...`];
      await showPage(ctx, [page, '', ...notes].join('\n'), 0);
      notes = await runFromTutor(ctx, exercise);
    }
  }
}

/** The result of running an exercise's checks, as lines for the page; a problem of set-up in words. */
async function runFromTutor(ctx: Context, exercise: Exercise): Promise<string[]> {
  try {
    const setup = ctx.exercises;
    if (!setup) throw new UserError('exercises cannot be run from here');
    const { result, pack, python, workspace } = await checkExercise(ctx, setup, exercise, undefined);
    const problem = setupProblem(result, exercise, python, workspace);
    if (problem) return [problem.message];
    const lines = resultLines(ctx, exercise, result, pack);
    // Every exercise of the topic passed and the topic is not done yet: offer to mark it.
    if (result.kind === 'passed' && topicOffer(ctx.roadmap, pack, exercise.topic).length > 0) {
      const step = ctx.roadmap.steps.find((candidate) => candidate.topics?.some((topic) => topic.id === exercise.topic));
      const title = step?.topics?.find((topic) => topic.id === exercise.topic)?.title ?? exercise.topic;
      if (step && (await ctx.confirm(`Every exercise of "${title}" has passed. Mark the topic done?`))) {
        await ctx.store.update((progress) => setTopicStatus(progress, ctx.roadmap, step, [exercise.topic], 'done', ctx.now()));
        return [...lines.filter((line) => !line.startsWith('Every exercise of')), `Marked "${title}" done.`];
      }
    }
    return lines;
  } catch (error) {
    if (error instanceof UserError) return [error.message];
    throw error;
  }
}

function solutionOf(ctx: Context, exercise: Exercise): string {
  const dir = ctx.exercises?.dir;
  try {
    return sanitizeText(readFileSync(join(dir ?? '', exercise.id, EXERCISE_FILES.solution), 'utf8')).replace(/\n+$/, '');
  } catch {
    return '(the solution file cannot be read; reinstall mlroadmap)';
  }
}
