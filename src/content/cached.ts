import type { FastContent } from '../command.js';
import { cachedPackEntry, cachedPackSlice, packKey, writeCachedPackSlice } from './cache.js';
import { MAX_FILE_BYTES } from './files.js';
import type { Roadmap } from './schema.js';
import { keepSearchIndex } from './search-cache.js';
import { GUIDE_LISTS, type Slice, sliceRoadmap } from './slice.js';

/**
 * The pack in `dir` as `loadPackCached` (load.ts) kept it, while its files are unchanged; undefined
 * when it has not (or no cache). Its searches use the index kept for it (search-cache.ts). Apart from
 * the loader, so that the fast entry points, which read a pack only from this cache, do not carry
 * the loader and the validator.
 *
 * With `lazily`, the pack (checked as kept, not yet parsed) is parsed when something first looks into
 * it, for `search`, which a kept index answers without it: an error then (a kept entry whose checked
 * bytes are no roadmap, which this mlroadmap never writes) is thrown to the command, and so sends the
 * line to the whole program before anything is printed.
 */
export function cachedPack(dir: string, cacheDir: string | undefined, lazily = false): Roadmap | undefined {
  const key = cacheDir === undefined ? undefined : packKey(dir, MAX_FILE_BYTES);
  const entry = cacheDir === undefined || key === undefined ? undefined : cachedPackEntry(cacheDir, key);
  const roadmap = entry === undefined ? undefined : lazily ? parsedWhenRead(entry) : entry();
  if (roadmap && cacheDir !== undefined && key !== undefined) keepSearchIndex(roadmap, cacheDir, key);
  return roadmap;
}

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

/** A roadmap that `parse` makes the first time anything looks into it (a property, its keys, its prototype). */
function parsedWhenRead(parse: () => Roadmap | undefined): Roadmap {
  let roadmap: Roadmap | undefined;
  const target = (): Roadmap => {
    roadmap ??= parse();
    if (roadmap === undefined) throw new Error('the kept copy of the content pack holds no roadmap');
    return roadmap;
  };
  // Every trap asks the roadmap: a getter's `this`, or a setter's, is the roadmap itself.
  const handler: ProxyHandler<object> = {
    get: (_stand, key) => Reflect.get(target(), key),
    set: (_stand, key, value) => Reflect.set(target(), key, value),
    has: (_stand, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_stand, key) => Reflect.getOwnPropertyDescriptor(target(), key),
    defineProperty: (_stand, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_stand, key) => Reflect.deleteProperty(target(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  };
  return new Proxy({}, handler) as Roadmap;
}
