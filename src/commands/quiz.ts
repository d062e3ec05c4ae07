import { resolveItem } from '../content/lookup.js';
import type { Quiz } from '../content/schema.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { packProgress } from '../progress/model.js';
import { listQuizzes } from '../progress/quiz.js';
import { renderRows } from '../render/text.js';
import { LeaveError } from '../tutor/prompts.js';
import { listOptions, printJson, printList } from './shared.js';

/**
 * `mlroadmap quiz [topic]`: runs a self-check quiz on a terminal (picked from a list when no topic is
 * given); `--list` (or `--json`) lists the quizzes with question counts and the learner's best scores.
 */
export async function runQuizCommand(ctx: Context, topic: string | undefined, options: { list?: boolean; json?: boolean }): Promise<void> {
  if (options.list || options.json) {
    if (topic !== undefined) throw new UsageError("give a quiz to take or --list, not both (see 'mlroadmap quiz --list')");
    return showQuizList(ctx, options);
  }
  const quiz: Quiz | undefined = topic === undefined ? undefined : resolveItem(ctx.roadmap.quizzes, topic, 'quiz', 'quiz --list');
  if (!ctx.interactive) {
    throw new UsageError(
      `a quiz asks questions, so it needs a terminal; run 'mlroadmap quiz${quiz ? ` ${quiz.id}` : ''}' in one (see the quizzes with 'mlroadmap quiz --list')`,
    );
  }
  const { pickQuiz, runQuiz } = await import('../tutor/quiz.js');
  try {
    await runQuiz(ctx, ctx.prompts, quiz ?? (await pickQuiz(ctx, ctx.prompts)));
  } catch (error) {
    if (!(error instanceof LeaveError)) throw error;
    ctx.out('Left the quiz; an unfinished quiz is not scored.');
  }
}

function showQuizList(ctx: Context, options: { json?: boolean }): void {
  const listing = listQuizzes(ctx.roadmap.quizzes, packProgress(ctx.store.read(), ctx.roadmap.id));
  if (options.json) return printJson(ctx, listing);
  const rows = listing.map((quiz, i): [string, string] => {
    const best =
      quiz.best === null
        ? 'not taken yet'
        : `best ${quiz.best}/${quiz.bestOutOf} (${quiz.attempts} attempt${quiz.attempts === 1 ? '' : 's'})`;
    return [`${i + 1}. ${quiz.id}`, `${quiz.title}: ${quiz.questions} questions, ${best}`];
  });
  printList(ctx, renderRows(rows, listOptions(ctx), 'Quizzes', 'Take one with: mlroadmap quiz <number or id>'));
}
