import { describe, expect, it } from 'vitest';
import { emptyProgress, type Progress, packProgress, parseProgress, setStepStatus, setTopicStatus } from '../../src/progress/model.js';
import {
  addCards,
  DEFAULT_NEW_CARDS_PER_DAY,
  deckOf,
  describeInterval,
  dueCards,
  type Grade,
  loadScheduler,
  nextCard,
  recordGrade,
  reviewStats,
  reviewsOf,
  setNewCardsPerDay,
} from '../../src/progress/review.js';
import { shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const scheduler = await loadScheduler();
const DAY = 86_400_000;
const start = new Date('2026-03-02T09:00:00Z');
const step1 = roadmap.steps[0];
if (!step1?.topics) throw new Error('step 1 has topics');
const topic = step1.topics[0]?.id as string;
const cardsOf = (topicId: string) => roadmap.cards.filter((card) => card.topic === topicId).map((card) => card.id);

function started(topicIds: string[], progress: Progress = emptyProgress()): Progress {
  return setTopicStatus(progress, roadmap, step1 as never, topicIds, 'doing', start);
}

function grade(progress: Progress, cardId: string, given: Grade, at: Date): Progress {
  return recordGrade(progress, roadmap.id, cardId, given, at, scheduler);
}

describe('the shipped question bank', () => {
  it('has at least 150 cards of the four kinds, every topic id resolving, ids unique', () => {
    const topics = new Set(roadmap.steps.flatMap((step) => (step.topics ?? []).map((t) => t.id)));
    expect(roadmap.cards.length).toBeGreaterThanOrEqual(150);
    expect(new Set(roadmap.cards.map((card) => card.kind))).toEqual(new Set(['concept', 'choice', 'scenario', 'code']));
    expect(roadmap.cards.filter((card) => !topics.has(card.topic))).toEqual([]);
    expect(new Set(roadmap.cards.map((card) => card.id)).size).toBe(roadmap.cards.length);
  });

  it('gives every card a question, an answer and an explanation; a multiple-choice answer is one of four distinct choices', () => {
    for (const card of roadmap.cards) {
      expect(card.question.trim().length, card.id).toBeGreaterThan(10);
      expect(card.answer.trim().length, card.id).toBeGreaterThan(0);
      expect(card.explanation.trim().length, card.id).toBeGreaterThan(20);
      if (card.choices) {
        expect(card.choices, card.id).toHaveLength(4);
        expect(new Set(card.choices.map((choice) => choice.trim())).size, card.id).toBe(4);
        expect(
          card.choices.map((choice) => choice.trim()),
          card.id,
        ).toContain(card.answer.trim());
      }
    }
  });

  it('tests understanding, not recall of an article', () => {
    const recall = roadmap.cards.filter((card) =>
      /source guide|the guide (says|gives|lists)|according to the (guide|article)/i.test(card.question),
    );
    expect(recall.map((card) => card.id)).toEqual([]);
  });

  it('has cards for most topics, so starting a topic brings something to review', () => {
    const topics = roadmap.steps.flatMap((step) => step.topics ?? []);
    const covered = topics.filter((t) => cardsOf(t.id).length > 0);
    expect(covered.length / topics.length).toBeGreaterThan(0.6);
  });
});

describe('the deck', () => {
  it('is empty until a topic is started, then holds its cards, new', () => {
    expect(deckOf(roadmap, packProgress(emptyProgress(), roadmap.id))).toEqual([]);
    const deck = deckOf(roadmap, packProgress(started([topic]), roadmap.id));
    expect(deck.map((entry) => entry.card.id)).toEqual(cardsOf(topic));
    expect(deck.every((entry) => entry.state === 'new' && entry.due === undefined && entry.topicNumber === '1.1')).toBe(true);
  });

  it("takes a step's cards when the step is checked done as a whole, but not an optional topic's not taken up", () => {
    const done = setStepStatus(emptyProgress(), roadmap, [step1.id], 'done', start);
    expect(step1.topics?.some((t) => t.optional)).toBe(true);
    const expected = (step1.topics ?? []).filter((t) => !t.optional).flatMap((t) => cardsOf(t.id));
    expect(deckOf(roadmap, packProgress(done, roadmap.id)).map((entry) => entry.card.id)).toEqual(expected);
  });

  it('takes cards added on request, before their topic is started', () => {
    const later = roadmap.steps.at(-2)?.topics?.[0]?.id as string;
    const wanted = cardsOf(later).slice(0, 1);
    expect(wanted).toHaveLength(1);
    const progress = addCards(emptyProgress(), roadmap.id, wanted, start);
    expect(deckOf(roadmap, packProgress(progress, roadmap.id)).map((entry) => entry.card.id)).toEqual(wanted);
  });

  it('keeps the review history of a card the content no longer has, and counts it for nothing', () => {
    const card = cardsOf(topic)[0] as string;
    const progress = grade(started([topic]), card, 'good', start);
    const without = { ...roadmap, cards: roadmap.cards.filter((c) => c.id !== card) };
    const pack = packProgress(progress, roadmap.id);
    expect(deckOf(without, pack).map((entry) => entry.card.id)).not.toContain(card);
    expect(reviewsOf(pack)[card]?.log).toHaveLength(1);
    // And the file keeps it through a save and a read.
    const reread = parseProgress(JSON.parse(JSON.stringify(progress)));
    expect('progress' in reread && reviewsOf(packProgress(reread.progress, roadmap.id))[card]?.log).toHaveLength(1);
  });
});

describe('new cards a day', () => {
  const many = (step1.topics ?? []).map((t) => t.id);
  const progress = started(many);
  const available = deckOf(roadmap, packProgress(progress, roadmap.id)).length;

  it(`shows at most ${DEFAULT_NEW_CARDS_PER_DAY} new cards a day unless set otherwise, counting those started today`, () => {
    expect(available).toBeGreaterThan(DEFAULT_NEW_CARDS_PER_DAY);
    const stats = reviewStats(roadmap, packProgress(progress, roadmap.id), start);
    expect(stats).toMatchObject({ new: available, newToday: DEFAULT_NEW_CARDS_PER_DAY, due: 0, total: available });
    const first = dueCards(roadmap, packProgress(progress, roadmap.id), start);
    let graded = progress;
    for (const entry of first.slice(0, 3)) graded = grade(graded, entry.card.id, 'easy', start);
    expect(reviewStats(roadmap, packProgress(graded, roadmap.id), start).newToday).toBe(DEFAULT_NEW_CARDS_PER_DAY - 3);
    // The next day the limit starts again.
    expect(reviewStats(roadmap, packProgress(graded, roadmap.id), new Date(start.getTime() + DAY)).newToday).toBe(
      DEFAULT_NEW_CARDS_PER_DAY,
    );
  });

  it('takes the limit the learner set, 0 included', () => {
    expect(reviewStats(roadmap, packProgress(setNewCardsPerDay(progress, roadmap.id, 3), roadmap.id), start).newToday).toBe(3);
    const none = setNewCardsPerDay(progress, roadmap.id, 0);
    expect(nextCard(roadmap, packProgress(none, roadmap.id), start)).toBeUndefined();
  });
});

describe('scheduling with FSRS', () => {
  it('brings a card graded Again back within the session, and one graded Good back later', () => {
    const [card] = cardsOf(topic) as [string];
    const again = grade(started([topic]), card, 'again', start);
    const record = reviewsOf(packProgress(again, roadmap.id))[card];
    expect(record?.schedule?.state).toBe('learning');
    expect(Date.parse(record?.schedule?.due as string) - start.getTime()).toBeLessThanOrEqual(10 * 60_000);
    // Not due yet, but within the session's look-ahead: shown again before the session ends.
    expect(nextCard(roadmap, packProgress(setNewCardsPerDay(again, roadmap.id, 0), roadmap.id), start)?.card.id).toBe(card);
  });

  it('makes the intervals of a card the learner keeps knowing grow, and shrinks them after a lapse', () => {
    const [card] = cardsOf(topic) as [string];
    let progress = started([topic]);
    let now = start;
    const intervals: number[] = [];
    for (let i = 0; i < 6; i++) {
      progress = grade(progress, card, 'good', now);
      const schedule = reviewsOf(packProgress(progress, roadmap.id))[card]?.schedule;
      if (!schedule) throw new Error('graded card without a schedule');
      const due = new Date(schedule.due);
      intervals.push(due.getTime() - now.getTime());
      // The learner comes back when it is due.
      now = due;
    }
    // Past the learning steps, each interval is longer than the one before.
    const days = intervals.map((ms) => ms / DAY);
    expect(days.at(-1)).toBeGreaterThan(14);
    for (let i = 2; i < days.length; i++) expect(days[i]).toBeGreaterThan(days[i - 1] as number);
    const before = reviewsOf(packProgress(progress, roadmap.id))[card]?.schedule;
    progress = grade(progress, card, 'again', now);
    const after = reviewsOf(packProgress(progress, roadmap.id))[card]?.schedule;
    expect(after).toMatchObject({ state: 'relearning', lapses: (before?.lapses ?? 0) + 1 });
    expect(Date.parse(after?.due as string) - now.getTime()).toBeLessThan(DAY);
    expect(reviewsOf(packProgress(progress, roadmap.id))[card]?.log.map((entry) => entry.grade)).toEqual([
      'good',
      'good',
      'good',
      'good',
      'good',
      'good',
      'again',
    ]);
  });

  it('counts cards due, learning and reviewed today, and the next due time', () => {
    const [a, b] = cardsOf(topic) as [string, string];
    let progress = setNewCardsPerDay(started([topic]), roadmap.id, 0);
    progress = grade(progress, a, 'good', start);
    progress = grade(progress, b, 'easy', start);
    const pack = packProgress(progress, roadmap.id);
    const stats = reviewStats(roadmap, pack, start);
    const dueA = reviewsOf(pack)[a]?.schedule?.due as string;
    expect(stats).toMatchObject({ due: 0, learning: 1, reviewedToday: 2, nextDue: dueA, newToday: 0 });
    expect(reviewStats(roadmap, pack, new Date(Date.parse(dueA) + 1000)).due).toBe(1);
  });
});

describe('describeInterval', () => {
  it.each([
    [30_000, '1 min'],
    [10 * 60_000, '10 min'],
    [5 * 3_600_000, '5 h'],
    [DAY, '1 day'],
    [9 * DAY, '9 days'],
    [75 * DAY, '2.5 months'],
    [800 * DAY, '2.2 years'],
  ])('%i ms is "%s"', (ms, words) => {
    expect(describeInterval(start, new Date(start.getTime() + ms).toISOString())).toBe(words);
  });
});

describe('review data in the progress file', () => {
  const file = (pack: Record<string, unknown>) => parseProgress({ version: 1, packs: { [roadmap.id]: { steps: {}, ...pack } } });

  it.each([
    ['reviews not an object', { reviews: [] }],
    ['a log that is not a list', { reviews: { x: { log: {} } } }],
    ['an unknown grade', { reviews: { x: { log: [{ at: '2026-01-01T00:00:00Z', grade: 'meh' }] } } }],
    ['a time that is not a time', { reviews: { x: { log: [{ at: 'yesterday', grade: 'good' }] } } }],
    [
      'a schedule with a negative stability',
      {
        reviews: {
          x: {
            log: [],
            schedule: {
              due: '2026-01-01T00:00:00Z',
              lastReview: '2026-01-01T00:00:00Z',
              state: 'review',
              stability: -1,
              difficulty: 5,
              scheduledDays: 1,
              learningSteps: 0,
              reps: 1,
              lapses: 0,
            },
          },
        },
      },
    ],
    ['a new-card limit that is not a whole number', { settings: { newCardsPerDay: 2.5 } }],
    ['a session of 0 minutes', { studyLog: [{ id: 1, date: '2026-01-01', minutes: 0, at: '2026-01-01T00:00:00Z' }] }],
    [
      'two sessions with one number',
      { studyLog: [1, 1].map((id) => ({ id, date: '2026-01-01', minutes: 5, at: '2026-01-01T00:00:00Z' })) },
    ],
    ['a session on a day that does not exist', { studyLog: [{ id: 1, date: '2026-02-30', minutes: 5, at: '2026-01-01T00:00:00Z' }] }],
  ])('refuses %s, never repairing it', (_, pack) => {
    expect(file(pack)).toHaveProperty('problem');
  });

  it('reads valid history, and keeps keys it does not know', () => {
    const pack = {
      reviews: { x: { log: [{ at: '2026-01-01T00:00:00Z', grade: 'good' }], later: true } },
      settings: { newCardsPerDay: 20, theme: 'dark' },
      studyLog: [{ id: 1, date: '2026-01-01', minutes: 30, at: '2026-01-01T00:00:00Z', topic: 'python-basics' }],
    };
    const parsed = file(pack);
    expect(parsed).toHaveProperty('progress');
    if ('progress' in parsed) expect(packProgress(parsed.progress, roadmap.id)).toMatchObject(pack);
  });
});

describe('the counts of the deck', () => {
  /** reviewStats' deck counts as deckOf's deck gives them: what the counts were worked out from before. */
  function fromDeck(pack: ReturnType<typeof packProgress>, now: Date) {
    const deck = deckOf(roadmap, pack);
    const at = now.getTime();
    const dated = deck.filter((entry) => entry.due !== undefined);
    const later = dated.filter((entry) => Date.parse(entry.due as string) > at);
    const next = later.sort((a, b) => Date.parse(a.due as string) - Date.parse(b.due as string))[0];
    return {
      total: deck.length,
      new: deck.filter((entry) => entry.state === 'new').length,
      learning: deck.filter((entry) => entry.state === 'learning' || entry.state === 'relearning').length,
      due: dated.filter((entry) => Date.parse(entry.due as string) <= at).length,
      soon: later.filter(
        (entry) => (entry.state === 'learning' || entry.state === 'relearning') && Date.parse(entry.due as string) <= at + 20 * 60_000,
      ).length,
      nextDue: next?.due,
    };
  }

  it('are those of the deck deckOf makes, for topics started, done and skipped, cards added, graded and overdue', () => {
    const ids = roadmap.steps.flatMap((step) => (step.topics ?? []).map((t) => ({ step, id: t.id })));
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const seen = new Set<string>();
    for (let round = 0; round < 12; round++) {
      let progress = emptyProgress();
      // Some steps done (their topics count as done), some topics under way, done or skipped.
      for (const step of roadmap.steps) if (random() < 0.15) progress = setStepStatus(progress, roadmap, [step.id], 'done', start);
      for (const { step, id } of ids) {
        const roll = random();
        if (roll < 0.2) progress = setTopicStatus(progress, roadmap, step as never, [id], roll < 0.1 ? 'doing' : 'done', start);
        else if (roll < 0.25) progress = setTopicStatus(progress, roadmap, step as never, [id], 'skipped', start);
      }
      // Cards added ahead of their topic, and cards graded over a few weeks: some again (in learning), some not.
      progress = addCards(
        progress,
        roadmap.id,
        roadmap.cards.filter(() => random() < 0.03).map((card) => card.id),
        start,
      );
      const graded = roadmap.cards.filter(() => random() < 0.1);
      for (const card of graded) {
        const when = new Date(start.getTime() + Math.floor(random() * 20 * DAY));
        const given = (['again', 'hard', 'good', 'easy'] as const)[Math.floor(random() * 4)] as Grade;
        progress = grade(progress, card.id, given, when);
      }
      // And one forgotten a minute before a time looked at: back within minutes, so "soon".
      const soonAt = new Date(start.getTime() + 30 * DAY);
      progress = grade(progress, (graded[0] ?? roadmap.cards[round])?.id as string, 'again', new Date(soonAt.getTime() - 60_000));
      const pack = packProgress(progress, roadmap.id);
      // Five minutes before a card in review is due: due soon, but not a card in learning.
      const inReview = Object.values(reviewsOf(pack)).find((record) => record.schedule?.state === 'review');
      const beforeDue = inReview?.schedule ? [new Date(Date.parse(inReview.schedule.due) - 5 * 60_000)] : [];
      for (const now of [
        start,
        new Date(start.getTime() + 10 * DAY + 7 * 60_000),
        soonAt,
        new Date(start.getTime() + 40 * DAY),
        ...beforeDue,
      ]) {
        const stats = reviewStats(roadmap, pack, now);
        const expected = fromDeck(pack, now);
        expect({ ...stats, nextDue: stats.nextDue }, `round ${round} at ${now.toISOString()}`).toMatchObject(expected);
        expect(stats.waiting).toBe(stats.due + stats.newToday + stats.soon);
        for (const key of ['total', 'new', 'learning', 'due', 'soon'] as const) if (stats[key] > 0) seen.add(key);
        if (stats.nextDue) seen.add('nextDue');
      }
    }
    // Every count was more than 0 somewhere: each was compared, not only its zero.
    expect([...seen].sort()).toEqual(['due', 'learning', 'new', 'nextDue', 'soon', 'total']);
  });
});
