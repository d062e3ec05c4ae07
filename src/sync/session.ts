import type { SyncSetup } from '../context.js';
import { UserError } from '../errors.js';
import { loadSchedulers } from '../progress/review.js';
import { type SyncSettings, syncSettingsOf } from '../progress/settings.js';
import type { ProgressStore } from '../progress/store.js';
import { redactUrl } from './git.js';
import { progressHash, remoteChanged, SyncError, type SyncOptions, type SyncOutcome, sync } from './sync.js';

/**
 * A sync as the learner asks for it: with the remote given (the first time, or to change it) or the
 * one saved on this machine; the outcome, or the error, saved in machine-local settings for
 * `sync --status` and `doctor`.
 */

/** No remote given and none saved. */
export class NoRemoteError extends UserError {
  constructor() {
    super('no remote to sync with yet: give one the first time, e.g. mlroadmap sync git@github.com:you/mlroadmap-progress.git');
    this.name = 'NoRemoteError';
  }
}

export interface SyncReport extends SyncOutcome {
  remote: string;
  at: string;
}

function options(
  store: ProgressStore,
  setup: SyncSetup,
  remote: string,
  now: () => Date,
  scheduler: SyncOptions['scheduler'],
): SyncOptions {
  return {
    repoDir: setup.repoDir,
    remote,
    env: setup.env,
    now,
    scheduler,
    readLocal: () => store.read(),
    saveLocal: (merge) => store.update(merge, { merged: true }),
    ...(setup.networkTimeoutMs ? { networkTimeoutMs: setup.networkTimeoutMs } : {}),
    ...(setup.onPhase ? { onPhase: setup.onPhase } : {}),
  };
}

/** Checks a remote the learner typed: a URL or a path, never an option git would read. */
function checkRemote(remote: string): string {
  const trimmed = remote.trim();
  if (trimmed === '' || trimmed.startsWith('-') || /[\u0000-\u001f]/.test(trimmed))
    throw new UserError(
      `"${redactUrl(trimmed).slice(0, 80)}" is not a git remote: give a URL (https://..., git@host:...) or a path to a bare repository`,
    );
  if (/^ext::/i.test(trimmed))
    throw new UserError('ext:: remotes run programs and are not used for sync; give an https, ssh or path remote');
  return trimmed;
}

export async function syncNow(store: ProgressStore, setup: SyncSetup, now: () => Date, given?: string): Promise<SyncReport> {
  const saved = syncSettingsOf(setup.settings.read());
  const remote = given !== undefined ? checkRemote(given) : saved.remote;
  if (remote === undefined) throw new NoRemoteError();
  const scheduler = await loadSchedulers();
  try {
    const outcome = await sync(options(store, setup, remote, now, scheduler));
    const at = now().toISOString();
    await saveSync(setup, (current) => {
      const { lastError: _dropped, ...rest } = current;
      return { ...rest, remote, lastSync: at, ...(outcome.commit ? { lastCommit: outcome.commit } : {}), lastHash: outcome.localHash };
    });
    return { ...outcome, remote, at };
  } catch (error) {
    if (error instanceof SyncError || error instanceof UserError) {
      const message = redactUrl(error.message);
      // The remote is saved only once a sync with it has worked; the error is kept for doctor.
      await saveSync(setup, (current) => ({ ...current, lastError: { at: now().toISOString(), message } })).catch(() => undefined);
      throw new UserError(error instanceof SyncError ? `sync failed: ${message}` : message);
    }
    throw error;
  }
}

async function saveSync(setup: SyncSetup, change: (sync: SyncSettings) => SyncSettings): Promise<void> {
  await setup.settings.update((settings) => ({ ...settings, sync: change(syncSettingsOf(settings)) }));
}

export interface SyncStatus {
  remote: string | null;
  lastSync: string | null;
  lastError: { at: string; message: string } | null;
  /** This machine's progress changed since the last sync. */
  localChanges: boolean;
  /** The remote has commits not merged here; null when it could not be reached. */
  remoteChanges: boolean | null;
  /** Why the remote could not be asked. */
  remoteProblem: string | null;
}

/** Where sync stands, without changing progress: fetching the remote only to compare. */
export async function syncStatus(store: ProgressStore, setup: SyncSetup, now: () => Date, check = true): Promise<SyncStatus> {
  const saved = syncSettingsOf(setup.settings.read());
  const remote = saved.remote ?? null;
  let localChanges = true;
  try {
    localChanges = progressHash(store.read()) !== saved.lastHash;
  } catch {
    // A damaged file: the sync would say so.
  }
  let remoteChanges: boolean | null = null;
  let remoteProblem: string | null = null;
  if (remote !== null && check) {
    try {
      remoteChanges = await remoteChanged(options(store, setup, remote, now, { preview: () => ({}) as never }), saved.lastCommit);
    } catch (error) {
      remoteProblem = redactUrl((error as Error).message);
    }
  }
  return {
    remote: remote === null ? null : redactUrl(remote),
    lastSync: saved.lastSync ?? null,
    lastError: saved.lastError ? { at: saved.lastError.at, message: redactUrl(saved.lastError.message) } : null,
    localChanges: remote === null ? false : localChanges,
    remoteChanges,
    remoteProblem,
  };
}
