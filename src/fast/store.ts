/**
 * The learner's progress for a fast entry point (src/fast/run.ts), as main.ts opens it: the file in
 * the config folder, read through the guide's renamed ids, with the whole-check stamps in the cache
 * folder. Its own module, so that an entry point whose command never reads progress (`fast.progress`
 * false) is built without the store's code.
 */
import type { Roadmap } from '../content/schema.js';
import { configDir, createStore } from '../edge.js';
import { aliasedStore } from '../progress/aliases.js';
import { type ProgressStore, useVerifiedStamps } from '../progress/store.js';

export function openFastStore(env: NodeJS.ProcessEnv, caches: string | undefined, roadmap: () => Roadmap): ProgressStore {
  useVerifiedStamps(caches);
  return aliasedStore(createStore(configDir(env)), roadmap);
}
