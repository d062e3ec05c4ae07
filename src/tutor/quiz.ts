import type { Quiz } from '../content/schema.js';
import type { Context } from '../context.js';
import { packProgress } from '../progress/model.js';
import { isCorrect, listQuizzes, recordQuizAttempt } from '../progress/quiz.js';
import { wrapLine } from '../render/text.js';
import type { Prompts } from './prompts.js';
import { fittedQuestion, promptTheme } from './view.js';

/** Lets the learner pick a quiz, each shown with its question count and their best score. */
export async function pickQuiz(ctx: Context, prompts: Pick<Prompts, 'select'>): Promise<Quiz> {
  const listing = listQuizzes(ctx.roadmap.quizzes, packProgress(ctx.store.read(), ctx.roadmap.id));
  const id = await prompts.select<string>({
    message: 'Which quiz?',
    choices: listing.map((quiz) => ({
      name: `${quiz.title} (${quiz.questions} questions${quiz.best === null ? '' : `, best ${quiz.best}/${quiz.bestOutOf}`})`,
      value: quiz.id,
    })),
    pageSize: listing.length,
    theme: promptTheme(ctx),
  });
  return ctx.roadmap.quizzes.find((quiz) => quiz.id === id) as Quiz;
}

/**
 * Asks a quiz's questions one by one (a select prompt each), says at once whether the answer was right
 * and why, and ends with the score. Only a finished quiz is recorded: leaving half-way records nothing.
 */
export async function runQuiz(
  ctx: Context,
  prompts: Pick<Prompts, 'select'>,
  quiz: Quiz,
): Promise<{ score: number; total: number; best: number }> {
  const { style } = ctx;
  const total = quiz.questions.length;
  ctx.out(style.bold(`${quiz.title}: ${total} questions`));
  let score = 0;
  for (const [index, question] of quiz.questions.entries()) {
    const { message, theme } = fittedQuestion(ctx, `Question ${index + 1} of ${total}: ${question.prompt}`, question.choices);
    const choice = await prompts.select<number>({
      message,
      choices: question.choices.map((text, value) => ({ name: text, value })),
      pageSize: question.choices.length,
      // Inquirer marks every answered prompt with a green tick; here that would read as "right".
      theme: { ...theme, prefix: { idle: '?', done: '›' } },
    });
    // Indented by two; wrapLine hangs the lines after the first under that indent.
    const explanation = wrapLine(
      `  ${question.explanation
        .replace(/\*\*|`/g, '')
        .trim()
        .replace(/\s+/g, ' ')}`,
      ctx.width,
    ).join('\n');
    if (isCorrect(question, choice)) {
      score++;
      ctx.out(`${style.green('✔ Right.')}\n${explanation}\n`);
    } else {
      ctx.out(`${style.red('✘ Not quite.')} The answer is: ${style.bold(question.choices[question.answer] ?? '')}\n${explanation}\n`);
    }
  }
  const progress = await ctx.store.update((current) => recordQuizAttempt(current, ctx.roadmap.id, quiz, score, ctx.now()));
  const best = packProgress(progress, ctx.roadmap.id).quizzes?.[quiz.id]?.best ?? score;
  const verdict = score === total ? 'Full marks!' : score >= total * 0.6 ? 'Good.' : 'Worth reading that part of the guide again.';
  ctx.out(`${style.bold(`You scored ${score}/${total}.`)} ${verdict}${best > score ? ` Your best is ${best}/${total}.` : ''}`);
  return { score, total, best };
}
