import { forgetFileState } from './helpers.js';

// Run before each test file. Files outside the isolated project share their worker's modules, so what
// helpers.ts keeps for one file (its copy of the shipped guide) is dropped before the next one starts.
forgetFileState();
