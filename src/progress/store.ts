import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ProgressFileError, ProgressWriteError } from '../errors.js';
import { sanitizeText } from '../render/sanitize.js';
import { emptyProgress, PROGRESS_VERSION, type Progress, parseProgress } from './model.js';

/** Where progress is read from and written to. */
export interface ProgressStore {
  /** The file progress lives in, for `progress --path` and messages. */
  readonly path: string;
  /** The current progress; empty when nothing was saved yet. Throws `ProgressFileError` for a file it cannot use. */
  read(): Progress;
  /** Reads, changes and writes progress as one step, so no other writer's change is lost. */
  update(change: (progress: Progress) => Progress): Promise<Progress>;
  /**
   * Moves the progress file aside to a timestamped backup beside it, even when it cannot be parsed,
   * then writes `keep(old)` when the old file was usable. Returns the backup's path, if there was a file.
   */
  reset(keep: (progress: Progress) => Progress | undefined): Promise<string | undefined>;
  /** Looks at the progress file, its folder and its lock without changing anything (`mlroadmap doctor`). */
  inspect(): ProgressReport;
  /**
   * Under the lock: moves the progress file to a timestamped backup beside it if it is still damaged
   * (never one written by a newer mlroadmap), and deletes temp files left by interrupted writes.
   */
  repair(): Promise<{ backup?: string; removed: string[] }>;
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
  /** Why nothing can be saved there, when the folder is not writable. */
  folderProblem?: string;
  /** The lock file beside the progress file, if one is there. */
  lock?: { path: string; ageSeconds: number; stale: boolean };
  /** Temp files left by writes that were killed half-way (the progress file itself is whole). */
  leftovers: string[];
  /** Backups made by `reset` and `doctor --fix`, oldest first. */
  backups: string[];
}

/** The progress file's name inside the config folder. */
export const PROGRESS_FILE = 'progress.json';
/** A lock older than this was left by a process that died; the next writer takes it over. */
export const LOCK_STALE_MS = 10_000;
/** Progress is a few kilobytes; a file this big is not one, and is not read into memory. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

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
  };
}

/**
 * Progress in a JSON file (format in `model.ts`).
 *
 * - Reading takes no lock and builds nothing, so commands that only show progress stay fast. It is
 *   safe because every write replaces the file whole: a reader sees the old file or the new one.
 * - Every change runs under a lock beside the progress file (`progress.json.lock`, a folder made by
 *   `proper-lockfile`; `mkdir` is atomic). Its holder touches it every 5 s; one older than 10 s was
 *   left by a killed process and is taken over. A waiting writer tries again for up to 30 s, so a
 *   dead holder delays others by at most about 10 s. On Ctrl+C or SIGTERM the lock is removed as the
 *   process exits (`signal-exit`); after SIGKILL, or a signal in the instant between making the lock
 *   and registering it for removal, it goes stale.
 * - The file is read again under the lock, changed, and written by conf (`atomically`: a temp file
 *   `progress.json.tmp-*`, fsync, rename), so two processes never lose each other's change and an
 *   interrupted write leaves the old file whole.
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
    let text: string;
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return { state: 'damaged', problem: 'it is a folder, not a file' };
      // A FIFO or device would block or never end.
      if (!stat.isFile()) return { state: 'damaged', problem: 'it is not a regular file' };
      if (stat.size > MAX_FILE_BYTES)
        return { state: 'damaged', problem: `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, far more than progress takes` };
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Nothing saved yet, or a file stands where the folder should be so nothing can have been saved.
      if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing' };
      if (code === 'EACCES' || code === 'EPERM') return { state: 'damaged', problem: 'permission to read it is denied' };
      if (code === 'ELOOP') return { state: 'damaged', problem: 'it is a symbolic link that points to itself' };
      return { state: 'damaged', problem: `it cannot be read (${code ?? (error as Error).message})` };
    }
    if (text.trim() === '') return { state: 'damaged', problem: 'it is empty' };
    let raw: unknown;
    try {
      // A byte order mark, as some editors write, is not part of the JSON.
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return { state: 'damaged', problem: 'it is not valid JSON (it may be truncated or damaged)' };
    }
    const parsed = parseProgress(raw);
    if ('problem' in parsed) {
      const version = (raw as { version?: unknown } | null)?.version;
      const newer = typeof version === 'number' && version > PROGRESS_VERSION;
      // The problem may quote a key from the file: keep the file's bytes off the terminal.
      return { state: newer ? 'newer' : 'damaged', problem: sanitizeText(parsed.problem) };
    }
    const migrated = typeof raw === 'object' && raw !== null && !Object.hasOwn(raw, 'version');
    return { state: 'ok', progress: parsed.progress, migrated };
  };

  const read = (): Progress => {
    const found = examine();
    if (found.state === 'missing') return emptyProgress();
    if (found.state === 'ok') return found.progress;
    throw new ProgressFileError(path, found.problem);
  };

  /** Runs `work` holding the lock; `work` calls `assertHeld` right before it writes. */
  const withLock = async <T>(work: (assertHeld: () => void) => T | Promise<T>): Promise<T> => {
    // Loaded before locking, so the lock is held only for the read, the change and the write.
    const [lockfile] = await Promise.all([import('proper-lockfile'), import('conf')]);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new ProgressWriteError(path, describeWriteError(error));
    }
    let compromised = false;
    let release: () => Promise<void>;
    try {
      release = await acquire(lockfile.default, dir, {
        lockfilePath: lockPath,
        realpath: false,
        stale: LOCK_STALE_MS,
        // The lock was taken over as stale while held (this process stalled for over 10 s). The
        // default throws from a timer, a stack trace; refuse to write instead.
        onCompromised: () => {
          compromised = true;
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOCKED') {
        throw new ProgressWriteError(path, `another mlroadmap kept it locked for too long (lock: ${lockPath}); try again`);
      }
      throw new ProgressWriteError(path, describeWriteError(error));
    }
    const assertHeld = () => {
      if (compromised) throw new ProgressWriteError(path, 'this mlroadmap was too slow and another one took over the lock; try again');
    };
    try {
      return await work(assertHeld);
    } finally {
      await release().catch(() => undefined);
    }
  };

  /**
   * Saves `progress` (conf writes a temp file and renames it over the old one). With `unchanged`, asks
   * it at the last moment before saving, and saves nothing (returning false) when it says no.
   */
  const write = async (progress: Progress, unchanged?: () => boolean): Promise<boolean> => {
    const { default: Conf } = await import('conf');
    try {
      const conf = new Conf<Progress>({
        projectName: 'mlroadmap',
        projectSuffix: '',
        cwd: dir,
        configName: PROGRESS_FILE.replace(/\.json$/, ''),
        clearInvalidConfig: false,
        serialize: (value) => `${JSON.stringify(value, null, 2)}\n`,
        // Our own read() has already checked the file; skip conf's second parse of it.
        deserialize: () => ({}) as Progress,
      });
      if (unchanged && !unchanged()) return false;
      conf.store = progress;
      return true;
    } catch (error) {
      throw new ProgressWriteError(path, describeWriteError(error));
    }
  };

  /** Moves the progress file to a backup beside it, named after the time, never over an older backup. */
  const backUp = (): string | undefined => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let backup = `${path}.bak-${stamp}`;
    for (let n = 2; existsSync(backup); n++) backup = `${path}.bak-${stamp}-${n}`;
    try {
      renameSync(path, backup);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ProgressWriteError(path, describeWriteError(error));
    }
    return backup;
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
    try {
      const ageSeconds = Math.max(0, Math.round((Date.now() - statSync(lockPath).mtimeMs) / 1000));
      report.lock = { path: lockPath, ageSeconds, stale: ageSeconds * 1000 > LOCK_STALE_MS };
    } catch {
      // No lock: nobody is writing.
    }
    return report;
  };

  return {
    path,
    read,
    update: (change) =>
      withLock(async (assertHeld) => {
        // The lock keeps other writers out; this catches one that got in anyway (proper-lockfile can
        // let two waiters take over the same stale lock after a crash): if the file changed between
        // our read and our write, read again and redo the change on top of theirs.
        for (let attempt = 1; ; attempt++) {
          const seen = fileIdentity(path);
          const next = change(read());
          assertHeld();
          if (await write(next, () => fileIdentity(path) === seen)) return next;
          if (attempt === MAX_CHANGE_ATTEMPTS) {
            throw new ProgressWriteError(path, 'another program kept changing it while this change was being made; try again');
          }
        }
      }),
    reset: (keep) =>
      withLock(async (assertHeld) => {
        const found = examine();
        assertHeld();
        const backup = backUp();
        const kept = found.state === 'ok' ? keep(found.progress) : undefined;
        if (backup && kept) await write(kept);
        return backup;
      }),
    inspect,
    repair: () =>
      withLock(async (assertHeld) => {
        assertHeld();
        const backup = examine().state === 'damaged' ? backUp() : undefined;
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
        return { ...(backup ? { backup } : {}), removed };
      }),
  };
}

/** How often `update` redoes a change when another writer changed the file under it before giving up. */
const MAX_CHANGE_ATTEMPTS = 5;

/**
 * What tells one version of the progress file from another without reading it: every save writes a
 * new file and renames it over the old one (conf), so a save changes the inode and the time.
 */
function fileIdentity(file: string): string {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  } catch (error) {
    return `error:${(error as NodeJS.ErrnoException).code}`;
  }
}

/** How long a writer waits for a lock held by another: longer than a stale lock lives, even with many queued behind it. */
const LOCK_WAIT_MS = 30_000;

type LockOptions = NonNullable<Parameters<typeof import('proper-lockfile')['lock']>[1]>;

/**
 * Takes the lock, waiting while another process holds it (10 ms growing to 100 ms between tries, each
 * stretched by a random 1–2× so waiters do not move in step), for at most `LOCK_WAIT_MS`. Any other
 * error (read-only disk, a file where the lock folder should be) fails at once: proper-lockfile's own
 * retries would retry those too, for as long.
 */
async function acquire(lockfile: typeof import('proper-lockfile'), dir: string, options: LockOptions): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let delay = 10; ; delay = Math.min(delay * 1.2, 100)) {
    try {
      return await lockfile.lock(dir, { ...options, retries: 0 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay * (1 + Math.random())));
    }
  }
}

/** Why nothing could be saved in `dir`, or undefined when it (or the folder it would be made in) is writable. */
function checkFolder(dir: string): string | undefined {
  let at = dir;
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) return `a file stands where a folder should be (${at})`;
      accessSync(at, constants.W_OK);
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(at) !== at) {
        at = dirname(at);
        continue;
      }
      if (code === 'ENOTDIR') return `a file stands where a folder should be (on the way to ${dir})`;
      return describeWriteError(error);
    }
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const target = (error as NodeJS.ErrnoException).path;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied${target ? ` on ${target}` : ''}`;
    case 'EEXIST':
      return `a file stands where a folder should be${target ? ` (${target})` : ''}`;
    case 'ENOTDIR':
      return `a file stands where a folder should be${target ? ` (on the way to ${target})` : ''}`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    default:
      return code ?? (error as Error).message.split('\n')[0] ?? 'unknown error';
  }
}
