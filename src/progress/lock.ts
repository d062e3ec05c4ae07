import {
  linkSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, resolve } from 'node:path';
import { DiskError, describeDiskError, NO_HARD_LINKS, removeFile } from '../disk.js';

/**
 * The lock that lets one mlroadmap at a time change the progress file.
 *
 * The lock is a file, `progress.json.lock`, holding its owner as JSON:
 *
 *   { "pid": <process id>, "host": "<host name>", "started": "<the process's start time, from /proc>",
 *     "token": "<unique to this taking of the lock>" }
 *
 * It is written whole to a temp file first and put in place with link(), which fails when a lock is
 * already there, so it never exists half-written and two processes can never both make it.
 *
 * Whether a lock still counts is decided by its owner, not by its age: on the same host, a lock whose
 * process is gone (or whose pid now belongs to a process started at another time) is dead and taken
 * over at once; so is one naming a live process that is not an mlroadmap (`foreign`: its command line
 * in /proc names no mlroadmap and is not this program's; without /proc, a lock file made by another
 * user), as anyone who can write in the folder could leave one naming pid 1 to block every save.
 * A lock whose mlroadmap process is alive is kept, however long it takes, so a writer that was
 * stopped (Ctrl+Z, SIGSTOP, a slow disk) never finds its lock taken from under it. Waiters give up
 * after `LOCK_WAIT_MS`, saying who holds it (and that it is paused, when it is). A lock that cannot
 * be judged by its owner (another host, an older mlroadmap's lock folder, a file that is not a lock)
 * counts while its time is within `LOCK_STALE_MS` of now; its holder, if on another host, touches it
 * every 2 s.
 *
 * Taking over a dead lock is itself done under a second lock, `progress.json.lock.takeover`, made
 * the same way, and only when the lock is still the very one judged dead, so of many waiters racing
 * for a dead lock exactly one removes it, and never a fresh lock that another has just made.
 *
 * Before it commits, a holder checks that the lock still names it (`verify`), in case a holder on
 * another host judged it stale; if not, the store redoes its change on top of what is there.
 */

let host: string | undefined;
/**
 * This machine's name, for a lock's owner, as os.hostname() gives it: on Linux read from /proc (the
 * same uname node name) rather than by loading node:os, which a save would otherwise load only for this.
 */
const hostname = (): string => {
  if (host !== undefined) return host;
  try {
    if (process.platform === 'linux') host = readFileSync('/proc/sys/kernel/hostname', 'latin1').trim() || undefined;
  } catch {
    // No /proc: ask Node.
  }
  host ??= process.getBuiltinModule('node:os').hostname();
  return host;
};

/** A lock that cannot be judged by its owner counts while its time is within this of now. */
export const LOCK_STALE_MS = 10_000;
/** How long a writer waits for a lock held by a live process before it gives up. */
export const LOCK_WAIT_MS = 30_000;
/** How long a writer waits for a holder that is paused (Ctrl+Z) before it says so. */
const PAUSED_WAIT_MS = 2_000;

/** Another mlroadmap held the lock for longer than a writer waits; `holder` says who, in words. */
export class LockBusyError extends Error {
  readonly holder: string;
  constructor(message: string, holder = 'another mlroadmap') {
    super(message);
    this.name = 'LockBusyError';
    this.holder = holder;
  }
}

/** Thrown by `verify` when the lock no longer names this process. */
export class LockLostError extends Error {
  constructor() {
    super('the lock was taken over');
    this.name = 'LockLostError';
  }
}

interface Owner {
  pid: number;
  host: string;
  started?: string;
  token: string;
}

/** What stands at the lock's path. */
export type LockHolder =
  | { kind: 'none' }
  | { kind: 'owned'; owner: Owner; mtimeMs: number; ino: number; uid: number }
  /** An older mlroadmap's lock folder, or a file that does not name an owner. */
  | { kind: 'unknown'; what: 'folder' | 'file' | 'other'; mtimeMs: number; ino: number };

/**
 * How a holder stands: its process running, paused or gone, alive but not an mlroadmap (`foreign`),
 * or (judged by time) fresh or stale.
 */
export type LockState = 'free' | 'running' | 'paused' | 'dead' | 'foreign' | 'fresh' | 'stale';

export interface HeldLock {
  /** Throws `LockLostError` if the lock no longer names this process. */
  verify(): void;
  release(): void;
}

let sequence = 0;

function makeToken(): string {
  return `${process.pid}-${Date.now().toString(36)}-${(++sequence).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** This process's start time as /proc gives it, to tell a live owner from a new process that got its pid. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

/** 'T' (stopped) or 't' (traced): the process exists but does not run. */
function isPaused(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'T' || state === 't';
  } catch {
    return false;
  }
}

/**
 * Whether process `pid` is an mlroadmap, from its command line in /proc: one whose program or script
 * path names mlroadmap (dist/mlroadmap.cjs, an npm link named mlroadmap), or that runs the same script
 * as this process (`ownScript`: the tests' workers, and mlroadmap through a link named otherwise, the
 * same file once links are followed); undefined where /proc cannot say (not Linux, or the process
 * just ended).
 */
export function isMlroadmap(pid: number, ownScript: string | undefined = process.argv[1]): boolean | undefined {
  if (pid === process.pid) return true;
  let args: string[];
  let uid: number;
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\u0000');
    uid = statSync(`/proc/${pid}`).uid;
  } catch {
    return undefined;
  }
  // Another user's process does not hold this learner's lock (root may hold anyone's: sudo).
  const me = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (me !== undefined && me !== 0 && uid !== 0 && uid !== me) return false;
  const script = args.slice(1).find((arg) => !arg.startsWith('-'));
  const named = (arg: string | undefined) => arg !== undefined && /^mlroadmap/i.test(basename(arg));
  if (named(args[0]) || named(script)) return true;
  if (ownScript === undefined || script === undefined) return false;
  return script === ownScript || sameFile(pid, script, ownScript);
}

/** Whether `script`, as process `pid` named it (relative to its folder), is the file `own` is, links followed. */
function sameFile(pid: number, script: string, own: string): boolean {
  try {
    return realpathSync(resolve(readlinkSync(`/proc/${pid}/cwd`), script)) === realpathSync(own);
  } catch {
    return false;
  }
}

/**
 * Whether a temp file made by process `pid` may still be in use: that process is alive and an
 * mlroadmap (or cannot be checked, as on another host's share).
 */
export function mayBeInUse(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  return isMlroadmap(pid) !== false;
}

let ownStart: string | undefined | null = null;
function ownStartTime(): string | undefined {
  if (ownStart === null) ownStart = startTimeOf(process.pid);
  return ownStart;
}

export function readHolder(path: string): LockHolder {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return { kind: 'none' };
  }
  if (stat.isDirectory()) return { kind: 'unknown', what: 'folder', mtimeMs: stat.mtimeMs, ino: stat.ino };
  if (!stat.isFile()) return { kind: 'unknown', what: 'other', mtimeMs: stat.mtimeMs, ino: stat.ino };
  try {
    // A lock is a hundred bytes; a big file at its path is not one.
    if (stat.size > 4096) return { kind: 'unknown', what: 'file', mtimeMs: stat.mtimeMs, ino: stat.ino };
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    if (
      typeof raw.pid === 'number' &&
      Number.isInteger(raw.pid) &&
      raw.pid > 0 &&
      typeof raw.host === 'string' &&
      typeof raw.token === 'string'
    ) {
      const owner: Owner = {
        pid: raw.pid,
        host: raw.host,
        token: raw.token,
        ...(typeof raw.started === 'string' ? { started: raw.started } : {}),
      };
      return { kind: 'owned', owner, mtimeMs: stat.mtimeMs, ino: stat.ino, uid: stat.uid };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
  }
  return { kind: 'unknown', what: 'file', mtimeMs: stat.mtimeMs, ino: stat.ino };
}

export function judge(holder: LockHolder, now = Date.now()): LockState {
  if (holder.kind === 'none') return 'free';
  if (holder.kind === 'owned' && holder.owner.host === hostname()) {
    const { pid, started } = holder.owner;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
      // EPERM: a process of another user has that pid, so it is alive (and not ours to judge further).
    }
    const startNow = startTimeOf(pid);
    if (started !== undefined && startNow !== undefined && started !== startNow) return 'dead';
    const mlroadmap = isMlroadmap(pid);
    if (mlroadmap === false) return 'foreign';
    // No /proc to ask: a lock file another user made is not this learner's mlroadmap's.
    if (mlroadmap === undefined && typeof process.getuid === 'function' && holder.uid !== process.getuid()) return 'foreign';
    return isPaused(pid) ? 'paused' : 'running';
  }
  // Judged by time: older than the stale time, or as far in the future (a clock set wrong).
  return Math.abs(now - holder.mtimeMs) > LOCK_STALE_MS ? 'stale' : 'fresh';
}

/** True when `a` and `b` are the same lock: the same file, and for an owned lock the same taking of it. */
function sameHolder(a: LockHolder, b: LockHolder): boolean {
  if (a.kind === 'none' || b.kind === 'none') return false;
  if (a.kind === 'owned' && b.kind === 'owned') return a.owner.token === b.owner.token && a.ino === b.ino;
  return a.kind === b.kind && a.ino === b.ino && a.mtimeMs === b.mtimeMs;
}

/** Makes `path` hold `owner`, whole, or throws EEXIST when something is already there. */
function createLockFile(path: string, owner: Owner): void {
  const temporary = `${path}.new-${owner.token}`;
  writeFileSync(temporary, `${JSON.stringify(owner)}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    // A file system without hard links: create the lock in place (a reader may see it empty for an
    // instant, and then judges it by its time, as fresh).
    if (code !== undefined && NO_HARD_LINKS.has(code)) {
      writeFileSync(path, `${JSON.stringify(owner)}\n`, { flag: 'wx', mode: 0o600 });
    } else throw error;
  } finally {
    removeFile(temporary);
  }
}

function removeHolder(path: string, holder: LockHolder): void {
  if (holder.kind === 'unknown' && holder.what === 'folder') rmSync(path, { recursive: true, force: true });
  else removeFile(path);
}

/**
 * Removes the lock at `path` if it is still `seen` (judged dead or stale by the caller), under the
 * takeover lock. Returns without doing anything when another waiter is taking it over already.
 */
export function takeOver(path: string, seen: LockHolder): void {
  const takeoverPath = `${path}.takeover`;
  const me: Owner = { pid: process.pid, host: hostname(), token: makeToken(), ...(ownStartTime() ? { started: ownStartTime() } : {}) };
  try {
    createLockFile(takeoverPath, me);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A takeover left by a process that died in the middle of one is cleared the same way.
    const other = readHolder(takeoverPath);
    const state = judge(other);
    if (state === 'dead' || state === 'stale' || state === 'foreign') {
      const again = readHolder(takeoverPath);
      if (sameHolder(other, again)) removeHolder(takeoverPath, again);
    }
    return;
  }
  try {
    const now = readHolder(path);
    if (sameHolder(seen, now)) removeHolder(path, now);
  } finally {
    const mine = readHolder(takeoverPath);
    if (mine.kind === 'owned' && mine.owner.token === me.token) removeFile(takeoverPath);
  }
}

/** Who holds the lock, in a few words: "another mlroadmap (process 123)". */
export function holderName(holder: LockHolder): string {
  if (holder.kind !== 'owned') return 'another mlroadmap';
  return `another mlroadmap (process ${holder.owner.pid}${holder.owner.host === hostname() ? '' : ` on ${holder.owner.host}`})`;
}

/** Who holds the lock and what to do, for a waiter that gives up. */
function describeHolder(holder: LockHolder, state: LockState): string {
  if (holder.kind === 'owned') {
    const who = holderName(holder);
    if (state === 'paused') return `${who} is paused while it saves (stopped with Ctrl+Z?); resume it with 'fg' or end it, then try again`;
    return `${who} kept it locked for too long; try again`;
  }
  return 'another mlroadmap kept it locked for too long; try again';
}

const held = new Map<string, string>();
let signalsHooked = false;

/** Releases every lock this process holds; on a signal, then ends the process as the signal would. */
function releaseAll(): void {
  for (const [path, token] of held) {
    const holder = readHolder(path);
    if (holder.kind === 'owned' && holder.owner.token === token) removeFile(path);
  }
  held.clear();
}

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  process.once('exit', releaseAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      if (held.size === 0 && process.listenerCount(signal) > 1) return;
      releaseAll();
      process.exit(code);
    });
  }
}

/**
 * Takes the lock at `path`, waiting (10 ms growing to 100 ms between tries, each stretched by a random
 * 1–2×) while a live process holds it, for at most `waitMs`. Throws `LockBusyError` when it gives up,
 * or a `DiskError` when the lock cannot be made at all (a read-only disk).
 *
 * A lock held across turns of the event loop (sync's, around git) has its time renewed every two
 * seconds, for a waiter on another host, which judges it by that time. `synchronous` says the holder
 * does its work and releases the lock before the loop turns again (the store's saves): no timer could
 * fire meanwhile, and making one costs a save about 0.4 ms.
 */
export async function acquireLock(path: string, waitMs = LOCK_WAIT_MS, options: { synchronous?: boolean } = {}): Promise<HeldLock> {
  // Hooked before the lock exists, so a signal in the instant after it is made still removes it.
  hookSignals();
  const deadline = Date.now() + waitMs;
  let pausedSince: number | undefined;
  for (let delay = 10; ; delay = Math.min(delay * 1.2, 100)) {
    const me: Owner = { pid: process.pid, host: hostname(), token: makeToken(), ...(ownStartTime() ? { started: ownStartTime() } : {}) };
    try {
      createLockFile(path, me);
      held.set(path, me.token);
      return heldLock(path, me, options.synchronous !== true);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new DiskError((error as NodeJS.ErrnoException).code ?? 'EIO', describeDiskError(error));
    }
    const holder = readHolder(path);
    const state = judge(holder);
    if (state === 'free') continue;
    if (state === 'dead' || state === 'stale' || state === 'foreign') {
      takeOver(path, holder);
      continue;
    }
    if (state === 'paused') pausedSince ??= Date.now();
    else pausedSince = undefined;
    if (Date.now() > deadline || (pausedSince !== undefined && Date.now() - pausedSince > PAUSED_WAIT_MS)) {
      throw new LockBusyError(describeHolder(holder, state), holderName(holder));
    }
    await new Promise((resolve) => setTimeout(resolve, delay * (1 + Math.random())));
  }
}

function heldLock(path: string, me: Owner, renew: boolean): HeldLock {
  // For a waiter on another host, which judges the lock by its time.
  const touch = renew
    ? setInterval(() => {
        try {
          const now = new Date();
          utimesSync(path, now, now);
        } catch {
          // Gone: verify() will say so.
        }
      }, 2000).unref()
    : undefined;
  return {
    verify() {
      const holder = readHolder(path);
      if (holder.kind !== 'owned' || holder.owner.token !== me.token) throw new LockLostError();
    },
    release() {
      if (touch) clearInterval(touch);
      held.delete(path);
      const holder = readHolder(path);
      if (holder.kind === 'owned' && holder.owner.token === me.token) {
        try {
          unlinkSync(path);
        } catch {
          // Removed already.
        }
      }
    },
  };
}
