import type { FastContent } from '../command.js';
import { cachedPackEntry, cachedPackSlice, packKey, writeCachedPackSlice } from './cache.js';
import { MAX_FILE_BYTES } from './files.js';
import type { Roadmap } from './schema.js';
import { keepSearchIndex } from './search-cache.js';
import { GUIDE_LISTS, type Slice, sliceRoadmap } from './slice.js';

/**
 * What a fast entry point `name` (a command's, or `<command>.text`: see CommandSpec's fast) reads of
 * the pack in `dir` as `loadPackCached` kept it: its slice (`content` of it, cut the way the build
 * cuts the shipped guide's), with the pack whole on demand (undefined if it has changed since), once
 * the slice is kept; before that, the pack whole, and the slice is kept for next time. Undefined when
 * the pack has not been kept as it is now (or no cache).
 *
 * A 2,000-step pack is 775 kB of JSON, its steps' outline 190 kB: `roadmap` then reads and parses a
 * quarter of it.
 */
export function cachedPackSliceOf(
  dir: string,
  cacheDir: string | undefined,
  name: string,
  content: readonly FastContent[],
): { slice: Slice; whole: () => Roadmap | undefined } | { roadmap: Roadmap } | undefined {
  const key = cacheDir === undefined ? undefined : packKey(dir, MAX_FILE_BYTES);
  if (cacheDir === undefined || key === undefined) return undefined;
  const slice = cachedPackSlice(cacheDir, key, name)?.();
  if (slice !== undefined && isSlice(slice)) {
    // (The slice's roadmap is the one the command reads: slicedRoadmap guards it in place.)
    keepSearchIndex(slice.roadmap as Roadmap, cacheDir, key);
    let whole: Roadmap | undefined;
    return { slice, whole: () => (whole ??= cachedPackEntry(cacheDir, key)?.()) };
  }
  const roadmap = cachedPackEntry(cacheDir, key)?.();
  if (roadmap === undefined) return undefined;
  const cut = sliceRoadmap(roadmap, content);
  if (cut !== undefined) writeCachedPackSlice(cacheDir, key, name, cut);
  keepSearchIndex(roadmap, cacheDir, key);
  return { roadmap };
}

/** Whether a kept slice has the shape this mlroadmap writes (its key names this build, so it should). */
function isSlice(value: object): value is Slice {
  const { roadmap, omitted, projections } = value as Partial<Slice>;
  return (
    typeof roadmap === 'object' &&
    roadmap !== null &&
    Array.isArray(omitted) &&
    omitted.every((list) => GUIDE_LISTS.includes(list)) &&
    (projections === undefined || (typeof projections === 'object' && projections !== null))
  );
}
