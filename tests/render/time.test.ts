import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noteDate } from '../../src/render/step.js';
import { localTime } from '../../src/render/time.js';
import { topicChangeLine } from '../../src/render/topic.js';
import { topicActions } from '../../src/tutor/steps.js';

let zone: string | undefined;
beforeEach(() => {
  zone = process.env.TZ;
});
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('times a person reads, in their own zone', () => {
  it.each([
    ['UTC', '2026-12-06T17:23:26.780Z', '2026-12-06 17:23', '2026-12-06'],
    ['America/New_York', '2026-12-06T17:23:26.780Z', '2026-12-06 12:23', '2026-12-06'],
    ['Asia/Tokyo', '2026-12-06T17:23:26.780Z', '2026-12-07 02:23', '2026-12-07'],
    ['America/Los_Angeles', '2026-12-06T03:00:00.000Z', '2026-12-05 19:00', '2026-12-05'],
  ])('in %s, %s reads %s (a note that day is dated %s)', (tz, at, time, day) => {
    process.env.TZ = tz;
    expect(localTime(at)).toBe(time);
    expect(noteDate(at)).toBe(day);
  });

  it('gives seconds when asked, and the text back when it is no time', () => {
    process.env.TZ = 'UTC';
    expect(localTime('2026-12-06T17:23:26.780Z', true)).toBe('2026-12-06 17:23:26');
    expect(localTime('soon')).toBe('soon');
  });
});

describe('what a change to a topic did', () => {
  it.each<[Parameters<typeof topicChangeLine>, string]>([
    [['1.1 Python', 'doing', 4], 'Started 1.1 Python: 4 review cards added to your deck.'],
    [['1.1 Python', 'doing', 1], 'Started 1.1 Python: 1 review card added to your deck.'],
    [['1.1 Python', 'doing', 0], 'Started 1.1 Python.'],
    [['1.1 Python', 'done', 0], 'Marked 1.1 Python as done.'],
    [['1.1 Python', 'todo', -3], '1.1 Python is back to to-do: 3 review cards you had not reviewed left your deck.'],
  ])('%j says %s', (args, line) => {
    expect(topicChangeLine(...args)).toBe(line);
  });
});

describe("a topic page's choices", () => {
  it.each<[Parameters<typeof topicActions>, string[]]>([
    [['todo'], ['start', 'done', 'log', 'back']],
    [
      ['todo', { topics: true }],
      ['start', 'done', 'log', 'topics', 'back'],
    ],
    [['doing'], ['log', 'done', 'todo', 'back']],
    [
      ['done', { next: true }],
      ['next', 'log', 'todo', 'back'],
    ],
    [['done'], ['log', 'todo', 'back']],
    [['skipped'], ['start', 'done', 'log', 'back']],
  ])('%j offers %j', (args, actions) => {
    expect(topicActions(...args)).toEqual(actions);
  });
});
