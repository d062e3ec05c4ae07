import {
  accessSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Roadmap, Step, Topic } from '../content/schema.js';
import { DiskError, decodeUtf8, describeDiskError, formatBytes, makeFolder, readRegularFile, writeFileAtomic } from '../disk.js';
import { ProgressFileError, ProgressWriteError } from '../errors.js';
import { isRecord, jsonStructureProblem, toJson } from '../json.js';
import { sanitizeText } from '../render/sanitize.js';
import { acquireLock, judge, LOCK_STALE_MS, LockBusyError, LockLostError, type LockState, readHolder, takeOver } from './lock.js';
import {
  emptyProgress,
  MAX_PROGRESS_BYTES,
  MAX_PROGRESS_DEPTH,
  type PackProgress,
  PROGRESS_VERSION,
  type Progress,
  packProgress,
  parseProgress,
  type Status,
  setStepStatus,
  setTopicStatus,
} from './model.js';

/** Where progress is read from and written to. */
export interface ProgressStore {
  /** The file progress lives in, for `progress --path` and messages. */
  readonly path: string;
  /** The current progress; empty when nothing was saved yet. Throws `ProgressFileError` for a file it cannot use. */
  read(): Progress;
  /** Reads, changes and writes progress as one step, so no other writer's change is lost; a change that returns the progress it was given writes nothing. */
  update(change: (progress: Progress) => Progress): Promise<Progress>;
  /**
   * Keeps the progress file as a timestamped backup beside it, then replaces it with `keep(old)` (an
   * empty file when that is undefined), so a reader sees the old file or the new one and never none.
   * A damaged file is moved aside whole. Refuses a file written by a newer mlroadmap. Returns the
   * backup's path, if there was a file.
   */
  reset(keep: (progress: Progress) => Progress | undefined): Promise<string | undefined>;
  /** Looks at the progress file, its folder and its lock without changing anything (`mlroadmap doctor`). */
  inspect(): ProgressReport;
  /**
   * Under the lock: moves the progress file to a timestamped backup beside it if it is still damaged
   * (never one written by a newer mlroadmap), and deletes temp files left by interrupted writes.
   * Before that, clears a lock left by a process that is gone, or one no live process can hold.
   */
  repair(): Promise<{ backup?: string; removed: string[]; lockCleared?: boolean }>;
  /**
   * Puts the progress back as it was in `backup` (one of `inspect().backups`), keeping the current
   * file as a backup first, so a restore can itself be undone. Returns that new backup's path, if there
   * was a file. Refuses a backup that cannot be used, naming why.
   */
  restore(backup: string): Promise<string | undefined>;
}

/** What `inspect` found. */
export interface ProgressReport {
  path: string;
  /** `missing`: nothing saved yet; `ok`: usable; `newer`: written by a newer mlroadmap; `damaged`: cannot be used. */
  state: 'missing' | 'ok' | 'newer' | 'damaged';
  /** What is wrong with the file, as a sentence, when it is not usable. */
  problem?: string;
  progress?: Progress;
  /** The file is in an older format; it reads fine and is rewritten in the current one at the next change. */
  migrated?: boolean;
  /** Why nothing can be saved there, when the folder is not writable or the disk is full. */
  folderProblem?: string;
  /** The lock file beside the progress file, if one is there. */
  lock?: LockReport;
  /** Temp files left by writes that were killed half-way (the progress file itself is whole). */
  leftovers: string[];
  /** Backups made by `reset` and `doctor --fix`, oldest first. */
  backups: string[];
}

export interface LockReport {
  path: string;
  ageSeconds: number;
  /**
   * `running`/`paused`: held by a live mlroadmap (paused: stopped with Ctrl+Z); `dead`: its process is
   * gone; `fresh`/`stale`: not a lock that names a process here (another host, an older mlroadmap's
   * lock folder, a stray file), judged by its time.
   */
  state: Exclude<LockState, 'free'>;
  /** What stands there: a lock naming a process, an older mlroadmap's lock folder, or another file. */
  kind: 'owned' | 'folder' | 'file' | 'other';
  pid?: number;
  host?: string;
  /** Whether the next change (and `doctor --fix`) clears it. */
  stale: boolean;
}

/** The progress file's name inside the config folder. */
export const PROGRESS_FILE = 'progress.json';
export { LOCK_STALE_MS };

/** Below this much free space a save will most likely fail. */
const LOW_DISK_BYTES = 256 * 1024;

/** Progress in memory, for tests. */
export function createMemoryStore(initial: Progress = emptyProgress()): ProgressStore & { current: Progress } {
  const store = {
    path: '(memory)',
    current: structuredClone(initial),
    read: () => structuredClone(store.current),
    update: async (change: (progress: Progress) => Progress) => {
      store.current = structuredClone(change(structuredClone(store.current)));
      return structuredClone(store.current);
    },
    reset: async (keep: (progress: Progress) => Progress | undefined) => {
      store.current = keep(store.current) ?? emptyProgress();
      return undefined;
    },
    inspect: (): ProgressReport => ({
      path: '(memory)',
      state: 'ok',
      progress: structuredClone(store.current),
      leftovers: [],
      backups: [],
    }),
    repair: async () => ({ removed: [] }),
    restore: async () => undefined,
  };
  return store;
}

/**
 * A store with nowhere to save, for when there is no home folder: reads find nothing saved, and
 * every change fails with `reason`.
 */
export function createUnsavedStore(reason: string): ProgressStore {
  const path = '(not saved)';
  const refuse = async (): Promise<never> => {
    throw new ProgressWriteError(path, reason);
  };
  return {
    path,
    read: emptyProgress,
    update: refuse,
    reset: refuse,
    inspect: () => ({ path, state: 'missing', folderProblem: reason, leftovers: [], backups: [] }),
    repair: refuse,
    restore: refuse,
  };
}

/**
 * Checks the text of a progress file (or of the progress inside an export) as `parseProgress` does,
 * and first for what JSON.parse lets through: invalid UTF-8 (which would turn into U+FFFD and be
 * saved so at the next write), a key given twice (the first would be dropped), nesting deep enough
 * to overflow the stack.
 */
export function examineProgressBytes(
  bytes: Buffer,
): { progress: Progress; migrated: boolean; clean: boolean } | { problem: string; newer?: boolean } {
  const decoded = decodeUtf8(bytes);
  if (decoded === undefined) return { problem: 'it is not valid UTF-8 text (some bytes are damaged)' };
  // A byte order mark, as some editors write, is not part of the JSON.
  const text = decoded.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { problem: 'it is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'it is not valid JSON (it may be truncated or damaged)' };
  }
  const structure = jsonStructureProblem(text, MAX_PROGRESS_DEPTH, raw);
  if (structure) return { problem: sanitizeText(structure) };
  const parsed = parseProgress(raw);
  if ('problem' in parsed) {
    const version = (raw as { version?: unknown } | null)?.version;
    // The problem may quote a key from the file: keep the file's bytes off the terminal.
    return { problem: sanitizeText(parsed.problem), newer: typeof version === 'number' && version > PROGRESS_VERSION };
  }
  // Format 0 (no version) and format 1 read as the current format and are rewritten in it at the next change.
  const version = (raw as { version?: unknown }).version;
  const migrated =
    typeof raw === 'object' &&
    raw !== null &&
    (!Object.hasOwn(raw, 'version') || (typeof version === 'number' && version < PROGRESS_VERSION));
  // Clean: nothing had to be stripped from its text (sanitizeDeep gave back the very object).
  return { progress: parsed.progress, migrated, clean: parsed.progress === raw };
}

/**
 * Files already checked. Checking a progress file whole (its structure, every record, every string
 * stripped of escape codes) costs tens of milliseconds for a year of reviews; a file that passed,
 * needed nothing stripped and has not changed since is only parsed. "Not changed" is its device,
 * inode, size, mtime and ctime as fstat gives them for the bytes read: any write to it, or a new
 * file renamed over it, changes them, and ctime cannot be set back. The stamp is kept in the
 * learner's own cache folder (`trustedCacheDir`), which main.ts hands over; without one, every read
 * checks everything.
 */
let stampFile: string | undefined;

export function useVerifiedStamps(dir: string | undefined): void {
  stampFile = dir === undefined ? undefined : join(dir, 'progress-verified');
}

function readStamp(): string | undefined {
  if (stampFile === undefined) return undefined;
  try {
    return readRegularFile(stampFile, 4096).toString('utf8');
  } catch {
    return undefined;
  }
}

function writeStamp(identity: string): void {
  if (stampFile === undefined) return;
  // A cache: written whole by rename, without fsync (lost in a crash, the next read checks everything).
  const temp = `${stampFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, identity, { mode: 0o600 });
    renameSync(temp, stampFile);
  } catch {
    rmSync(temp, { force: true });
  }
}

/** The progress in bytes that were checked whole before (see `useVerifiedStamps`), or undefined to check them again. */
function parseVerified(bytes: Buffer): Progress | undefined {
  try {
    const text = decodeUtf8(bytes)?.replace(/^\uFEFF/, '');
    const raw = text === undefined ? undefined : (JSON.parse(text) as unknown);
    return isRecord(raw) && isRecord(raw.packs) && raw.version === PROGRESS_VERSION ? (raw as Progress) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Progress in a JSON file (format in `model.ts`).
 *
 * - Reading takes no lock, so commands that only show progress stay fast. It is safe because every
 *   write replaces the file whole (a temp file renamed over it): a reader sees the old file or the
 *   new one, never a state in between. Only a regular file is read, and at most `MAX_PROGRESS_BYTES`.
 * - Every change runs under the lock beside the file (`lock.ts`): the file is read again under it,
 *   changed, and written by `writeFileAtomic` (every byte count checked, fsync, then rename), so a
 *   full disk leaves the old file whole and reports the failure. Right before the rename the writer
 *   checks that the lock still names it and that the file is the one it read; if either changed, it
 *   redoes the change on top of what is there.
 * - A new file is readable by the learner alone (0600); an existing file keeps its mode.
 * - A file that cannot be used is never written over: every change stops with `ProgressFileError`
 *   until the learner runs `reset` or `doctor --fix`, which move it to `progress.json.bak-<time>`.
 */
export function createFileStore(dir: string): ProgressStore {
  const path = join(dir, PROGRESS_FILE);
  const lockPath = `${path}.lock`;

  type Examined =
    | { state: 'missing' }
    | { state: 'ok'; progress: Progress; migrated: boolean }
    | { state: 'newer' | 'damaged'; problem: string };

  const examine = (): Examined => {
    let bytes: Buffer;
    let identity: string | undefined;
    try {
      bytes = readRegularFile(path, MAX_PROGRESS_BYTES, {
        identity: (id) => {
          identity = `${path}\u0000${id}`;
        },
      });
    } catch (error) {
      const code = (error as DiskError).code;
      // Nothing saved yet, or a file stands where the folder should be so nothing can have been saved.
      if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing' };
      if (code === 'EACCES' || code === 'EPERM') return { state: 'damaged', problem: 'permission to read it is denied' };
      if (code === 'ELOOP') return { state: 'damaged', problem: 'it is a symbolic link that points to itself' };
      if (code === 'EISDIR') return { state: 'damaged', problem: 'it is a folder, not a file' };
      if (code === 'TOOBIG')
        return { state: 'damaged', problem: `it is larger than ${formatBytes(MAX_PROGRESS_BYTES)}, far more than progress takes` };
      return { state: 'damaged', problem: (error as Error).message };
    }
    const verified = identity !== undefined && identity === readStamp() ? parseVerified(bytes) : undefined;
    if (verified) return { state: 'ok', progress: verified, migrated: false };
    const found = examineProgressBytes(bytes);
    if ('problem' in found) return { state: found.newer ? 'newer' : 'damaged', problem: found.problem };
    if (identity !== undefined && found.clean && !found.migrated) writeStamp(identity);
    return { state: 'ok', progress: found.progress, migrated: found.migrated };
  };

  const read = (): Progress => {
    const found = examine();
    if (found.state === 'missing') return emptyProgress();
    if (found.state === 'ok') return found.progress;
    throw new ProgressFileError(path, found.problem);
  };

  const fail = (error: unknown): never => {
    if (error instanceof ProgressFileError || error instanceof ProgressWriteError) throw error;
    if (error instanceof LockBusyError) throw new ProgressWriteError(path, error.message);
    if (error instanceof DiskError || (error as NodeJS.ErrnoException).code) throw new ProgressWriteError(path, describeDiskError(error));
    throw error;
  };

  /** Runs `work` holding the lock, redoing it (at most `MAX_ATTEMPTS` times) when it finds at commit time that it lost the lock or the file changed. */
  const withLock = async <T>(work: (commit: (text: string) => void) => T): Promise<T> => {
    try {
      makeFolder(dir);
    } catch (error) {
      fail(error);
    }
    for (let attempt = 1; ; attempt++) {
      let lock: Awaited<ReturnType<typeof acquireLock>> | undefined;
      try {
        lock = await acquireLock(lockPath);
        const held = lock;
        const seen = fileIdentity(path);
        const commit = (text: string) => {
          if (Buffer.byteLength(text, 'utf8') > MAX_PROGRESS_BYTES) {
            throw new ProgressWriteError(
              path,
              `it would grow past ${formatBytes(MAX_PROGRESS_BYTES)}; delete some notes (mlroadmap note <step> --delete <n>) or export and reset`,
            );
          }
          writeFileAtomic(path, text, {
            beforeRename: () => {
              held.verify();
              if (fileIdentity(path) !== seen) throw new FileChangedError();
            },
          });
        };
        return work(commit);
      } catch (error) {
        if ((error instanceof LockLostError || error instanceof FileChangedError) && attempt < MAX_ATTEMPTS) continue;
        if (error instanceof LockLostError || error instanceof FileChangedError) {
          throw new ProgressWriteError(path, 'another program kept changing it while this change was being made; try again');
        }
        return fail(error);
      } finally {
        lock?.release();
      }
    }
  };

  /**
   * Keeps the current file as a backup beside it, named after the time, never over an older backup.
   * With `move`, the file (or whatever stands there: a folder, a link) is moved there instead.
   */
  const backUp = (move = false): string | undefined => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (let n = 1; ; n++) {
      const backup = `${path}.bak-${stamp}${n === 1 ? '' : `-${n}`}`;
      try {
        if (move) {
          // renameSync would replace an existing backup: make the name first.
          linkOrMove(path, backup);
          return backup;
        }
        // A second name for the same file: the progress file itself stays in place until replaced.
        linkSync(path, backup);
        return backup;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return undefined;
        if (code !== 'EEXIST') throw error;
      }
    }
  };

  const siblings = (prefix: string): string[] => {
    try {
      return readdirSync(dir)
        .filter((name) => name.startsWith(prefix))
        .sort()
        .map((name) => join(dir, name));
    } catch {
      return [];
    }
  };
  const leftovers = () => siblings(`${PROGRESS_FILE}.tmp-`);

  const inspectLock = (): LockReport | undefined => {
    const holder = readHolder(lockPath);
    if (holder.kind === 'none') return undefined;
    const state = judge(holder) as LockReport['state'];
    return {
      path: lockPath,
      ageSeconds: Math.round((Date.now() - holder.mtimeMs) / 1000),
      state,
      kind: holder.kind === 'owned' ? 'owned' : holder.what,
      ...(holder.kind === 'owned' ? { pid: holder.owner.pid, host: holder.owner.host } : {}),
      stale: state === 'dead' || state === 'stale',
    };
  };

  const inspect = (): ProgressReport => {
    const found = examine();
    const report: ProgressReport = {
      path,
      state: found.state,
      leftovers: leftovers(),
      backups: siblings(`${PROGRESS_FILE}.bak-`),
    };
    if (found.state === 'ok') Object.assign(report, { progress: found.progress, migrated: found.migrated });
    if (found.state === 'newer' || found.state === 'damaged') report.problem = found.problem;
    const folderProblem = checkFolder(dir);
    if (folderProblem) report.folderProblem = folderProblem;
    const lock = inspectLock();
    if (lock) report.lock = lock;
    return report;
  };

  const serialize = (progress: Progress) => `${toJson(progress)}\n`;

  return {
    path,
    read,
    update: (change) =>
      withLock((commit) => {
        const before = read();
        const next = change(before);
        // A change that returns what it was given changed nothing: nothing to write.
        if (next !== before) commit(serialize(next));
        return next;
      }),
    reset: (keep) =>
      withLock((commit) => {
        const found = examine();
        if (found.state === 'newer') {
          throw new ProgressFileError(path, `${found.problem}; reset leaves it alone, so progress on other roadmaps is not lost`);
        }
        if (found.state === 'missing') return undefined;
        if (found.state !== 'ok') {
          // Moved aside whole: what is in it cannot be told apart.
          return backUp(true);
        }
        const backup = backUp();
        commit(serialize(keep(found.progress) ?? emptyProgress()));
        return backup;
      }).catch(fail),
    inspect,
    restore: (backup) =>
      withLock((commit) => {
        if (!siblings(`${PROGRESS_FILE}.bak-`).includes(backup)) {
          throw new ProgressWriteError(path, `${backup} is not one of its backups (see 'mlroadmap doctor')`);
        }
        let bytes: Buffer;
        try {
          bytes = readRegularFile(backup, MAX_PROGRESS_BYTES);
        } catch (error) {
          throw new ProgressFileError(backup, (error as Error).message);
        }
        const found = examineProgressBytes(bytes);
        if ('problem' in found) throw new ProgressFileError(backup, found.problem);
        const kept = examine().state === 'missing' ? undefined : backUp();
        commit(serialize(found.progress));
        return kept;
      }),
    repair: async () => {
      const lock = inspectLock();
      let lockCleared = false;
      if (lock?.stale) {
        takeOver(lockPath, readHolder(lockPath));
        lockCleared = readHolder(lockPath).kind === 'none';
      }
      return withLock(() => {
        let backup: string | undefined;
        if (examine().state === 'damaged') backup = backUp(true);
        const removed: string[] = [];
        for (const file of leftovers()) {
          try {
            // A temp file this old belongs to no live writer: we hold the lock.
            if (Date.now() - statSync(file).mtimeMs > LOCK_STALE_MS) {
              rmSync(file, { force: true });
              removed.push(file);
            }
          } catch {
            // Gone already.
          }
        }
        return { ...(backup ? { backup } : {}), removed, ...(lockCleared ? { lockCleared } : {}) };
      });
    },
  };
}

/**
 * Moves `from` to the new name `to`, failing with EEXIST rather than replacing something there: a
 * hard link then unlink for a file, mkdir as a claim on the name then rename for anything else.
 */
function linkOrMove(from: string, to: string): void {
  try {
    linkSync(from, to);
    rmSync(from, { force: true });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') throw error;
  }
  if (lstatSync(from).isDirectory()) {
    // A folder: claim the name with an empty folder, which rename replaces.
    mkdirSync(to);
    renameSync(from, to);
    return;
  }
  // A file system without hard links: the name was free a moment ago.
  if (existsSync(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
  renameSync(from, to);
}

/** How often a change is redone when it finds at commit time that the file changed under it. */
const MAX_ATTEMPTS = 5;

class FileChangedError extends Error {}

/**
 * What tells one version of the progress file from another without reading it: every save writes a
 * new file and renames it over the old one, so a save changes the inode and the time.
 */
function fileIdentity(file: string): string {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  } catch (error) {
    return `error:${(error as NodeJS.ErrnoException).code}`;
  }
}

/** Why nothing could be saved in `dir`, or undefined when it (or the folder it would be made in) is writable and has room. */
function checkFolder(dir: string): string | undefined {
  let at = dir;
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) return `a file stands where a folder should be (${at})`;
      accessSync(at, constants.W_OK);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(at) !== at) {
        at = dirname(at);
        continue;
      }
      if (code === 'ENOTDIR') return `a file stands where a folder should be (on the way to ${dir})`;
      return describeDiskError(error);
    }
  }
  try {
    const fs = statfsSync(at);
    const free = Number(fs.bavail) * Number(fs.bsize);
    if (free < LOW_DISK_BYTES) return `the disk is full (${formatBytes(free)} free); free some space`;
  } catch {
    // The system cannot say how full it is.
  }
  return undefined;
}

/** What `saveStatus` sets: a step (its topics with it) or one topic of a step. */
export type StatusTarget = { step: Step; topic?: Topic };

/**
 * Sets steps and topics to `status` in one saved change (`check`, `uncheck`, `mark`, the tutor),
 * returning the pack's progress as it was just before the change and the progress after it.
 */
export async function saveStatus(
  store: ProgressStore,
  roadmap: Roadmap,
  targets: readonly StatusTarget[],
  status: Status,
  now: Date,
): Promise<{ before: PackProgress; after: Progress }> {
  let before = packProgress(store.read(), roadmap.id);
  const after = await store.update((current) => {
    before = packProgress(current, roadmap.id);
    let next = current;
    const steps = targets.filter((target) => !target.topic).map((target) => target.step.id);
    if (steps.length > 0) next = setStepStatus(next, roadmap, steps, status, now);
    for (const target of targets) {
      if (target.topic) next = setTopicStatus(next, roadmap, target.step, [target.topic.id], status, now);
    }
    return next;
  });
  return { before, after };
}
