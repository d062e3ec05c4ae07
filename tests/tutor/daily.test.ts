import { describe, expect, it } from 'vitest';
import { emptyProgress, packProgress, setTopicStatus, topicStatusOf } from '../../src/progress/model.js';
import { setPlan } from '../../src/progress/plan.js';
import { deckOf } from '../../src/progress/review.js';
import { addSession, sessionsOf } from '../../src/progress/studylog.js';
import { runTutor } from '../../src/tutor/tutor.js';
import { shippedRoadmap } from '../helpers.js';
import { choose, escapeOut, press, printed, screen, tutorContext, until } from './screen.js';

const roadmap = await shippedRoadmap();
const step = roadmap.steps[0];
const [topic, second] = step?.topics ?? [];
if (!step || !topic || !second) throw new Error('step 1 has two topics');
const cardsOf11 = roadmap.cards.filter((card) => card.topic === topic.id).length;
const said = (text: string) => text.replace(/\s+/g, ' ');

/** The choices of the list on screen, one a line, without the cursor. */
function listed(shown: string): string[] {
  return shown
    .split('\n')
    .filter((line) => /^(❯| {2}\S)/.test(line))
    .map((line) => line.slice(2));
}

describe("a learner's first day, in the tutor alone", () => {
  it('opens the next topic, starts it, logs the time, and reviews the cards it added with Space and 1-4', async () => {
    const ctx = await tutorContext({ height: 60 });
    const tutor = runTutor(ctx);
    await until('What would you like to do?');
    // The first run names the one thing to do.
    expect(said(printed(ctx))).toContain(`Today: start 1.1 ${topic.title} ("Continue").`);

    await choose('Continue: step 1');
    const page = await until('Topic 1.1: what now?');
    expect(printed(ctx)).toContain(`1.1 ${topic.title}`);
    expect(said(printed(ctx))).toContain(`Step 1 of ${roadmap.steps.length}, ${step.title}: topic 1 of ${step.topics?.length}.`);
    expect(listed(page)).toEqual([
      'Start this topic',
      'Mark as done',
      'Log time studied on this topic',
      'All topics of step 1',
      'Back to the menu',
    ]);

    await choose('Start this topic');
    const started = await until('Topic 1.1: what now?');
    expect(said(printed(ctx))).toContain(`Started 1.1 ${topic.title}: ${cardsOf11} review cards added to your deck.`);
    expect(listed(started)).toEqual([
      'Log time studied on this topic',
      'Mark as done',
      'Back to to-do',
      'All topics of step 1',
      'Back to the menu',
    ]);
    expect(topicStatusOf(packProgress(ctx.store.current, roadmap.id), step, topic.id)).toBe('doing');

    await choose('Log time studied on this topic');
    await until(`How long did you study 1.1 ${topic.title} today?`);
    screen.type('1h');
    press('enter');
    await until('A few words');
    press('enter');
    await until('Topic 1.1: what now?');
    expect(printed(ctx)).toContain(`Logged 1 h on 1.1 ${topic.title}.`);
    await choose('Back to the menu');

    const due = Math.min(cardsOf11, 10);
    const menu = await until('What would you like to do?');
    expect(menu).toContain(`Review (${due} waiting)`);
    await choose(`Review (${due} waiting)`);
    for (let card = 0; card < due; card++) {
      const shown = await until(/show the answer|Your answer/);
      expect(printed(ctx).split('Review ·').at(-1)).toMatch(new RegExp(`^ ${due - card} cards? to go`));
      if (shown.includes('Your answer')) press('enter');
      else press('space');
      await until('How well did you know it?');
      // Easy: days away, so each card is seen once.
      screen.type('4');
    }
    await until('Where to now?');
    expect(printed(ctx)).toContain(`Reviewed ${due} cards (Easy ${due}). Every grade is saved.`);
    await choose('Back to the menu');
    expect(await until('What would you like to do?')).toContain('Review (0 waiting)');
    await escapeOut(tutor);
    expect(sessionsOf(packProgress(ctx.store.current, roadmap.id))).toHaveLength(1);
  });

  it('logging time on a topic still to do, from its page, starts it and says so', async () => {
    const ctx = await tutorContext({ height: 60 });
    const tutor = runTutor(ctx);
    await choose('Continue: step 1');
    await choose('Log time studied on this topic');
    await until('How long did you study');
    screen.type('45m');
    press('enter');
    await until('A few words');
    press('enter');
    const after = await until('Topic 1.1: what now?');
    expect(said(printed(ctx))).toContain(`Started 1.1 ${topic.title}: ${cardsOf11} review cards added to your deck.`);
    expect(listed(after)).toContain('Back to to-do');
    expect(topicStatusOf(packProgress(ctx.store.current, roadmap.id), step, topic.id)).toBe('doing');
    await escapeOut(tutor);
  });

  it('marks a topic done, goes on to the next one, and puts one back to to-do, saying what left the deck', async () => {
    const progress = setTopicStatus(emptyProgress(), roadmap, step, [topic.id], 'doing', new Date('2026-01-14T09:00:00Z'));
    const ctx = await tutorContext({ progress, height: 60 });
    const tutor = runTutor(ctx);
    await choose('Continue: step 1');
    await choose('Mark as done');
    const done = await until('Topic 1.1: what now?');
    expect(printed(ctx)).toContain(`Marked 1.1 ${topic.title} as done.`);
    expect(listed(done)[0]).toBe(`Next topic: 1.2 ${second.title}`);
    press('enter');
    await until('Topic 1.2: what now?');
    await choose('All topics of step 1');
    // The step's topics, one key away: 1.1 ticked.
    const topics = await until('Topics: Space ticks');
    expect(topics).toContain(`[x] 1.1 ${topic.title}`);
    await choose(`1.1 ${topic.title}`);
    await choose('Back to to-do');
    await until('Topic 1.1: what now?');
    expect(said(printed(ctx))).toContain(
      `1.1 ${topic.title} is back to to-do: ${cardsOf11} review cards you had not reviewed left your deck.`,
    );
    expect(deckOf(roadmap, packProgress(ctx.store.current, roadmap.id))).toEqual([]);
    await escapeOut(tutor);
  });
});

describe('the welcome back names what to do today', () => {
  it.each([
    [80, 24],
    [40, 20],
    [120, 50],
  ])('a day later: the cards waiting, the topic to go on with, the week against the plan (%ix%i)', async (width, height) => {
    let progress = setTopicStatus(emptyProgress(), roadmap, step, [topic.id], 'doing', new Date('2026-01-14T09:00:00Z'));
    progress = addSession(progress, roadmap.id, { date: '2026-01-14', minutes: 90, topic: topic.id }, new Date('2026-01-14T20:00:00Z'));
    progress = setPlan(progress, roadmap.id, { hoursPerWeek: 5, start: '2026-01-12', steps: roadmap.steps.map((s) => s.id) });
    const ctx = await tutorContext({ progress, width, height });
    const tutor = runTutor(ctx);
    // Above the menu, or at the head of its question when the window has no room above it.
    const menu = await until('What would you like to do?');
    const text = said(`${printed(ctx)}\n${menu}`);
    expect(text).toContain(`Today: review ${Math.min(cardsOf11, 10)} cards ("Review"), then go on with 1.1 ${topic.title} ("Continue").`);
    expect(text).toContain('This week: 1.5 h of the 5 h planned, a 1-day streak.');
    await escapeOut(tutor);
  });
});

describe("a topic's exercises on its page", () => {
  it('lists them with their status, and how many have passed', async () => {
    const progress = emptyProgress();
    const at = '2026-01-14T09:00:00.000Z';
    progress.packs['ml-engineer'] = {
      steps: {},
      exercises: {
        'python-word-counts': { runs: 2, lastRunAt: at, lastResult: 'passed', passedAt: at, passedAfterRuns: 2, updatedAt: at },
        'python-parse-records': { runs: 1, lastRunAt: at, lastResult: 'failing', updatedAt: at },
      },
    };
    const ctx = await tutorContext({ progress });
    const tutor = runTutor(ctx);
    await choose('Continue: step 1');
    await until('Topic 1.1: what now?');
    const page = printed(ctx);
    expect(page).toContain('Exercises (1/4 passed)');
    expect(page).toMatch(/\[x\] python-word-counts/);
    expect(page).toMatch(/\[!\] python-parse-records/);
    expect(page).toMatch(/\[ \] python-batch-generator/);
    expect(page).toContain('Run their checks from "Exercises" in the menu.');
    await escapeOut(tutor);
  });
});
