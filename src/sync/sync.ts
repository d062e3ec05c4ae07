import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { put, toJson } from '../json.js';
import { acquireLock, LockBusyError } from '../progress/lock.js';
import { type MergeResult, mergeProgress, type Overwritten } from '../progress/merge.js';
import { emptyProgress, MAX_PROGRESS_BYTES, type PackProgress, type Progress } from '../progress/model.js';
import type { Scheduler } from '../progress/review.js';
import { examineProgressBytes } from '../progress/store.js';
import { withIds } from '../progress/track.js';
import { GitMissingError, type GitResult, redactUrl, runGit, serverArgs } from './git.js';

/**
 * One sync: fetch the remote's progress, merge it with this machine's, commit the result on top of
 * the remote's, push it, then save it here. The repository (`repoDir`, a bare one in mlroadmap's data
 * folder) holds one file, `progress.json`, the whole progress as the progress file holds it.
 *
 * Order and faults: nothing is saved here before the push is accepted, so an error at any point
 * (offline, a wrong URL, authentication refused, a remote that is no git repository or holds a
 * damaged or newer file) leaves the local progress as it was, byte for byte. A push rejected because
 * another machine pushed first starts again from the fetch (`MAX_ATTEMPTS`). A sync killed after the
 * push and before the local save is completed by the next one: the remote then holds what this
 * machine had, and merging it in again changes nothing else.
 */

export const SYNC_FILE = 'progress.json';
const BRANCH = 'main';
const REMOTE_REF = 'refs/remotes/sync/main';
/** Pushes tried before giving up when other machines keep pushing first. */
export const MAX_ATTEMPTS = 5;

/** A sync that could not be done; its message is one line naming the cause. Nothing was changed here. */
export class SyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncError';
  }
}

export type SyncPhase = 'fetch' | 'merge' | 'commit' | 'push' | 'write';

export interface SyncOptions {
  repoDir: string;
  remote: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** The review scheduler, or one at each pack's desired retention (review.ts `loadSchedulers`). */
  scheduler: Scheduler | ((retention: number) => Scheduler);
  /** This machine's progress; throws (as the store does) for a file that cannot be used. */
  readLocal: () => Progress;
  /** Saves the merge of `merged` into this machine's progress as it is then, under the store's lock. */
  saveLocal: (merge: (current: Progress) => Progress) => Promise<Progress>;
  /** Time allowed for each network command. */
  networkTimeoutMs?: number;
  /** Called as each phase starts (tests stop the process there). */
  onPhase?: (phase: SyncPhase) => void;
}

export interface SyncOutcome {
  /** The commit the remote's branch points at now. */
  commit: string | undefined;
  /** A new commit was pushed. */
  pushed: boolean;
  /** What changed here, and what this machine sent, in words (the commit message's lines). */
  received: string[];
  sent: string[];
  overwritten: Overwritten[];
  /** The hash of the progress saved here, to tell later whether it changed. */
  localHash: string;
  attempts: number;
}

export function progressHash(progress: Progress): string {
  // node:crypto when it is used: it costs about 4 ms to load, and the whole program holds this module.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(canonicalJson(progress)).digest('hex');
}

/**
 * JSON with every object's keys in order: the same progress written with its keys in another order
 * (a record as a whole read of the file builds it, or as a merge does) is the same text, so neither
 * a status nor a sync reports a change where only the order moved.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}

const describeRemote = (remote: string) => redactUrl(remote);

/** Makes the sync repository when it is not there: bare, branch main, in mlroadmap's folder. */
async function ensureRepo(options: SyncOptions): Promise<void> {
  if (existsSync(join(options.repoDir, 'HEAD'))) return;
  mkdirSync(options.repoDir, { recursive: true, mode: 0o700 });
  await git(options, ['init', '--quiet', '--bare', '-b', BRANCH, '.'], 20_000);
}

async function git(options: SyncOptions, args: string[], timeoutMs: number, input?: string | Buffer): Promise<GitResult> {
  try {
    return await runGit(args, { cwd: options.repoDir, env: options.env, timeoutMs, ...(input !== undefined ? { input } : {}) });
  } catch (error) {
    if (error instanceof GitMissingError) throw new SyncError('git is not installed; install git and sync again. Nothing was changed');
    throw error;
  }
}

async function gitOk(options: SyncOptions, args: string[], input?: string | Buffer): Promise<string> {
  const result = await git(options, args, 30_000, input);
  if (result.code !== 0)
    throw new SyncError(`git ${args[0]} failed in ${options.repoDir}: ${lastLine(result.stderr)}. Nothing was changed`);
  return result.stdout.toString('utf8').trim();
}

function lastLine(stderr: string): string {
  const lines = redactUrl(stderr)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.findLast((line) => /^(fatal|error):/.test(line)) ?? lines.at(-1) ?? 'no message').slice(0, 300);
}

/** A failed fetch or push, in one line naming the cause. */
export function describeGitFailure(remote: string, result: GitResult, timeoutMs: number, action: 'fetch from' | 'push to'): string {
  const where = describeRemote(remote);
  const text = result.stderr.toLowerCase();
  if (result.timedOut)
    return `could not ${action} ${where}: git did not finish within ${Math.round(timeoutMs / 1000)} s (a slow or broken connection?)`;
  const has = (...needles: string[]) => needles.some((needle) => text.includes(needle));
  if (
    has(
      'could not resolve host',
      'could not resolve hostname',
      'temporary failure in name resolution',
      'name or service not known',
      'network is unreachable',
      'connection refused',
      'connection timed out',
      'failed to connect',
      'no route to host',
      'operation timed out',
      'connection reset',
    )
  )
    return `could not ${action} ${where}: the remote cannot be reached (offline, or the host is down)`;
  if (
    has(
      'authentication failed',
      'permission denied',
      'could not read username',
      'could not read password',
      'terminal prompts disabled',
      'invalid username or password',
      'access denied',
      'http 401',
      'http 403',
      'error: 403',
      'error: 401',
      'requested url returned error: 403',
      'requested url returned error: 401',
    )
  )
    return `could not ${action} ${where}: authentication was refused (check that git can reach it: git ls-remote ${where})`;
  if (has('[remote rejected]', 'pre-receive hook declined'))
    return `could not ${action} ${where}: the remote refused the push (${(/\[remote rejected\][^(]*\(([^)]*)\)/.exec(redactUrl(result.stderr))?.[1] ?? 'no reason given').slice(0, 200)})`;
  if (has('host key verification failed'))
    return `could not ${action} ${where}: ssh does not know the host's key yet; connect once with ssh or git in a terminal to accept it`;
  if (has('dubious ownership')) return `could not ${action} ${where}: it belongs to another user, and git does not trust it`;
  if (
    has(
      'does not appear to be a git repository',
      'not a git repository',
      'repository not found',
      'requested url returned error: 404',
      'no such file or directory',
    )
  )
    return `could not ${action} ${where}: it is not a git repository (check the URL or path)`;
  return `could not ${action} ${where}: ${lastLine(result.stderr)}`;
}

/** The remote's progress at `commit`, checked as the progress file is. */
async function readRemote(options: SyncOptions, commit: string | undefined): Promise<{ progress: Progress; text?: string }> {
  if (commit === undefined) return { progress: emptyProgress() };
  const where = describeRemote(options.remote);
  // Its size first: a file larger than any progress this version writes is not read into memory.
  const size = await git(options, ['cat-file', '-s', `${commit}:${SYNC_FILE}`], 30_000);
  if (size.code === 0 && Number(size.stdout.toString('utf8').trim()) > MAX_PROGRESS_BYTES)
    throw new SyncError(
      `the progress on ${where} is larger than ${MAX_PROGRESS_BYTES / 1024 / 1024} MB, more than mlroadmap ever writes: it is not progress of yours. Nothing was changed`,
    );
  const found = await git(options, ['cat-file', 'blob', `${commit}:${SYNC_FILE}`], 30_000);
  if (found.code !== 0)
    throw new SyncError(
      `${where} holds no mlroadmap progress (its branch main has no ${SYNC_FILE}); give a new, empty repository. Nothing was changed`,
    );
  const examined = examineProgressBytes(found.stdout);
  if ('problem' in examined) {
    if (examined.newer) throw new SyncError(`the progress on ${where} ${examined.problem.replace(/^it /, '')}. Nothing was changed`);
    throw new SyncError(`the progress on ${where} is damaged: ${examined.problem}. Nothing was changed`);
  }
  return { progress: examined.progress, text: found.stdout.toString('utf8') };
}

/** What differs between two packs, section by section, in words: "steps, notes". */
function describeChanges(before: Progress, after: Progress): string[] {
  const lines: string[] = [];
  for (const packId of new Set([...Object.keys(before.packs), ...Object.keys(after.packs)])) {
    const a: PackProgress = before.packs[packId] ?? { steps: {} };
    const b: PackProgress = after.packs[packId] ?? { steps: {} };
    const sections = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((key) => key !== 'deleted' && key !== 'stamps')
      // An empty list or map is no record: a merge or a reset may leave one where there was none.
      .filter((key) => canonicalJson(unlessEmpty(a[key])) !== canonicalJson(unlessEmpty(b[key])))
      .sort();
    if (sections.length > 0) lines.push(`${packId}: ${sections.join(', ')}`);
  }
  return lines;
}

/** `progress` with each pack's notes and study sessions given their stable ids (`withIds`), as a merge gives them. */
function withStableIds(progress: Progress): Progress {
  const packs: Record<string, PackProgress> = {};
  for (const packId of Object.keys(progress.packs)) put(packs, packId, withIds(progress.packs[packId] as PackProgress));
  return { ...progress, packs };
}

function unlessEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) return undefined;
  return value;
}

/** Fetches the remote's branch; the commit it points at, or undefined for a remote with no commits yet. */
async function fetchRemote(options: SyncOptions): Promise<string | undefined> {
  const timeout = options.networkTimeoutMs ?? 60_000;
  const result = await git(
    options,
    [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      ...serverArgs(options.remote, 'upload'),
      '--',
      options.remote,
      `+refs/heads/${BRANCH}:${REMOTE_REF}`,
    ],
    timeout,
  );
  if (result.code !== 0) {
    if (/couldn't find remote ref/i.test(result.stderr)) {
      // An empty repository (or one without main): this machine's progress starts it.
      await git(options, ['update-ref', '-d', REMOTE_REF], 30_000);
      return undefined;
    }
    throw new SyncError(`${describeGitFailure(options.remote, result, timeout, 'fetch from')}. Nothing was changed`);
  }
  const head = await git(options, ['rev-parse', '--verify', '--quiet', `${REMOTE_REF}^{commit}`], 30_000);
  return head.code === 0 ? head.stdout.toString('utf8').trim() : undefined;
}

/** Whether the remote has commits this machine has not merged: fetches, and compares with `lastCommit`. */
export async function remoteChanged(options: SyncOptions, lastCommit: string | undefined): Promise<boolean> {
  await ensureRepo(options);
  const head = await fetchRemote(options);
  return head !== lastCommit;
}

/**
 * One sync at a time on this machine (the tutor's and a shell's, say): a lock beside the repository,
 * the progress store's kind, taken over when its process is gone (a sync killed half-way).
 */
export async function sync(options: SyncOptions): Promise<SyncOutcome> {
  mkdirSync(dirname(options.repoDir), { recursive: true, mode: 0o700 });
  let lock: Awaited<ReturnType<typeof acquireLock>>;
  try {
    lock = await acquireLock(`${options.repoDir}.lock`, 120_000);
  } catch (error) {
    if (error instanceof LockBusyError)
      throw new SyncError(`another sync on this machine is still running (${error.message}); try again when it ends. Nothing was changed`);
    throw error;
  }
  try {
    return await syncLocked(options);
  } finally {
    lock.release();
  }
}

async function syncLocked(options: SyncOptions): Promise<SyncOutcome> {
  await ensureRepo(options);
  const timeout = options.networkTimeoutMs ?? 60_000;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    options.onPhase?.('fetch');
    const head = await fetchRemote(options);
    const remote = await readRemote(options, head);
    const local = options.readLocal();
    options.onPhase?.('merge');
    const now = options.now();
    const result: MergeResult = mergeProgress(local, remote.progress, now, options.scheduler);
    const text = `${toJson(result.progress)}\n`;
    const sent = describeChanges(remote.progress, result.progress);
    // Against the local progress as the merge takes it, with the stable ids an older file's notes and
    // sessions lack: those ids came from no other machine.
    const received = describeChanges(withStableIds(local), result.progress);
    let commit = head;
    let pushed = false;
    if (remote.text !== text) {
      options.onPhase?.('commit');
      const blob = await gitOk(options, ['hash-object', '-w', '--stdin'], text);
      const tree = await gitOk(options, ['mktree'], `100644 blob ${blob}\t${SYNC_FILE}\n`);
      const message = [
        `mlroadmap sync from ${process.getBuiltinModule('node:os').hostname() || 'a machine'}`,
        '',
        ...(sent.length > 0 ? sent : ['format only']),
      ].join('\n');
      commit = await gitOk(options, ['commit-tree', tree, ...(head ? ['-p', head] : []), '-m', message]);
      await gitOk(options, ['update-ref', `refs/heads/${BRANCH}`, commit]);
      options.onPhase?.('push');
      const push = await git(
        options,
        [
          'push',
          '--quiet',
          '--no-verify',
          ...serverArgs(options.remote, 'receive'),
          '--',
          options.remote,
          `${commit}:refs/heads/${BRANCH}`,
        ],
        timeout,
      );
      if (push.code !== 0) {
        if (/\[rejected\]|non-fast-forward|fetch first|stale info|failed to update ref|cannot lock ref/i.test(push.stderr)) {
          // Another machine pushed first: fetch its commit and merge again.
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.floor(Math.random() * 200)));
          continue;
        }
        throw new SyncError(`${describeGitFailure(options.remote, push, timeout, 'push to')}. Nothing was changed`);
      }
      pushed = true;
      await gitOk(options, ['update-ref', REMOTE_REF, commit]);
    }
    options.onPhase?.('write');
    const saved = await options.saveLocal((current) => mergeProgress(current, result.progress, now, options.scheduler).progress);
    return {
      commit,
      pushed,
      received,
      sent: pushed ? sent : [],
      overwritten: [...result.overwrittenLocal],
      localHash: progressHash(saved),
      attempts: attempt,
    };
  }
  throw new SyncError(
    `other machines kept pushing to ${describeRemote(options.remote)} first (${MAX_ATTEMPTS} tries); sync again. Nothing was changed`,
  );
}
