import { isUtf8 } from 'node:buffer';
import type { BigIntStats } from 'node:fs';
import {
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * The few file-system operations that must not hang, grow without bound or report success for a
 * write that did not reach the disk. The progress store, the content loader and the caches go
 * through these; each throws a `DiskError` with a sentence a person can read.
 */

export class DiskError extends Error {
  /** The system's code (ENOSPC, EACCES, ...), or NOTFILE / TOOBIG / LOOP / CHANGED (openVersion) for our own refusals. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DiskError';
    this.code = code;
  }
}

/**
 * The new file is in place (renamed over the old one, so readers see it), but flushing its folder
 * failed: the rename may not survive a crash or a power cut, and the old file may come back.
 */
export class NotDurableError extends DiskError {
  constructor(code: string) {
    super(code, `${describeDiskError({ code })} while flushing the folder to the disk`);
    this.name = 'NotDurableError';
  }
}

/** The system's codes for "this file system cannot make hard links" (vfat, some network mounts; EXDEV across mounts). */
export const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Codes for a file that exists but could not be read: the bytes may be fine, the disk or the mount is not. */
export const IO_ERRORS = new Set(['EIO', 'ENXIO', 'ESTALE', 'ETIMEDOUT', 'EREMOTEIO', 'EBUSY', 'ECONNRESET', 'EHOSTDOWN']);

/** What a failed file operation means, in words, with what to do where there is something. */
export function describeDiskError(error: unknown): string {
  if (error instanceof DiskError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const target = (error as NodeJS.ErrnoException).path;
  const at = target ? ` (${target})` : '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied${at}`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `a file stands where a folder should be${at}`;
    case 'EISDIR':
      return `a folder stands where a file should be${at}`;
    case 'ENOENT':
      return `a folder on the way was removed or cannot be made${at}`;
    case 'ENOTEMPTY':
      return `a folder that should be empty is not${at}`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full; free some space and try again';
    case 'EDQUOT':
      return 'the disk quota is used up; free some space and try again';
    case 'EIO':
      return 'the disk reported an input/output error';
    case 'ELOOP':
      return `a symbolic link points to itself${at}`;
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open; close some programs and try again';
    default:
      return `the system refused (${code ?? (error as Error).message?.split('\n')[0] ?? 'unknown error'})`;
  }
}

/**
 * Makes `dir` and any missing parents, like `mkdir -p`, but ends: Node's recursive mkdir loops
 * forever on paths where mkdir answers ENOENT for a folder whose parent exists (under /proc).
 * Each level is tried at most twice. Throws a `DiskError` where a folder cannot be made.
 */
export function makeFolder(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let at = dir;
  // Walk up to the first folder that exists.
  for (;;) {
    try {
      if (statSync(at).isDirectory()) break;
      throw new DiskError('ENOTDIR', `a file stands where a folder should be (${at})`);
    } catch (error) {
      if (error instanceof DiskError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || dirname(at) === at) throw new DiskError(code ?? 'EIO', describeDiskError(error));
      missing.push(at);
      at = dirname(at);
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, { mode });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && isFolder(folder)) continue;
      if (code === 'ENOENT') throw new DiskError('ENOENT', `the folder ${folder} cannot be made there`);
      throw new DiskError(code ?? 'EIO', describeDiskError(error));
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Opens `path` without blocking (a FIFO cannot stall it) and checks it is a regular file of at most
 * `maxBytes` (owned by `ownedBy`, when given) before a byte is read. One stat, in nanoseconds: it gives
 * the version as well (a second fstat cost a start ~0.1 ms).
 */
function openRegular(path: string, maxBytes: number, ownedBy?: number): { fd: number; stat: BigIntStats } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new DiskError(code, code === 'ENOENT' ? 'there is no such file' : describeDiskError(error));
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (stat.isDirectory()) throw new DiskError('EISDIR', 'it is a folder, not a file');
    if (!stat.isFile()) throw new DiskError('NOTFILE', 'it is not a regular file');
    if (ownedBy !== undefined && Number(stat.uid) !== ownedBy) throw new DiskError('NOTOWNER', 'it belongs to another user');
    if (Number(stat.size) > maxBytes) throw new DiskError('TOOBIG', `it is larger than ${formatBytes(maxBytes)}`);
    return { fd, stat };
  } catch (error) {
    closeSync(fd);
    if (error instanceof DiskError) throw error;
    throw new DiskError((error as NodeJS.ErrnoException).code ?? 'EIO', describeDiskError(error));
  }
}

/**
 * Reads a regular file of at most `maxBytes`. Opened without blocking, so a FIFO cannot stall it,
 * and checked to be a regular file before a byte is read; the count read is capped too (a device
 * says its size is 0), so nothing larger than `maxBytes` is ever held in memory.
 */
export function readRegularFile(
  path: string,
  maxBytes: number,
  options: {
    ownedBy?: number;
    identity?: (id: string) => void;
    /** Given the identity, a marker: reading stops at the end of the chunk where it first appears. */
    stopAt?: (id: string) => Uint8Array | undefined;
    /** Given the identity, a length: only that many bytes are read (fewer at the end of the file), in one read. */
    upTo?: (id: string) => number | undefined;
  } = {},
): Buffer {
  const { fd, stat } = openRegular(path, maxBytes, options.ownedBy);
  try {
    const length = Number(stat.size);
    let marker: Uint8Array | undefined;
    let limit: number | undefined;
    if (options.identity || options.stopAt || options.upTo) {
      // Which file this is and which version of it: any write to it changes its ctime, which no one can set back.
      const id = fileVersion(stat);
      options.identity?.(id);
      limit = options.upTo?.(id);
      // No more than the file holds (and a byte, to see a file that grew): a length from elsewhere (a stamp) may be wrong.
      if (limit !== undefined) limit = Math.max(0, Math.min(limit, maxBytes, length + 1));
      else marker = options.stopAt?.(id);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The whole file at once, and a byte more to see that it ended, unless reading may stop at a
      // marker: then 64 kB at a time. A file that grows, or a device that says it is empty, reads on.
      const size = limit !== undefined ? limit - total : chunks.length === 0 && !marker ? length + 1 : 64 * 1024;
      if (size <= 0) break;
      const chunk = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - total));
      const count = readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
      // The file grew while being read.
      if (total > maxBytes) throw new DiskError('TOOBIG', `it is larger than ${formatBytes(maxBytes)}`);
      // The whole file as fstat gave its size, in one read that asked for a byte more: the read
      // stopped at its end (a regular file reads short only there), so no read is made to see that.
      // A file that says it is empty (/proc) or whose size is not its length (sysfs) reads on.
      if (chunks.length === 1 && !marker && length > 0 && count === length) break;
      if (marker) {
        const read = chunk.subarray(0, count);
        if (read.indexOf(marker) !== -1) break;
        // Or across the end of the chunk before.
        const before = chunks.at(-2);
        if (before && Buffer.concat([before.subarray(-marker.length), read.subarray(0, marker.length)]).indexOf(marker) !== -1) break;
      }
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof DiskError) throw error;
    throw new DiskError((error as NodeJS.ErrnoException).code ?? 'EIO', describeDiskError(error));
  } finally {
    closeSync(fd);
  }
}

/** A regular file held open at one version (`openVersion`). */
export interface OpenVersion {
  /** Its version as it was opened (see fileVersion). */
  readonly version: string;
  /**
   * Its bytes from `from` to `to`, read from the file as it was opened (a file renamed over it since
   * does not change them). Throws a DiskError with code CHANGED when the file was written in place since
   * (its size or mtime changed), or ends before `to`.
   */
  read(from: number, to: number): Buffer;
}

/** Closes the descriptors of open versions nothing can read any more. */
const openVersions = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Closed already (the process is ending).
  }
});

/**
 * Opens the regular file at `path` (at most `maxBytes`, checked as readRegularFile checks it) and keeps
 * it open while the returned reader is in use, to read parts of that version of it by position: a
 * reader of part of a file may read the rest later, from the same bytes, whoever replaced the file
 * meanwhile. The descriptor is closed once nothing holds the reader.
 */
export function openVersion(path: string, maxBytes: number): OpenVersion {
  const { fd, stat: opened } = openRegular(path, maxBytes);
  const file: OpenVersion = {
    version: fileVersion(opened),
    read(from, to) {
      const bytes = Buffer.allocUnsafe(Math.max(0, to - from));
      try {
        for (let done = 0; done < bytes.length; ) {
          const count = readSync(fd, bytes, done, bytes.length - done, from + done);
          if (count === 0) throw new DiskError('CHANGED', `it ends before byte ${to}`);
          done += count;
        }
        // Written in place since it was opened (never by mlroadmap, which replaces it whole): its size
        // or its mtime changed. (Not its ctime: a file renamed over this one unlinks it, which changes that.)
        const now = fstatSync(fd, { bigint: true });
        if (now.size !== opened.size || now.mtimeNs !== opened.mtimeNs) throw new DiskError('CHANGED', 'it was changed while being read');
      } catch (error) {
        if (error instanceof DiskError) throw error;
        throw new DiskError((error as NodeJS.ErrnoException).code ?? 'EIO', describeDiskError(error));
      }
      return bytes;
    },
  };
  openVersions.register(file, fd);
  return file;
}

/**
 * Reads the text between two byte offsets of the file at `path`, from `start` on (`from` and `to`
 * count from there), each time one is asked for; the file is opened at the first and stays open for
 * the process's life (one descriptor a reader: a pack's search index, the shipped guide's). With `version`,
 * the file opened must be that version of it (see fileVersion): a file replaced or written since
 * throws, as does one that ends before `to`.
 */
export function readerAt(path: string, start = 0, version?: string): (from: number, to: number) => string {
  let fd: number | undefined;
  return (from, to) => {
    if (fd === undefined) {
      const opened = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
      if (version !== undefined && fileVersion(fstatSync(opened, { bigint: true })) !== version) {
        closeSync(opened);
        throw new Error(`${path} has changed`);
      }
      fd = opened;
    }
    const bytes = Buffer.allocUnsafe(to - from);
    for (let done = 0; done < bytes.length; ) {
      const read = readSync(fd, bytes, done, bytes.length - done, start + from + done);
      if (read === 0) throw new Error(`${path} ends before byte ${start + to}`);
      done += read;
    }
    return bytes.toString('utf8');
  };
}

/** The size in bytes a version of a file (fileVersion's) names. */
export function sizeOfVersion(version: string): number {
  return Number(version.split(':')[2]);
}

/** Decodes UTF-8, or returns undefined where the bytes are not valid UTF-8 (instead of turning them into U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  // Checked natively, then decoded: a TextDecoder's first use costs a start about 0.4 ms.
  if (!isUtf8(bytes)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // As TextDecoder reads it: a byte order mark at the start is not part of the text.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Which file and which version of it `stat` describes (device, inode, size, and times to the
 * nanosecond): any write to a file changes its ctime, which no one can set back. The identity
 * readRegularFile and writeFileAtomic give, and the stamps of checked caches hold.
 */
export function fileVersion(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/**
 * Writes a cache file whole, by a rename, without fsync: lost in a crash, it is only worked out
 * again. A temporary file a crashed run of the same process id left is replaced, not written
 * through, and the temporary file is removed when the write fails. Throws as the system does.
 */
export function replaceFile(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    removeFile(temporary);
    writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    try {
      removeFile(temporary);
    } catch {
      // The folder refuses even that: nothing more to undo.
    }
    throw error;
  }
}

/**
 * Removes the file at `path`, if there is one (as rmSync with force, which Node runs through its
 * recursive remover: about 0.6 ms to load at its first use, in a save that has a few milliseconds).
 */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Replaces `path` with `data` so that a reader, a crash or a full disk never leaves anything but the
 * old file or the new one: the data goes to a temp file beside it (`<path>.tmp-<pid>-<n>`), every
 * write's byte count is checked (a write that reaches a full disk returns short before it fails),
 * the temp file is flushed to the disk, given the old file's mode (0600 for a new file), and only
 * then renamed over the old one; the folder is flushed last so the rename itself is durable (when that
 * fails, the new file is in place but may not survive a crash: `NotDurableError`).
 * `beforeRename` runs last of all, just before the rename, and may throw to abandon the write.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: {
    beforeRename?: () => void;
    mode?: number;
    /** Told which file and which version of it was written, as readRegularFile's `identity` names it, once it is in place. */
    identity?: (id: string) => void;
  } = {},
): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let mode = options.mode ?? 0o600;
  try {
    if (options.mode === undefined) mode = statSync(path).mode & 0o7777;
  } catch {
    // A new file: readable by the learner alone.
  }
  const temporary = `${path}.tmp-${process.pid}-${++tempCount}`;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    let written = 0;
    while (written < bytes.length) {
      const count = writeSync(fd, bytes, written, bytes.length - written);
      if (count <= 0) throw new DiskError('ENOSPC', describeDiskError({ code: 'ENOSPC' }));
      written += count;
    }
    fsyncSync(fd);
    // A mode of the learner's (0444, 0640) is kept; the write itself needs none of it.
    fchmodSync(fd, mode);
    if (!options.identity) {
      closeSync(fd);
      fd = undefined;
    }
    options.beforeRename?.();
    renameSync(temporary, path);
    if (fd !== undefined && options.identity) {
      // Of the file this wrote, through its descriptor, whatever is at `path` by now; after the
      // rename, which changes its ctime.
      const version = fileVersion(fstatSync(fd, { bigint: true }));
      closeSync(fd);
      fd = undefined;
      options.identity(version);
    }
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeFile(temporary);
    if (error instanceof DiskError || !(error as NodeJS.ErrnoException).code) throw error;
    throw new DiskError((error as NodeJS.ErrnoException).code ?? 'EIO', describeDiskError(error));
  }
  syncFolder(dirname(path));
}

let tempCount = 0;

/**
 * Flushes a folder's entries (a rename) to the disk. Where the system cannot flush a folder at all
 * (EINVAL, ENOTSUP, or the folder cannot be opened), the rename still stands, as on any file system
 * that does not offer it; an error of the disk itself (EIO, ENOSPC, ...) throws `NotDurableError`.
 */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (!['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EBADF', 'EISDIR', 'EROFS'].includes(code)) throw new NotDurableError(code);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes `to` a copy of the regular file `from` that is whole or absent: written to a temp file beside
 * `to`, flushed, then renamed to `to`, failing with EEXIST if `to` is there already (checked just
 * before; callers hold a lock over these names). For file systems without hard links.
 */
export function copyFileWhole(from: string, to: string, maxBytes: number): void {
  const bytes = readRegularFile(from, maxBytes);
  let mode = 0o600;
  try {
    mode = statSync(from).mode & 0o7777;
  } catch {
    // Keep 0600.
  }
  if (existsSync(to)) throw new DiskError('EEXIST', `${to} exists already`);
  writeFileAtomic(to, bytes, { mode });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
