import { describe, expect, it } from 'vitest';
import { nextStep, type Status } from '../../src/progress/model.js';

/** Steps numbered from 1, with statuses written one letter each: t todo, w doing, d done, s skipped. */
function steps(marks: string) {
  const statuses: Record<string, Status> = { t: 'todo', w: 'doing', d: 'done', s: 'skipped' };
  return {
    steps: [...marks].map((mark, index) => ({
      number: index + 1,
      id: `step-${index + 1}`,
      title: `Step ${index + 1}`,
      status: statuses[mark] as Status,
    })),
  };
}

describe('nextStep', () => {
  it.each([
    ['tttt', 1, 'nothing done: the first step'],
    ['ddtt', 3, 'the first open step after the last done one'],
    ['dtdt', 4, 'after the last done one, not the first gap'],
    ['tdtd', 1, 'wraps round when the last step is done'],
    ['ttdw', 4, 'a step in progress comes first'],
    ['wtwt', 1, 'the first of several in progress'],
    ['ddst', 4, 'skipped steps are passed over'],
    ['tdss', 1, 'skipped steps are passed over when wrapping'],
  ])('%s → step %i (%s)', (marks, expected) => {
    expect(nextStep(steps(marks))?.number).toBe(expected);
  });

  it.each(['dddd', 'dsds', 'ssss', ''])('%s → none left to do', (marks) => {
    expect(nextStep(steps(marks))).toBeUndefined();
  });
});
