import { stripVTControlCharacters } from 'node:util';
import type { Context } from '../context.js';
import { LeaveError } from '../errors.js';
import { markdown } from '../output.js';
import { packProgress } from '../progress/model.js';
import { addDays, localDate } from '../progress/plan.js';
import {
  type DeckCard,
  deckOf,
  describeInterval,
  GRADE_WORDS,
  GRADES,
  type Grade,
  LEARN_AHEAD_MS,
  loadScheduler,
  nextCard,
  recordGrade,
  reviewStats,
  type Scheduler,
} from '../progress/review.js';
import { cells } from '../render/text.js';
import { shuffledOrder } from './quiz.js';
import { fittedQuestion, plural, promptTheme, say, showPage } from './view.js';

/** Rows the grade question takes: the question, four grades, a blank line, the grade's meaning, the key hints, the row the terminal's cursor ends on. */
const GRADE_ROWS = 9;

/** Rows `text` takes on the terminal, long lines counted as the terminal wraps them. */
function rows(ctx: Context, text: string): number {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(cells(stripVTControlCharacters(line)) / ctx.width)), 0);
}

/** What each grade means, under the grade buttons. */
const GRADE_HINTS: Record<Grade, string> = {
  again: 'You did not remember it: it comes back in a few minutes.',
  hard: 'You remembered it, with real effort.',
  good: 'You remembered it after a moment.',
  easy: 'You knew it at once: it comes back much later.',
};

export interface ReviewSummary {
  reviewed: number;
  grades: Record<Grade, number>;
  /** The session ended with Esc while cards were still due. */
  left: boolean;
}

/**
 * A review session (`mlroadmap review`, and "Review" in the tutor): the cards due now, one at a time.
 * Each shows its question; a card with choices is answered by picking one, another by recalling the
 * answer and pressing Enter to see it. Then the learner grades how well they knew it (Again, Hard,
 * Good, Easy, each with when the card would come back), and the grade is saved at once. Esc ends the
 * session (every grade given is kept); Ctrl+C leaves the program. It ends with what was reviewed and
 * when the next cards are due.
 */
export async function runReview(ctx: Context): Promise<ReviewSummary> {
  const summary: ReviewSummary = { reviewed: 0, grades: { again: 0, hard: 0, good: 0, easy: 0 }, left: false };
  let scheduler: Scheduler | undefined;
  try {
    for (;;) {
      const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
      const entry = nextCard(ctx.roadmap, pack, ctx.now());
      if (!entry) break;
      scheduler ??= await loadScheduler();
      const left = reviewStats(ctx.roadmap, pack, ctx.now());
      const grade = await reviewCard(ctx, entry, scheduler, left.due + left.newToday);
      const now = ctx.now();
      const chosen = scheduler;
      await ctx.store.update((current) => recordGrade(current, ctx.roadmap.id, entry.card.id, grade, now, chosen));
      summary.reviewed++;
      summary.grades[grade]++;
    }
  } catch (error) {
    if (!(error instanceof LeaveError)) throw error;
    summary.left = true;
  }
  ctx.clear();
  for (const line of endLines(ctx, summary)) say(ctx, line);
  ctx.out('');
  return summary;
}

/** Shows one card and returns the learner's grade; Esc (LeaveError) ends the session. */
async function reviewCard(ctx: Context, entry: DeckCard, scheduler: Scheduler, waiting: number): Promise<Grade> {
  const { card } = entry;
  const status = entry.state === 'new' ? 'new card' : `${entry.state === 'review' ? 'review' : 'learning'}`;
  const header = ctx.style.dim(`Review · ${plural(waiting, 'card')} to go · ${status} · ${entry.topicNumber} ${entry.topicTitle}`);
  const question = await markdown(ctx, card.question);
  await showPage(ctx, `${header}\n\n${question}`, card.choices ? card.choices.length + 6 : 8);
  let right: boolean | undefined;
  if (card.choices) {
    const order = shuffledOrder(card.choices.length, ctx.random);
    const picked = await ctx.prompts.select(
      {
        ...fittedQuestion(ctx, 'Your answer', []),
        choices: order.map((index) => ({ value: card.choices?.[index] as string, name: card.choices?.[index] as string })),
        theme: promptTheme(ctx, {}, 'back'),
      },
      { clearPromptOnDone: true },
    );
    right = picked.trim() === card.answer.trim();
  } else {
    await ctx.prompts.select(
      {
        message: 'Answer it in your head, then:',
        choices: [{ value: 'show', name: 'Show the answer' }],
        theme: promptTheme(ctx, { select: 'show' }, 'back'),
      },
      { clearPromptOnDone: true },
    );
  }
  const verdict =
    right === undefined ? '' : right ? `${ctx.style.green('Right.')}\n\n` : `${ctx.style.red('Not quite.')} The answer is:\n\n`;
  const answer = await markdown(ctx, `${card.answer}\n\n${card.explanation}`);
  // The question stays above its answer when both fit above the grades; else the answer has the page.
  const both = `${header}\n\n${question.replace(/\n+$/, '')}\n\n${verdict}${answer}`;
  const fits = rows(ctx, both) + GRADE_ROWS <= ctx.height;
  await showPage(ctx, fits ? both : `${header}\n\n${verdict}${answer}`, GRADE_ROWS);
  const now = ctx.now();
  const options = scheduler.preview(entry.record?.schedule, now);
  const suggested: Grade = right === false ? 'again' : 'good';
  return ctx.prompts.select(
    {
      message: right === false ? 'How well did you know it? (a wrong pick is Again)' : 'How well did you know it?',
      choices: GRADES.map((grade, index) => ({
        value: grade,
        name: `${index + 1} ${GRADE_WORDS[grade]} · ${describeInterval(now, options[grade].due)}`,
        description: GRADE_HINTS[grade],
      })),
      default: suggested,
      theme: promptTheme(ctx, { select: 'grade' }, 'back'),
    },
    { clearPromptOnDone: true },
  );
}

/** What the session did, and when the next cards come. */
export function endLines(ctx: Context, summary: ReviewSummary): string[] {
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  const now = ctx.now();
  const stats = reviewStats(ctx.roadmap, pack, now);
  const lines: string[] = [];
  if (summary.reviewed === 0 && !summary.left) {
    lines.push(stats.total === 0 ? noDeck(ctx) : 'Nothing to review now.');
  } else {
    const counts = GRADES.filter((grade) => summary.grades[grade] > 0).map((grade) => `${GRADE_WORDS[grade]} ${summary.grades[grade]}`);
    lines.push(`Reviewed ${plural(summary.reviewed, 'card')}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}. Every grade is saved.`);
  }
  // Cards in learning come back within minutes: they wait too.
  const soon = deckOf(ctx.roadmap, pack).filter(
    (entry) => entry.due !== undefined && Date.parse(entry.due) > now.getTime() && Date.parse(entry.due) <= now.getTime() + LEARN_AHEAD_MS,
  ).length;
  const waiting = stats.due + stats.newToday + soon;
  if (summary.left && waiting > 0) lines.push(`${plural(waiting, 'card')} still waiting.`);
  else if (stats.nextDue) lines.push(`Next: ${whenDue(now, stats.nextDue)}.`);
  if (stats.new > stats.newToday && waiting === 0)
    lines.push(`${plural(stats.new - stats.newToday, 'new card')} wait for the coming days (${stats.newCardsPerDay} a day).`);
  return lines;
}

function noDeck(ctx: Context): string {
  return ctx.roadmap.cards.length === 0
    ? 'This roadmap has no review cards.'
    : 'Your deck is empty: cards join it when you start a topic (mlroadmap mark 1.1 doing), or add some with mlroadmap review --add 1.1.';
}

/** When a card comes due, as a learner plans their day: "in 10 min", "today at 18:05", "tomorrow", "on 2026-12-09". */
export function whenDue(now: Date, due: string): string {
  const at = new Date(due);
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  if (minutes < 60) return `a card in ${Math.max(1, minutes)} min`;
  const day = localDate(at);
  const today = localDate(now);
  const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  if (day === today) return `a card today at ${time}`;
  const tomorrow = addDays(today, 1);
  return day === tomorrow ? `cards tomorrow (from ${time})` : `cards on ${day} (in ${describeInterval(now, due)})`;
}
