import { describe, expect, it } from 'vitest';
import { packProgress } from '../../src/progress/model.js';
import { ProgressBusyError } from '../../src/progress/store.js';
import { runTutor } from '../../src/tutor/tutor.js';
import type { TestContext } from '../helpers.js';
import { choose, escapeOut, printed, tutorContext, until } from './screen.js';

/** Makes the next `times` saves fail as a save does that waited too long for another mlroadmap's lock. */
function busyFor(ctx: TestContext, times: number): void {
  const update = ctx.store.update;
  let left = times;
  ctx.store.update = (change) => {
    if (left-- > 0) {
      return Promise.reject(
        new ProgressBusyError(
          ctx.store.path,
          'another mlroadmap (process 4242) kept it locked for too long; try again',
          'another mlroadmap (process 4242)',
        ),
      );
    }
    return update(change);
  };
}

describe('a save that waits too long for the lock', () => {
  it('keeps the tutor open: the learner retries until it saves', async () => {
    const ctx = await tutorContext();
    busyFor(ctx, 2);
    const tutor = runTutor(ctx);
    await choose('Continue: step 1');
    await choose('Mark as done');
    await until('Saving is waiting for another mlroadmap (process 4242); retry or go on?');
    await choose('Retry the save');
    await until('Saving is waiting for another mlroadmap (process 4242); retry or go on?');
    await choose('Retry the save');
    // Continue opens the next topic; once saved, its page says what marking it did.
    await until('Back to to-do');
    expect(printed(ctx)).toMatch(/Marked 1\.1 .* as done/);
    const topic = ctx.roadmap.steps[0]?.topics?.[0]?.id as string;
    expect(packProgress(ctx.store.current, ctx.roadmap.id).topics?.[topic]?.status).toBe('done');
    await escapeOut(tutor);
  });

  it('or goes on without it, back in the tutor, with nothing saved', async () => {
    const ctx = await tutorContext();
    busyFor(ctx, 1);
    const tutor = runTutor(ctx);
    await choose('Continue: step 1');
    await choose('Mark as done');
    await choose('Go on without saving this change');
    await until('What would you like to do?');
    expect(printed(ctx)).toContain('Not saved; the tutor goes on.');
    expect(packProgress(ctx.store.current, ctx.roadmap.id).steps).toEqual({});
    expect(packProgress(ctx.store.current, ctx.roadmap.id).topics ?? {}).toEqual({});
    await escapeOut(tutor);
    expect(printed(ctx)).not.toContain('Progress saved.');
  });
});
