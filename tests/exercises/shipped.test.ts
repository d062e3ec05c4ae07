import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { verifyExercises } from '../../src/exercises/verify.js';
import { CONTENT_DIR, pythonLacks, TEST_PYTHON } from '../helpers.js';

/**
 * rustlings' `dev check` over the packs this repository ships: every reference solution passes its
 * checks and every starter fails them, run with Debian's Python as CI installs it. An exercise whose
 * library that Python lacks (PyTorch, say) is skipped by verify itself and named here.
 */
const PLUGIN_DIR = fileURLToPath(new URL('../../src/exercises/python', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/data-scientist', import.meta.url));
const lacking = pythonLacks(['pytest', 'numpy', 'pandas', 'sklearn']);

describe.skipIf(lacking !== undefined)(`exercises verify over the shipped packs${lacking ? ` (skipped: ${lacking})` : ''}`, () => {
  it.each([
    ['the shipped guide', CONTENT_DIR],
    ['the example pack', EXAMPLE],
  ])(
    '%s: every solution passes and every starter fails',
    async (_name, dir) => {
      const exercises = (await loadPack(dir)).exercises ?? [];
      // Two verify runs side by side, each over every other exercise: each exercise is still checked
      // alone in its own folder, and the two cores share the 84 pytest runs of the shipped guide.
      const halves = [0, 1].map((half) => exercises.filter((_, index) => index % 2 === half));
      const verdicts = (
        await Promise.all(
          halves.map((some) => verifyExercises({ exercises: some, dir: `${dir}/exercises`, pluginDir: PLUGIN_DIR, python: TEST_PYTHON })),
        )
      ).flat();
      const skipped = verdicts.filter((verdict) => verdict.state === 'skipped');
      if (skipped.length > 0) console.info(`skipped for a missing library: ${skipped.map((verdict) => verdict.id).join(', ')}`);
      expect(verdicts.filter((verdict) => verdict.state === 'failed')).toEqual([]);
      expect(verdicts).toHaveLength(exercises.length);
    },
    600_000,
  );
});
