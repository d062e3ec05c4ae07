import {
  accessSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Roadmap, Step, Topic } from '../content/schema.js';
import {
  copyFileWhole,
  DiskError,
  decodeUtf8,
  describeDiskError,
  fileVersion,
  formatBytes,
  IO_ERRORS,
  makeFolder,
  NO_HARD_LINKS,
  NotDurableError,
  type OpenVersion,
  openVersion,
  readRegularFile,
  removeFile,
  replaceFile,
  writeFileAtomic,
} from '../disk.js';
import { ProgressFileError, ProgressWriteError, UserError } from '../errors.js';
import { isRecord, jsonStructureProblem, put } from '../json.js';
import { PROGRESS_FILE, progressPath } from '../paths.js';
import { sanitizeDeep, sanitizeText } from '../render/sanitize.js';
import {
  CHECK_KEY,
  type CutText,
  cutSections,
  cutsHold,
  cutText,
  HISTORY_MARKER,
  headForCheck,
  historyIsValid,
  historyToText,
  inflateHistory,
  type LogEntry,
  layoutProgress,
  lazyProgress,
  type SectionCache,
  splitProgress,
  wholeProgressRecords,
} from './history.js';

import {
  acquireLock,
  judge,
  LOCK_STALE_MS,
  LockBusyError,
  LockLostError,
  type LockState,
  mayBeInUse,
  readHolder,
  takeOver,
} from './lock.js';
import {
  type Epoch,
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
import { trackChange } from './track.js';

/** Where progress is read from and written to. */
export interface ProgressStore {
  /** The file progress lives in, for `progress --path` and messages. */
  readonly path: string;
  /** The current progress; empty when nothing was saved yet. Throws `ProgressFileError` for a file it cannot use. */
  read(): Progress;
  /**
   * Reads, changes and writes progress as one step, so no other writer's change is lost; a change that
   * returns the progress it was given writes nothing. Waiting for another mlroadmap's lock longer than
   * `lockWaitMs` (30 s unless given) fails with `ProgressBusyError`, having changed nothing, so a caller
   * that can ask the learner (the tutor) may wait less and call it again.
   */
  update(change: (progress: Progress) => Progress, options?: UpdateOptions): Promise<Progress>;
  /**
   * Keeps the progress file as a backup beside it (named for `pack`, the roadmap being reset, so
   * `reset --restore` finds it), then replaces it with `keep(old)` (an empty file when that is
   * undefined), so a reader sees the old file or the new one and never none. A damaged file is moved
   * aside whole. Refuses a file written by a newer mlroadmap, or one that could not be read. Returns
   * the backup's path, if there was a file.
   */
  reset(keep: (progress: Progress) => Progress | undefined, pack?: string): Promise<string | undefined>;
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
   * file as a backup first, so a restore can itself be undone. With `pack`, only that roadmap's
   * progress is put back and every other roadmap's stays as it is now. Returns that new backup's
   * path, if there was a file. Refuses a backup that cannot be used, naming why.
   */
  restore(backup: string, pack?: string): Promise<string | undefined>;
  /** The progress in `backup` (one of `inspect().backups`), to show what a restore would bring back. Throws `ProgressFileError` for one that cannot be used. */
  readBackup(backup: string): Progress;
}

export interface UpdateOptions {
  lockWaitMs?: number;
  /**
   * The change is a merge (sync, import --merge): its times, ids and tombstones are the merged ones,
   * so it is saved as it is. Any other change is stamped (`trackChange`): ids on new notes and
   * sessions, tombstones for what it removed, the time the plan or a setting changed.
   */
  merged?: boolean;
}

/** A change as the store saves it: stamped for merging unless it is a merge itself. */
export function stampChange(before: Progress, after: Progress, options: UpdateOptions | undefined): Progress {
  if (after === before || options?.merged) return after;
  return trackChange(before, after, new Date().toISOString());
}

/** The progress with the pack's reset or restore recorded at now, so a merge keeps what other machines did after it. */
function withEpoch(progress: Progress, packs: readonly string[], why: Epoch['why']): Progress {
  if (packs.length === 0) return progress;
  const at = new Date().toISOString();
  return { ...progress, epochs: { ...(progress.epochs ?? {}), ...Object.fromEntries(packs.map((pack) => [pack, { at, why }])) } };
}

/** What `inspect` found. */
export interface ProgressReport {
  path: string;
  /**
   * `missing`: nothing saved yet; `ok`: usable; `newer`: written by a newer mlroadmap; `damaged`:
   * cannot be used; `unreadable`: the system failed to read it (an I/O error), so it may well be whole.
   */
  state: 'missing' | 'ok' | 'newer' | 'damaged' | 'unreadable';
  /** What is wrong with the file, as a sentence, when it is not usable. */
  problem?: string;
  progress?: Progress;
  /** The file is in an older format; it reads fine and is rewritten in the current one at the next change. */
  migrated?: boolean;
  /** Why nothing can be saved there, when the folder is not writable or the disk is full. */
  folderProblem?: string;
  /** A risk that does not stop saving: other users can write in the folder. */
  folderWarning?: string;
  /** Where the progress file points, when it is a symbolic link (saves go there). */
  linkTarget?: string;
  /** The lock file beside the progress file, if one is there. */
  lock?: LockReport;
  /** Temp files left by writes and locks that were killed half-way (the progress file itself is whole). */
  leftovers: string[];
  /** Backups made by `reset`, `reset --restore` and `doctor --fix`, in the order they were made. */
  backups: string[];
}

export interface LockReport {
  path: string;
  ageSeconds: number;
  /**
   * `running`/`paused`: held by a live mlroadmap (paused: stopped with Ctrl+Z); `dead`: its process is
   * gone; `foreign`: its process is alive but not an mlroadmap; `fresh`/`stale`: not a lock that names
   * a process here (another host, an older mlroadmap's lock folder, a stray file), judged by its time.
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
export { PROGRESS_FILE } from '../paths.js';

/** A save waited too long for the lock another mlroadmap holds; nothing was changed, and trying again may work. */
export class ProgressBusyError extends ProgressWriteError {
  /** Who holds the lock, in words: "another mlroadmap (process 123)". */
  readonly holder: string;
  constructor(path: string, reason: string, holder: string) {
    super(path, reason);
    this.name = 'ProgressBusyError';
    this.holder = holder;
  }
}

/** The progress file could not be read (an I/O error): it may be whole, so nothing is moved or written. */
export class ProgressReadError extends UserError {
  constructor(path: string, problem: string) {
    super(
      `could not read the progress file ${path}: ${problem}. It was left untouched and may well be whole: check the disk (or the network mount) and try again; do not move or delete it`,
    );
    this.name = 'ProgressReadError';
  }
}

/**
 * The new progress file is in place, but the disk failed to confirm the rename (fsync of its folder):
 * the change may be lost if the computer stops before the disk catches up, so it is not acknowledged.
 */
export class ProgressNotDurableError extends UserError {
  constructor(path: string, reason: string) {
    super(
      `the change was written to ${path} but not confirmed by the disk (${reason}); it may be lost after a crash or power cut: check the disk, then see whether the change is there (mlroadmap progress) and make it again if not`,
    );
    this.name = 'ProgressNotDurableError';
  }
}
export { LOCK_STALE_MS };

/** Below this much free space a save will most likely fail. */
const LOW_DISK_BYTES = 256 * 1024;

/** Progress in memory, for tests. */
export function createMemoryStore(initial: Progress = emptyProgress()): ProgressStore & { current: Progress } {
  const store = {
    path: '(memory)',
    current: structuredClone(initial),
    read: () => structuredClone(store.current),
    update: async (change: (progress: Progress) => Progress, options?: UpdateOptions) => {
      const before = structuredClone(store.current);
      store.current = structuredClone(stampChange(before, change(before), options));
      return structuredClone(store.current);
    },
    reset: async (keep: (progress: Progress) => Progress | undefined, pack?: string) => {
      const old = store.current;
      store.current = withEpoch(keep(old) ?? emptyProgress(), pack !== undefined ? [pack] : Object.keys(old.packs), 'reset');
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
    readBackup: () => emptyProgress(),
  };
  return store;
}

/**
 * A store with nowhere to save, for when there is no home folder: reads find nothing saved, and
 * every change fails with `reason`.
 */
export function createUnsavedStore(reason: string): ProgressStore {
  const path = progressPath(undefined);
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
    readBackup: () => {
      throw new ProgressWriteError(path, reason);
    },
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
  const at = text.indexOf(HISTORY_MARKER);
  const parsed = parseProgress(raw, at === -1 ? undefined : text.slice(at + HISTORY_MARKER.length, text.lastIndexOf('}')).trimEnd());
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
  // Clean: nothing had to be stripped from its text, and its summaries are those of its logs.
  return { progress: parsed.progress, migrated, clean: parsed.clean };
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

let digestFolder: string | undefined;

export function useVerifiedStamps(dir: string | undefined): void {
  stampFile = dir === undefined ? undefined : join(dir, 'progress-verified');
  digestFolder = dir;
}

/** What a digests file starts with, then the identity of the file they were worked out of and a NUL. */
const DIGESTS_KIND = 'mlroadmap progress digests 1\u0000';
/** Far more than a year of use takes (about 40 kB for the cards, 10 kB for the study log). */
const MAX_DIGESTS_BYTES = 8 * 1024 * 1024;

/**
 * What is kept of a checked file's sections for its version `identity` (digest.ts): a file beside the
 * stamp for each section key (`progress-digests.<key>`, so a command that needs the study log's reads
 * nothing of the cards'), `{ "<pack>": <digest> }`, for one version of the progress file at a time.
 * Read when first asked; a value put is written at once (a cache: lost, it is worked out again).
 */
function digestsFor(identity: string): (packId: string, key: string) => SectionCache {
  const folder = digestFolder;
  const files = new Map<string, Record<string, unknown>>();
  const pathOf = (key: string) => (folder === undefined ? undefined : join(folder, `progress-digests.${key}`));
  const start = `${DIGESTS_KIND}${identity}\u0000`;
  const load = (key: string): Record<string, unknown> => {
    let kept = files.get(key);
    if (kept) return kept;
    kept = {};
    files.set(key, kept);
    const file = pathOf(key);
    if (file === undefined) return kept;
    try {
      // The learner's own file only, as every cache file (render/cache.ts, readCacheFile).
      const text = readRegularFile(file, MAX_DIGESTS_BYTES, process.getuid ? { ownedBy: process.getuid() } : {}).toString('utf8');
      if (text.startsWith(start)) {
        const found = JSON.parse(text.slice(start.length)) as unknown;
        if (isRecord(found)) {
          kept = found;
          files.set(key, kept);
        }
      }
    } catch {
      // None, or not readable: worked out again.
    }
    return kept;
  };
  return (packId, key) => ({
    get: () => {
      const kept = load(key);
      return Object.hasOwn(kept, packId) ? kept[packId] : undefined;
    },
    put: (value) => {
      const kept = load(key);
      put(kept, packId, value);
      const file = pathOf(key);
      if (file === undefined) return;
      try {
        replaceFile(file, `${start}${JSON.stringify(kept)}`);
      } catch {
        // Not writable: worked out again next time.
      }
    },
  });
}

/**
 * What a stamp starts with: the checks it stands for. A stamp of an earlier mlroadmap (which did not
 * check a file's layout, see `laidOutAsWritten`) does not match, so the file is checked again.
 */
const STAMP_KIND = 'checked whole, laid out as written\u0000';

/**
 * A stamp: the identity of the file checked (its path and version), and the length in bytes of its
 * first part, up to its history (`HISTORY_MARKER`), when it has one: read in one read of that length
 * rather than 64 kB at a time looking for the marker (a year of use: 330 kB in six reads and a copy,
 * about a millisecond). A length that does not end at the marker is not trusted: the file is read whole.
 */
interface Stamp {
  identity: string;
  head?: number;
  /**
   * Where `cutSections` cut the first part (bytes from, to, in order), so the next read reads only
   * the bytes between, and each section's when it is first read (`readCut`). Written by the first read
   * after the stamp that cut them; a stamp without them reads the first part whole.
   */
  cuts?: [number, number][];
}

const STAMP_HEAD = /\u0000head:(\d{1,9})(?:\u0000cuts:((?:\d{1,9}-\d{1,9},)*))?$/;

/** The cuts a stamp lists, when they are in order, apart and within the first part; undefined otherwise. */
function stampCuts(text: string | undefined, head: number): [number, number][] | undefined {
  if (text === undefined) return undefined;
  const cuts: [number, number][] = [];
  let last = 0;
  for (const pair of text.split(',')) {
    if (pair === '') continue;
    const [from, to] = pair.split('-').map(Number) as [number, number];
    if (from < last || to <= from || to > head) return undefined;
    cuts.push([from, to]);
    last = to;
  }
  return cuts;
}

function readStamp(): Stamp | undefined {
  if (stampFile === undefined) return undefined;
  try {
    const text = readRegularFile(stampFile, 4096).toString('utf8');
    if (!text.startsWith(STAMP_KIND)) return undefined;
    const rest = text.slice(STAMP_KIND.length);
    const head = STAMP_HEAD.exec(rest);
    if (!head) return { identity: rest };
    const length = Number(head[1]);
    const cuts = stampCuts(head[2], length);
    return { identity: rest.slice(0, head.index), head: length, ...(cuts ? { cuts } : {}) };
  } catch {
    return undefined;
  }
}

function writeStamp(identity: string, head: number | undefined, cuts?: readonly [number, number][]): void {
  if (stampFile === undefined) return;
  const where =
    head === undefined || head < 0
      ? ''
      : `\u0000head:${head}${cuts ? `\u0000cuts:${cuts.map(([from, to]) => `${from}-${to},`).join('')}` : ''}`;
  // A cache (lost in a crash, the next read checks everything).
  try {
    replaceFile(stampFile, `${STAMP_KIND}${identity}${where}`);
  } catch {
    // Not writable: the next read checks the file whole.
  }
}

/** The length in bytes of a file's first part, up to its history, or -1 without one. */
function headLength(text: string): number {
  const at = text.indexOf(HISTORY_MARKER);
  return at === -1 ? -1 : Buffer.byteLength(text.slice(0, at), 'utf8');
}

/** The progress in bytes that were checked whole before (see `useVerifiedStamps`), or undefined to check them again. */
function parseVerified(bytes: Buffer): Progress | undefined {
  try {
    const text = decodeUtf8(bytes)?.replace(/^\uFEFF/, '');
    const raw = text === undefined ? undefined : (JSON.parse(text) as unknown);
    if (!(isRecord(raw) && isRecord(raw.packs) && raw.version === PROGRESS_VERSION)) return undefined;
    // Each card's log put back (from the history, or [] for a card never graded), summaries dropped.
    return inflateHistory(raw).raw as Progress;
  } catch {
    return undefined;
  }
}

/** A progress file's text, and whether it is one a read may trust without checking it whole (`writtenCleanly`). */
interface Serialized {
  text: string;
  verified: () => boolean;
}

/**
 * Whether a file the store is writing would pass the whole check clean, so the next read may trust
 * it (`useVerifiedStamps`): its first part as parsed from `text` passes the model's check with
 * nothing stripped, and the history, when written anew, holds only valid entries with nothing to
 * strip (a history copied as it is was checked with the file it came from). The summaries are the
 * store's own, worked out from the logs.
 */
function writtenCleanly(text: string, history: Record<string, Record<string, LogEntry[]>> | undefined): boolean {
  try {
    if (history && !(historyIsValid(history) && sanitizeDeep(history) === history)) return false;
    const at = text.indexOf(HISTORY_MARKER);
    const head = JSON.parse(at === -1 ? text : `${text.slice(0, at)}\n}`) as unknown;
    if (!isRecord(head) || head.version !== PROGRESS_VERSION) return false;
    const checked = parseProgress({ ...headForCheck(head), version: 3 });
    return 'progress' in checked && checked.clean;
  } catch {
    return false;
  }
}

/**
 * After a save: the stamp for the file just written (`written`, its identity as its descriptor gave it
 * once in place: a read of any other file, or of this one changed since, sees another), when `verified`
 * says it is clean.
 */
function stampWritten(path: string, written: string | undefined, text: string, verified: () => boolean): void {
  if (stampFile === undefined || written === undefined) return;
  try {
    if (verified()) writeStamp(`${path}\u0000${written}`, headLength(text));
  } catch {
    // A cache: without the stamp the next read checks the file whole.
  }
}

/**
 * Progress in a JSON file (format in `model.ts`).
 *
 * - Reading takes no lock, so commands that only show progress stay fast. It is safe because every
 *   write replaces the file whole (a temp file renamed over it): a reader sees the old file or the
 *   new one, never a state in between. Only a regular file is read, and at most `MAX_PROGRESS_BYTES`.
 * - A file checked before (`useVerifiedStamps`) is read only up to its review history (format 4,
 *   history.ts); the history is read from that same version of the file when a log is first used, or,
 *   if another mlroadmap replaced the file meanwhile, from the file as it is now (which holds every
 *   grade saved since). A save that read no log copies the history's text; one that checks clean
 *   stamps the file it wrote, so the next read is as cheap.
 * - Every change runs under the lock beside the file (`lock.ts`): the file is read again under it,
 *   changed, and written by `writeFileAtomic` (every byte count checked, fsync, then rename), so a
 *   full disk leaves the old file whole and reports the failure. Right before the rename the writer
 *   checks that the lock still names it and that the file is the one it read; if either changed, it
 *   redoes the change on top of what is there.
 * - A change is acknowledged (the command exits 0) only once the new file and the rename are on the
 *   disk: when flushing the folder fails, the file is in place but the command fails, saying so.
 * - A progress file that is a symbolic link (dotfiles) stays one: saves replace its target, atomically
 *   in the target's folder. The lock and the backups stay beside the link, in the config folder, where
 *   every mlroadmap using that folder looks for them.
 * - A new file is readable by the learner alone (0600); an existing file keeps its mode.
 * - A file that cannot be used is never written over: every change stops with `ProgressFileError`
 *   until the learner runs `reset` or `doctor --fix`, which move it to a backup (`describeBackup`). A
 *   file that could not be read (an I/O error) is not called damaged and is never moved.
 */
export function createFileStore(dir: string, options: { lockWaitMs?: number } = {}): ProgressStore {
  const path = progressPath(dir);
  const lockPath = `${path}.lock`;

  type Examined =
    | { state: 'missing' }
    | { state: 'ok'; progress: Progress; migrated: boolean; snapshot?: Snapshot; stamped?: string }
    | { state: 'newer' | 'damaged' | 'unreadable'; problem: string };

  /**
   * Progress read from a file checked before (see `useVerifiedStamps`) by its first part alone: the
   * logs are read from the same file when first used (history.ts). `history()` is the history's
   * text as the file holds it, for a save that changed none of it.
   */
  type Snapshot = { untouched: (progress: Progress) => boolean; history: () => string; check?: string };

  const MARKER = Buffer.from(HISTORY_MARKER, 'utf8');

  /** A version of the file as stamps and reads name it: its path and `fileVersion`'s identity. */
  const versionOf = (id: string) => `${path}\u0000${id}`;

  /**
   * The text after the marker in `bytes` (the whole file), without the object's closing brace; only
   * where the history is laid out as the store writes it: on one line, the file's last key. (A file
   * written otherwise, by hand or by another tool, may hold other keys after it: its text is then no
   * history to copy, and its first part not all there is.)
   */
  const historyTextOf = (bytes: Buffer): string | undefined => {
    const at = bytes.indexOf(MARKER);
    if (at === -1) return undefined;
    const text = bytes.subarray(at + MARKER.length).toString('utf8');
    const history = text.slice(0, text.lastIndexOf('}')).trimEnd();
    return history.includes('\n') ? undefined : history;
  };

  /**
   * Whether `bytes` (a whole file) are laid out as the store writes them, so that a read of their
   * first part alone (`readLazily`) gets all they hold: the history, if any, is the file's last key,
   * one JSON value on one line; and each section `cutSections` cuts is one JSON value, as is what is
   * left. (A value that parses from where another begins is that value, whole.) Only such a file is
   * stamped; one laid out otherwise (edited by hand) is read whole every time, until a save writes it
   * in this layout.
   */
  const laidOutAsWritten = (bytes: Buffer): boolean => {
    const at = bytes.indexOf(MARKER);
    if (at === -1) return true;
    const history = historyTextOf(bytes);
    if (history === undefined) return false;
    try {
      JSON.parse(history);
      const head = bytes.subarray(0, at);
      const cut = cutSections(head);
      for (const section of cut?.sections.values() ?? []) JSON.parse(section.text);
      JSON.parse(`${cut?.text ?? head.toString('utf8')}\n}`);
      return true;
    } catch {
      return false;
    }
  };

  type Lazy = { progress: Progress; snapshot: Snapshot; cuts: [number, number][] };

  /** The first part of a checked file as lazy progress, or undefined to read it whole. */
  const readLazily = (bytes: Buffer, identity: string, standIns: boolean): Lazy | undefined => {
    const at = bytes.indexOf(MARKER);
    if (at === -1) return undefined;
    const headBytes = bytes.subarray(0, at);
    // The packs' long sections are decoded and parsed when read (history.ts, cutSections).
    return lazyHead(cutSections(headBytes) ?? { text: headBytes.toString('utf8'), sections: new Map(), cuts: [] }, identity, standIns);
  };

  /**
   * The first part of a checked file whose stamp says where it ends and where its sections were cut
   * (`head`, `cuts`), read from `file`: the bytes between the cuts now, each section's when first read,
   * from this very version of the file. Undefined to read it as `readLazily` does.
   */
  const readCut = (file: OpenVersion, head: number, cuts: [number, number][]): Lazy | undefined => {
    if (!file.read(head, head + MARKER.length).equals(MARKER)) return undefined;
    const read = (from: number, to: number) => file.read(from, to);
    // A cut of a damaged stamp that does not stand where a section is would lose keys of the file.
    if (!cutsHold(cuts, read)) return undefined;
    const cut = cutText(head, cuts, read);
    // Only for a read: a change cuts the first part it reads itself (`examine`).
    return cut && lazyHead(cut, versionOf(file.version), false);
  };

  /** `readCut` for a read (a change reads the first part whole, see `examine`), or undefined to read it so. */
  const tryReadCut = (identity: string, head: number, cuts: [number, number][]): (Lazy & { identity: string }) | undefined => {
    try {
      const file = openVersion(path, MAX_PROGRESS_BYTES);
      if (versionOf(file.version) !== identity) return undefined;
      const lazy = readCut(file, head, cuts);
      return lazy && { ...lazy, identity };
    } catch {
      return undefined;
    }
  };

  const lazyHead = (cut: CutText, identity: string, standIns: boolean): Lazy | undefined => {
    let head: unknown;
    try {
      head = JSON.parse(`${cut.text}\n}`);
    } catch {
      return undefined;
    }
    if (!(isRecord(head) && isRecord(head.packs) && head.version === PROGRESS_VERSION)) return undefined;
    let text: string | undefined;
    /** The history's text in this very version of the file; another version means the file changed since. */
    const historyText = (): string => {
      if (text !== undefined) return text;
      let now: string | undefined;
      const whole = readRegularFile(path, MAX_PROGRESS_BYTES, {
        identity: (id) => {
          now = versionOf(id);
        },
      });
      const found = now === identity ? historyTextOf(whole) : undefined;
      if (found === undefined) throw new FileChangedError();
      text = found;
      return text;
    };
    const load = (): Record<string, Record<string, LogEntry[]>> => {
      try {
        return JSON.parse(historyText()) as Record<string, Record<string, LogEntry[]>>;
      } catch (error) {
        if (!(error instanceof FileChangedError || error instanceof SyntaxError)) throw error;
      }
      // Replaced since it was read (by another mlroadmap, outside any lock of ours), or (never for a
      // file stamped by this mlroadmap) a history that is not one value: the logs of the file as it is
      // now, read whole, which holds every grade saved since.
      const found = examine(false);
      if (found.state !== 'ok')
        return refuse(found.state === 'missing' ? { state: 'damaged', problem: 'it was removed while being read' } : found);
      // Object.fromEntries defines keys: a "__proto__" id stays a key.
      return Object.fromEntries(
        Object.entries(found.progress.packs).map(([packId, pack]) => [
          packId,
          Object.fromEntries(
            Object.entries(isRecord(pack.reviews) ? pack.reviews : {}).map(([cardId, record]) => [
              cardId,
              isRecord(record) && Array.isArray(record.log) ? (record.log as LogEntry[]) : [],
            ]),
          ),
        ]),
      );
    };
    /** A section as the file holds it; one that does not parse (a layout not the writer's) from a whole read. */
    const parseSection = (text: string, packId: string, key: string): { raw: unknown } | { read: unknown } => {
      try {
        return { raw: JSON.parse(text) };
      } catch {}
      const found = examine(false);
      if (found.state !== 'ok')
        return refuse(found.state === 'missing' ? { state: 'damaged', problem: 'it was removed while being read' } : found);
      const pack = Object.hasOwn(found.progress.packs, packId) ? (found.progress.packs[packId] as Record<string, unknown>) : {};
      return { read: pack[key] };
    };
    const lazy = lazyProgress(
      head,
      load,
      cut.sections.size > 0 ? { texts: cut.sections, parse: parseSection, standIns, cache: digestsFor(identity) } : undefined,
    );
    if (!lazy) return undefined;
    // The file's checksum of its summaries and history, which a save that keeps both writes again.
    const check = typeof head[CHECK_KEY] === 'string' ? head[CHECK_KEY] : undefined;
    return {
      progress: lazy.progress as Progress,
      snapshot: { untouched: lazy.untouched, history: historyText, ...(check === undefined ? {} : { check }) },
      cuts: cut.cuts,
    };
  };

  /** `standIns`: for a change, whose copies of a pack should carry its sections unread (history.ts, `Section`). */
  const examine = (lazily = true, standIns = false): Examined => {
    let bytes: Buffer;
    let identity: string | undefined;
    const stamp = lazily ? readStamp() : undefined;
    let cut = false;
    try {
      // Where the stamp says the sections are: only the bytes between them are read.
      // Anything amiss (another version, a file that changed or went, bytes not where the stamp put
      // them) is read as below, which says what is wrong with a file that cannot be read.
      // A change cuts the first part it reads itself (below): what it writes back unread is what it found.
      const lazy = !standIns && stamp?.head !== undefined && stamp.cuts ? tryReadCut(stamp.identity, stamp.head, stamp.cuts) : undefined;
      if (lazy) return { state: 'ok', progress: lazy.progress, migrated: false, snapshot: lazy.snapshot, stamped: lazy.identity };
      bytes = readRegularFile(path, MAX_PROGRESS_BYTES, {
        identity: (id) => {
          identity = versionOf(id);
        },
        // A file checked before is read up to its history only: in one read when the stamp says how
        // far that is, else until the marker shows.
        upTo: (id) => {
          if (stamp?.head === undefined || versionOf(id) !== stamp.identity) return undefined;
          cut = true;
          return stamp.head + MARKER.length;
        },
        stopAt: (id) => (stamp !== undefined && stamp.head === undefined && versionOf(id) === stamp.identity ? MARKER : undefined),
      });
      if (identity !== undefined && identity === stamp?.identity) {
        const lazy = readLazily(bytes, identity, standIns);
        if (lazy) {
          // A stamp without the cuts (after a save, or of an earlier mlroadmap): where the history
          // starts and where the sections are is known now, for the next read. (Not for a change: its
          // save stamps the file it writes.)
          if (!standIns && (stamp.head === undefined || !stamp.cuts)) writeStamp(identity, bytes.indexOf(MARKER), lazy.cuts);
          return { state: 'ok', progress: lazy.progress, migrated: false, snapshot: lazy.snapshot, stamped: identity };
        }
        // Reading stopped at the marker (or where the stamp put it), yet the first part is not what
        // this mlroadmap writes: read whole (without a marker the bytes are the whole file already, as
        // for a file with no reviews).
        if (cut || bytes.indexOf(MARKER) !== -1)
          bytes = readRegularFile(path, MAX_PROGRESS_BYTES, {
            identity: (id) => {
              identity = versionOf(id);
            },
          });
        // The stamp put the history's start in the wrong place (a stamp damaged or edited): read as
        // the file is laid out, and the stamp put right, so the next read is one read again.
        if (cut && identity === stamp.identity) {
          const whole = readLazily(bytes, identity, standIns);
          if (whole) {
            writeStamp(identity, bytes.indexOf(MARKER), whole.cuts);
            return { state: 'ok', progress: whole.progress, migrated: false, snapshot: whole.snapshot, stamped: identity };
          }
        }
      }
    } catch (error) {
      const code = (error as DiskError).code;
      // Nothing saved yet, or a file stands where the folder should be so nothing can have been saved.
      if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing' };
      if (code === 'EACCES' || code === 'EPERM') return { state: 'damaged', problem: 'permission to read it is denied' };
      if (code === 'ELOOP') return { state: 'damaged', problem: 'it is a symbolic link that points to itself' };
      if (code === 'EISDIR') return { state: 'damaged', problem: 'it is a folder, not a file' };
      if (code === 'TOOBIG')
        return { state: 'damaged', problem: `it is larger than ${formatBytes(MAX_PROGRESS_BYTES)}, far more than progress takes` };
      if (IO_ERRORS.has(code)) return { state: 'unreadable', problem: `${(error as Error).message} (${code})` };
      return { state: 'damaged', problem: (error as Error).message };
    }
    const verified = identity !== undefined && identity === (stamp ?? readStamp())?.identity ? parseVerified(bytes) : undefined;
    if (verified) return { state: 'ok', progress: verified, migrated: false, ...(identity ? { stamped: identity } : {}) };
    const found = examineProgressBytes(bytes);
    if ('problem' in found) return { state: found.newer ? 'newer' : 'damaged', problem: found.problem };
    const asWritten = found.clean && !found.migrated && laidOutAsWritten(bytes);
    // The history's text, when it is exactly what the progress holds, is copied by a save that changed no log.
    const text = asWritten ? historyTextOf(bytes) : undefined;
    // Stamped, the file is next read up to its history only, its sections as cut: only one laid out so.
    if (identity !== undefined && asWritten) writeStamp(identity, bytes.indexOf(MARKER));
    const snapshot = text === undefined ? undefined : { untouched: wholeProgressRecords(found.progress), history: () => text };
    return { state: 'ok', progress: found.progress, migrated: found.migrated, ...(snapshot ? { snapshot } : {}) };
  };

  const refuse = (found: { state: 'newer' | 'damaged' | 'unreadable'; problem: string }): never => {
    if (found.state === 'unreadable') throw new ProgressReadError(path, found.problem);
    throw new ProgressFileError(path, found.problem);
  };

  const readSnapshot = (standIns = false): { progress: Progress; snapshot?: Snapshot } => {
    const found = examine(true, standIns);
    if (found.state === 'missing') return { progress: emptyProgress() };
    if (found.state === 'ok') return found;
    return refuse(found);
  };
  /**
   * What the last read of a file checked before gave (see `useVerifiedStamps`), and the version of
   * the file it read (device, inode, size and times, as `examine` saw them): a read of the same
   * version gives the same progress again, for one stat rather than a read and a parse. The tutor
   * reads progress for every part of a screen (before its first menu, eight times), and a read of a
   * year of use takes 4 ms. Progress is never changed in place (a change makes new objects), so
   * giving it twice is safe; any save, here or by another program, replaces the file, which gives it
   * another version; a change reads the file afresh, under the lock.
   */
  let lastRead: { identity: string; progress: Progress } | undefined;
  const versionNow = (): string | undefined => {
    try {
      return versionOf(fileVersion(statSync(path, { bigint: true })));
    } catch {
      return undefined;
    }
  };
  const read = (): Progress => {
    if (lastRead !== undefined && versionNow() === lastRead.identity) return lastRead.progress;
    lastRead = undefined;
    const found = readSnapshot();
    if ('stamped' in found && typeof found.stamped === 'string') lastRead = { identity: found.stamped, progress: found.progress };
    return found.progress;
  };

  const fail = (error: unknown): never => {
    if (error instanceof UserError) throw error;
    const warning = folderWarning(dir);
    const also = warning ? ` (note: ${warning})` : '';
    if (error instanceof LockBusyError) throw new ProgressBusyError(path, `${error.message}${also}`, error.holder);
    if (error instanceof NotDurableError) throw new ProgressNotDurableError(path, error.message);
    if (error instanceof DiskError || (error as NodeJS.ErrnoException).code)
      throw new ProgressWriteError(path, `${describeDiskError(error)}${also}`);
    throw error;
  };

  /** Runs `work` holding the lock, redoing it (at most `MAX_ATTEMPTS` times) when it finds at commit time that it lost the lock or the file changed. */
  // `work` is synchronous (a promise is refused by its type): the lock is taken as held for no more than that (see acquireLock).
  const withLock = async <T>(
    work: (commit: (file: Serialized) => void) => T extends PromiseLike<unknown> ? never : T,
    waitMs = options.lockWaitMs,
  ): Promise<T> => {
    try {
      makeFolder(dir);
    } catch (error) {
      fail(error);
    }
    for (let attempt = 1; ; attempt++) {
      let lock: Awaited<ReturnType<typeof acquireLock>> | undefined;
      try {
        lock = await acquireLock(lockPath, waitMs, { synchronous: true });
        const held = lock;
        const seen = fileIdentity(path);
        const commit = ({ text, verified }: Serialized) => {
          if (Buffer.byteLength(text, 'utf8') > MAX_PROGRESS_BYTES) {
            throw new ProgressWriteError(
              path,
              `it would grow past ${formatBytes(MAX_PROGRESS_BYTES)}; delete some notes (mlroadmap note <step> --delete <n>) or export and reset`,
            );
          }
          // Through a symbolic link to its target, so the link stays a link.
          let written: string | undefined;
          writeFileAtomic(linkTarget(path), text, {
            beforeRename: () => {
              held.verify();
              if (fileIdentity(path) !== seen) throw new FileChangedError();
            },
            identity: (id) => {
              written = id;
            },
          });
          stampWritten(path, written, text, verified);
        };
        return work(commit);
      } catch (error) {
        const changed = error instanceof LockLostError || error instanceof FileChangedError;
        if (changed && attempt < MAX_ATTEMPTS) continue;
        if (changed) {
          throw new ProgressWriteError(path, 'another program kept changing it while this change was being made; try again');
        }
        return fail(error);
      } finally {
        lock?.release();
      }
    }
  };

  /**
   * Keeps the current file as a backup beside it (named as `describeBackup` reads), never over another backup. With
   * `move`, the file (or whatever stands there: a folder, a link) is moved there instead. Run under
   * the lock, so the number it takes is the next one.
   */
  const backUp = (why: BackupReason, pack?: string, move = false): string | undefined => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const tag = pack !== undefined && SAFE_PACK_ID.test(pack) ? `-${pack}` : '';
    let made = Math.max(0, ...backups().map((backup) => describeBackup(backup).made ?? 0));
    for (;;) {
      const backup = join(dir, `${PROGRESS_FILE}.bak-${stamp}.${++made}-${why}${tag}`);
      try {
        if (move) {
          // renameSync would replace an existing backup: make the name first.
          linkOrMove(path, backup);
          return backup;
        }
        // A second name for the same file (for a link, for its target): the progress file itself
        // stays in place until replaced. Where there are no hard links, a copy.
        const source = linkTarget(path);
        try {
          linkSync(source, backup);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === undefined || !NO_HARD_LINKS.has(code)) throw error;
          try {
            copyFileWhole(source, backup, MAX_PROGRESS_BYTES);
          } catch (copyError) {
            // The copy is a backup made before the change: a failure to flush it means nothing was changed.
            if (copyError instanceof NotDurableError) throw new DiskError(copyError.code, describeDiskError({ code: copyError.code }));
            throw copyError;
          }
        }
        return backup;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return undefined;
        if (code !== 'EEXIST') throw error;
      }
    }
  };

  const names = (folder: string): string[] => {
    try {
      return readdirSync(folder).sort();
    } catch {
      return [];
    }
  };
  /** Backups, in the order they were made: numbered ones by number, after the older ones named by time alone. */
  const backups = (): string[] =>
    names(dir)
      .filter((name) => name.startsWith(`${PROGRESS_FILE}.bak-`) && !TEMP_SUFFIX.test(name))
      .map((name) => join(dir, name))
      .sort((a, b) => (describeBackup(a).made ?? 0) - (describeBackup(b).made ?? 0));

  /**
   * Temp files the store makes, left by a process killed half-way: the progress file's (`.tmp-`, in
   * the folder of the link's target too), a backup copy's, and the lock's (`.lock.new-`,
   * `.lock.takeover.new-`). Each names the process that made it.
   */
  const leftovers = (): string[] => {
    const found = names(dir)
      .filter(
        (name) =>
          name.startsWith(`${PROGRESS_FILE}.`) &&
          (TEMP_SUFFIX.test(name) || LOCK_TEMP.test(name) || name.startsWith(`${PROGRESS_FILE}.tmp-`)),
      )
      .map((name) => join(dir, name));
    // A takeover lock left by a process killed while it took a dead lock over: only the next takeover would clear it.
    if (takeoverLeft()) found.push(takeoverPath);
    const target = shownTarget();
    if (target !== path) {
      const prefix = `${basename(target)}.tmp-`;
      for (const name of names(dirname(target))) if (name.startsWith(prefix)) found.push(join(dirname(target), name));
    }
    return found;
  };

  /** Where the progress file's link points, for reports; the file itself when it is no link or a loop of them. */
  const shownTarget = (): string => {
    try {
      return linkTarget(path);
    } catch {
      return path;
    }
  };

  const takeoverPath = `${lockPath}.takeover`;
  const takeoverLeft = (): boolean => {
    const state = judge(readHolder(takeoverPath));
    return state === 'dead' || state === 'stale' || state === 'foreign';
  };

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
      stale: state === 'dead' || state === 'stale' || state === 'foreign',
    };
  };

  const inspect = (): ProgressReport => {
    const found = examine();
    const report: ProgressReport = {
      path,
      state: found.state,
      leftovers: leftovers(),
      backups: backups(),
    };
    if (found.state === 'ok') Object.assign(report, { progress: found.progress, migrated: found.migrated });
    if (found.state !== 'ok' && found.state !== 'missing') report.problem = found.problem;
    const target = shownTarget();
    if (target !== path) report.linkTarget = target;
    const folderProblem = checkFolder(dir) ?? (target === path ? undefined : checkFolder(dirname(target)));
    if (folderProblem) report.folderProblem = folderProblem;
    const warning = folderWarning(dir);
    if (warning) report.folderWarning = warning;
    const lock = inspectLock();
    if (lock) report.lock = lock;
    return report;
  };

  /**
   * The file's text for `progress` (format 4, history.ts): the history is copied as the file holds it
   * when `progress` came from `snapshot` with no log read or changed, else written from the logs.
   */
  const serialize = (progress: Progress, snapshot?: Snapshot): Serialized => {
    const reuse = snapshot?.untouched(progress) === true;
    // Cards' sections nobody looked into are written back as read only with the file's own checksum
    // of the summaries to write again: without one (a file edited by hand), it is worked out from
    // every summary, so each section is read. Sections so written were checked with the file they
    // came from: the check of what is written leaves them out (layoutProgress's forCheck).
    const check = reuse ? snapshot?.check : undefined;
    const { head, history } = splitProgress(progress, reuse, check !== undefined);
    const laid = reuse ? layoutProgress(head, (snapshot as Snapshot).history(), check) : layoutProgress(head, historyToText(history));
    return { text: laid.text, verified: () => writtenCleanly(laid.forCheck(), reuse ? undefined : history) };
  };

  /**
   * `snapshot` with its history's text read now, or undefined when it cannot be (the file changed
   * since). A lazy snapshot reads the history from the version of the file it read; a backup made by
   * a hard link changes that version (its ctime), and the history would then seem changed, the whole
   * change redone, and a second backup made.
   */
  const historyRead = (snapshot: Snapshot | undefined): Snapshot | undefined => {
    if (snapshot === undefined) return undefined;
    try {
      const text = snapshot.history();
      return { ...snapshot, history: () => text };
    } catch {
      return undefined;
    }
  };

  const readBackup = (backup: string): Progress => {
    if (!backups().includes(backup)) {
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
    return found.progress;
  };

  return {
    path,
    read,
    update: (change, wait) =>
      withLock((commit) => {
        const { progress: before, snapshot } = readSnapshot(true);
        const next = stampChange(before, change(before), wait);
        // A change that returns what it was given changed nothing: nothing to write.
        if (next !== before) commit(serialize(next, snapshot));
        return next;
      }, wait?.lockWaitMs ?? options.lockWaitMs),
    reset: (keep, pack) =>
      withLock((commit) => {
        const found = examine();
        if (found.state === 'newer') {
          throw new ProgressFileError(path, `${found.problem}; reset leaves it alone, so progress on other roadmaps is not lost`);
        }
        if (found.state === 'unreadable') throw new ProgressReadError(path, found.problem);
        if (found.state === 'missing') return undefined;
        if (found.state !== 'ok') {
          // Moved aside whole: what is in it cannot be told apart.
          return backUp('moved', undefined, true);
        }
        // The history's text read before the backup's link changes the file's version (its ctime).
        const snapshot = historyRead(found.snapshot);
        const backup = backUp('reset', pack);
        const packs = pack !== undefined ? [pack] : Object.keys(found.progress.packs);
        commit(serialize(withEpoch(keep(found.progress) ?? emptyProgress(), packs, 'reset'), snapshot));
        return backup;
      }).catch(fail),
    inspect,
    readBackup,
    restore: (backup, pack) =>
      withLock((commit) => {
        const found = { progress: readBackup(backup) };
        const current = examine();
        let next = found.progress;
        if (pack !== undefined) {
          // One roadmap's progress goes back into the file as it is now: it must be usable.
          if (current.state !== 'ok' && current.state !== 'missing') return refuse(current);
          const now = current.state === 'ok' ? current.progress : emptyProgress();
          const packs = { ...now.packs };
          if (Object.hasOwn(found.progress.packs, pack)) packs[pack] = found.progress.packs[pack] as PackProgress;
          else delete packs[pack];
          next = { ...now, packs };
        }
        // As for a reset: the history's text read before the backup's link changes the file's version.
        const snapshot = current.state === 'ok' ? historyRead(current.snapshot) : undefined;
        const kept = current.state === 'missing' ? undefined : backUp('restore', pack);
        commit(serialize(withEpoch(next, pack !== undefined ? [pack] : Object.keys(next.packs), 'restore'), snapshot));
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
        if (examine().state === 'damaged') backup = backUp('moved', undefined, true);
        const removed: string[] = [];
        for (const file of leftovers()) {
          if (file === takeoverPath) {
            const seen = readHolder(takeoverPath);
            if (takeoverLeft() && readHolder(takeoverPath).kind !== 'none') {
              takeOver(takeoverPath, seen);
              if (readHolder(takeoverPath).kind === 'none') removed.push(file);
            }
            continue;
          }
          try {
            // A temp file this old whose process is gone (or is no mlroadmap) belongs to no live writer.
            const pid = Number(TEMP_PID.exec(basename(file))?.[1] ?? Number.NaN);
            if (Date.now() - statSync(file).mtimeMs > LOCK_STALE_MS && !(pid > 0 && mayBeInUse(pid))) {
              removeFile(file);
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

/** Why a backup was made: a reset, a damaged file moved aside, the file as it was before a restore. */
type BackupReason = 'reset' | 'moved' | 'restore';

/** A pack id that may stand in a file name as it is (kebab-case, as content ids are). */
const SAFE_PACK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A temp file of `writeFileAtomic`: `<name>.tmp-<pid>-<n>`. */
const TEMP_SUFFIX = /\.tmp-\d+-\d+$/;
/** A lock's temp file: `progress.json.lock.new-<token>`, `progress.json.lock.takeover.new-<token>` (the token starts with the pid). */
const LOCK_TEMP = /\.lock(\.takeover)?\.new-/;
/** The pid in a temp file's name. */
const TEMP_PID = /(?:\.tmp-|\.new-)(\d+)-/;

/**
 * What a backup's name says. Backups are named
 *
 *   progress.json.bak-<time>.<n>-<why>[-<pack>]
 *
 * where `n` counts up from the highest number already there (taken under the lock), so the order
 * backups were made in does not depend on the clock; `why` is `reset`, `moved` (a damaged file moved
 * aside) or `restore` (the file as it was before a restore), and `pack` the roadmap that was reset.
 * The time is for people. Older mlroadmaps named them `progress.json.bak-<time>[-<k>]`: those have
 * no number and count as made before every numbered one.
 */
export function describeBackup(backup: string): { made?: number; why?: BackupReason; pack?: string } {
  const match = /\.bak-.*\.(\d+)-(reset|moved|restore)(?:-([a-z0-9][a-z0-9-]*))?$/.exec(basename(backup));
  if (!match) return {};
  return { made: Number(match[1]), why: match[2] as BackupReason, ...(match[3] ? { pack: match[3] } : {}) };
}

/**
 * Where a save of `file` goes: `file` itself, or, when it is a symbolic link, the file it points to
 * in the end (which need not exist yet). Throws ELOOP for a loop of links.
 */
function linkTarget(file: string): string {
  let at = file;
  for (let hop = 0; hop < 40; hop++) {
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(at);
    } catch {
      return at;
    }
    if (!stat.isSymbolicLink()) return at;
    at = resolve(dirname(at), readlinkSync(at));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

/**
 * Moves `from` to the new name `to`, failing with EEXIST rather than replacing something there: a
 * hard link then unlink for a file, mkdir as a claim on the name then rename for anything else.
 */
function linkOrMove(from: string, to: string): void {
  try {
    linkSync(from, to);
    removeFile(from);
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

/**
 * A warning when users other than the learner can write in `dir`: they could leave a lock there that
 * blocks every save, or files in the progress file's place.
 */
function folderWarning(dir: string): string | undefined {
  try {
    const stat = statSync(dir);
    if ((stat.mode & 0o002) === 0) return undefined;
  } catch {
    return undefined;
  }
  return `other users can write in ${dir}, so they can leave a lock or files there that get in the way of saving; make it yours alone (chmod go-w '${dir}')`;
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
  // What the change was given: read under the lock, so nothing is read twice.
  let before: PackProgress | undefined;
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
  return { before: before ?? packProgress(after, roadmap.id), after };
}
