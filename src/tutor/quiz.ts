import type { Quiz } from '../content/schema.js';
import type { Context } from '../context.js';
import { packProgress } from '../progress/model.js';
import { isCorrect, listQuizzes, recordQuizAttempt } from '../progress/quiz.js';
import { wrapLine } from '../render/text.js';
import type { Prompts } from './prompts.js';
import { fittedQuestion, promptTheme, rowsOf } from './view.js';

/** An answer fitted to the width: wrapped at words and indented under itself, so no word is cut at the edge. */
function wrapChoice(ctx: Context, text: string): string {
  return wrapLine(text, ctx.width - 4).join('\n   ');
}

/**
 * Lets the learner pick a quiz, each shown with its question count and their best score; undefined for
 * "back", which says where it goes (`back`: the menu in the tutor; `mlroadmap quiz` alone just ends).
 */
export async function pickQuiz(
  ctx: Context,
  prompts: Pick<Prompts, 'select'>,
  current?: string,
  back = 'Back to the menu',
): Promise<Quiz | undefined> {
  const listing = listQuizzes(ctx.roadmap.quizzes, packProgress(ctx.store.read(), ctx.roadmap.id));
  const choices = [
    ...listing.map((quiz) => ({
      name: `${quiz.title} (${quiz.questions} questions${quiz.best === null ? '' : `, best ${quiz.best}/${quiz.bestOutOf}`})`,
      value: quiz.id,
    })),
    { name: back, value: '' },
  ];
  const id = await prompts.select<string>(
    {
      message: 'Which quiz?',
      choices,
      ...(current ? { default: current } : {}),
      theme: promptTheme(ctx),
    },
    { clearPromptOnDone: true },
  );
  return ctx.roadmap.quizzes.find((quiz) => quiz.id === id);
}

/** Rows the end of a quiz takes: the score, a blank line and the "What next?" question under it. */
const SCORE_ROWS = 8;

/** The indexes 0..n-1 in a random order (Fisher-Yates), so an answer is not found by where it was last time. */
export function shuffledOrder(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** The part of the guide a quiz checks, for "read it again": the section (or phases, certifications) of the same name. */
export function readingFor(ctx: Context, quiz: Quiz): { kind: 'section' | 'phases' | 'certs'; id?: string; title: string } | undefined {
  if (quiz.id === 'phases' && ctx.roadmap.phases.length > 0) return { kind: 'phases', title: 'The phases of an ML project' };
  if (quiz.id.startsWith('cert') && ctx.roadmap.certifications.length > 0) return { kind: 'certs', title: 'Certifications' };
  const section =
    ctx.roadmap.sections.find((s) => s.id === quiz.id) ??
    ctx.roadmap.sections.find((s) => quiz.id.startsWith(s.id) || s.id.startsWith(quiz.id));
  return section ? { kind: 'section', id: section.id, title: section.title } : undefined;
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
  ctx.out(style.bold(wrapLine(`${quiz.title}: ${total} questions`, ctx.width).join('\n')));
  // Shuffled on each attempt; the value is still the index into the question's own choices.
  const asked = quiz.questions.map((question, index) => {
    // The prompt's own line breaks (a YAML block) are not where the terminal's are.
    const prompt = question.prompt.trim().replace(/\s+/g, ' ');
    const { message, theme } = fittedQuestion(ctx, `Question ${index + 1} of ${total}: ${prompt}`, question.choices);
    const order = shuffledOrder(question.choices.length, ctx.random);
    return {
      message,
      choices: order.map((value) => ({ name: wrapChoice(ctx, question.choices[value] ?? ''), value })),
      // Inquirer marks every answered prompt with a green tick; here that would read as "right".
      theme: { ...theme, prefix: { idle: '?', done: '›' } },
    };
  });
  let score = 0;
  for (const [index, question] of quiz.questions.entries()) {
    const config = asked[index] as (typeof asked)[number];
    const choice = await prompts.select<number>(config);
    // Indented by two; wrapLine hangs the lines after the first under that indent.
    const explanation = wrapLine(
      `  ${question.explanation
        .replace(/\*\*|`/g, '')
        .trim()
        .replace(/\s+/g, ' ')}`,
      ctx.width,
    );
    const verdict = isCorrect(question, choice)
      ? [style.green('✔ Right.')]
      : wrapLine(`${style.red('✘ Not quite.')} The answer is: ${style.bold(question.choices[question.answer] ?? '')}`, ctx.width);
    if (isCorrect(question, choice)) score++;
    ctx.out(`${[...verdict, ...explanation].join('\n')}\n`);
    // The answered question stays above its feedback; when the next question (or the score) would push
    // them out of a short window, the learner says when they have read it, and the next starts on a clean screen.
    const next = asked[index + 1];
    const answeredRows = config.message.split('\n').length + 1;
    const nextRows = next ? rowsOf(ctx, next) : SCORE_ROWS;
    if (answeredRows + verdict.length + explanation.length + 1 + nextRows > ctx.height) {
      await prompts.select(
        {
          message: next ? `Question ${index + 1} of ${total} answered` : 'Quiz done',
          choices: [{ value: 'next', name: next ? 'Next question' : 'See my score' }],
          theme: promptTheme(ctx),
        },
        { clearPromptOnDone: true },
      );
      ctx.clear();
    }
  }
  const progress = await ctx.store.update((current) => recordQuizAttempt(current, ctx.roadmap.id, quiz, score, ctx.now()));
  const best = packProgress(progress, ctx.roadmap.id).quizzes?.[quiz.id]?.best ?? score;
  const reading = readingFor(ctx, quiz);
  const verdict =
    score === total
      ? 'Full marks!'
      : score >= total * 0.6
        ? 'Good.'
        : `Worth reading ${reading ? `"${reading.title}"` : 'that part of the guide'} again.`;
  ctx.out(
    wrapLine(
      `${style.bold(`You scored ${score}/${total}.`)} ${verdict}${best > score ? ` Your best is ${best}/${total}.` : ''}`,
      ctx.width,
    ).join('\n'),
  );
  return { score, total, best };
}
