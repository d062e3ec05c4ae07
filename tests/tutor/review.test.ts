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
  it('shows a question, the answer under it on Space, then grades with a number key at once; each grade is saved as given', async () => {
    expect(cards.indexOf(open)).toBeLessThan(cards.indexOf(choice));
    const ctx = await tutorContext({ progress: deck(), height: 60 });
    const session = runReview(ctx);

    await until('show the answer');
    expect(printed(ctx)).toContain(open.question.split('\n')[0]?.trim() as string);
    expect(printed(ctx)).toContain('Review · 2 cards to go · new card · 1.1');
    expect(screen.getScreen()).not.toContain(open.answer.split('\n')[0]?.trim().slice(0, 30) as string);
    const pages = ctx.clears;
    press('space');
    const grades = await until('How well did you know it?');
    // The answer comes under the question, which stays where it was: the screen is not cleared.
    expect(grades).toContain(open.explanation.split('\n')[0]?.trim().slice(0, 30) as string);
    expect(ctx.clears).toBe(pages);
    // Again and Good keep a new card in learning for minutes; Easy sends it days away.
    expect(grades).toMatch(/1 Again · 1 min/);
    expect(grades).toMatch(/❯ 3 Good · 10 min/);
    expect(grades).toMatch(/4 Easy · \d+ days/);
    expect(grades).toContain('1-4 grade');
    // 3 grades Good at once: no Enter.
    screen.type('3');
    await until('Your answer');
    // Saved before the next card was shown.
    expect(history(ctx.store.current)[open.id]?.log).toEqual([{ at: '2026-01-15T10:00:00.000Z', grade: 'good' }]);

    // A wrong pick: "Not quite", the answer, and the cursor on Again.
    const wrong = choice.choices?.find((text) => text !== choice.answer) as string;
    await choose(wrong.split('\n')[0] as string);
    const after = await until('a wrong pick is Again');
    expect(after).toContain('Not quite.');
    expect(after).toMatch(/❯ 1 Again/);
    press('enter');

    // Both cards are back within the session (learning steps of minutes), still counted to go; Esc ends it.
    await until(/show the answer|Your answer/);
    expect(printed(ctx).split('Review ·').at(-1)).toMatch(/^ 2 cards to go · learning/);
    press('escape');
    await expect(session).resolves.toMatchObject({ reviewed: 2, reviews: 2, grades: { good: 1, again: 1 }, left: true });
    expect(printed(ctx)).toContain('Reviewed 2 cards (Again 1, Good 1). Every grade is saved.');
    expect(printed(ctx)).toContain('2 cards still waiting.');
    expect(history(ctx.store.current)[choice.id]?.log.map((entry) => entry.grade)).toEqual(['again']);
  });

  it('shows the answer on Enter too, and grades 4 (Easy) with the key alone', async () => {
    const ctx = await tutorContext({ progress: deck(1), height: 60 });
    const session = runReview(ctx);
    await until('show the answer');
    press('enter');
    await until('How well did you know it?');
    screen.type('4');
    // Easy sends it days away: nothing else is due, and the session ends by itself.
    await expect(session).resolves.toMatchObject({ reviewed: 1, grades: { easy: 1 }, left: false });
    expect(printed(ctx)).toMatch(/Next: cards on 2026-01-\d\d \(in \d+ days\)\./);
    expect(history(ctx.store.current)[open.id]?.schedule?.state).toBe('review');
  });

  it('saves the interval the button showed, while the clock runs on between showing and grading', async () => {
    for (let run = 0; run < 6; run++) {
      const ctx = await tutorContext({ progress: deck(1), height: 60 });
      // Each look at the clock a quarter of a second later: FSRS's fuzz changes with the millisecond.
      let tick = 0;
      ctx.now = () => new Date(Date.parse('2026-01-15T10:00:00Z') + run * 7_919 + 250 * tick++);
      const session = runReview(ctx);
      await until('show the answer');
      press('enter');
      const grades = await until('How well did you know it?');
      const shown = Number(/4 Easy · (\d+) days/.exec(grades)?.[1]);
      screen.type('4');
      await session;
      const record = history(ctx.store.current)[open.id];
      expect(record?.schedule?.scheduledDays).toBe(shown);
      expect(Date.parse(record?.schedule?.due as string) - Date.parse(record?.log[0]?.at as string)).toBe(shown * 86_400_000);
    }
  });

  it('keeps every grade given when Ctrl+C leaves the program', async () => {
    const ctx = await tutorContext({ progress: deck(), height: 60 });
    const session = runReview(ctx);
    await until('show the answer');
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

  it('in the tutor, an empty deck points at starting a topic there, not at a shell command', async () => {
    const ctx = await tutorContext();
    await runReview(ctx, { inTutor: true });
    expect(printed(ctx)).toContain('"Start this topic"');
    expect(printed(ctx)).not.toContain('mlroadmap mark');
  });

  it.each([24, 40])(
    'never scrolls the top of the page away at 80 by %i: the question stays above the answer when both fit',
    async (height) => {
      const ctx = await tutorContext({ progress: deck(1), height });
      const session = runReview(ctx);
      await until('show the answer');
      press('space');
      const grades = await until('How well did you know it?');
      const page = printed(ctx).slice(printed(ctx).lastIndexOf('Review ·')).replace(/\n+$/, '');
      const shown = `${page}\n${grades}`;
      expect(shown.split('\n').length).toBeLessThanOrEqual(height);
      expect(shown).toContain(open.explanation.split('\n')[0]?.trim().slice(0, 30) as string);
      // This card's question, code and all, fits above its answer and the grades side by side.
      expect(shown).toContain(open.question.split('\n')[0]?.trim() as string);
      expect(shown).toMatch(/1 Again · 1 min +2 Hard · \d+ min +❯ 3 Good · 10 min +4 Easy/);
      press('escape');
      await session;
    },
  );
});

describe('the counts a learner reads agree', () => {
  it('counts cards, not grades: a card graded Again twice and then Good is one card, three reviews', async () => {
    const ctx = await tutorContext({ progress: deck(1), height: 60 });
    let minutes = 0;
    // The clock moves on, so the card in learning comes back.
    ctx.now = () => new Date(Date.parse('2026-01-15T10:00:00Z') + minutes * 60_000);
    const session = runReview(ctx);
    for (const key of ['1', '1']) {
      await until('show the answer');
      expect(printed(ctx).split('Review ·').at(-1)).toMatch(/^ 1 card to go/);
      press('space');
      await until('How well did you know it?');
      minutes += 2;
      screen.type(key);
    }
    await until('show the answer');
    press('space');
    await until('How well did you know it?');
    press('escape');
    await expect(session).resolves.toMatchObject({ reviewed: 1, reviews: 2, left: true });
    expect(printed(ctx)).toContain('2 reviews of 1 card (Again 2). Every grade is saved.');
    // The card is still coming back within minutes: it is still waiting, and said to be.
    expect(printed(ctx)).toContain('1 card still waiting.');
  });

  it('the menu, the welcome and review --stats give the same number as the session', async () => {
    const { runTutor } = await import('../../src/tutor/tutor.js');
    const { loadScheduler, recordGrade } = await import('../../src/progress/review.js');
    const scheduler = await loadScheduler();
    // One card graded Again a minute ago: due again within minutes, so a session would show it.
    let progress = deck(2);
    progress = recordGrade(progress, roadmap.id, open.id, 'again', new Date('2026-01-15T09:59:30Z'), scheduler);
    const ctx = await tutorContext({ progress, height: 60 });
    const stats = (await import('../../src/progress/review.js')).reviewStats(roadmap, packProgress(progress, roadmap.id), ctx.now());
    expect(stats.waiting).toBe(2);
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    expect(menu).toContain('Review (2 waiting)');
    expect(printed(ctx).replace(/\s+/g, ' ')).toContain('Today: review 2 cards ("Review")');
    await choose('Review (2 waiting)');
    await until(/show the answer|Your answer/);
    expect(printed(ctx)).toContain('Review · 2 cards to go');
    press('escape');
    await until('Where to now?');
    expect(printed(ctx)).toContain('2 cards still waiting.');
    press('escape');
    await until('What would you like to do?');
    press('escape');
    await tutor;
  });
});

describe('a window resized during a session', () => {
  it('in the tutor, lays the next card out at the new width, not the one the tutor started at', async () => {
    const { runTutor } = await import('../../src/tutor/tutor.js');
    const ctx = await tutorContext({ progress: deck(2), width: 40, height: 60 });
    const tutor = runTutor(ctx);
    await choose('Review (2 waiting)');
    await until('show the answer');
    const widest = () =>
      Math.max(
        ...printed(ctx)
          .slice(printed(ctx).lastIndexOf('Review ·'))
          .split('\n')
          .map((line) => line.length),
      );
    expect(widest()).toBeLessThanOrEqual(40);
    press('space');
    await until('How well did you know it?');
    // The learner widens the window (main.ts reads the new size on SIGWINCH).
    ctx.width = 160;
    screen.type('4');
    await until(/show the answer|Your answer/);
    expect(widest()).toBeGreaterThan(40);
    press('escape');
    await until('Where to now?');
    press('escape');
    await until('What would you like to do?');
    press('escape');
    await tutor;
  });
});
