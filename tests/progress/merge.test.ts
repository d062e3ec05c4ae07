import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addAssessment } from '../../src/progress/assess.js';
import { recordExerciseRun } from '../../src/progress/exercises.js';
import { mergeProgress, replay, TOMBSTONE_DAYS } from '../../src/progress/merge.js';
import {
  addNote,
  clearPack,
  deleteNote,
  emptyProgress,
  notesOf,
  type Progress,
  packProgress,
  setStatus,
} from '../../src/progress/model.js';
import { setMilestones } from '../../src/progress/projects.js';
import {
  type Grade,
  loadScheduler,
  loadSchedulers,
  recordGrade,
  reviewsOf,
  setDesiredRetention,
  setNewCardsPerDay,
} from '../../src/progress/review.js';
import { addSession, deleteSession, sessionsOf } from '../../src/progress/studylog.js';
import { trackChange } from '../../src/progress/track.js';

const scheduler = await loadScheduler();
const PACK = 'p';
const STEPS = ['s1', 's2', 's3'];
const CARDS = ['c1', 'c2'];
const GRADES: Grade[] = ['again', 'hard', 'good', 'easy'];
const T0 = Date.parse('2026-05-01T10:00:00.000Z');

type Op =
  | { kind: 'status'; step: number; status: 'todo' | 'doing' | 'done' | 'skipped' }
  | { kind: 'note'; step: number; text: string }
  | { kind: 'unnote'; step: number; index: number }
  | { kind: 'session'; minutes: number }
  | { kind: 'unsession'; index: number }
  | { kind: 'grade'; card: number; grade: number }
  | { kind: 'setting'; value: number }
  | { kind: 'milestone'; phase: number; done: boolean }
  | { kind: 'exercise'; passed: boolean }
  | { kind: 'assess'; rating: number }
  | { kind: 'reset' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), step: fc.nat(2), status: fc.constantFrom('todo', 'doing', 'done', 'skipped') }),
  fc.record({ kind: fc.constant('note' as const), step: fc.nat(2), text: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('unnote' as const), step: fc.nat(2), index: fc.nat(3) }),
  fc.record({ kind: fc.constant('session' as const), minutes: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ kind: fc.constant('unsession' as const), index: fc.nat(3) }),
  fc.record({ kind: fc.constant('grade' as const), card: fc.nat(1), grade: fc.nat(3) }),
  fc.record({ kind: fc.constant('setting' as const), value: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('milestone' as const), phase: fc.nat(2), done: fc.boolean() }),
  fc.record({ kind: fc.constant('exercise' as const), passed: fc.boolean() }),
  fc.record({ kind: fc.constant('assess' as const), rating: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('reset' as const) }),
);

/** One change as a command makes it, stamped as the store stamps it. */
function apply(progress: Progress, change: Op, at: Date): Progress {
  let next = progress;
  const pack = packProgress(progress, PACK);
  switch (change.kind) {
    case 'status':
      next = setStatus(progress, PACK, [STEPS[change.step] as string], change.status, at);
      break;
    case 'note':
      next = addNote(progress, PACK, STEPS[change.step] as string, change.text, at);
      break;
    case 'unnote':
      if (change.index < notesOf(pack, STEPS[change.step] as string).length)
        next = deleteNote(progress, PACK, STEPS[change.step] as string, change.index);
      break;
    case 'session':
      next = addSession(progress, PACK, { date: at.toISOString().slice(0, 10), minutes: change.minutes }, at);
      break;
    case 'unsession': {
      const session = sessionsOf(pack)[change.index];
      if (session) next = deleteSession(progress, PACK, session.id);
      break;
    }
    case 'grade':
      next = recordGrade(progress, PACK, CARDS[change.card] as string, GRADES[change.grade] as Grade, at, scheduler);
      break;
    case 'setting':
      next = setNewCardsPerDay(progress, PACK, change.value);
      break;
    case 'milestone':
      next = setMilestones(progress, PACK, 'proj', [`m${change.phase}`], change.done, at);
      break;
    case 'exercise':
      next = recordExerciseRun(progress, PACK, 'ex', change.passed, at);
      break;
    case 'assess':
      next = addAssessment(progress, PACK, 'skill', change.rating, at);
      break;
    case 'reset':
      // As the store's reset does: the pack cleared, the reset dated.
      return { ...clearPack(progress, PACK), epochs: { ...progress.epochs, [PACK]: { at: at.toISOString(), why: 'reset' } } };
  }
  return trackChange(progress, next, at.toISOString());
}

/** A machine's history: its changes, each a few seconds (or the same millisecond) after the last. */
const history = fc.array(fc.tuple(op, fc.integer({ min: 0, max: 5000 })), { maxLength: 12 });

function run(base: Progress, changes: [Op, number][], start: number): { progress: Progress; end: number } {
  let at = start;
  let progress = base;
  for (const [change, gap] of changes) {
    at += gap;
    progress = apply(progress, change, new Date(at));
  }
  return { progress, end: at };
}

/** JSON with keys in order, so two objects built in different orders compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

const merge = (a: Progress, b: Progress, now: Date) => mergeProgress(a, b, now, scheduler).progress;

describe('merging two machines’ progress (property)', () => {
  const twoMachines = fc.tuple(history, history, history);
  const setup = ([shared, onA, onB]: [Op, number][][]) => {
    const base = run(emptyProgress(), shared as [Op, number][], T0);
    const a = run(base.progress, onA as [Op, number][], base.end + 1000);
    const b = run(base.progress, onB as [Op, number][], base.end + 1000);
    return { base: base.progress, a: a.progress, b: b.progress, now: new Date(Math.max(a.end, b.end) + 60_000) };
  };

  it('gives the same result in either order', () => {
    fc.assert(
      fc.property(twoMachines, (histories) => {
        const { a, b, now } = setup(histories);
        expect(canonical(merge(a, b, now))).toBe(canonical(merge(b, a, now)));
      }),
      { numRuns: 150 },
    );
  });

  it('changes nothing when merged again, with either side or itself', () => {
    fc.assert(
      fc.property(twoMachines, (histories) => {
        const { a, b, now } = setup(histories);
        const m = merge(a, b, now);
        expect(canonical(merge(m, m, now))).toBe(canonical(m));
        expect(canonical(merge(m, a, now))).toBe(canonical(m));
        expect(canonical(merge(b, m, now))).toBe(canonical(m));
      }),
      { numRuns: 150 },
    );
  });

  it('drops nothing acknowledged: every note, session and review either machine kept, and the later status', () => {
    fc.assert(
      fc.property(twoMachines, (histories) => {
        const { a, b, now } = setup(histories);
        const merged = merge(a, b, now);
        const m = packProgress(merged, PACK);
        const pa = packProgress(a, PACK);
        const pb = packProgress(b, PACK);
        const deletedOn = (key: string) => pa.deleted?.[key] ?? pb.deleted?.[key];
        // A reset keeps what the other machine did after it; what it did before was reset away.
        const epoch = merged.epochs?.[PACK];
        for (const [side, whole] of [
          [pa, a],
          [pb, b],
        ] as const) {
          const own = whole.epochs?.[PACK];
          const kept = (at: string) => !epoch || (own?.at === epoch.at && own.why === epoch.why) || at > epoch.at;
          for (const step of STEPS) {
            for (const note of notesOf(side, step)) {
              if (kept(note.at) && !deletedOn(`note:${step}:${note.id}`)) expect(notesOf(m, step).map((n) => n.id)).toContain(note.id);
            }
          }
          for (const session of sessionsOf(side)) {
            if (kept(session.at) && !deletedOn(`session:${session.uid}`)) expect(sessionsOf(m).map((s) => s.uid)).toContain(session.uid);
          }
          for (const [card, record] of Object.entries(reviewsOf(side))) {
            for (const entry of record.log) if (kept(entry.at)) expect(reviewsOf(m)[card]?.log).toContainEqual(entry);
          }
          for (const rating of side.assessments?.skill ?? []) if (kept(rating.at)) expect(m.assessments?.skill).toContainEqual(rating);
        }
        for (const step of epoch ? [] : STEPS) {
          // The last change to the step on either machine: a record's time, or its tombstone's.
          const changes = [pa, pb].flatMap((side) => [
            ...(side.steps[step] ? [{ at: side.steps[step].updatedAt, status: side.steps[step].status as string }] : []),
            ...(side.deleted?.[`step:${step}`] ? [{ at: side.deleted[`step:${step}`] as string, status: 'todo' }] : []),
          ]);
          const lastAt =
            changes
              .map((change) => change.at)
              .sort()
              .at(-1) ?? '';
          const candidates = changes.filter((change) => change.at === lastAt).map((change) => change.status);
          if (candidates.length > 0) expect(candidates).toContain(m.steps[step]?.status ?? 'todo');
        }
        // Schedules are what the merged log gives, the same on every machine.
        for (const [card, record] of Object.entries(reviewsOf(m))) expect(record.schedule, card).toEqual(replay(record.log, scheduler));
      }),
      { numRuns: 150 },
    );
  });
});

describe('merging: cases a learner would notice', () => {
  const at = (s: number) => new Date(T0 + s * 1000);
  const now = at(10_000);

  it('a step set back to to do on one machine after it was done on the other stays to do, and the output names it', () => {
    const base = apply(emptyProgress(), { kind: 'status', step: 0, status: 'doing' }, at(0));
    const a = apply(base, { kind: 'status', step: 0, status: 'done' }, at(10));
    const b = apply(base, { kind: 'status', step: 0, status: 'todo' }, at(20));
    const result = mergeProgress(a, b, now, scheduler);
    expect(packProgress(result.progress, PACK).steps.s1).toBeUndefined();
    expect(result.overwrittenLocal).toEqual([{ pack: PACK, what: 'step s1', lost: 'done', kept: 'todo' }]);
  });

  it('a self-rating that a later one from the other machine replaces is named, on the side that had it', () => {
    const older = apply(emptyProgress(), { kind: 'assess', rating: 2 }, at(10));
    const later = apply(emptyProgress(), { kind: 'assess', rating: 4 }, at(20));
    const result = mergeProgress(older, later, now, scheduler);
    expect(packProgress(result.progress, PACK).assessments?.skill?.map((r) => r.rating)).toEqual([2, 4]);
    expect(result.overwrittenLocal).toEqual([{ pack: PACK, what: 'self-rating skill', lost: '2/5', kept: '4/5' }]);
    expect(result.overwrittenRemote).toEqual([]);
    const back = mergeProgress(later, older, now, scheduler);
    expect(back.overwrittenLocal).toEqual([]);
    expect(back.overwrittenRemote).toEqual([{ pack: PACK, what: 'self-rating skill', lost: '2/5', kept: '4/5' }]);
    // A rating only one side has, or the same on both, replaces nothing.
    for (const [x, y] of [
      [later, emptyProgress()],
      [emptyProgress(), later],
      [later, later],
    ] as const) {
      const merged = mergeProgress(x, y, now, scheduler);
      expect([...merged.overwrittenLocal, ...merged.overwrittenRemote]).toEqual([]);
    }
  });

  it('a clock from the future wins only until the sync that sees it: its time is capped there', () => {
    const future = apply(emptyProgress(), { kind: 'status', step: 0, status: 'skipped' }, new Date('2031-01-01T00:00:00Z'));
    const merged = merge(future, emptyProgress(), now);
    expect(packProgress(merged, PACK).steps.s1?.updatedAt).toBe(now.toISOString());
    const later = apply(merged, { kind: 'status', step: 0, status: 'done' }, new Date(now.getTime() + 1000));
    // Every machine holds the capped time after that sync, so a later real change wins.
    expect(packProgress(merge(merged, later, new Date(now.getTime() + 5000)), PACK).steps.s1?.status).toBe('done');
  });

  it('a reset on one machine keeps what the other did after it, and drops what it did before', () => {
    const before = apply(emptyProgress(), { kind: 'note', step: 0, text: 'old' }, at(0));
    const reset: Progress = { ...emptyProgress(), epochs: { [PACK]: { at: at(10).toISOString(), why: 'reset' } } };
    const other = apply(before, { kind: 'note', step: 1, text: 'after the reset' }, at(20));
    const merged = packProgress(merge(reset, other, now), PACK);
    expect(notesOf(merged, 's1')).toEqual([]);
    expect(notesOf(merged, 's2').map((note) => note.text)).toEqual(['after the reset']);
  });

  it('tombstones older than the limit are forgotten', () => {
    const a = apply(apply(emptyProgress(), { kind: 'note', step: 0, text: 'x' }, at(0)), { kind: 'unnote', step: 0, index: 0 }, at(1));
    expect(Object.keys(packProgress(merge(a, a, now), PACK).deleted ?? {})).toHaveLength(1);
    const much = new Date(at(1).getTime() + (TOMBSTONE_DAYS + 1) * 86_400_000);
    expect(packProgress(merge(a, a, much), PACK).deleted).toBeUndefined();
  });

  it('sessions logged on both machines are all kept and numbered again in time order', () => {
    const a = apply(emptyProgress(), { kind: 'session', minutes: 30 }, at(0));
    const b = apply(emptyProgress(), { kind: 'session', minutes: 45 }, at(5));
    const sessions = sessionsOf(packProgress(merge(a, b, now), PACK));
    expect(sessions.map((s) => [s.id, s.minutes])).toEqual([
      [1, 30],
      [2, 45],
    ]);
  });
});

describe('merging: resets and restores', () => {
  const at = (s: number) => new Date(T0 + s * 1000);

  it('a restore on one machine brings its entries back, and keeps what the other did after it', () => {
    const old = apply(emptyProgress(), { kind: 'note', step: 0, text: 'restored' }, at(0));
    const restored: Progress = { ...old, epochs: { [PACK]: { at: at(50).toISOString(), why: 'restore' } } };
    const other = apply(emptyProgress(), { kind: 'note', step: 1, text: 'before the restore' }, at(10));
    const after = apply(other, { kind: 'note', step: 2, text: 'after the restore' }, at(60));
    for (const [x, y] of [
      [restored, after],
      [after, restored],
    ] as const) {
      const merged = packProgress(merge(x, y, at(100)), PACK);
      expect(notesOf(merged, 's1').map((note) => note.text)).toEqual(['restored']);
      expect(notesOf(merged, 's2')).toEqual([]);
      expect(notesOf(merged, 's3').map((note) => note.text)).toEqual(['after the restore']);
    }
  });

  it('a reset made with a clock ahead still keeps its own side whole', () => {
    const reset: Progress = { ...emptyProgress(), epochs: { [PACK]: { at: '2031-01-01T00:00:00.000Z', why: 'reset' } } };
    const mine = apply(reset, { kind: 'note', step: 0, text: 'mine' }, at(5));
    const merged = packProgress(merge(mine, emptyProgress(), at(100)), PACK);
    expect(notesOf(merged, 's1').map((note) => note.text)).toEqual(['mine']);
  });
});

describe('merging: review schedules', () => {
  it('a card graded on both machines is scheduled at the learner’s desired retention, not the default', async () => {
    const schedulers = await loadSchedulers();
    const at = (day: number) => new Date(T0 + day * 86_400_000);
    const base = setDesiredRetention(emptyProgress(), PACK, 0.7);
    const a = recordGrade(base, PACK, 'c1', 'easy', at(0), schedulers(0.7));
    const mine = recordGrade(a, PACK, 'c1', 'good', at(60), schedulers(0.7));
    const theirs = recordGrade(a, PACK, 'c1', 'good', at(60.5), schedulers(0.7));
    const log = [
      { at: at(0).toISOString(), grade: 'easy' as const },
      { at: at(60).toISOString(), grade: 'good' as const },
      { at: at(60.5).toISOString(), grade: 'good' as const },
    ];
    for (const [x, y] of [
      [mine, theirs],
      [theirs, mine],
    ] as const) {
      const merged = reviewsOf(packProgress(mergeProgress(x, y, at(61), schedulers).progress, PACK)).c1;
      expect(merged?.schedule).toEqual(replay(log, schedulers(0.7)));
      expect(merged?.schedule?.due).not.toBe(replay(log, schedulers(0.9))?.due);
    }
  });
});

describe('merging: keys named as an object’s own properties', () => {
  it('"toString", "constructor", "__proto__" and the like are entries like any other, on either side', () => {
    const T = '2026-05-01T10:00:00.000Z';
    for (const key of ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty']) {
      const entry = <V>(value: V) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as Record<string, V>;
      const odd: Progress = { version: 5, packs: {} };
      odd.packs = entry<unknown>({
        steps: entry({ status: 'done', updatedAt: T }),
        notes: entry([{ at: T, text: `a note on ${key}` }]),
        assessments: entry([{ at: T, rating: 3 }]),
        quizzes: entry({ best: 2, total: 3, attempts: [{ at: T, score: 2 }] }),
        settings: entry(7),
        exercises: entry({ runs: 1, lastRunAt: T, lastResult: 'failed', updatedAt: T }),
        projects: entry({ started: T }),
      }) as unknown as Progress['packs'];
      const plain = addNote(emptyProgress(), key, 's1', 'plain note', new Date(T));
      for (const [x, y] of [
        [odd, plain],
        [plain, odd],
      ] as const) {
        const merged = JSON.parse(JSON.stringify(merge(x, y, new Date(T0 + 1000))));
        const pack = merged.packs[key];
        expect(Object.getPrototypeOf(merged.packs)).toBe(Object.prototype);
        expect(pack.steps[key]).toMatchObject({ status: 'done' });
        expect(pack.notes[key].map((n: { text: string }) => n.text)).toEqual([`a note on ${key}`]);
        expect(pack.notes.s1.map((n: { text: string }) => n.text)).toEqual(['plain note']);
        expect(pack.assessments[key]).toHaveLength(1);
        expect(pack.quizzes[key]).toMatchObject({ best: 2 });
        expect(pack.settings[key]).toBe(7);
        expect(pack.exercises[key]).toMatchObject({ runs: 1 });
        expect(pack.projects[key]).toMatchObject({ started: T });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});

describe('merging: settings and quizzes', () => {
  const at = (s: number) => new Date(T0 + s * 1000);
  const withSetting = (progress: Progress, key: string, value: unknown, when: Date): Progress => {
    const pack = packProgress(progress, PACK);
    const next = {
      ...progress,
      packs: { ...progress.packs, [PACK]: { ...pack, settings: { ...(pack.settings as object), [key]: value } } },
    };
    return trackChange(progress, next, when.toISOString());
  };

  it('each setting, one added later (desiredRetention) included, takes its latest change', () => {
    const a = withSetting(withSetting(emptyProgress(), 'desiredRetention', 0.85, at(10)), 'newCardsPerDay', 5, at(11));
    const b = withSetting(withSetting(emptyProgress(), 'newCardsPerDay', 20, at(20)), 'desiredRetention', 0.95, at(5));
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      expect(packProgress(merge(x, y, at(100)), PACK).settings).toEqual({ desiredRetention: 0.85, newCardsPerDay: 20 });
    }
  });

  it('a setting or plan from before change times were kept is not taken for a removal by a side that never had it', () => {
    const plan = { hoursPerWeek: 6, start: '2026-04-01', steps: ['s1', 's2'] };
    const old: Progress = { ...emptyProgress(), packs: { [PACK]: { steps: {}, plan, settings: { newCardsPerDay: 7 } } } };
    const fresh = emptyProgress();
    const other = withSetting(emptyProgress(), 'desiredRetention', 0.85, at(10));
    for (const [x, y] of [
      [old, fresh],
      [fresh, old],
      [old, other],
      [other, old],
    ] as const) {
      const result = mergeProgress(x, y, at(100), scheduler);
      const pack = packProgress(result.progress, PACK);
      expect(pack.plan).toEqual(plan);
      expect((pack.settings as { newCardsPerDay?: number }).newCardsPerDay).toBe(7);
      expect([...result.overwrittenLocal, ...result.overwrittenRemote]).toEqual([]);
    }
    // A removal made on the other machine, stamped, still wins over the unstamped value.
    const removed = trackChange(old, { ...old, packs: { [PACK]: { steps: {}, plan, settings: {} } } }, at(20).toISOString());
    for (const [x, y] of [
      [old, removed],
      [removed, old],
    ] as const) {
      expect((packProgress(merge(x, y, at(100)), PACK).settings as { newCardsPerDay?: number }).newCardsPerDay).toBeUndefined();
    }
  });

  it('quiz attempts from both machines are all kept, with the best score of either', () => {
    const quiz = (attempts: { at: string; score: number }[]): Progress => ({
      ...emptyProgress(),
      packs: { [PACK]: { steps: {}, quizzes: { q: { best: Math.max(...attempts.map((x) => x.score)), total: 5, attempts } } } },
    });
    const merged = packProgress(
      merge(quiz([{ at: at(1).toISOString(), score: 3 }]), quiz([{ at: at(2).toISOString(), score: 5 }]), at(100)),
      PACK,
    );
    expect(merged.quizzes?.q).toEqual({
      best: 5,
      total: 5,
      attempts: [
        { at: at(1).toISOString(), score: 3 },
        { at: at(2).toISOString(), score: 5 },
      ],
    });
  });
});
