import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleNameOf, SHADOWED_MODULES } from '../../src/content/exercises.js';
import { loadPack, loadPackCached, readPack } from '../../src/content/load.js';
import { EXERCISE_PACK } from '../helpers.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the exercise pack, changed by `edit` (given the copy's folder). */
function packWith(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-expack-'));
  temps.push(dir);
  cpSync(EXERCISE_PACK, dir, { recursive: true });
  edit(dir);
  return dir;
}

const exerciseYaml = (dir: string, id: string) => join(dir, 'exercises', id, 'exercise.yaml');

describe('exercises in a pack', () => {
  it('loads each folder of exercises/ in roadmap order: topic, then level, then id', async () => {
    const roadmap = await loadPack(EXERCISE_PACK);
    expect(roadmap.exercises?.map((e) => [e.id, e.topic, e.level])).toEqual([
      ['sum-evens', 'python-basics', 1],
      ['column-means', 'arrays', 2],
      ['ols-slope', 'arrays', 3],
    ]);
    const first = roadmap.exercises?.[0];
    expect(first).toMatchObject({ title: 'Add up the even numbers', minutes: 10, requires: [], checks: ['test_sum_evens.py'] });
    expect(first?.hints).toHaveLength(2);
    expect(first?.statement).toMatch(/^# Add up the even numbers/);
    expect(first?.files).toEqual(['README.md', 'exercise.yaml', 'solution.py', 'starter.py', 'test_sum_evens.py']);
  });

  it('serves no stale exercise from the compiled-pack cache once an exercise.yaml changes', async () => {
    const dir = packWith(() => undefined);
    const cache = mkdtempSync(join(tmpdir(), 'mlroadmap-excache-'));
    temps.push(cache);
    expect((await loadPackCached(dir, cache)).exercises?.[0]?.title).toBe('Add up the even numbers');
    const yaml = exerciseYaml(dir, 'sum-evens');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('Add up the even numbers', 'Sum the evens'));
    expect((await loadPackCached(dir, cache)).exercises?.[0]?.title).toBe('Sum the evens');
  });

  it('leaves exercises out of a pack without the folder', async () => {
    const dir = packWith((d) => rmSync(join(d, 'exercises'), { recursive: true }));
    expect((await loadPack(dir)).exercises).toBeUndefined();
  });

  it.each<[string, (dir: string) => void, RegExp]>([
    ['a missing solution', (d) => rmSync(join(d, 'exercises/sum-evens/solution.py')), /^exercises\/sum-evens: solution\.py is missing/],
    ['no checks', (d) => rmSync(join(d, 'exercises/sum-evens/test_sum_evens.py')), /^exercises\/sum-evens: has no checks/],
    [
      'an unknown topic',
      (d) => writeFileSync(exerciseYaml(d, 'sum-evens'), 'title: T\ntopic: nope\nminutes: 10\nlevel: 1\nhints: [a, b]\n'),
      /^exercises\/sum-evens\/exercise\.yaml:2:\d+: topic: unknown topic "nope"/,
    ],
    [
      'minutes out of range',
      (d) => writeFileSync(exerciseYaml(d, 'sum-evens'), 'title: T\ntopic: arrays\nminutes: 90\nlevel: 1\nhints: [a, b]\n'),
      /minutes: must be a whole number of minutes from 10 to 45/,
    ],
    [
      'one hint',
      (d) => writeFileSync(exerciseYaml(d, 'sum-evens'), 'title: T\ntopic: arrays\nminutes: 10\nlevel: 1\nhints: [a]\n'),
      /hints: must be a list of at least two hints/,
    ],
    [
      'a level of 4',
      (d) => writeFileSync(exerciseYaml(d, 'sum-evens'), 'title: T\ntopic: arrays\nminutes: 10\nlevel: 4\nhints: [a, b]\n'),
      /level: must be 1 \(first steps\), 2 \(practice\) or 3/,
    ],
    [
      'an unknown library',
      (d) =>
        writeFileSync(
          exerciseYaml(d, 'sum-evens'),
          'title: T\ntopic: arrays\nminutes: 10\nlevel: 1\nrequires: [tensorflow]\nhints: [a, b]\n',
        ),
      /requires\[0\]: must be one of numpy, pandas, sklearn/,
    ],
    [
      'an unknown key',
      (d) => writeFileSync(exerciseYaml(d, 'sum-evens'), 'title: T\ntopic: arrays\nminutes: 10\nlevel: 1\nhints: [a, b]\ncolour: red\n'),
      /colour: unknown key; the keys of exercise\.yaml are title, topic/,
    ],
    [
      'an id that shadows statistics',
      (d) => cpSync(join(d, 'exercises/sum-evens'), join(d, 'exercises/statistics'), { recursive: true }),
      /^exercises\/statistics: the id "statistics" would make the learner's file statistics\.py/,
    ],
    [
      'an id that shadows numpy',
      (d) => cpSync(join(d, 'exercises/sum-evens'), join(d, 'exercises/numpy'), { recursive: true }),
      /hides Python's own module "numpy"/,
    ],
    [
      'an id that is not kebab-case',
      (d) => cpSync(join(d, 'exercises/sum-evens'), join(d, 'exercises/Sum_Evens'), { recursive: true }),
      /^exercises\/Sum_Evens: the folder name is the exercise id/,
    ],
    [
      'an id starting with a digit',
      (d) => cpSync(join(d, 'exercises/sum-evens'), join(d, 'exercises/2-sums'), { recursive: true }),
      /^exercises\/2-sums: the folder name is the exercise id/,
    ],
    [
      'an id that pytest takes for a check',
      (d) => cpSync(join(d, 'exercises/sum-evens'), join(d, 'exercises/test-sums'), { recursive: true }),
      /starts with "test"/,
    ],
    [
      'a Python keyword',
      (d) => cpSync(join(d, 'exercises/sum-evens'), join(d, 'exercises/lambda'), { recursive: true }),
      /is a Python keyword/,
    ],
    [
      'a subfolder',
      (d) => cpSync(join(d, 'exercises/sum-evens'), join(d, 'exercises/column-means/data'), { recursive: true }),
      /^exercises\/column-means\/data: not a regular file/,
    ],
    ['a file in exercises/', (d) => writeFileSync(join(d, 'exercises/notes.txt'), 'x'), /^exercises\/notes\.txt: is not a folder/],
  ])('refuses %s', async (_name, edit, problem) => {
    const { problems } = await readPack(packWith(edit));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it.each(['statistics', 'sqlite3', 'typing', 'numpy', 'pandas', 'sklearn', 'torch', 'pytest', 'random', 'collections'])(
    'counts %s among the modules no exercise may shadow',
    (name) => expect(SHADOWED_MODULES.has(name)).toBe(true),
  );

  it('names the learner’s module after the id, dashes as underscores', () => {
    expect(moduleNameOf('numpy-shapes')).toBe('numpy_shapes');
  });
});
