import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { nextStep, nextTopic, type Progress, packProgress, summarize } from '../progress/model.js';
import { localDate } from '../progress/plan.js';
import { reviewStats } from '../progress/review.js';
import {
  describeMinutes,
  describeStudy,
  logSession,
  MAX_SESSION_NOTE_CHARS,
  parseDuration,
  type StartedTopic,
  sessionProblem,
  studyStats,
} from '../progress/studylog.js';
import { sanitizeText } from '../render/sanitize.js';
import { topicChangeLine } from '../render/topic.js';
import { plural, promptTheme, say } from './view.js';

/**
 * "Log study time": how long the learner studied today (as `mlroadmap log` reads it: 45m, 1h30m,
 * 1.5h), on `topicId` when it is known, with an optional note; then the week and the streak. Esc
 * at either question logs nothing; Ctrl+C at the note logs the time given, without a note, before
 * the program ends. Says whether a session was logged.
 */
export async function logStudy(ctx: Context, topicId?: string, topicName?: string): Promise<boolean> {
  const today = localDate(ctx.now());
  const typed = await ctx.prompts.input(
    {
      message: `How long did you study${topicName ? ` ${topicName}` : ''} today? (45m, 1h30m, 1.5h)`,
      validate: (value: string) => {
        const parsed = parseDuration(value);
        if ('problem' in parsed) return parsed.problem;
        return sessionProblem(packProgress(ctx.store.read(), ctx.roadmap.id), today, parsed.minutes) ?? true;
      },
    },
    { clearPromptOnDone: true },
  );
  const minutes = (parseDuration(typed) as { minutes: number }).minutes;
  const note = sanitizeText(
    await ctx.prompts
      .input(
        {
          message: 'A few words on what you did (Enter to leave it out):',
          validate: (value: string) =>
            value.length <= MAX_SESSION_NOTE_CHARS ||
            `At most ${MAX_SESSION_NOTE_CHARS} characters; keep longer notes as a note on the step`,
        },
        { clearPromptOnDone: true },
      )
      .catch(async (error: Error) => {
        // Ctrl+C leaves the program: the time given is logged (without the note), as a note being
        // typed is kept, and said so. Esc goes back and logs nothing.
        if (error.name === 'ExitPromptError' && !('problem' in (await record(ctx, today, minutes, topicId)))) {
          say(ctx, `Logged ${describeMinutes(minutes)}${topicName ? ` on ${topicName}` : ''} (without a note).`);
        }
        throw error;
      }),
  ).trim();
  const logged = await record(ctx, today, minutes, topicId, note);
  if ('problem' in logged) {
    say(ctx, logged.problem);
    return false;
  }
  const pack = packProgress(logged.progress, ctx.roadmap.id);
  say(ctx, `Logged ${describeMinutes(minutes)}${topicName ? ` on ${topicName}` : ''}.`);
  // A topic still to do is started by studying it (as `mlroadmap log` does), and said so.
  const begun = logged.started;
  if (begun) say(ctx, topicChangeLine(`${begun.number} ${begun.topic.title}`, 'doing', begun.cardsAdded));
  say(ctx, describeStudy(studyStats(pack, ctx.now()), pack.plan?.hoursPerWeek));
  ctx.out('');
  return true;
}

/**
 * What to do today, for the welcome screens: the cards waiting, then the next topic (each with the
 * menu choice that does it), and the hours logged this week against the plan, with the streak.
 */
export function todayLines(ctx: Context): string[] {
  const progress = ctx.store.read();
  const pack = packProgress(progress, ctx.roadmap.id);
  const now = ctx.now();
  const waiting = reviewStats(ctx.roadmap, pack, now).waiting;
  const todo: string[] = [];
  if (waiting > 0) todo.push(`review ${plural(waiting, 'card')} ("Review")`);
  const next = nextStep(summarize(ctx.roadmap, progress));
  const step = next ? ctx.roadmap.steps.find((candidate) => candidate.id === next.id) : undefined;
  const topic = step ? nextTopic(pack, step) : undefined;
  if (next && topic)
    todo.push(`${topic.status === 'doing' ? 'go on with' : 'start'} ${next.number}.${topic.number} ${topic.topic.title} ("Continue")`);
  else if (next) todo.push(`step ${next.number}, ${next.title} ("Continue")`);
  const stats = studyStats(pack, now);
  const plan = pack.plan?.hoursPerWeek;
  const week =
    stats.sessions > 0 || plan !== undefined
      ? `This week: ${stats.hoursThisWeek} h ${plan === undefined ? 'logged' : `of the ${plan} h planned`}${stats.streakDays > 0 ? `, a ${stats.streakDays}-day streak` : ''}.`
      : undefined;
  return [...(todo.length > 0 ? [`Today: ${todo.join(', then ')}.`] : []), ...(week ? [week] : [])];
}

/** Asks what to do after a review session: log the time, or go back. */
export async function afterReview(ctx: Context): Promise<void> {
  const move = await ctx.prompts.select(
    {
      message: 'Where to now?',
      choices: [
        { value: 'menu', name: 'Back to the menu' },
        { value: 'log', name: 'Log study time' },
      ],
      theme: promptTheme(ctx),
    },
    { clearPromptOnDone: true },
  );
  if (move === 'log') await logStudy(ctx);
}

/**
 * Logs a session of `minutes` today: the progress saved and the topic it started, if any; or, when
 * the day passed 24 hours in another window meanwhile, why nothing was logged.
 */
async function record(
  ctx: Context,
  today: string,
  minutes: number,
  topicId: string | undefined,
  note?: string,
): Promise<{ progress: Progress; started?: StartedTopic } | { problem: string }> {
  let started: StartedTopic | undefined;
  try {
    const progress = await ctx.store.update((current) => {
      const logged = logSession(
        current,
        ctx.roadmap,
        { date: today, minutes, ...(topicId ? { topic: topicId } : {}), ...(note ? { note } : {}) },
        ctx.now(),
      );
      started = logged.started;
      return logged.progress;
    });
    return { progress, ...(started ? { started } : {}) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { problem: error.message };
  }
}
