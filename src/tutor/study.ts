import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { type Progress, packProgress } from '../progress/model.js';
import { localDate } from '../progress/plan.js';
import { reviewStats } from '../progress/review.js';
import {
  addSessionWithinDay,
  describeMinutes,
  describeStudy,
  MAX_SESSION_NOTE_CHARS,
  parseDuration,
  sessionProblem,
  studyStats,
} from '../progress/studylog.js';
import { sanitizeText } from '../render/sanitize.js';
import { plural, promptTheme, say } from './view.js';

/**
 * "Log study time": how long the learner studied today (as `mlroadmap log` reads it: 45m, 1h30m,
 * 1.5h), on `topicId` when it is known, with an optional note; then the week and the streak. Esc
 * at either question logs nothing. Says whether a session was logged.
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
    await ctx.prompts.input(
      {
        message: 'A few words on what you did (Enter to leave it out):',
        validate: (value: string) =>
          value.length <= MAX_SESSION_NOTE_CHARS || `At most ${MAX_SESSION_NOTE_CHARS} characters; keep longer notes as a note on the step`,
      },
      { clearPromptOnDone: true },
    ),
  ).trim();
  let progress: Progress;
  try {
    progress = await ctx.store.update((current) =>
      addSessionWithinDay(
        current,
        ctx.roadmap.id,
        { date: today, minutes, ...(topicId ? { topic: topicId } : {}), ...(note ? { note } : {}) },
        ctx.now(),
      ),
    );
  } catch (error) {
    // The day passed 24 hours in another window meanwhile: said, nothing logged.
    if (!(error instanceof UserError)) throw error;
    say(ctx, error.message);
    return false;
  }
  const pack = packProgress(progress, ctx.roadmap.id);
  say(ctx, `Logged ${describeMinutes(minutes)}${topicName ? ` on ${topicName}` : ''}.`);
  say(ctx, describeStudy(studyStats(pack, ctx.now()), pack.plan?.hoursPerWeek));
  ctx.out('');
  return true;
}

/** The learner's week, streak and reviews waiting, in a line for the welcome; undefined before any of them. */
export function studyLine(ctx: Context): string | undefined {
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  const stats = studyStats(pack, ctx.now());
  const review = reviewStats(ctx.roadmap, pack, ctx.now());
  const waiting = review.waiting;
  const parts = [
    ...(stats.sessions > 0 ? [`this week ${stats.hoursThisWeek} h${pack.plan ? ` of ${pack.plan.hoursPerWeek} h` : ''}`] : []),
    ...(stats.streakDays > 0 ? [`a ${stats.streakDays}-day streak`] : []),
    ...(waiting > 0 ? [`${plural(waiting, 'card')} to review`] : []),
  ];
  if (parts.length === 0) return undefined;
  const line = parts.join(', ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
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
