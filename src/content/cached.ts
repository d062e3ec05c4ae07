import { packKey, readCachedPack } from './cache.js';
import { MAX_FILE_BYTES } from './files.js';
import type { Roadmap } from './schema.js';
import { keepSearchIndex } from './search-cache.js';

/**
 * The pack in `dir` as `loadPackCached` (load.ts) kept it, while its files are unchanged; undefined
 * when it has not (or no cache). Its searches use the index kept for it (search-cache.ts). Apart from
 * the loader, so that the fast entry points, which read a pack only from this cache, do not carry
 * the loader and the validator.
 */
export function cachedPack(dir: string, cacheDir: string | undefined): Roadmap | undefined {
  const key = cacheDir === undefined ? undefined : packKey(dir, MAX_FILE_BYTES);
  const roadmap = cacheDir === undefined || key === undefined ? undefined : readCachedPack(cacheDir, key);
  if (roadmap && cacheDir !== undefined && key !== undefined) keepSearchIndex(roadmap, cacheDir, key);
  return roadmap;
}
