import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordExerciseRun } from '../../src/progress/exercises.js';
import { LEGACY_PACK_ID, PROGRESS_VERSION, parseProgress } from '../../src/progress/model.js';
import { createFileStore } from '../../src/progress/store.js';
import { makeContext, runCli } from '../helpers.js';
import { cleanup, tempDir } from '../robustness/support.js';

const dirs: string[] = [];
afterEach(() => cleanup(...dirs.splice(0)));

describe('format 0 (no version): { "completed": { "<step id>": "<time>" } }', () => {
  it('reads as the current format, every entry a done step of the shipped roadmap, other keys kept', () => {
    const parsed = parseProgress({
      completed: { 'python-and-math': '2024-03-01T10:00:00.000Z', 'gone-step': '2023-01-01T00:00:00.000Z' },
      theme: 'dark',
    });
    expect(parsed).toEqual({
      progress: {
        version: PROGRESS_VERSION,
        theme: 'dark',
        packs: {
          [LEGACY_PACK_ID]: {
            steps: {
              'python-and-math': { status: 'done', updatedAt: '2024-03-01T10:00:00.000Z', completedAt: '2024-03-01T10:00:00.000Z' },
              'gone-step': { status: 'done', updatedAt: '2023-01-01T00:00:00.000Z', completedAt: '2023-01-01T00:00:00.000Z' },
            },
          },
        },
      },
      clean: true,
    });
  });

  it.each([[true], [null], [42], ['']])('keeps an entry whose time is %j as done, the time unknown', (value) => {
    const parsed = parseProgress({ completed: { courses: value } });
    expect(parsed).toEqual({
      progress: { version: PROGRESS_VERSION, packs: { [LEGACY_PACK_ID]: { steps: { courses: { status: 'done', updatedAt: '' } } } } },
      clean: true,
    });
  });

  it('keeps a "__proto__" step id as a key, not a prototype', () => {
    const parsed = parseProgress(JSON.parse('{"completed":{"__proto__":"2024-01-01T00:00:00.000Z"}}'));
    if (!('progress' in parsed)) throw new Error(parsed.problem);
    const steps = parsed.progress.packs[LEGACY_PACK_ID]?.steps ?? {};
    expect(Object.hasOwn(steps, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(steps)).toBe(Object.prototype);
  });

  it('is not guessed at when the shape is something else', () => {
    expect(parseProgress({ completed: ['a', 'b'] })).toEqual({ problem: 'it has no valid format version' });
    expect(parseProgress({ completed: {}, packs: {} })).toEqual({ problem: 'it has no valid format version' });
  });

  it('an old file is rewritten in the current format by the next check, losing nothing', async () => {
    const dir = tempDir('migrate');
    dirs.push(dir);
    const file = join(dir, 'progress.json');
    writeFileSync(
      file,
      JSON.stringify({ completed: { 'python-and-math': '2024-03-01T10:00:00.000Z', 'gone-step': '2023-01-01T00:00:00.000Z' } }),
    );
    const ctx = await makeContext();
    const store = createFileStore(dir);
    const roadmap = await runCli({ ...ctx, store } as typeof ctx, ['roadmap']);
    expect(roadmap.code).toBe(0);
    // Numbers are padded to the widest one, e.g. " 1." beside "10.".
    const first = '1'.padStart(String(ctx.roadmap.steps.length).length);
    expect(roadmap.out).toMatch(new RegExp(`^${first}\\. \\[x\\] python-and-math`, 'm'));
    const result = await runCli({ ...ctx, store } as typeof ctx, ['check', 'courses-and-tutorials']);
    expect(result.code).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.version).toBe(PROGRESS_VERSION);
    expect(saved.completed).toBeUndefined();
    expect(Object.keys(saved.packs[LEGACY_PACK_ID].steps).sort()).toEqual(['courses-and-tutorials', 'gone-step', 'python-and-math']);
    expect(saved.packs[LEGACY_PACK_ID].steps['python-and-math'].completedAt).toBe('2024-03-01T10:00:00.000Z');
  });
});

describe('format 1, from before exercise records (format 2) and merge records (format 3)', () => {
  const v1 = {
    version: 1,
    theme: 'dark',
    packs: {
      'ml-engineer': {
        steps: { 'python-and-math': { status: 'done', updatedAt: '2024-03-01T10:00:00.000Z', completedAt: '2024-03-01T10:00:00.000Z' } },
        notes: { 'python-and-math': [{ at: '2024-03-01T10:00:00.000Z', text: 'a note' }] },
        quizzes: { 'python-basics': { best: 3, total: 4, attempts: [{ at: '2024-03-02T10:00:00.000Z', score: 3 }] } },
        somethingNewer: { kept: true },
      },
    },
  };

  it('reads with its meaning unchanged, as the current format', () => {
    expect(parseProgress(structuredClone(v1))).toEqual({ progress: { ...structuredClone(v1), version: PROGRESS_VERSION }, clean: true });
  });

  it('is written in the current format at its next change, losing nothing (notes gain a stable id)', async () => {
    const dir = tempDir('v1');
    dirs.push(dir);
    const file = join(dir, 'progress.json');
    writeFileSync(file, JSON.stringify(v1));
    const store = createFileStore(dir);
    await store.update((progress) => recordExerciseRun(progress, 'ml-engineer', 'sum-evens', true, new Date('2026-01-01T00:00:00Z')));
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.version).toBe(PROGRESS_VERSION);
    const { exercises, notes, ...rest } = saved.packs['ml-engineer'];
    const { notes: oldNotes, ...oldRest } = v1.packs['ml-engineer'];
    expect(rest).toEqual(oldRest);
    expect(notes['python-and-math']).toEqual([{ ...oldNotes['python-and-math'][0], id: expect.stringMatching(/^n[0-9a-f]{16}$/) }]);
    expect(saved.theme).toBe('dark');
    expect(exercises).toEqual({
      'sum-evens': {
        runs: 1,
        lastRunAt: '2026-01-01T00:00:00.000Z',
        lastResult: 'passed',
        passedAt: '2026-01-01T00:00:00.000Z',
        passedAfterRuns: 1,
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    });
  });

  it('a file of format 6 is refused, never rewritten', async () => {
    const dir = tempDir('v6');
    dirs.push(dir);
    const file = join(dir, 'progress.json');
    const text = JSON.stringify({ version: 6, packs: {} });
    writeFileSync(file, text);
    const store = createFileStore(dir);
    expect(() => store.read()).toThrow(/format 6; this one reads up to 5/);
    await expect(store.update((progress) => progress)).rejects.toThrow(/newer mlroadmap/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
