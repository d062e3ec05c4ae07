import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasedStore, resolvePackAliases, topicAliases } from '../../src/progress/aliases.js';
import { emptyProgress, type PackProgress, type Progress } from '../../src/progress/model.js';
import { deckOf } from '../../src/progress/review.js';
import { createMemoryStore } from '../../src/progress/store.js';
import { parseImport } from '../../src/progress/transfer.js';
import { BIN, makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const at = (day: number) => `2026-0${day}-01T10:00:00.000Z`;

/** A progress file written before the restructure: it holds ids that are now former ids. */
function oldFile(): Progress {
  return {
    version: 1,
    packs: {
      [roadmap.id]: {
        steps: {},
        topics: {
          'portfolio-site': { status: 'done', updatedAt: at(3), completedAt: at(3) },
          'exam-guide-study': { status: 'doing', updatedAt: at(4) },
          'practice-and-sit-exam': { status: 'skipped', updatedAt: at(5) },
          'python-basics': { status: 'done', updatedAt: at(1), completedAt: at(1) },
        },
        notes: {
          'exam-guide-study': [{ at: at(4), text: 'domain 2 is weak' }],
          'practice-and-sit-exam': [{ at: at(2), text: 'booked for June' }],
        },
        studyLog: [{ id: 1, date: '2026-04-02', minutes: 90, topic: 'certification-platform-practice', at: at(4) }],
        reviews: { 'github-profile-pinned': { log: [{ at: at(5), grade: 'good' }] } },
      },
    },
  };
}

describe('former topic ids in a progress file', () => {
  it('are known from the content: every former id names the topic that took its place', () => {
    expect(Object.fromEntries(topicAliases(roadmap))).toEqual({
      'portfolio-site': 'github-profile',
      'certification-platform-practice': 'exam-preparation',
      'exam-guide-study': 'exam-preparation',
      'practice-and-sit-exam': 'exam-preparation',
    });
  });

  it('read as their topic: the status furthest along, notes merged oldest first, study sessions moved', () => {
    const pack = resolvePackAliases(oldFile().packs[roadmap.id] as PackProgress, topicAliases(roadmap));
    expect(pack.topics).toEqual({
      'github-profile': { status: 'done', updatedAt: at(3), completedAt: at(3) },
      // In progress beats skipped, whichever came last.
      'exam-preparation': { status: 'doing', updatedAt: at(4) },
      'python-basics': { status: 'done', updatedAt: at(1), completedAt: at(1) },
    });
    expect(pack.notes).toEqual({
      'exam-preparation': [
        { at: at(2), text: 'booked for June' },
        { at: at(4), text: 'domain 2 is weak' },
      ],
    });
    expect((pack.studyLog as { topic: string }[])[0]?.topic).toBe('exam-preparation');
    // Cards keep their ids: the review history needs nothing.
    expect(pack.reviews).toEqual(oldFile().packs[roadmap.id]?.reviews);
  });

  it('a note under both the former and the new id with one stable id (two machines, one not yet knowing the new id) is read once', () => {
    const note = { at: at(6), text: 'portfolio idea', id: 'n1234567890abcdef' };
    const pack: PackProgress = {
      steps: {},
      notes: { 'github-profile': [note], 'portfolio-site': [{ ...note }, { at: at(7), text: 'another', id: 'nfedcba0987654321' }] },
    };
    const resolved = resolvePackAliases(pack, topicAliases(roadmap));
    expect(resolved.notes).toEqual({ 'github-profile': [note, { at: at(7), text: 'another', id: 'nfedcba0987654321' }] });
  });

  it('leave a file without former ids untouched (the same object), so reading never rewrites it', () => {
    const pack: PackProgress = { steps: {}, topics: { 'python-basics': { status: 'doing', updatedAt: at(1) } } };
    expect(resolvePackAliases(pack, topicAliases(roadmap))).toBe(pack);
  });

  it("carry over to the commands: status, notes, sessions, check by the old id, and the old topic's cards", async () => {
    const ctx = await makeContext({ progress: oldFile() });
    const topics = JSON.parse((await runCli(ctx, ['topics', '--json'])).out) as { id: string; status: string; optional: boolean }[];
    const status = Object.fromEntries(topics.map((topic) => [topic.id, topic.status]));
    expect(status['github-profile']).toBe('done');
    expect(status['exam-preparation']).toBe('doing');
    expect(topics.some((topic) => topic.id === 'portfolio-site')).toBe(false);
    expect(topics.find((topic) => topic.id === 'r-basics')?.optional).toBe(true);
    expect(topics.find((topic) => topic.id === 'python-basics')?.optional).toBe(false);

    const notes = JSON.parse((await runCli(ctx, ['note', 'exam-preparation', '--json'])).out);
    expect(JSON.stringify(notes)).toContain('booked for June');
    expect(JSON.stringify(notes)).toContain('domain 2 is weak');

    const deck = deckOf(roadmap, ctx.store.read().packs[roadmap.id] as PackProgress).map((card) => card.card.id);
    expect(deck).toContain('github-profile-pinned');
    expect(deck).toContain('exam-prep-guide-checklist');

    // The learner may still type the old id; a change writes the record under the new one.
    expect((await runCli(ctx, ['check', 'practice-and-sit-exam'])).code).toBe(0);
    const saved = ctx.store.current.packs[roadmap.id] as PackProgress;
    expect(saved.topics?.['exam-preparation']?.status).toBe('done');
    expect(Object.keys(saved.topics ?? {})).not.toContain('exam-guide-study');
    expect(saved.notes?.['exam-preparation']).toHaveLength(2);
    expect((saved.studyLog as { topic: string }[])[0]?.topic).toBe('exam-preparation');
  });

  it('write nothing when a change changes nothing', async () => {
    const memory = createMemoryStore(oldFile());
    const store = aliasedStore(memory, () => roadmap);
    const before = memory.current;
    const seen = await store.update((progress) => progress);
    expect(memory.current).toEqual(before);
    expect(Object.keys((seen.packs[roadmap.id] as PackProgress).topics ?? {})).toContain('github-profile');
    expect(aliasedStore(createMemoryStore(), () => roadmap).read()).toEqual(emptyProgress());
  });

  it('in a real progress file are read by the built program, and moved only when it saves a change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-aliases-'));
    try {
      const file = join(dir, 'progress.json');
      writeFileSync(file, JSON.stringify(oldFile()));
      const env = { ...process.env, MLROADMAP_CONFIG_DIR: dir, MLROADMAP_CACHE_DIR: join(dir, 'cache'), NO_COLOR: '1' };
      const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', input: '' });
      const listed = JSON.parse(run('topics', '9', '--json').stdout) as { id: string; status: string }[];
      expect(listed.map((topic) => [topic.id, topic.status])).toEqual([
        ['choose-a-certification', 'todo'],
        ['exam-preparation', 'doing'],
      ]);
      expect(readFileSync(file, 'utf8')).toContain('exam-guide-study');
      expect(run('check', 'portfolio-site').status).toBe(0);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Progress;
      expect(Object.keys(saved.packs[roadmap.id]?.topics ?? {}).sort()).toEqual(['exam-preparation', 'github-profile', 'python-basics']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in an export made before the merge are read as their topic on import', () => {
    const text = JSON.stringify({ format: 'mlroadmap-progress', version: 1, pack: roadmap.id, progress: oldFile().packs[roadmap.id] });
    const parsed = parseImport(text, roadmap);
    if ('problem' in parsed) throw new Error(parsed.problem);
    expect(Object.keys(parsed.progress.topics ?? {}).sort()).toEqual(['exam-preparation', 'github-profile', 'python-basics']);
  });
});
