import { existsSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checksum } from '../checksum.js';
import { fileVersion, readRegularFile, replaceFile } from '../disk.js';
import { asciiText } from '../json.js';
import { checkedOnce, hash, readCacheFile, STALE_MS, stampChecked } from '../render/cache.js';
import { EXERCISES_FOLDER, META_FILE, PACK_FILES } from './files.js';
import { CONTENT_FORMAT_VERSION, type Roadmap } from './schema.js';
import type { Slice } from './slice.js';

/**
 * Compiled packs kept between runs. Parsing and validating a large pack's YAML takes many times longer
 * than starting mlroadmap; a pack already compiled is served from a JSON file without loading `yaml`
 * or running validation: a realpath, a stat of each pack file, one read, a CRC and one `JSON.parse`.
 * What is served was sanitized (see loadPack) before it was written.
 *
 * Entry: `<cache folder>/pack-<hash of the folder's real path>.json`, so one entry per pack folder,
 * which a changed pack overwrites. It is a JSON object written in this order and layout exactly:
 * `{"key":"<the whole key>","sum":"<CRC-32 of the roadmap's JSON text>","roadmap":<that text>}`.
 * The reader matches the key and the sum against the text as written (the sum once per version of the
 * entry: `<entry>.ok` beside it names the version that was summed, see render/cache.ts `checkedOnce`),
 * so a hash collision, a damaged or hand-edited entry, a key of another build or another state of the
 * pack is a miss, never wrong content. Entries are written to a temporary file (mode 0600) and renamed; writing one removes the
 * other `pack-*` files left unwritten for a week (an entry of a pack in daily use is then written
 * again once). Only valid packs are written (the loader throws for the others before), and only
 * when their JSON reads back the same (no NaN, Infinity, -0 or undefined in them).
 *
 * Beside an entry, under the same key and in the same layout with `"slice"` for `"roadmap"`, the fast
 * entry points keep their slices of the pack (`pack-<hash>.<command>.json`: see cachedPackSliceOf in
 * cached.ts), each cut from the entry the first time its command reads the pack in that state.
 *
 * The contract, what makes an entry the pack's current content: the key holds the build of mlroadmap
 * (`dev` unbundled, which code changes do not alter), the content format, the folder's real path and,
 * for every file a pack is made of, whether it exists and its mode, size, mtime and ctime in
 * nanoseconds, inode and device (following symbolic links). Any write, rename over, chmod or touch
 * of a pack file changes its ctime, which no program can set back (short of setting the system clock),
 * so it changes the key. The one
 * gap is the clock's tick: two writes of the same size within one tick of the file system's
 * timestamps leave every field equal. So while a file was changed less than `RECENT_MS` ago (or
 * carries a time in the future), its bytes are hashed into the key as well; an entry keyed so is
 * missed once the file is older, and written again keyed by its stat alone. The loader also takes
 * the key again after reading the pack and writes the entry only if nothing changed meanwhile.
 */

/** Set by the build (scripts/build.mjs) to a hash of everything the bundle is made of. */
declare const MLROADMAP_BUILD: string | undefined;

const BUILD = typeof MLROADMAP_BUILD === 'string' ? MLROADMAP_BUILD : 'dev';
/** The layout of an entry and of its key; a change to either changes this. */
const ENTRY_VERSION = 1;
/** A file changed within this long of now is keyed by its bytes too: far longer than any file system's timestamp tick. */
const RECENT_MS = 2000n;
/** An entry larger than this is not written, and a file this large is not one of ours. */
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

/** What a pack's entry is found and checked by: the folder's real path, and the key of its current state. */
export interface PackKey {
  folder: string;
  key: string;
}

/**
 * The key of the pack in `dir` as it is now, or undefined when it cannot be cached: the folder is
 * missing or not a folder, a file cannot be looked at, or a recent file is not a regular file of at
 * most `maxFileBytes` (the loader refuses those anyway).
 */
export function packKey(dir: string, maxFileBytes: number): PackKey | undefined {
  try {
    const folder = realpathSync.native(dir);
    if (!statSync(folder).isDirectory()) return undefined;
    const now = BigInt(Date.now());
    const lines = [`mlroadmap pack ${ENTRY_VERSION}`, `build ${BUILD}`, `format ${CONTENT_FORMAT_VERSION}`, `folder ${folder}`];
    for (const name of [META_FILE, ...Object.values(PACK_FILES)]) {
      const path = join(folder, name);
      const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
      if (stat === undefined) {
        lines.push(`${name} missing`);
        continue;
      }
      const line = `${name} ${stat.mode} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs} ${stat.ino} ${stat.dev}`;
      const recent = now - stat.mtimeMs < RECENT_MS || now - stat.ctimeMs < RECENT_MS;
      lines.push(recent ? `${line} bytes ${hash(readRegularFile(path, maxFileBytes).toString('latin1'))}` : line);
    }
    // The exercises' metadata and statements are compiled in too: every file of every exercise folder counts.
    const exercises = join(folder, EXERCISES_FOLDER);
    const names = existsSync(exercises) ? readdirSync(exercises).sort() : [];
    lines.push(`${EXERCISES_FOLDER} ${names.length}`);
    for (const name of names) {
      const stat = statSync(join(exercises, name), { bigint: true });
      lines.push(`${name} ${stat.mode} ${stat.mtimeNs} ${stat.ctimeNs} ${stat.ino}`);
      if (!stat.isDirectory()) continue;
      for (const file of readdirSync(join(exercises, name)).sort()) {
        const path = join(exercises, name, file);
        const entry = statSync(path, { bigint: true });
        const line = `${name}/${file} ${entry.mode} ${entry.size} ${entry.mtimeNs} ${entry.ctimeNs} ${entry.ino} ${entry.dev}`;
        const recent = now - entry.mtimeMs < RECENT_MS || now - entry.ctimeMs < RECENT_MS;
        lines.push(recent && entry.isFile() ? `${line} bytes ${hash(readRegularFile(path, maxFileBytes).toString('latin1'))}` : line);
      }
    }
    return { folder, key: lines.join('\n') };
  } catch {
    return undefined;
  }
}

function entryPath(cacheDir: string, folder: string): string {
  return join(cacheDir, `pack-${hash(folder)}.json`);
}

/** The stamp of an entry whose sum was checked (render/cache.ts, `checkedOnce`): `<entry>.ok`, which its cleaning keeps. */
export function stampOf(entry: string): string {
  return `${entry}.ok`;
}

function entryHead(key: string): string {
  return `{"key":${JSON.stringify(key)},"sum":"`;
}

const ROADMAP_FIELD = '","roadmap":';
const SLICE_FIELD = '","slice":';

/**
 * The sum of an entry's roadmap text: the caches' checksum (checksum.ts) of its UTF-8 bytes, as 8
 * hex digits. It is there to catch a damaged or edited file, not a forged one (the folder is the
 * learner's own). Not `hash`: that runs as JavaScript over every character of a text read once,
 * several times slower than parsing it.
 */
function sumOf(bytes: Uint8Array): string {
  return checksum(bytes).toString(16).padStart(8, '0');
}

/** The roadmap cached for `key`, or undefined (a miss) for anything else: no entry, another key, a damaged entry. */
export function readCachedPack(cacheDir: string, key: PackKey): Roadmap | undefined {
  return cachedPackEntry(cacheDir, key)?.();
}

/**
 * The entry cached for `key` once its bytes are checked (its key, its layout and its sum): a function
 * that parses the roadmap from them (undefined if they do not hold one), or undefined for a miss. A
 * large pack's JSON takes milliseconds to parse, which a command that answers from the pack's kept
 * search index never needs.
 */
export function cachedPackEntry(cacheDir: string, key: PackKey): (() => Roadmap | undefined) | undefined {
  return checkedEntry(entryPath(cacheDir, key.folder), key, ROADMAP_FIELD) as (() => Roadmap | undefined) | undefined;
}

/**
 * A fast entry point's slice of the pack (content/slice.ts), kept beside the pack's entry by
 * `writeCachedPackSlice` under the same key: `<entry>` with `.<name>` before `.json`, `name` being the
 * command's (`roadmap`, or `roadmap.text` for what it reads for its text). A function that parses it,
 * or undefined for a miss, as `cachedPackEntry`.
 */
export function cachedPackSlice(cacheDir: string, key: PackKey, name: string): (() => Slice | undefined) | undefined {
  return checkedEntry(slicePath(cacheDir, key.folder, name), key, SLICE_FIELD) as (() => Slice | undefined) | undefined;
}

function slicePath(cacheDir: string, folder: string, name: string): string {
  return join(cacheDir, `pack-${hash(folder)}.${name}.json`);
}

/** The checked body of the entry at `path` (`{"key":...,"sum":...<field><body>}`) for `key`, as a function parsing it into an object. */
function checkedEntry(path: string, key: PackKey, field: string): (() => object | undefined) | undefined {
  try {
    let identity: string | undefined;
    const bytes = readCacheFile(path, MAX_ENTRY_BYTES, (id) => {
      identity = id;
    });
    if (!bytes) return undefined;
    const head = Buffer.from(entryHead(key.key));
    const start = head.length + 8 + field.length;
    if (bytes.length <= start || !bytes.subarray(0, head.length).equals(head) || bytes.at(-1) !== 0x7d) return undefined;
    if (bytes.toString('latin1', head.length + 8, start) !== field) return undefined;
    const body = bytes.subarray(start, -1);
    // Summed once per version of the entry (checkedOnce).
    if (!checkedOnce(stampOf(path), identity, () => sumOf(body) === bytes.toString('latin1', head.length, head.length + 8)))
      return undefined;
    return () => {
      try {
        const parsed: unknown = JSON.parse(body.toString('utf8'));
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    };
  } catch {
    return undefined;
  }
}

/** Stores `roadmap`, compiled from the pack in the state `key` names; never throws (the pack is then loaded again next time). */
export function writeCachedPack(cacheDir: string, key: PackKey, roadmap: Roadmap): void {
  const path = entryPath(cacheDir, key.folder);
  if (writeEntry(path, key, ROADMAP_FIELD, roadmap)) removeOldEntries(cacheDir, 'pack-', path);
}

/** Keeps `slice`, cut from the pack in the state `key` names, for the fast entry point `name` (see `cachedPackSlice`); never throws. */
export function writeCachedPackSlice(cacheDir: string, key: PackKey, name: string, slice: Slice): void {
  writeEntry(slicePath(cacheDir, key.folder, name), key, SLICE_FIELD, slice);
}

/** Writes `value` as the entry at `path` for `key`; false when it is not written (not exact as JSON, too large, a failure). */
function writeEntry(path: string, key: PackKey, field: string, value: object): boolean {
  try {
    let exact = true;
    const body = JSON.stringify(value, (_name, item: unknown) => {
      if (item === undefined || (typeof item === 'number' && (!Number.isFinite(item) || Object.is(item, -0)))) exact = false;
      return item;
    });
    if (!exact) return false;
    // As ASCII, as the build writes the shipped guide (json.ts).
    const bytes = Buffer.from(asciiText(body));
    const text = Buffer.concat([Buffer.from(`${entryHead(key.key)}${sumOf(bytes)}${field}`), bytes, Buffer.from('}')]);
    if (text.length > MAX_ENTRY_BYTES) return false;
    replaceFile(path, text);
    // Summed as it was written: what is at the path now (this or another process's entry, written the same way) needs no sum on reading.
    stampChecked(stampOf(path), fileVersion(statSync(path, { bigint: true })));
    return true;
  } catch {
    // Worked out again next time.
    return false;
  }
}

/** Removes the files of `cacheDir` named `<prefix>...` but `keep` and its stamp that were not written for a week (STALE_MS). */
export function removeOldEntries(cacheDir: string, prefix: string, keep: string): void {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (!name.startsWith(prefix) || path === keep || path === stampOf(keep)) continue;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isFile() && Date.now() - stat.mtimeMs > STALE_MS) rmSync(path, { force: true });
  }
}
