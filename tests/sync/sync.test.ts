import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inflateHistory } from '../../src/progress/history.js';
import { replay } from '../../src/progress/merge.js';
import { loadScheduler } from '../../src/progress/review.js';
import { shippedRoadmap } from '../helpers.js';
import { type Machine, machine, workspace } from './support.js';

/**
 * Sync as learners use it: the built CLI, real git, a bare repository for the remote, and each
 * "machine" a config folder. Machines end equal: `progress --json`, `review --list --json`, `log --json`
 * and notes. The changes each machine makes before it syncs (`change`: check, note, mark, log, assess)
 * are made by the commands in this process, on the machine's file; every sync, export, import and
 * reset is a process of the built CLI.
 */

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
function setUp(name: string) {
  const found = workspace(name);
  roots.push(found.root);
  return found;
}

const roadmap = await shippedRoadmap();
const scheduler = await loadScheduler();
const card = roadmap.cards[0]?.id as string;

/** A format-2 progress file with one review of `card` (as an older mlroadmap wrote it). */
function seedReview(m: Machine, at: string, grade: 'again' | 'good'): void {
  const log = [{ at, grade }];
  mkdirSync(m.config, { recursive: true });
  writeFileSync(
    m.file,
    JSON.stringify({ version: 2, packs: { [roadmap.id]: { steps: {}, reviews: { [card]: { log, schedule: replay(log, scheduler) } } } } }),
  );
}

/** The machines show the same progress, read in this process (`spawned`: by the built CLI as well, and the two agree). */
async function expectEqual(machines: Machine[], spawned = false): Promise<Record<string, unknown>> {
  const [first, ...rest] = await Promise.all(machines.map((m) => m.view()));
  for (const view of rest) expect(view).toEqual(first);
  if (spawned) for (const view of await Promise.all(machines.map((m) => m.spawnedView()))) expect(view).toEqual(first);
  return first as Record<string, unknown>;
}

describe('sync between machines', () => {
  it('a first sync of a file an older mlroadmap wrote brings in nothing: the ids it adds to notes and sessions came from no one', async () => {
    const { root, remote } = setUp('first-old');
    const a = machine(root, 'a');
    mkdirSync(a.config, { recursive: true });
    writeFileSync(
      a.file,
      JSON.stringify({
        version: 2,
        packs: {
          [roadmap.id]: {
            steps: {},
            notes: { 'python-and-math': [{ at: '2026-03-01T09:00:00.000Z', text: 'from before ids' }] },
            studyLog: [{ id: 1, date: '2026-03-01', minutes: 30, at: '2026-03-01T09:30:00.000Z' }],
          },
        },
      }),
    );
    const first = await a.ok(['sync', remote]);
    expect(first).toContain('Synced with');
    expect(first).not.toContain('Brought in');
    expect(first).toMatch(/Sent: [^\n]*notes/);
    // And a second machine that had nothing is told what it brought in.
    const b = machine(root, 'b');
    expect(await b.ok(['sync', remote])).toMatch(/Brought in: [^\n]*notes, studyLog/);
  });

  it('two machines with disjoint and overlapping changes end equal, the later change winning and named', async () => {
    const { root, remote } = setUp('two');
    const a = machine(root, 'a');
    const b = machine(root, 'b');
    seedReview(a, '2026-03-01T09:00:00.000Z', 'good');
    seedReview(b, '2026-03-02T09:00:00.000Z', 'again');
    await a.change(['check', '1']);
    await a.change(['note', '2', 'from the laptop']);
    await a.change(['mark', '3', 'doing']);
    await b.change(['log', '45m', '1.1']);
    await b.change(['note', '1', 'from the desktop']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await b.change(['mark', '3', 'done']);

    const first = await a.ok(['sync', remote]);
    expect(first).toContain('Synced with');
    const second = JSON.parse(await b.ok(['sync', remote, '--json']));
    expect(second.received).toEqual([expect.stringContaining('notes')]);
    const third = await a.ok(['sync']);
    // Step 3: doing on a, done later on b: done wins, and a is told what it lost.
    expect(third).toMatch(/step .*: doing → done/);
    const view = await expectEqual([a, b], true);
    const progress = view.progress as { stepsDone: number };
    expect(progress.stepsDone).toBe(2);
    const reviews = view.reviews as { id: string; reviews?: number }[];
    expect(reviews.find((entry) => entry.id === card)).toBeDefined();
    expect((view.log as { sessions: unknown[] }).sessions).toHaveLength(1);
    // Both reviews are in the merged log, the schedule replayed from it on both machines alike.
    // The progress file keeps the logs apart from the records (format 4): read it as the store does.
    const saved = (
      inflateHistory(JSON.parse(a.bytes())).raw as {
        packs: Record<
          string,
          { reviews: Record<string, { log: { at: string; grade: 'again' | 'hard' | 'good' | 'easy' }[]; schedule: unknown }> }
        >;
      }
    ).packs[roadmap.id]?.reviews[card];
    if (!saved) throw new Error(`no record of ${card}`);
    expect(saved.log.map((entry: { grade: string }) => entry.grade)).toEqual(['good', 'again']);
    expect(saved.schedule).toEqual(replay(saved.log, scheduler));
    expect(a.bytes()).toBe(b.bytes());
    // The repository's file is readable JSON, one commit per sync that sent something, with mlroadmap's identity.
    const log = execFileSync('git', ['-C', remote, 'log', '--format=%an <%ae>|%s'], { encoding: 'utf8' }).trim().split('\n');
    expect(log).toHaveLength(2);
    for (const line of log) expect(line).toMatch(/^mlroadmap <mlroadmap@[^>]+>\|mlroadmap sync from /);
    const file = JSON.parse(execFileSync('git', ['-C', remote, 'show', 'main:progress.json'], { encoding: 'utf8' }));
    expect(file.version).toBe(5);
  }, 120_000);

  it.each([
    ['a', 'b', 'c'],
    ['c', 'b', 'a'],
    ['b', 'a', 'c'],
  ])(
    'three machines syncing in the order %s, %s, %s end with everything',
    async (...order) => {
      const { root, remote } = setUp('three');
      const machines = Object.fromEntries(['a', 'b', 'c'].map((name) => [name, machine(root, name)])) as Record<string, Machine>;
      await machines.a?.change(['check', '1']);
      await machines.b?.change(['note', '1', 'b was here']);
      await machines.c?.change(['log', '30m', '2']);
      await machines.c?.change(['mark', '2', 'skipped']);
      await machines.b?.change(['mark', '2', 'doing']);
      for (const name of [...order, ...order]) await machines[name]?.ok(['sync', remote]);
      const view = await expectEqual(Object.values(machines));
      expect((view.progress as { stepsDone: number }).stepsDone).toBe(1);
      expect((view.log as { sessions: unknown[] }).sessions).toHaveLength(1);
      expect(JSON.stringify(view.notes)).toContain('b was here');
    },
    120_000,
  );

  it('deletions propagate: a note, a session and a status set back to to do', async () => {
    const { root, remote } = setUp('delete');
    const a = machine(root, 'a');
    const b = machine(root, 'b');
    await a.change(['check', '1']);
    await a.change(['note', '1', 'to be deleted']);
    await a.change(['note', '1', 'to be kept']);
    await a.change(['log', '20m']);
    await a.ok(['sync', remote]);
    await b.ok(['sync', remote]);
    await b.change(['note', '1', '--delete', '1']);
    await b.change(['log', '--delete', '1']);
    await b.change(['uncheck', '1']);
    await b.ok(['sync']);
    await a.ok(['sync']);
    const view = await expectEqual([a, b]);
    expect((view.progress as { stepsDone: number }).stepsDone).toBe(0);
    expect((view.log as { sessions: unknown[] }).sessions).toHaveLength(0);
    expect(JSON.stringify(view.notes)).not.toContain('to be deleted');
    expect(JSON.stringify(view.notes)).toContain('to be kept');
  }, 120_000);

  it('a reset syncs as a dated change: what the other machine did after it survives', async () => {
    const { root, remote } = setUp('reset');
    const a = machine(root, 'a');
    const b = machine(root, 'b');
    await a.change(['check', '1', '2']);
    await a.change(['note', '1', 'before the reset']);
    await a.ok(['sync', remote]);
    await b.ok(['sync', remote]);
    await a.ok(['reset', '--yes']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await b.change(['note', '2', 'after the reset']);
    // Nothing came from the remote that the reset left: no "Brought in" for the lists it emptied.
    expect(await a.ok(['sync'])).not.toContain('Brought in');
    await b.ok(['sync']);
    expect(await a.ok(['sync'])).toMatch(/Brought in: [^\n]*notes/);
    const view = await expectEqual([a, b]);
    expect((view.progress as { stepsDone: number }).stepsDone).toBe(0);
    expect(JSON.stringify(view.notes)).not.toContain('before the reset');
    expect(JSON.stringify(view.notes)).toContain('after the reset');
  }, 120_000);

  it('settings and a plan from a file older than change times reach the remote and the other machine as they were', async () => {
    const { root, remote } = setUp('unstamped');
    const a = machine(root, 'a');
    const b = machine(root, 'b');
    const plan = { hoursPerWeek: 6, start: '2026-04-01', steps: ['1'] };
    mkdirSync(a.config, { recursive: true });
    writeFileSync(
      a.file,
      JSON.stringify({ version: 3, packs: { [roadmap.id]: { steps: {}, plan, settings: { newCardsPerDay: 7, desiredRetention: 0.85 } } } }),
    );
    const first = await a.run(['sync', remote]);
    expect(first.code).toBe(0);
    expect(first.out).not.toContain('Replaced');
    await b.ok(['sync', remote]);
    for (const m of [a, b]) {
      const stats = JSON.parse(await m.ok(['review', '--stats', '--json'])) as { newCardsPerDay: number };
      expect(stats.newCardsPerDay).toBe(7);
      const kept = JSON.parse(m.bytes()) as { packs: Record<string, { plan?: unknown; settings?: unknown }> };
      expect(kept.packs[roadmap.id]?.plan).toEqual(plan);
      expect(kept.packs[roadmap.id]?.settings).toEqual({ desiredRetention: 0.85, newCardsPerDay: 7 });
    }
  }, 120_000);

  it('a sync with nothing new says so and pushes nothing, after reviews read from a file of an older format too', async () => {
    const { root, remote } = setUp('quiet');
    const a = machine(root, 'a');
    seedReview(a, '2026-03-01T09:00:00.000Z', 'good');
    await a.ok(['sync', remote]);
    const head = () => execFileSync('git', ['-C', remote, 'rev-parse', 'main'], { encoding: 'utf8' }).trim();
    const first = head();
    for (let i = 0; i < 2; i++) {
      const again = await a.ok(['sync']);
      expect(again).not.toMatch(/Brought in|Sent/);
      expect(head()).toBe(first);
    }
    expect(await a.ok(['sync', '--status'])).toMatch(/Changes here since then: no/);
  }, 120_000);

  it('an old export imported on a fresh machine loses nothing another machine has synced since', async () => {
    const { root, remote } = setUp('import');
    const a = machine(root, 'a');
    const b = machine(root, 'b');
    const file = join(root, 'old-export.json');
    await a.change(['check', '1']);
    await a.change(['assess', 'python-and-r', '2']);
    await a.ok(['export', '--format', 'json', '--output', file]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await a.change(['check', '2']);
    await a.change(['assess', 'python-and-r', '4']);
    await a.change(['note', '1', 'an important note']);
    await a.ok(['sync', remote]);
    await b.ok(['import', file, '--yes']);
    // The import's older self-rating gives way to the later one, and the learner is told.
    expect(await b.ok(['sync', remote])).toMatch(/Replaced by later changes[^\n]*\n(?:.*\n)* {2}- self-rating python-and-r: 2\/5 → 4\/5/);
    await a.ok(['sync']);
    const view = await expectEqual([a, b]);
    expect((view.progress as { stepsDone: number }).stepsDone).toBe(2);
    expect(JSON.stringify(view.notes)).toContain('an important note');
  }, 120_000);

  it('several machines syncing at the same moment all succeed, and nothing is lost', async () => {
    const { root, remote } = setUp('concurrent');
    const machines = ['a', 'b', 'c', 'd'].map((name) => machine(root, name));
    await Promise.all(machines.map((m, i) => m.change(['note', '1', `note from ${m.name}`]).then(() => m.change(['log', `${10 + i}m`]))));
    const results = await Promise.all(machines.map((m) => m.run(['sync', remote, '--json'])));
    for (const result of results) expect(result.err).toBe('');
    for (const result of results) expect(result.code).toBe(0);
    for (const m of machines) await m.ok(['sync']);
    const view = await expectEqual(machines);
    for (const m of machines) expect(JSON.stringify(view.notes)).toContain(`note from ${m.name}`);
    expect((view.log as { sessions: unknown[] }).sessions).toHaveLength(4);
  }, 180_000);
});

describe('two syncs on one machine at once', () => {
  it('take turns, and both succeed', async () => {
    const { root, remote } = setUp('same-machine');
    const a = machine(root, 'a');
    await a.change(['check', '1']);
    await a.ok(['sync', remote]);
    await a.change(['note', '1', 'x']);
    const results = await Promise.all([a.run(['sync']), a.run(['sync']), a.run(['sync', '--json'])]);
    for (const result of results) expect(result.code, result.err).toBe(0);
    expect(execFileSync('git', ['-C', remote, 'show', 'main:progress.json'], { encoding: 'utf8' })).toContain('"x"');
  }, 120_000);
});

describe('a sync killed at each phase', () => {
  it.each(['fetch', 'merge', 'commit', 'push', 'write'])(
    'killed at %s: the local file is whole, and the next sync completes the job',
    async (phase) => {
      const { root, remote } = setUp(`kill-${phase}`);
      const a = machine(root, 'a');
      const b = machine(root, 'b');
      await b.change(['note', '1', 'from b']);
      await b.ok(['sync', remote]);
      await a.change(['check', '1']);
      await a.change(['note', '2', 'from a']);
      const before = a.bytes();
      const killed = await a.run(['sync', remote], { MLROADMAP_SYNC_KILL_AT: phase });
      expect(killed.signal).toBe('SIGKILL');
      expect(a.bytes()).toBe(before);
      expect(readdirSync(a.config).filter((name) => name.includes('.tmp-'))).toEqual([]);
      await a.ok(['sync', remote]);
      await b.ok(['sync']);
      const view = await expectEqual([a, b]);
      expect((view.progress as { stepsDone: number }).stepsDone).toBe(1);
      expect(JSON.stringify(view.notes)).toContain('from a');
      expect(JSON.stringify(view.notes)).toContain('from b');
    },
    120_000,
  );
});
