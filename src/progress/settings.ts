import { join } from 'node:path';
import { type DiskError, decodeUtf8, describeDiskError, makeFolder, readRegularFile, writeFileAtomic } from '../disk.js';
import { ProgressWriteError } from '../errors.js';
import { isRecord, toJson } from '../json.js';
import { sanitizeDeep } from '../render/sanitize.js';
import { acquireLock, LockBusyError } from './lock.js';

/**
 * What belongs to this machine and not to the learner's progress, so it is never exported or
 * synced: where the exercises workspace is, and how many hints of each exercise were shown.
 * The file, `settings.json` beside `progress.json`:
 *
 *   {
 *     "version": 1,
 *     "exercises": {
 *       "workspace": "<absolute folder>",
 *       "hints": { "<pack id>": { "<exercise id>": <hints shown, 1 or more> } }
 *     },
 *     "sync": {
 *       "remote": "<the git remote progress syncs with, as the learner gave it>",
 *       "lastSync": "<ISO time>", "lastCommit": "<the remote's commit then>",
 *       "lastHash": "<sha-256 of the progress saved here then>",
 *       "lastError": { "at": "<ISO time>", "message": "<one line>" }
 *     }
 *   }
 *
 * Keys this version does not know are kept. A file that cannot be read counts as empty settings for
 * reading, and is replaced by the next change: nothing in it is the learner's work.
 */
export interface Settings {
  version: 1;
  exercises?: {
    workspace?: string;
    hints?: Record<string, Record<string, number>>;
    [key: string]: unknown;
  };
  sync?: SyncSettings;
  [key: string]: unknown;
}

/** Where this machine syncs its progress, and how the last sync went (`mlroadmap sync`). */
export interface SyncSettings {
  remote?: string;
  lastSync?: string;
  lastCommit?: string;
  lastHash?: string;
  lastError?: { at: string; message: string };
  [key: string]: unknown;
}

/** This machine's sync settings; empty when it has never synced. */
export function syncSettingsOf(settings: Settings): SyncSettings {
  return isRecord(settings.sync) ? (settings.sync as SyncSettings) : {};
}

export interface SettingsStore {
  readonly path: string;
  read(): Settings;
  /** Reads, changes and writes the settings under the lock, as the progress store does. */
  update(change: (settings: Settings) => Settings): Promise<Settings>;
}

export const SETTINGS_FILE = 'settings.json';
const MAX_SETTINGS_BYTES = 1024 * 1024;

function parseSettings(bytes: Buffer | undefined): Settings {
  const text = bytes === undefined ? undefined : decodeUtf8(bytes);
  if (text === undefined) return { version: 1 };
  try {
    const raw = JSON.parse(text) as unknown;
    if (!isRecord(raw) || raw.version !== 1) return { version: 1 };
    const settings = sanitizeDeep(raw) as Settings;
    if (settings.exercises !== undefined && !isRecord(settings.exercises)) delete settings.exercises;
    return settings;
  } catch {
    return { version: 1 };
  }
}

/**
 * Settings in `dir` (mlroadmap's config folder), written as progress is: under a lock beside the
 * file, by an atomic write that checks every byte count and renames a whole file over the old one.
 * Not the `conf` library: it has no lock, so two mlroadmaps saving at once lose one's change
 * (LIBRARIES.md), and its atomic write renamed a short write over the good file on a full disk.
 */
export function createFileSettings(dir: string): SettingsStore {
  const path = join(dir, SETTINGS_FILE);
  const readBytes = (): Buffer | undefined => {
    try {
      return readRegularFile(path, MAX_SETTINGS_BYTES);
    } catch {
      return undefined;
    }
  };
  return {
    path,
    read: () => parseSettings(readBytes()),
    async update(change) {
      let lock: Awaited<ReturnType<typeof acquireLock>> | undefined;
      try {
        makeFolder(dir);
        lock = await acquireLock(`${path}.lock`, undefined, { synchronous: true });
        const held = lock;
        const next = change(parseSettings(readBytes()));
        writeFileAtomic(path, `${toJson(next)}\n`, { beforeRename: () => held.verify() });
        return next;
      } catch (error) {
        if (error instanceof LockBusyError) throw new ProgressWriteError(path, error.message);
        if ((error as DiskError).code) throw new ProgressWriteError(path, describeDiskError(error));
        throw error;
      } finally {
        lock?.release();
      }
    },
  };
}

/** Settings in memory, for tests and for a machine with no home folder. */
export function createMemorySettings(initial: Settings = { version: 1 }): SettingsStore & { current: Settings } {
  const store = {
    path: '(memory)',
    current: structuredClone(initial),
    read: () => structuredClone(store.current),
    update: async (change: (settings: Settings) => Settings) => {
      store.current = structuredClone(change(structuredClone(store.current)));
      return structuredClone(store.current);
    },
  };
  return store;
}

/** How many hints of an exercise this machine has shown. */
export function hintsShown(settings: Settings, packId: string, exerciseId: string): number {
  const count = settings.exercises?.hints?.[packId]?.[exerciseId];
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0;
}

/** The settings with `count` hints shown for an exercise. */
export function withHintsShown(settings: Settings, packId: string, exerciseId: string, count: number): Settings {
  const exercises = { ...(settings.exercises ?? {}) };
  const hints = { ...(isRecord(exercises.hints) ? exercises.hints : {}) };
  hints[packId] = { ...(isRecord(hints[packId]) ? hints[packId] : {}), [exerciseId]: count };
  return { ...settings, exercises: { ...exercises, hints } };
}

/** The settings with the exercises workspace at `folder`. */
export function withWorkspace(settings: Settings, folder: string): Settings {
  return { ...settings, exercises: { ...(settings.exercises ?? {}), workspace: folder } };
}
