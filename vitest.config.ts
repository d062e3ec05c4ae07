import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Test files that need a module graph of their own: the tutor's screen tests (`@inquirer/testing/vitest`
 * replaces the prompts, which must not already be loaded by another file) and the files that call
 * `vi.mock`. Every other file shares its worker's modules with the files run before it (`isolate: false`),
 * which saves the second or so each file spent loading src/ and the shipped guide again.
 */
const ISOLATED = [
  'tests/commands/assess.test.ts',
  'tests/commands/quiz.test.ts',
  'tests/content/pack-cache.test.ts',
  'tests/portfolio/scaffold-race.test.ts',
  'tests/tutor/busy.test.ts',
  'tests/tutor/daily.test.ts',
  'tests/tutor/exercises-part.test.ts',
  'tests/tutor/loop.test.ts',
  'tests/tutor/projects.test.ts',
  'tests/tutor/recheck.test.ts',
  'tests/tutor/review-accepted.test.ts',
  'tests/tutor/review.test.ts',
  'tests/tutor/screens.test.ts',
  'tests/tutor/study.test.ts',
  'tests/tutor/trust.test.ts',
  'tests/tutor/tutor.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // Programs the tests spawn keep their code and render caches here, not in the home folder.
    // They need no certificates of this machine's: where NODE_EXTRA_CA_CERTS is set
    // (as on the machines this is developed and checked on), Node 20 reads and parses that file on every
    // start, about 60 ms of the 100 ms a spawned mlroadmap takes, over a thousand spawns a run (see
    // LIBRARIES.md). An empty value is no file at all. Nothing the tests run talks TLS.
    env: { MLROADMAP_CACHE_DIR: join(tmpdir(), 'mlroadmap-test-cache'), NODE_EXTRA_CA_CERTS: '' },
    hookTimeout: 60_000,
    // Vitest's default on two cores is one worker; most files spend much of their time waiting on the
    // processes they spawn, so two keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // tests/setup.ts gives each file its own copy of the shipped guide, though the modules are shared.
        test: { name: 'shared', include: ['tests/**/*.test.ts'], exclude: ISOLATED, isolate: false, setupFiles: ['tests/setup.ts'] },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
