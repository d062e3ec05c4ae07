import { describe, expect, it } from 'vitest';
import { emptyProgress, type Progress, packProgress, setTopicStatus } from '../../src/progress/model.js';
import { reviewsOf, setNewCardsPerDay } from '../../src/progress/review.js';
import { runReview } from '../../src/tutor/review.js';
import { shippedRoadmap } from '../helpers.js';
import { choose, press, printed, screen, tutorContext, until } from './screen.js';

const roadmap = await shippedRoadmap();
const step = roadmap.steps[0];
const topic = step?.topics?.[0];
if (!step || !topic) throw new Error('step 1 has topics');
const cards = roadmap.cards.filter((card) => card.topic === topic.id);
const [open, choice] = [cards.find((card) => !card.choices), cards.find((card) => card.choices)];
if (!open || !choice) throw new Error('topic 1.1 has an open card and a multiple-choice card');

/** Topic 1.1 started, and only its first two cards as today's new ones: the open one first. */
function deck(newPerDay = 2): Progress {
  const started = setTopicStatus(emptyProgress(), roadmap, step as never, [topic?.id as string], 'doing', new Date('2026-01-14T09:00:00Z'));
  return setNewCardsPerDay(started, roadmap.id, newPerDay);
}
const history = (progress: Progress) => reviewsOf(packProgress(progress, roadmap.id));

describe('a review session, with real keys', () => {
  it('shows a question, the answer on Enter, then the grades with their intervals; each grade is saved as given', async () => {
    expect(cards.indexOf(open)).toBeLessThan(cards.indexOf(choice));
    const ctx = await tutorContext({ progress: deck(), height: 60 });
    const session = runReview(ctx);

    await until('Show the answer');
    expect(printed(ctx)).toContain(open.question.split('\n')[0]?.trim() as string);
    expect(printed(ctx)).toContain('Review · 2 cards to go · new card · 1.1');
    expect(printed(ctx)).not.toContain(open.answer.split('\n')[0]?.trim().slice(0, 30) as string);
    press('enter');
    const grades = await until('How well did you know it?');
    expect(printed(ctx)).toContain(open.explanation.split('\n')[0]?.trim().slice(0, 30) as string);
    // Again and Good keep a new card in learning for minutes; Easy sends it days away.
    expect(grades).toMatch(/1 Again · 1 min/);
    expect(grades).toMatch(/❯ 3 Good · 10 min/);
    expect(grades).toMatch(/4 Easy · \d+ days/);
    press('enter');
    await until('Your answer');
    // Saved before the next card was shown.
    expect(history(ctx.store.current)[open.id]?.log).toEqual([{ at: '2026-01-15T10:00:00.000Z', grade: 'good' }]);

    // A wrong pick: "Not quite", the answer, and the cursor on Again.
    const wrong = choice.choices?.find((text) => text !== choice.answer) as string;
    await choose(wrong.split('\n')[0] as string);
    const after = await until('a wrong pick is Again');
    expect(printed(ctx)).toContain('Not quite.');
    expect(after).toMatch(/❯ 1 Again/);
    press('enter');

    // Both cards are back within the session (learning steps of minutes); Esc ends it.
    await until(/Show the answer|Your answer/);
    press('escape');
    await expect(session).resolves.toMatchObject({ reviewed: 2, grades: { good: 1, again: 1 }, left: true });
    expect(printed(ctx)).toContain('Reviewed 2 cards (Again 1, Good 1). Every grade is saved.');
    expect(printed(ctx)).toContain('2 cards still waiting.');
    expect(history(ctx.store.current)[choice.id]?.log.map((entry) => entry.grade)).toEqual(['again']);
  });

  it('moves the grade cursor with the number keys', async () => {
    const ctx = await tutorContext({ progress: deck(1), height: 60 });
    const session = runReview(ctx);
    await until('Show the answer');
    press('enter');
    await until('How well did you know it?');
    screen.type('4');
    await until(/❯ 4 Easy/);
    press('enter');
    // Easy sends it days away: nothing else is due, and the session ends by itself.
    await expect(session).resolves.toMatchObject({ reviewed: 1, grades: { easy: 1 }, left: false });
    expect(printed(ctx)).toMatch(/Next: cards on 2026-01-\d\d \(in \d+ days\)\./);
    expect(history(ctx.store.current)[open.id]?.schedule?.state).toBe('review');
  });

  it('keeps every grade given when Ctrl+C leaves the program', async () => {
    const ctx = await tutorContext({ progress: deck(), height: 60 });
    const session = runReview(ctx);
    await until('Show the answer');
    press('enter');
    await until('How well did you know it?');
    press('enter');
    await until('Your answer');
    press({ name: 'c', ctrl: true });
    await expect(session).rejects.toThrow();
    expect(history(ctx.store.current)[open.id]?.log).toHaveLength(1);
    expect(history(ctx.store.current)[choice.id]).toBeUndefined();
  });

  it('says what to do when the deck is empty, asking nothing', async () => {
    const ctx = await tutorContext();
    await expect(runReview(ctx)).resolves.toMatchObject({ reviewed: 0 });
    expect(printed(ctx)).toContain('Your deck is empty: cards join it when you start a topic');
  });

  it('keeps the question above its answer on a 24-row terminal only when both fit above the grades', async () => {
    const ctx = await tutorContext({ progress: deck(1), height: 24 });
    const session = runReview(ctx);
    await until('Show the answer');
    const pages = ctx.clears;
    press('enter');
    await until('How well did you know it?');
    expect(ctx.clears).toBeGreaterThan(pages);
    const page = printed(ctx).split('\n').slice(-40).join('\n');
    const answerPage = page.slice(page.lastIndexOf('Review ·'));
    // At most the rows the grades leave free: never scrolled past the top.
    expect(answerPage.replace(/\n+$/, '').split('\n').length).toBeLessThanOrEqual(24 - 9);
    press('escape');
    await session;
  });
});
