import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { addAssessment } from '../../src/progress/assess.js';
import { addNote, emptyProgress, type Progress, setStatus, setTopicStatus } from '../../src/progress/model.js';
import { makePlan, setPlan } from '../../src/progress/plan.js';
import { recordQuizAttempt } from '../../src/progress/quiz.js';
import { createFileStore } from '../../src/progress/store.js';
import { EXPORT_FORMAT } from '../../src/progress/transfer.js';
import { makeContext, runCli, shippedRoadmap, type TestContext, withoutMergeRecords } from '../helpers.js';

const roadmap = await shippedRoadmap();
const at = (day: number) => new Date(Date.UTC(2026, 0, day, 9));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlroadmap-import-'));
});

function fullProgress(): Progress {
  let progress = setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', at(3));
  progress = setStatus(progress, roadmap.id, ['courses-and-tutorials'], 'doing', at(4));
  progress = setStatus(progress, roadmap.id, ['certifications'], 'skipped', at(5));
  progress = addNote(progress, roadmap.id, 'python-and-math', 'Finished the maths course', at(2));
  progress = addNote(progress, roadmap.id, 'courses-and-tutorials', 'Week 3 of 11', at(6));
  progress = addAssessment(progress, roadmap.id, 'python-and-r', 2, at(7));
  progress = recordQuizAttempt(progress, roadmap.id, roadmap.quizzes[0] as never, 4, at(8));
  return setPlan(progress, roadmap.id, makePlan(roadmap, progress, 10, '2026-01-01'));
}

/** A context whose progress lives in a real file, as a learner's does. */
async function fileContext(progress?: Progress): Promise<TestContext> {
  const store = createFileStore(join(dir, 'config'));
  if (progress) await store.update(() => progress);
  return makeContext({ store: store as TestContext['store'] });
}

function writeImport(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('export, reset, import', () => {
  it('gives back the same progress, notes, ratings, quiz results and plan included', async () => {
    const ctx = await fileContext(fullProgress());
    const before = ctx.store.read();
    const file = join(dir, 'progress.json');
    expect((await runCli(ctx, ['export', '--format', 'json', '--output', file])).code).toBe(0);
    expect((await runCli(ctx, ['reset', '--yes'])).code).toBe(0);
    expect(withoutMergeRecords(ctx.store.read())).toEqual(emptyProgress());
    const result = await runCli(ctx, ['import', file, '--yes']);
    expect(result.code).toBe(0);
    expect(withoutMergeRecords(ctx.store.read())).toEqual(withoutMergeRecords(before));
    expect(result.out).toContain('step 1. Learn Python and the maths foundations: to do → done');
    const courses = roadmap.steps.findIndex((step) => step.id === 'courses-and-tutorials') + 1;
    expect(result.out).toContain(`note added on step ${courses}. Study machine learning with courses and tutorials: "Week 3 of 11"`);
    expect(result.out).toMatch(/Imported ".*progress\.json": \d+ changes\./);
    expect((await runCli(ctx, ['import', file, '--yes'])).out).toContain('Your progress already matches');
  });

  it('keeps progress on other roadmaps', async () => {
    const other: Progress = {
      ...emptyProgress(),
      packs: { other: { steps: { a: { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z' } } } },
    };
    const ctx = await fileContext(other);
    const file = writeImport('in.json', {
      format: EXPORT_FORMAT,
      version: 1,
      pack: roadmap.id,
      progress: fullProgress().packs[roadmap.id],
    });
    await runCli(ctx, ['import', file, '--yes']);
    expect(ctx.store.read().packs.other).toEqual(other.packs.other);
    expect(withoutMergeRecords(ctx.store.read().packs[roadmap.id])).toEqual(fullProgress().packs[roadmap.id]);
  });
});

describe('mlroadmap import, asking first', () => {
  const exportOf = (progress: Progress) => ({ format: EXPORT_FORMAT, version: 1, pack: roadmap.id, progress: progress.packs[roadmap.id] });

  it('without a terminal and without --yes shows the changes, exits 2 and changes nothing', async () => {
    const ctx = await makeContext();
    const result = await runCli(ctx, ['import', writeImport('in.json', exportOf(fullProgress()))]);
    expect(result.code).toBe(2);
    expect(result.out).toContain('would replace your progress');
    expect(result.err).toContain('pass --yes');
    expect(ctx.store.current).toEqual(emptyProgress());
  });

  it('on a terminal asks, and changes nothing when the answer is no', async () => {
    const ctx = await makeContext({ interactive: true });
    ctx.answers.push(false);
    const result = await runCli(ctx, ['import', writeImport('in.json', exportOf(fullProgress()))]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(/Nothing was changed\.$/);
    expect(ctx.store.current).toEqual(emptyProgress());
  });

  it('on a terminal imports when the answer is yes', async () => {
    const ctx = await makeContext({ interactive: true });
    ctx.answers.push(true);
    await runCli(ctx, ['import', writeImport('in.json', exportOf(fullProgress()))]);
    expect(withoutMergeRecords(ctx.store.current)).toEqual(fullProgress());
  });

  it('names the topics whose status changes, never an internal key', async () => {
    const step = roadmap.steps[0] as never;
    const topics = roadmap.steps[0]?.topics ?? [];
    const three = setTopicStatus(emptyProgress(), roadmap, step, [topics[0]?.id as string, topics[1]?.id as string], 'done', at(2));
    const incoming = setTopicStatus(three, roadmap, step, [topics[2]?.id as string], 'doing', at(3));
    const { out } = await runCli(await makeContext(), ['import', writeImport('in.json', exportOf(incoming)), '--yes']);
    expect(out).toContain(`topic 1.1 ${topics[0]?.title}: to do → done`);
    expect(out).toContain(`topic 1.3 ${topics[2]?.title}: to do → in progress`);
    expect(out).not.toContain('other saved data');
    expect(out).toContain('Imported');
  });

  it("sums up many topics' changes in one line", async () => {
    const ids = roadmap.steps.slice(0, 2).flatMap((step) => (step.topics ?? []).map((topic) => topic.id));
    let incoming = emptyProgress();
    for (const [s, step] of roadmap.steps.slice(0, 2).entries()) {
      const topicIds = (step.topics ?? []).map((topic) => topic.id);
      incoming = setTopicStatus(incoming, roadmap, step, s === 0 ? topicIds.slice(0, -1) : topicIds.slice(0, 2), 'done', at(2));
    }
    const changed = (roadmap.steps[0]?.topics?.length ?? 0) - 1 + 2;
    const { out } = await runCli(await makeContext(), ['import', writeImport('in.json', exportOf(incoming)), '--yes']);
    expect(ids.length).toBeGreaterThan(changed);
    expect(out).toContain(`  - ${changed} topics' statuses: ${changed} to done (1.1, 1.2, 1.3, 1.4, 1.5 and ${changed - 5} more)`);
    expect(out).not.toContain('other saved data');
  });

  it('says what changes in project briefs', async () => {
    const ctx = await makeContext();
    await runCli(ctx, ['project', 'done', '1', '1', '2']);
    const exported = exportOf(ctx.store.current);
    const { out } = await runCli(await makeContext(), ['import', writeImport('in.json', exported), '--yes']);
    expect(out).toMatch(/project .*: not started → started, 2 milestones done/);
    expect(out).not.toContain('other saved data');
  });

  it('strips escape sequences from notes in the file before printing them', async () => {
    const hostile = addNote(emptyProgress(), roadmap.id, 'python-and-math', '\u001b]52;c;ZXZpbA==\u0007\u001b[2Jhello', at(1));
    const result = await runCli(await makeContext(), ['import', writeImport('in.json', exportOf(hostile)), '--yes']);
    expect(result.out).toContain('note added on step 1. Learn Python and the maths foundations: "hello"');
    expect(result.out).not.toContain('\u001b');
  });
});

describe('mlroadmap import, refusing', () => {
  const good = { format: EXPORT_FORMAT, version: 1, pack: roadmap.id, progress: { steps: {} } };
  it.each<[string, () => string, RegExp]>([
    ['a file that is not JSON', () => writeImport('a.json', '# My progress'), /it is not JSON/],
    ['a file over 32 MB', () => writeImport('big.json', `{"x":"${'a'.repeat(32 * 1024 * 1024)}"}`), /larger than 32 MB/],
    ['deep nesting', () => writeImport('deep.json', `${'['.repeat(10_000)}${']'.repeat(10_000)}`), /nested more than/],
    ['the wrong shape', () => writeImport('shape.json', { ...good, progress: { steps: [] } }), /progress is not valid/],
    ['another roadmap', () => writeImport('other.json', { ...good, pack: 'other' }), /another roadmap/],
    ['a missing file', () => join(dir, 'missing.json'), /there is no such file/],
    ['a folder', () => dir, /it is a folder/],
  ])('refuses %s with exit 1 and changes nothing', async (_name, file, problem) => {
    const ctx = await fileContext(fullProgress());
    const before = readFileSync(join(dir, 'config', 'progress.json'), 'utf8');
    const result = await runCli(ctx, ['import', file(), '--yes']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(problem);
    expect(result.err).toMatch(/Nothing was changed$/);
    expect(result.out).toBe('');
    expect(readFileSync(join(dir, 'config', 'progress.json'), 'utf8')).toBe(before);
  });
});

describe('a large export', () => {
  it('imports back whole: a year of reviews in one array of 150,000 grades, exported from a real progress file', async () => {
    // Spreading an array into a call's arguments (push(...items), Math.max(...items)) overflows the
    // stack at about 125,000 items: the import must walk it without doing so.
    const card = roadmap.cards[0] as { id: string; topic: string };
    const log = Array.from({ length: 150_000 }, (_, i) => ({
      at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      grade: 'good' as const,
    }));
    const progress = setStatus(emptyProgress(), roadmap.id, [], 'done', at(1));
    const pack = { ...progress.packs[roadmap.id], steps: {}, reviews: { [card.id]: { log } } };
    const ctx = await fileContext({ ...progress, packs: { [roadmap.id]: pack } });
    const before = ctx.store.read();
    const file = join(dir, 'large.json');
    expect(await runCli(ctx, ['export', '--format', 'json', '--output', file])).toMatchObject({ code: 0, err: '' });
    expect(readFileSync(file, 'utf8').length).toBeGreaterThan(7_000_000);

    const fresh = createFileStore(join(dir, 'other-config'));
    const other = await makeContext({ store: fresh as TestContext['store'] });
    const result = await runCli(other, ['import', file, '--yes']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('review history: 0 cards, 0 grades → 1 card, 150000 grades');
    expect(other.store.read()).toEqual(before);
    expect(await runCli(other, ['review', '--stats'])).toMatchObject({ code: 0, err: '' });
  }, 60_000);
});

describe('import --merge', () => {
  const exportOf = (progress: Progress) => ({ format: EXPORT_FORMAT, version: 1, pack: roadmap.id, progress: progress.packs[roadmap.id] });
  it('merges an export into the progress here, keeping both sides, and asks nothing', async () => {
    const ctx = await makeContext();
    ctx.store.current = addNote(emptyProgress(), roadmap.id, 'python-and-math', 'written here', at(1));
    const theirs = addNote(emptyProgress(), roadmap.id, 'courses-and-tutorials', 'written on the laptop', at(2));
    const result = await runCli(ctx, ['import', '--merge', writeImport('laptop.json', exportOf(theirs))]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/Merged ".*laptop\.json" into your progress/);
    const notes = JSON.stringify(ctx.store.current.packs[roadmap.id]?.notes);
    expect(notes).toContain('written here');
    expect(notes).toContain('written on the laptop');
    const again = await runCli(ctx, ['import', '--merge', writeImport('laptop.json', exportOf(theirs))]);
    expect(again.out).toContain('already holds everything');
  });

  it('reads an export of format 1, and refuses a damaged one changing nothing', async () => {
    const ctx = await makeContext();
    const v1 = {
      format: EXPORT_FORMAT,
      version: 1,
      pack: roadmap.id,
      progress: { steps: { 'python-and-math': { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' } } },
    };
    expect((await runCli(ctx, ['import', '--merge', writeImport('v1.json', v1)])).code).toBe(0);
    expect(ctx.store.current.packs[roadmap.id]?.steps['python-and-math']?.status).toBe('done');
    const before = JSON.stringify(ctx.store.current);
    const bad = await runCli(ctx, [
      'import',
      '--merge',
      writeImport('bad.json', { format: EXPORT_FORMAT, version: 1, pack: roadmap.id, progress: { steps: 3 } }),
    ]);
    expect(bad.code).toBe(1);
    expect(JSON.stringify(ctx.store.current)).toBe(before);
  });
});
