import { statSync } from 'node:fs';
import { join } from 'node:path';
import { checksum } from '../checksum.js';
import { fileVersion, readerAt, replaceFile, sizeOfVersion } from '../disk.js';
import { hash, isStamped, readCacheFile, stampChecked } from '../render/cache.js';
import { type PackKey, removeOldEntries, stampOf } from './cache.js';
import type { Roadmap } from './schema.js';
import { type SearchIndexData, useIndexSource } from './search.js';

/**
 * A content pack's search index kept between runs, beside its compiled pack (cache.ts): indexing a
 * large pack's every word takes far longer than the search (a 2,000-step pack: about 180 ms, every
 * run). The index is written by the first search after the pack changed, and served while the
 * pack's key (cache.ts: its files' states and mlroadmap's build) is the same.
 *
 * Entry: `<cache folder>/search-<hash of the folder's real path>.bin`, one per pack folder, which a
 * changed pack overwrites; writing one removes the other `search-*` entries left unwritten for a week.
 * Its first line is `{"key":<the whole key>,"sum":"<checksum of the rest>",
 * "data":<bytes of the data>}`; then the index's data (SearchIndexData, JSON) and its blob, as they
 * are. A key of another state of the pack, a sum that does not match (a damaged or edited file; summed
 * once per version of the entry, as the compiled pack is) or a layout that is not this one is a miss:
 * the index is built again, never wrong. Once a version of the entry is summed, later runs read its
 * head and data only, and the blob's postings and documents by position as a search reads them, from
 * that same version of the file (a file replaced or written since is a failure to read, and the index
 * is built again).
 */

/** An entry larger than this is not written, and a file this large is not one of ours. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

function entryPath(cacheDir: string, folder: string): string {
  return join(cacheDir, `search-${hash(folder)}.bin`);
}

function sumOf(bytes: Uint8Array): string {
  return checksum(bytes).toString(16).padStart(8, '0');
}

/**
 * How much of an entry is read at first, when its stamp says this version of it passed its sum: its
 * head line and, for most packs, its data (a 2,000-step pack's is 46 kB of a 1.35 MB entry).
 */
const FIRST_READ = 64 * 1024;

/**
 * The index kept for `key`, or undefined for anything else. An entry not yet summed (in this version)
 * is read whole and summed; one already summed is read only as far as its data, and its blob by
 * position as searches need it, from the same version of the file.
 */
function readEntry(cacheDir: string, key: PackKey): { data: SearchIndexData; read: (from: number, to: number) => string } | undefined {
  try {
    const path = entryPath(cacheDir, key.folder);
    const stamp = stampOf(path);
    let identity: string | undefined;
    let checked = false;
    let bytes = readCacheFile(
      path,
      MAX_ENTRY_BYTES,
      (id) => {
        identity = id;
      },
      (id) => {
        checked = isStamped(stamp, id);
        return checked ? FIRST_READ : undefined;
      },
    );
    if (!bytes || identity === undefined) return undefined;
    const end = bytes.indexOf(0x0a);
    if (end === -1) return undefined;
    const head: unknown = JSON.parse(bytes.toString('utf8', 0, end));
    if (typeof head !== 'object' || head === null) return undefined;
    const { key: kept, sum, data: dataBytes } = head as Record<string, unknown>;
    if (kept !== key.key || typeof sum !== 'string' || typeof dataBytes !== 'number' || !Number.isSafeInteger(dataBytes)) return undefined;
    const blobAt = end + 1 + dataBytes;
    // The file's length: as read, or, read in part, as its version gives it.
    const size = checked ? sizeOfVersion(identity) : bytes.length;
    if (dataBytes < 0 || blobAt > size) return undefined;
    if (!checked) {
      // Read whole: summed once per version of the entry.
      if (sumOf(bytes.subarray(end + 1)) !== sum) return undefined;
      stampChecked(stamp, identity);
    } else if (bytes.length < blobAt) {
      // Data longer than the first read: the rest of it, from the same version of the file.
      let again: string | undefined;
      bytes = readCacheFile(
        path,
        MAX_ENTRY_BYTES,
        (id) => {
          again = id;
        },
        () => blobAt,
      );
      if (!bytes || again !== identity || bytes.length < blobAt) return undefined;
    }
    const data = JSON.parse(bytes.toString('utf8', end + 1, blobAt)) as SearchIndexData;
    const blobLength = size - blobAt;
    // The postings end within the blob and the documents, after them, where it does (useSearchIndex
    // checks the rest of the data's shape, and each part as it is read).
    const lastOf = (at: unknown) =>
      typeof at === 'string' && typeof data.width === 'number' && data.width > 0 ? Number.parseInt(at.slice(-data.width), 36) : Number.NaN;
    if (typeof data !== 'object' || data === null || !(lastOf(data.postingsAt) <= blobLength) || lastOf(data.documentsAt) !== blobLength)
      return undefined;
    const held = checked ? undefined : bytes.subarray(blobAt);
    const readBlob = held ? (from: number, to: number) => held.toString('utf8', from, to) : readerAt(path, blobAt, identity);
    return {
      data,
      read: (from, to) => {
        if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && 0 <= from && from <= to && to <= blobLength))
          throw new Error('the kept search index points outside itself');
        return readBlob(from, to);
      },
    };
  } catch {
    return undefined;
  }
}

/** Keeps `data` and `blob` as the index of the pack in the state `key` names; never throws. */
function writeEntry(cacheDir: string, key: PackKey, data: SearchIndexData, blob: Buffer): void {
  try {
    const dataBytes = Buffer.from(JSON.stringify(data));
    const rest = Buffer.concat([dataBytes, blob]);
    const head = Buffer.from(`${JSON.stringify({ key: key.key, sum: sumOf(rest), data: dataBytes.length })}\n`);
    if (head.length + rest.length > MAX_ENTRY_BYTES) return;
    const path = entryPath(cacheDir, key.folder);
    replaceFile(path, Buffer.concat([head, rest]));
    stampChecked(stampOf(path), fileVersion(statSync(path, { bigint: true })));
    // As for compiled packs: the entries of packs not searched for a week go.
    removeOldEntries(cacheDir, 'search-', path);
  } catch {
    // Built again next time.
  }
}

/** Searches of `roadmap` (the pack in the state `key` names) use the kept index, or keep the one they build. */
export function keepSearchIndex(roadmap: Roadmap, cacheDir: string, key: PackKey): void {
  useIndexSource(roadmap, {
    read: () => readEntry(cacheDir, key),
    write: (data, blob) => writeEntry(cacheDir, key, data, blob),
  });
}
