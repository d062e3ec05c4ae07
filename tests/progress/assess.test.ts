import { describe, expect, it } from 'vitest';
import { addAssessment, latestRating, parseRating, ratingsOf, weakSkillSteps } from '../../src/progress/assess.js';
import { emptyProgress, type Progress, packProgress, setStatus } from '../../src/progress/model.js';
import { shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const day = (n: number) => new Date(Date.UTC(2026, 0, n));

function rate(progress: Progress, ratings: [string, number, number][]): Progress {
  return ratings.reduce((acc, [skill, rating, on]) => addAssessment(acc, roadmap.id, skill, rating, day(on)), progress);
}

describe('parseRating', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    [' 3 ', 3],
    ['0', undefined],
    ['6', undefined],
    ['-1', undefined],
    ['2.5', undefined],
    ['three', undefined],
    ['', undefined],
    ['1e0', undefined],
  ])('reads %j as %s', (text, rating) => {
    expect(parseRating(text)).toBe(rating);
  });
});

describe('addAssessment', () => {
  it('keeps every rating, dated, oldest first; the latest is the current one', () => {
    const progress = rate(emptyProgress(), [
      ['python-and-r', 2, 1],
      ['python-and-r', 4, 9],
    ]);
    const pack = packProgress(progress, roadmap.id);
    expect(ratingsOf(pack, 'python-and-r')).toEqual([
      { at: '2026-01-01T00:00:00.000Z', rating: 2 },
      { at: '2026-01-09T00:00:00.000Z', rating: 4 },
    ]);
    expect(latestRating(pack, 'python-and-r')?.rating).toBe(4);
    expect(latestRating(pack, 'big-data-spark')).toBeUndefined();
  });

  it('leaves steps, other skills and other packs alone', () => {
    let progress = setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', day(1));
    progress = { ...progress, packs: { ...progress.packs, other: { steps: {} } } };
    progress = rate(progress, [
      ['big-data-spark', 3, 2],
      ['python-and-r', 1, 3],
    ]);
    const pack = packProgress(progress, roadmap.id);
    expect(pack.steps['python-and-math']?.status).toBe('done');
    expect(latestRating(pack, 'big-data-spark')?.rating).toBe(3);
    expect(progress.packs.other).toEqual({ steps: {} });
  });
});

describe('weakSkillSteps', () => {
  it('is empty when nothing is rated: an unrated skill is not called weak', () => {
    expect(weakSkillSteps(roadmap, emptyProgress())).toEqual([]);
  });

  it('lists skills whose latest rating is 2 or lower, weakest first, with the steps that build them', () => {
    const progress = rate(emptyProgress(), [
      ['python-and-r', 2, 1],
      ['big-data-spark', 1, 1],
      ['problem-solving', 3, 1],
      ['algorithms-and-statistics', 1, 1],
      ['algorithms-and-statistics', 5, 2],
    ]);
    const weak = weakSkillSteps(roadmap, progress);
    expect(weak.map((entry) => [entry.skill.id, entry.rating])).toEqual([
      ['big-data-spark', 1],
      ['python-and-r', 2],
    ]);
    const python = weak[1];
    const skill = roadmap.skills.find((s) => s.id === 'python-and-r');
    expect(python?.steps.map((step) => step.id)).toEqual(skill?.steps);
    expect(python?.steps[0]).toMatchObject({ number: 1, id: 'python-and-math', status: 'todo' });
  });

  it('points at the steps still open, not the ones done or skipped', () => {
    let progress = rate(emptyProgress(), [['python-and-r', 1, 1]]);
    progress = setStatus(progress, roadmap.id, ['python-and-math'], 'done', day(2));
    progress = setStatus(progress, roadmap.id, ['courses-and-tutorials'], 'skipped', day(2));
    progress = setStatus(progress, roadmap.id, ['projects-and-open-source'], 'doing', day(2));
    const [python] = weakSkillSteps(roadmap, progress);
    const open = roadmap.steps.filter(
      (step) => step.skills.includes('python-and-r') && !['python-and-math', 'courses-and-tutorials'].includes(step.id),
    );
    expect(open.map((step) => step.id)).toEqual(expect.arrayContaining(['projects-and-open-source', 'github-portfolio']));
    expect(python?.openSteps.map((step) => [step.id, step.status])).toEqual(
      open.map((step) => [step.id, step.id === 'projects-and-open-source' ? 'doing' : 'todo']),
    );
  });
});
