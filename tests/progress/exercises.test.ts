import { describe, expect, it } from 'vitest';
import { exerciseStatusOf, recordExerciseRun } from '../../src/progress/exercises.js';
import { emptyProgress, PROGRESS_VERSION, packProgress, parseProgress } from '../../src/progress/model.js';
import { diffImport, exportJson, parseImport } from '../../src/progress/transfer.js';
import { shippedRoadmap } from '../helpers.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 15, 10, minute));
const run = (results: boolean[]) =>
  results.reduce((progress, passed, i) => recordExerciseRun(progress, 'pack', 'sum-evens', passed, at(i)), emptyProgress());

describe('exercise records', () => {
  it.each<[string, boolean[], string]>([
    ['no run', [], 'not-started'],
    ['a failing run', [false], 'failing'],
    ['two failing runs, then a pass', [false, false, true], 'passed'],
    ['a pass, then a failing run', [true, false], 'passed'],
  ])('%s: the exercise is %s', (_name, results, status) => {
    expect(exerciseStatusOf(packProgress(run(results), 'pack'), 'sum-evens')).toBe(status);
  });

  it('records when it first passed and after how many runs, and counts every finished run', () => {
    const record = packProgress(run([false, false, true, false]), 'pack').exercises?.['sum-evens'];
    expect(record).toEqual({
      runs: 4,
      lastRunAt: at(3).toISOString(),
      lastResult: 'failing',
      passedAt: at(2).toISOString(),
      passedAfterRuns: 3,
      updatedAt: at(3).toISOString(),
    });
  });

  it('is valid progress, and a damaged record is named', () => {
    expect(parseProgress(run([true]))).toMatchObject({ progress: { version: PROGRESS_VERSION } });
    const bad = run([true]);
    (bad.packs.pack?.exercises as Record<string, unknown>)['sum-evens'] = { runs: 'many' };
    expect(parseProgress(bad)).toEqual({ problem: 'the record of exercise "sum-evens" is not a valid exercise record' });
  });

  it('travels in an export and back in an import, and the import says what changes', async () => {
    const roadmap = await shippedRoadmap();
    const progress = recordExerciseRun(emptyProgress(), roadmap.id, 'sum-evens', true, at(0));
    const exported = JSON.stringify(exportJson(roadmap, progress, at(1)));
    const imported = parseImport(exported, roadmap);
    if (!('progress' in imported)) throw new Error(imported.problem);
    expect(imported.progress.exercises).toEqual(packProgress(progress, roadmap.id).exercises);
    expect(diffImport(roadmap, { steps: {} }, imported.progress).lines).toEqual([
      'exercises: 0 passed of 0 exercises tried → 1 passed of 1 exercise tried',
    ]);
  });

  it('imports an export made before exercise records existed', async () => {
    const roadmap = await shippedRoadmap();
    const old = {
      format: 'mlroadmap-progress',
      version: 1,
      pack: roadmap.id,
      exportedAt: '2025-01-01T00:00:00.000Z',
      progress: { steps: { 'python-and-math': { status: 'done', updatedAt: '2025-01-01T00:00:00.000Z' } } },
    };
    expect(parseImport(JSON.stringify(old), roadmap)).toMatchObject({ progress: old.progress });
  });
});
