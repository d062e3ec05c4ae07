import { stripVTControlCharacters } from 'node:util';
import type { Context } from '../context.js';
import { LeaveError } from '../errors.js';
import { markdown } from '../output.js';
import { packProgress } from '../progress/model.js';
import { addDays, localDate } from '../progress/plan.js';
import {
  type DeckCard,
  describeInterval,
  desiredRetention,
  GRADE_WORDS,
  GRADES,
  type Grade,
  loadScheduler,
  nextCard,
  recordGrade,
  reviewStats,
  type Scheduler,
} from '../progress/review.js';
import { cells } from '../render/text.js';
import { shuffledOrder } from './quiz.js';
import { fittedQuestion, plural, promptTheme, say, showPage } from './view.js';

/** Rows kept under a card's question: the question to show the answer, its key hints, the row the cursor ends on. */
const QUESTION_ROWS = 4;
/**
 * How many grades fit a line side by side, as Anki's buttons ("❯ 3 Good · 10 min", each padded to
 * the longest, a space apart), and the rows the grade question then takes under the answer: a blank
 * line, the question, the grades, a blank line, the grade's meaning (the longest), the key hints.
 */
function gradeLayout(ctx: Context, grades: readonly { name: string; description: string }[], message: string) {
  const cell = 2 + Math.max(...grades.map((grade) => cells(grade.name)));
  const perRow = Math.max(1, Math.min(grades.length, Math.floor((ctx.width + 1) / (cell + 1))));
  const meaning = Math.max(...grades.map((grade) => rows(ctx, grade.description)));
  // "1-4 grade • ←→ choose • ⏎ grade • esc back": one line from 44 columns.
  const hints = ctx.width >= 44 ? 1 : 2;
  return { perRow, rows: 1 + rows(ctx, `? ${message}`) + Math.ceil(grades.length / perRow) + 1 + meaning + hints };
}

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
  /** Cards reviewed, each once however many times it came back. */
  reviewed: number;
  /** Grades given: a card graded Again comes back and is graded again. */
  reviews: number;
  grades: Record<Grade, number>;
  /** The session ended with Esc while cards were still due. */
  left: boolean;
}

/**
 * A review session (`mlroadmap review`, and "Review" in the tutor): the cards due now, one at a time.
 * Each shows its question; a card with choices is answered by picking one, another by recalling the
 * answer and pressing Space or Enter to see it under the question. Then the learner grades how well
 * they knew it with a number key (1 Again, 2 Hard, 3 Good, 4 Easy, each with when the card would come
 * back), and the grade is saved at once. Esc ends the session (every grade given is kept); Ctrl+C
 * leaves the program. It ends with what was reviewed and when the next cards are due. `inTutor`: the
 * learner can start a topic from here (the tutor), so an empty deck points there, not at the shell.
 */
export async function runReview(ctx: Context, options: { inTutor?: boolean } = {}): Promise<ReviewSummary> {
  const summary: ReviewSummary = { reviewed: 0, reviews: 0, grades: { again: 0, hard: 0, good: 0, easy: 0 }, left: false };
  const seen = new Set<string>();
  let scheduler: Scheduler | undefined;
  try {
    for (;;) {
      const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
      const entry = nextCard(ctx.roadmap, pack, ctx.now());
      if (!entry) break;
      scheduler ??= await loadScheduler(desiredRetention(pack));
      // The card shown is one of those waiting: the last one says "1 card to go".
      const { grade, at } = await reviewCard(ctx, entry, scheduler, reviewStats(ctx.roadmap, pack, ctx.now()).waiting);
      const chosen = scheduler;
      // Graded at the time its intervals were worked out for the buttons: FSRS's fuzz depends on the
      // very millisecond, so the card comes back when the button said, and a replay of the log agrees.
      await ctx.store.update((current) => recordGrade(current, ctx.roadmap.id, entry.card.id, grade, at, chosen));
      seen.add(entry.card.id);
      summary.reviewed = seen.size;
      summary.reviews++;
      summary.grades[grade]++;
    }
  } catch (error) {
    if (!(error instanceof LeaveError)) throw error;
    summary.left = true;
  }
  ctx.clear();
  for (const line of endLines(ctx, summary, options.inTutor === true)) say(ctx, line);
  ctx.out('');
  return summary;
}

/**
 * Shows one card and returns the learner's grade, and the time its buttons' intervals were worked
 * out for; Esc (LeaveError) ends the session.
 */
async function reviewCard(ctx: Context, entry: DeckCard, scheduler: Scheduler, waiting: number): Promise<{ grade: Grade; at: Date }> {
  const { card } = entry;
  const status = entry.state === 'new' ? 'new card' : `${entry.state === 'review' ? 'review' : 'learning'}`;
  const header = ctx.style.dim(`Review · ${plural(waiting, 'card')} to go · ${status} · ${entry.topicNumber} ${entry.topicTitle}`);
  const question = await markdown(ctx, card.question);
  // The question stays on screen: the choices, or the answer and the grades, come under it.
  await showPage(ctx, `${header}\n\n${question}`, card.choices ? card.choices.length + 6 : QUESTION_ROWS);
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
  }
  const verdict =
    right === undefined ? '' : right ? `${ctx.style.green('Right.')}\n\n` : `${ctx.style.red('Not quite.')} The answer is:\n\n`;
  const answer = `${ctx.style.dim('─'.repeat(Math.min(ctx.width, 40)))}\n${verdict}${await markdown(ctx, `${card.answer}\n\n${card.explanation}`)}`;
  const message = 'Answer it in your head, then show the answer:';
  // The answer comes under the question when both fit above the grades; else it has a page of its own.
  const page = `${header}\n\n${question}`;
  const now = ctx.now();
  const options = scheduler.preview(entry.record?.schedule, now);
  const grades = GRADES.map((grade, index) => ({
    value: grade,
    name: `${index + 1} ${GRADE_WORDS[grade]} · ${describeInterval(now, options[grade].due)}`,
    description: GRADE_HINTS[grade],
  }));
  const gradeMessage = right === false ? 'How well did you know it? (a wrong pick is Again)' : 'How well did you know it?';
  const layout = gradeLayout(ctx, grades, gradeMessage);
  const gradeLines = layout.rows;
  const fits = rows(ctx, page) + 1 + rows(ctx, answer) + gradeLines <= ctx.height;
  if (!fits) {
    if (!card.choices) {
      const theme = promptTheme(ctx, {}, 'back');
      await ctx.prompts.flashcard(
        { message, answer: '', gradeMessage: '', grades: [], revealOnly: true, theme },
        { clearPromptOnDone: true },
      );
    }
    await showPage(ctx, `${header}\n\n${answer}`, gradeLines);
  }
  const grade = await ctx.prompts.flashcard(
    {
      message,
      answer: fits ? answer : '',
      gradeMessage,
      grades,
      perRow: layout.perRow,
      default: right === false ? 'again' : 'good',
      revealed: card.choices !== undefined || !fits,
      theme: promptTheme(ctx, {}, 'back'),
    },
    { clearPromptOnDone: true },
  );
  return { grade: grade as Grade, at: now };
}

/** What the session did, and when the next cards come. */
export function endLines(ctx: Context, summary: ReviewSummary, inTutor = false): string[] {
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  const now = ctx.now();
  const stats = reviewStats(ctx.roadmap, pack, now);
  const lines: string[] = [];
  if (summary.reviewed === 0 && !summary.left) {
    lines.push(stats.total === 0 ? noDeck(ctx, inTutor) : 'Nothing to review now.');
  } else {
    const counts = GRADES.filter((grade) => summary.grades[grade] > 0).map((grade) => `${GRADE_WORDS[grade]} ${summary.grades[grade]}`);
    const what =
      summary.reviews === summary.reviewed
        ? `Reviewed ${plural(summary.reviewed, 'card')}`
        : `${plural(summary.reviews, 'review')} of ${plural(summary.reviewed, 'card')}`;
    lines.push(`${what}${counts.length > 0 ? ` (${counts.join(', ')})` : ''}. Every grade is saved.`);
  }
  if (summary.left && stats.waiting > 0) lines.push(`${plural(stats.waiting, 'card')} still waiting.`);
  else if (stats.nextDue) lines.push(`Next: ${whenDue(now, stats.nextDue)}.`);
  if (stats.new > stats.newToday && stats.waiting === 0)
    lines.push(`${plural(stats.new - stats.newToday, 'new card')} wait for the coming days (${stats.newCardsPerDay} a day).`);
  return lines;
}

function noDeck(ctx: Context, inTutor: boolean): string {
  if (ctx.roadmap.cards.length === 0) return 'This roadmap has no review cards.';
  return inTutor
    ? 'Your deck is empty: cards join it when you start a topic. Choose "Continue", then "Start this topic" on its page.'
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
