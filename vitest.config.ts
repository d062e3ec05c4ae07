import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    // Programs the tests spawn keep their code and render caches here, not in the home folder.
    env: { MLROADMAP_CACHE_DIR: join(tmpdir(), 'mlroadmap-test-cache') },
    hookTimeout: 60_000,
  },
});
