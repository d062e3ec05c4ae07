import { describe, expect, it } from 'vitest';
import type { Quiz } from '../../src/content/schema.js';
import { emptyProgress, packProgress } from '../../src/progress/model.js';
import { listQuizzes, quizRecordOf, recordQuizAttempt } from '../../src/progress/quiz.js';
import { shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const quiz = roadmap.quizzes[0] as Quiz;
const day = (n: number) => new Date(Date.UTC(2026, 0, n));

describe('recordQuizAttempt', () => {
  it('keeps every attempt with its date and the best score', () => {
    let progress = recordQuizAttempt(emptyProgress(), roadmap.id, quiz, 3, day(1));
    progress = recordQuizAttempt(progress, roadmap.id, quiz, 5, day(2));
    progress = recordQuizAttempt(progress, roadmap.id, quiz, 2, day(3));
    expect(quizRecordOf(packProgress(progress, roadmap.id), quiz.id)).toEqual({
      best: 5,
      total: quiz.questions.length,
      attempts: [
        { at: '2026-01-01T00:00:00.000Z', score: 3 },
        { at: '2026-01-02T00:00:00.000Z', score: 5 },
        { at: '2026-01-03T00:00:00.000Z', score: 2 },
      ],
    });
  });

  it('counts the best afresh when the quiz has changed length since', () => {
    const shorter = { ...quiz, questions: quiz.questions.slice(0, 3) };
    let progress = recordQuizAttempt(emptyProgress(), roadmap.id, quiz, 6, day(1));
    progress = recordQuizAttempt(progress, roadmap.id, shorter, 2, day(2));
    expect(quizRecordOf(packProgress(progress, roadmap.id), quiz.id)).toMatchObject({ best: 2, total: 3 });
  });
});

describe('listQuizzes', () => {
  it('gives every quiz its question count, and the best score once taken', () => {
    const progress = recordQuizAttempt(emptyProgress(), roadmap.id, quiz, 4, day(1));
    const listing = listQuizzes(roadmap.quizzes, packProgress(progress, roadmap.id));
    expect(listing).toHaveLength(roadmap.quizzes.length);
    expect(listing[0]).toEqual({
      id: quiz.id,
      title: quiz.title,
      questions: quiz.questions.length,
      best: 4,
      bestOutOf: quiz.questions.length,
      attempts: 1,
      lastTakenAt: '2026-01-01T00:00:00.000Z',
    });
    expect(listing[1]).toMatchObject({ best: null, attempts: 0, lastTakenAt: null });
  });
});
