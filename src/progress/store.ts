import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ProgressFileError, ProgressWriteError } from '../errors.js';
import { emptyProgress, type Progress, parseProgress } from './model.js';

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
}

/** The progress file's name inside the config folder. */
export const PROGRESS_FILE = 'progress.json';

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
  };
  return store;
}

/**
 * Progress in a JSON file (format in `model.ts`). Reading takes no lock and builds nothing, so commands
 * that only show progress stay fast. Every change runs under a lock file beside the progress file
 * (`proper-lockfile`, stale after 10 s) and is written by conf, which writes a temp file and renames it:
 * two processes never lose each other's change, and an interrupted write leaves the old file whole.
 */
export function createFileStore(dir: string): ProgressStore {
  const path = join(dir, PROGRESS_FILE);

  const read = (): Progress => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return emptyProgress();
      if (code === 'ENOTDIR') throw new ProgressFileError(path, 'a file stands where its folder should be');
      throw new ProgressFileError(path, `it cannot be read (${code ?? (error as Error).message})`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ProgressFileError(path, text.trim() === '' ? 'it is empty' : 'it is not valid JSON (it may be truncated or damaged)');
    }
    const parsed = parseProgress(raw);
    if ('problem' in parsed) throw new ProgressFileError(path, parsed.problem);
    return parsed.progress;
  };

  const withLock = async <T>(work: () => T | Promise<T>): Promise<T> => {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new ProgressWriteError(path, describeWriteError(error));
    }
    // proper-lockfile is CommonJS: its functions hang off the default export, bundled or not.
    const { lock } = (await import('proper-lockfile')).default;
    let release: () => Promise<void>;
    try {
      release = await lock(dir, {
        lockfilePath: `${path}.lock`,
        realpath: false,
        stale: 10_000,
        retries: { retries: 200, factor: 1.2, minTimeout: 10, maxTimeout: 100, randomize: true },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOCKED') throw new ProgressWriteError(path, 'another mlroadmap kept it locked for too long; try again');
      throw new ProgressWriteError(path, describeWriteError(error));
    }
    try {
      return await work();
    } finally {
      await release().catch(() => undefined);
    }
  };

  const write = async (progress: Progress): Promise<void> => {
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
      conf.store = progress;
    } catch (error) {
      throw new ProgressWriteError(path, describeWriteError(error));
    }
  };

  return {
    path,
    read,
    update: (change) =>
      withLock(async () => {
        const next = change(read());
        await write(next);
        return next;
      }),
    reset: (keep) =>
      withLock(async () => {
        let old: Progress | undefined;
        try {
          old = read();
        } catch {
          old = undefined;
        }
        const backup = `${path}.bak-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        try {
          renameSync(path, backup);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw new ProgressWriteError(path, describeWriteError(error));
        }
        const kept = old === undefined ? undefined : keep(old);
        if (kept) await write(kept);
        return backup;
      }),
  };
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const target = (error as NodeJS.ErrnoException).path;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied${target ? ` on ${target}` : ''}`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `a file stands where a folder should be${target ? ` (${dirname(target)})` : ''}`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code ?? (error as Error).message.split('\n')[0] ?? 'unknown error';
  }
}
