import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PackProgress, PROGRESS_VERSION, type Progress, packProgress, parseProgress } from '../../src/progress/model.js';
import { type CardSchedule, GRADES, loadScheduler, nextCard, recordGrade, reviewStats } from '../../src/progress/review.js';
import { studyStats } from '../../src/progress/studylog.js';
import { exportJson, exportMarkdown, parseImport } from '../../src/progress/transfer.js';
import { localTime } from '../../src/render/time.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

// "What is accepted is what can be used": every progress file the check accepts (and so every
// export `import` accepts) works in the commands that read it and in a review session that grades
// it; whatever cannot is refused, naming the card.
const roadmap = await shippedRoadmap();
const scheduler = await loadScheduler();
const card = roadmap.cards[0] as { id: string; topic: string };
const NOW = new Date('2026-01-15T10:00:00Z');

/** Numbers at and beyond every bound a progress file's numbers have, and some in between. */
const number = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e-300, 0.001, 0.5, 1, 2, 5, 10, 10.5, 11, 100, 36_500, 36_501, 1e9, 1e9 + 1, 2 ** 53 - 1, 2 ** 53 + 2, 1e308),
  fc.double({ min: 0, max: 1e308, noNaN: true }),
  fc.double({ min: 0.001, max: 36_500, noNaN: true }),
  fc.integer({ min: 0, max: 1_000 }),
);
/** Times from year 0000 to 9999, with offsets that move them past either end. */
const time = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00.000Z',
    '0000-01-01T00:00:00+23:59',
    '1970-01-01T00:00:00Z',
    '2026-01-14T09:00:00.000Z',
    '2026-01-15T10:00:00.000Z',
    '2026-01-15T11:00:00.000Z',
    '2027-01-01T00:00:00.000Z',
    '9999-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999-23:59',
  ),
  fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);
const schedule = fc.record({
  due: time,
  state: fc.constantFrom('learning', 'review', 'relearning'),
  stability: number,
  difficulty: number,
  scheduledDays: number,
  learningSteps: number,
  reps: number,
  lapses: number,
  lastReview: time,
});
const reviewRecord = fc.record(
  {
    added: time,
    log: fc.array(fc.record({ at: time, grade: fc.constantFrom(...GRADES) }), { maxLength: 3 }),
    schedule,
  },
  { requiredKeys: ['log'] },
);
const pack = fc.record({
  reviews: fc.constant(null).chain(() => reviewRecord.map((record) => ({ [card.id]: record }))),
  studyLog: fc.array(
    fc.record({
      id: number,
      date: fc.constantFrom('0000-01-01', '2026-01-15', '9999-12-31'),
      minutes: number,
      at: time,
    }),
    { maxLength: 2 },
  ),
});

/** Mostly numbers a file holds, sometimes one at or past an edge. */
const count = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: number });
/** The other record kinds, each at the edges of its numbers and dates. */
const date = fc.constantFrom('0000-01-01', '2026-01-15', '9999-12-31');
const otherRecords = fc.record(
  {
    quizzes: fc.record({
      [roadmap.quizzes[0]?.id as string]: fc.record({
        best: count,
        total: count,
        attempts: fc.array(fc.record({ at: time, score: count }), { maxLength: 2 }),
      }),
    }),
    assessments: fc.record({ [roadmap.skills[0]?.id as string]: fc.array(fc.record({ at: time, rating: count }), { maxLength: 2 }) }),
    plan: fc.record({
      hoursPerWeek: fc.oneof(count, fc.double({ min: 0, max: 200, noNaN: true })),
      start: date,
      steps: fc.constant(roadmap.steps.map((step) => step.id)),
    }),
    projects: fc.record({
      [roadmap.projects[0]?.id as string]: fc.record(
        {
          started: time,
          folder: fc.constant('/nowhere'),
          milestones: fc.record({ [roadmap.phases[0]?.id as string]: fc.record({ at: time }) }),
        },
        { requiredKeys: [] },
      ),
    }),
    notes: fc.record({ [roadmap.steps[0]?.id as string]: fc.array(fc.record({ at: time, text: fc.string() }), { maxLength: 2 }) }),
    stepRecords: fc.record(
      { status: fc.constantFrom('doing', 'done', 'skipped'), updatedAt: time, completedAt: time },
      { requiredKeys: ['status', 'updatedAt'] },
    ),
  },
  { requiredKeys: [] },
);

function progressOf(extra: Record<string, unknown>): unknown {
  const topics = { [card.topic]: { status: 'doing', updatedAt: '2026-01-01T00:00:00.000Z' } };
  return { version: PROGRESS_VERSION, packs: { [roadmap.id]: { steps: {}, topics, ...extra } } };
}

/** Everything a learner's commands do with a pack's reviews and study log, short of printing. */
function useEverything(progress: Progress, now: Date): void {
  const pack = packProgress(progress, roadmap.id);
  reviewStats(roadmap, pack, now);
  studyStats(pack, now);
  exportMarkdown(roadmap, progress, now);
  const next = nextCard(roadmap, pack, now);
  const record = (pack.reviews as Record<string, { schedule?: CardSchedule }> | undefined)?.[card.id];
  // A review session grades the card whether or not it is due today: each grade must give a schedule
  // the check accepts, so the file stays readable after the session.
  for (const grade of GRADES) {
    const graded = recordGrade(progress, roadmap.id, card.id, grade, now, scheduler);
    const again = parseProgress(JSON.parse(JSON.stringify(graded)));
    expect(again, `after ${grade} on ${JSON.stringify(record?.schedule)}`).toHaveProperty('progress');
  }
  expect(next === undefined || next.card.id.length > 0).toBe(true);
  const round = parseImport(JSON.stringify(exportJson(roadmap, progress, now)), roadmap);
  expect(round).toHaveProperty('progress');
}

describe('every progress file the check accepts', () => {
  it('works in review statistics, a review session, the study log and export → import, today and on other days', () => {
    let accepted = 0;
    fc.assert(
      fc.property(pack, fc.constantFrom(NOW, new Date('2026-01-15T09:00:00Z'), new Date('2031-06-01T00:00:00Z')), (extra, now) => {
        const parsed = parseProgress(progressOf(extra));
        if ('problem' in parsed) {
          // Refused: with a sentence that names what to look at.
          if (parsed.problem.includes('review history')) expect(parsed.problem).toContain(`card "${card.id}"`);
          return;
        }
        accepted++;
        useEverything(parsed.progress, now);
      }),
      // A fixed seed: the same 600 files on every run, so the count below is the same on every run too.
      { numRuns: 600, seed: 20261206 },
    );
    // The generator reaches both sides of the line, or the test proves little.
    expect(accepted).toBeGreaterThan(20);
  });

  it.each<[string, Partial<CardSchedule>]>([
    ['a last review in year 9999 (FSRS: "Invalid delta_t")', { lastReview: '9999-01-01T00:00:00.000Z' }],
    ['a last review an hour ahead of the clock', { lastReview: '2026-01-15T11:00:00.000Z' }],
  ])('grades a card with %s, as made now', (_name, change) => {
    const saved: CardSchedule = {
      due: '2026-01-14T00:00:00.000Z',
      state: 'review',
      stability: 3,
      difficulty: 5,
      scheduledDays: 1,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      lastReview: '2026-01-13T00:00:00.000Z',
      ...change,
    };
    const parsed = parseProgress(progressOf({ reviews: { [card.id]: { log: [], schedule: saved } } }));
    if ('problem' in parsed) throw new Error(parsed.problem);
    const next = scheduler.preview(saved, NOW);
    expect(Date.parse(next.good.due)).toBeGreaterThan(NOW.getTime());
    expect(next.again.lastReview).toBe(NOW.toISOString());
  });
});

describe('a progress file the scheduler cannot use', () => {
  const schedule = {
    due: '2026-01-14T00:00:00.000Z',
    state: 'learning',
    stability: 3,
    difficulty: 5,
    scheduledDays: 1,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    lastReview: '2026-01-13T00:00:00.000Z',
  };
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a stability of 1e308 (FSRS: "Invalid time value")',
      { stability: 1e308, difficulty: 1e308 },
      /"stability" is 1e\+308, not a number from 0\.001 to 36,500/,
    ],
    ['a difficulty of 1e308', { difficulty: 1e308 }, /"difficulty" is 1e\+308/],
    ['a stability of 0 (FSRS: "Invalid memory state")', { stability: 0 }, /"stability" is 0/],
    ['a difficulty below 1', { difficulty: 0.5 }, /"difficulty" is 0\.5/],
    [
      'learning steps of 0.5 (FSRS reads step 0.5 of its list: a TypeError)',
      { learningSteps: 0.5 },
      /"learningSteps" is 0\.5, not a whole number/,
    ],
    ['reps past 2^53, where adding one changes nothing', { reps: 2 ** 53 + 2 }, /"reps" is 9007199254740994/],
    ['an interval of 36,501 days, past what FSRS schedules', { scheduledDays: 36_501 }, /"scheduledDays" is 36501/],
  ])('is refused on %s, naming the card and the field', async (_name, change, problem) => {
    const parsed = parseProgress(progressOf({ reviews: { [card.id]: { log: [], schedule: { ...schedule, ...change } } } }));
    expect(parsed).toEqual({ problem: expect.stringMatching(problem) });
    expect((parsed as { problem: string }).problem).toContain(`the review history of card "${card.id}"`);

    // import says so, one line, and changes nothing.
    const ctx = await makeContext();
    const file = `${process.env.TMPDIR ?? '/tmp'}/mlroadmap-accepted-${process.pid}.json`;
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'mlroadmap-progress',
        version: 1,
        pack: roadmap.id,
        progress: (progressOf({ reviews: { [card.id]: { log: [], schedule: { ...schedule, ...change } } } }) as Progress).packs[
          roadmap.id
        ] as PackProgress,
      }),
    );
    try {
      const result = await runCli(ctx, ['import', file, '--yes']);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(new RegExp(`card "${card.id}" has a schedule whose`));
      expect(result.err.split('\n')).toHaveLength(1);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe('commands over accepted files', () => {
  it('every command that reads progress runs on accepted files of every record kind, at the edges of their numbers and dates', async () => {
    const samples = fc.sample(fc.tuple(pack, otherRecords), { numRuns: 3000, seed: 20 });
    let ran = 0;
    for (const [reviews, others] of samples) {
      const { stepRecords, ...rest } = others;
      const extra = { ...reviews, ...rest, ...(stepRecords ? { steps: { [roadmap.steps[0]?.id as string]: stepRecords } } : {}) };
      const parsed = parseProgress(progressOf(extra));
      if ('problem' in parsed) continue;
      const ctx = await makeContext({ progress: parsed.progress });
      for (const args of [
        ['review', '--stats'],
        ['review', '--list', '--json'],
        ['progress'],
        ['progress', '--json'],
        ['export'],
        ['export', '--format', 'json'],
        ['log'],
        ['plan'],
        ['quiz', '--list'],
        ['projects'],
        ['project', '1'],
        ['roadmap'],
        ['next'],
        ['step', '1'],
        ['skills', roadmap.skills[0]?.id as string],
      ]) {
        const result = await runCli(ctx, args);
        expect(result, `${args.join(' ')} on ${JSON.stringify(extra)}`).toMatchObject({ code: 0, err: '' });
      }
      if (++ran === 20) break;
    }
    expect(ran).toBe(20);
  });
});

describe('numbers a later change would push past what the check accepts', () => {
  it('a study log numbered up to the highest session number: the next session takes the lowest free number, and the file stays readable', async () => {
    const log = [
      { id: 1, date: '2026-01-10', minutes: 30, at: '2026-01-10T10:00:00.000Z' },
      { id: 1_000_000_000, date: '2026-01-11', minutes: 30, at: '2026-01-11T10:00:00.000Z' },
    ];
    const parsed = parseProgress(progressOf({ studyLog: log }));
    if ('problem' in parsed) throw new Error(parsed.problem);
    const ctx = await makeContext({ progress: parsed.progress });
    expect(await runCli(ctx, ['log', '20m'])).toMatchObject({ code: 0, out: expect.stringContaining('(session 2)') });
    expect(await runCli(ctx, ['log', '20m'])).toMatchObject({ code: 0, out: expect.stringContaining('(session 3)') });
    expect(parseProgress(JSON.parse(JSON.stringify(ctx.store.current)))).toHaveProperty('progress');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a session numbered 2^53 - 1 (one more is not a new number)',
      { studyLog: [{ id: 2 ** 53 - 1, date: '2026-01-10', minutes: 30, at: '2026-01-10T10:00:00.000Z' }] },
      /study session 1 is not \{ id 1-1,000,000,000/,
    ],
    [
      'a quiz best of 1e308',
      { quizzes: { phases: { best: 1e308, total: 6, attempts: [{ at: '2026-01-10T10:00:00.000Z', score: 1 }] } } },
      /quiz "phases"/,
    ],
    [
      'a quiz best above its total',
      { quizzes: { phases: { best: 50, total: 3, attempts: [{ at: '2026-01-10T10:00:00.000Z', score: 1 }] } } },
      /quiz "phases"/,
    ],
  ])('refuses %s', (_name, extra, problem) => {
    expect(parseProgress(progressOf(extra))).toEqual({ problem: expect.stringMatching(problem) });
  });
});

describe('times saved with a UTC offset', () => {
  it.each([
    // The learner's local time of that instant (07:30 UTC): the suite's zone decides the digits.
    ['2026-03-01T09:30:00+02:00', `due ${localTime('2026-03-01T07:30:00Z')}`],
    ['9999-12-31T23:59:59-23:59', 'due 9999-12-31T23:59:59-23:59'],
  ])('review --list shows a card due %s as "%s"', async (due, shown) => {
    const schedule = {
      due,
      state: 'review',
      stability: 3,
      difficulty: 5,
      scheduledDays: 1,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      lastReview: '2026-01-13T00:00:00.000Z',
    };
    const parsed = parseProgress(progressOf({ reviews: { [card.id]: { log: [], schedule } } }));
    if ('problem' in parsed) throw new Error(parsed.problem);
    const result = await runCli(await makeContext({ progress: parsed.progress }), ['review', '--list']);
    expect(result.out).toMatch(new RegExp(`^${card.id}\\s+\\S+ · review · ${shown.replace(/[+]/g, '\\+')}$`, 'm'));
  });
});
