import { lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeFolder, readRegularFile, replaceFile } from '../disk.js';
import { appDir } from '../paths.js';

/**
 * Rendered markdown kept between runs. marked compiles its regular expressions on every start
 * (about 40 ms before the first line is out); a second reading of the same text at the same width
 * and colour is served from here without loading marked at all.
 */
export interface RenderCache {
  /** The text stored under `key` for this `build` of the renderer, if any. */
  get(build: string, key: string): string | undefined;
  /** Stores `text` under `key`; never throws. */
  set(build: string, key: string, text: string): void;
}

let current: RenderCache | undefined;

/** Sets the cache `renderMarkdown` uses (`main.ts` does, once); without one every render is fresh. */
export function useRenderCache(cache: RenderCache | undefined): void {
  current = cache;
}

export function renderCache(): RenderCache | undefined {
  return current;
}

/** The folder for caches (see paths.ts): `MLROADMAP_CACHE_DIR`, else the XDG cache folder, else the platform's. */
export function cacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  return appDir('cache', env, platform);
}

/** A cache entry larger than this is not one of ours. */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/**
 * `dir` when it can hold caches safely: a folder (made if missing, unless `make` is false, private to the learner) owned by
 * the learner and writable by nobody else. What is read from a cache runs as the learner (compiled
 * code) or goes to the terminal (rendered pages), so a folder someone else can write to is not used.
 * Undefined otherwise: mlroadmap then runs without caches.
 */
export function trustedCacheDir(dir: string | undefined, options: { make?: boolean } = {}): string | undefined {
  if (dir === undefined) return undefined;
  try {
    if (options.make !== false) makeFolder(dir, 0o700);
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || (stat.mode & 0o022) !== 0) return undefined;
    if (process.getuid && stat.uid !== process.getuid()) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * Reads a cache file: a regular file of the learner's own, of at most `maxBytes`; undefined otherwise.
 * `identity`, when given, is told which file and which version of it was read (see readRegularFile);
 * `upTo`, given that version, may say how many bytes to read of it.
 */
export function readCacheFile(
  path: string,
  maxBytes: number,
  identity?: (id: string) => void,
  upTo?: (id: string) => number | undefined,
): Buffer | undefined {
  try {
    return readRegularFile(path, maxBytes, {
      ...(process.getuid ? { ownedBy: process.getuid() } : {}),
      ...(identity ? { identity } : {}),
      ...(upTo ? { upTo } : {}),
    });
  } catch {
    return undefined;
  }
}

/**
 * Whether a cache file's bytes, just read as version `identity` (readCacheFile's), pass `check` (its
 * checksum, which V8 and JSON.parse would not make), worked out once per version of the file: `stamp`
 * beside it holds the identity of the version that passed (device, inode, size, and times to the
 * nanosecond: any write changes its ctime, which no one can set back, and a cache is replaced by a
 * rename, which makes a new inode), and a file that still has it is not checked again. Summing reads
 * every byte into WebAssembly's memory: for a large pack and its search index, milliseconds of first
 * touches at every start. What the stamp cannot see is a disk that changes bits by itself.
 */
export function checkedOnce(stamp: string, identity: string | undefined, check: () => boolean): boolean {
  if (identity !== undefined && isStamped(stamp, identity)) return true;
  if (!check()) return false;
  if (identity !== undefined) stampChecked(stamp, identity);
  return true;
}

/** Whether `stamp` says version `identity` of its cache file passed its check (see `checkedOnce`). */
export function isStamped(stamp: string, identity: string): boolean {
  return readCacheFile(stamp, 256)?.toString('latin1') === identity;
}

/** Records that version `identity` of a cache file passed its check (see `checkedOnce`); nothing when that cannot be written. */
export function stampChecked(stamp: string, identity: string): void {
  try {
    replaceFile(stamp, identity);
  } catch {
    // Checked again next time.
  }
}

/**
 * A render cache in files: `<dir>/render-<build>/<hash of key>.json`, each holding
 * `{ "key": "<the whole key>", "text": "<rendered text>" }`. An entry counts only when its stored key
 * equals the key asked for, so a hash collision or a damaged file is a miss, never wrong output.
 * Entries are written to a temporary file and renamed, so a reader never sees half of one. The first
 * write for a new build removes the folders of other builds left untouched for a week, so old
 * renders do not pile up.
 * Every failure (a read-only or missing folder, a damaged file) is a miss: the cache can make
 * mlroadmap faster, never stop it.
 */
export function createFileRenderCache(dir: string): RenderCache {
  const folder = (build: string) => join(dir, `render-${hash(build)}`);
  const file = (build: string, key: string) => join(folder(build), `${hash(key)}.json`);
  return {
    get(build, key) {
      try {
        const bytes = readCacheFile(file(build, key), MAX_ENTRY_BYTES);
        if (!bytes) return undefined;
        const entry = JSON.parse(bytes.toString('utf8')) as { key?: unknown; text?: unknown; sum?: unknown };
        // The sum is of the text as rendered: an entry edited by hand is a miss, not raw bytes on the terminal.
        return entry.key === key && typeof entry.text === 'string' && entry.sum === hash(entry.text) ? entry.text : undefined;
      } catch {
        return undefined;
      }
    },
    set(build, key, text) {
      try {
        let created = false;
        try {
          statSync(folder(build));
        } catch {
          makeFolder(folder(build), 0o700);
          created = true;
        }
        replaceFile(file(build, key), JSON.stringify({ key, text, sum: hash(text) }));
        if (created) removeOtherBuilds(dir, folder(build));
      } catch {
        // Not writable: stay uncached.
      }
    },
  };
}

/** Renders of another build not added to for this long are removed (two versions in use keep theirs). */
export const STALE_MS = 7 * 24 * 60 * 60 * 1000;

function removeOtherBuilds(dir: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith('render-') && path !== keep && Date.now() - statSync(path).mtimeMs > STALE_MS) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/** A 64-bit hash of `text` (cyrb53's mixing, both halves kept) as 16 hex digits: a file name, not a security measure. */
export function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
