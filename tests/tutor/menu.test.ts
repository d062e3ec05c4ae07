import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/progress/model.js';
import { menuChoices, offeredParts } from '../../src/tutor/tutor.js';
import { makeContext, shippedRoadmap } from '../helpers.js';

const shipped = await shippedRoadmap();

describe('the main menu', () => {
  const partsOf = async (roadmap: typeof shipped) => {
    const ctx = await makeContext({ roadmap });
    return offeredParts(menuChoices(ctx, summarize(roadmap, ctx.store.read())));
  };

  it('offers every part of the shipped guide', async () => {
    expect(await partsOf(shipped)).toEqual(
      expect.arrayContaining(['search', 'phases', 'skills', 'sections', 'certs', 'faqs', 'quizzes', 'assess', 'quit']),
    );
  });

  it('offers no part of the guide that a pack has none of (it would open nothing)', async () => {
    const parts = await partsOf({ ...shipped, phases: [], certifications: [], faqs: [], sections: [], skills: [] });
    for (const part of ['phases', 'certs', 'faqs', 'sections', 'skills', 'assess']) expect(parts).not.toContain(part);
    // Search stays: the steps and topics are there to find.
    expect(parts).toEqual(expect.arrayContaining(['continue', 'checklist', 'progress', 'search', 'quit']));
  });
});
