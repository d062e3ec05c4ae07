import { afterAll, vi } from 'vitest';
import { forgetFileState } from './helpers.js';

// Run before each test file of the shared project, whose files share their worker's modules and process.
// What helpers.ts keeps for one file (its copy of the shipped guide) is dropped before the next one starts.
forgetFileState();

// And what a file changes in the process (the environment, stubbed or set; the working folder) is put
// back after it, so the next file in the same worker starts as it would in a process of its own.
const env = { ...process.env };
const cwd = process.cwd();
afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  if (process.cwd() !== cwd) process.chdir(cwd);
});
