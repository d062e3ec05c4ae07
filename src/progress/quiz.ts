import type { Quiz, QuizQuestion } from '../content/schema.js';
import { type PackProgress, type Progress, packProgress, type QuizRecord } from './model.js';

/** The learner's results on a quiz, or `undefined` when they have not finished it yet. */
export function quizRecordOf(pack: PackProgress, quizId: string): QuizRecord | undefined {
  return pack.quizzes && Object.hasOwn(pack.quizzes, quizId) ? pack.quizzes[quizId] : undefined;
}

/** Whether `choice` (an index into the question's choices) is the right answer. */
export function isCorrect(question: QuizQuestion, choice: number): boolean {
  return question.answer === choice;
}

/**
 * Returns a copy of `progress` with a finished attempt recorded: the attempt is appended and the best
 * score kept. When the quiz has changed length since, the best is counted afresh for the new total.
 */
export function recordQuizAttempt(progress: Progress, packId: string, quiz: Quiz, score: number, now: Date): Progress {
  const pack = packProgress(progress, packId);
  const total = quiz.questions.length;
  const previous = quizRecordOf(pack, quiz.id);
  const attempts = [...(previous?.attempts ?? []), { at: now.toISOString(), score }];
  const best = previous && previous.total === total ? Math.max(previous.best, score) : score;
  const quizzes = { ...pack.quizzes, [quiz.id]: { best, total, attempts } };
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, quizzes } } };
}

export interface QuizListing {
  id: string;
  title: string;
  questions: number;
  /** The best score, or `null` when the quiz was never finished. */
  best: number | null;
  /** How many questions the quiz had when that score was made (it can have changed since). */
  bestOutOf: number | null;
  attempts: number;
  lastTakenAt: string | null;
}

/** Every quiz with its question count and the learner's best score, for `quiz --list`. */
export function listQuizzes(quizzes: readonly Quiz[], pack: PackProgress): QuizListing[] {
  return quizzes.map((quiz) => {
    const record = quizRecordOf(pack, quiz.id);
    return {
      id: quiz.id,
      title: quiz.title,
      questions: quiz.questions.length,
      best: record ? record.best : null,
      bestOutOf: record ? record.total : null,
      attempts: record?.attempts.length ?? 0,
      lastTakenAt: record?.attempts.at(-1)?.at ?? null,
    };
  });
}
