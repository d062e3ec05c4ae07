import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessOptions, ProcessResult } from './process.js';

/**
 * The checks' fork server (python/mlroadmap_forkserver.py), for `exercises verify` alone: one Python
 * that imports pytest and the exercises' libraries once, and runs each exercise's checks in a fork of
 * itself, in a process group of its own, as `runProcess` runs `python -m pytest`. Verify runs only a
 * pack's own starters and solutions; a learner's code is always checked in a Python of its own.
 */
export interface CheckServer {
  /** pytest with `args` (what follows `-m pytest`), as `runProcess` would run it; undefined when the server is gone (run it alone then). */
  run(args: readonly string[], options: ProcessOptions): Promise<ProcessResult | undefined>;
  close(): void;
}

/** How long the server may take to import its libraries before verify does without it. */
const START_TIMEOUT_MS = 60_000;

type Reply = { ready: true; preloaded: string[] } | { pid: number } | { code: number } | { signal: number };

/**
 * Starts the server with `python`, in the environment `env` (the checks' own, see runner.ts), importing
 * `preload`. Undefined when it cannot start (no fork on Windows, a Python that fails): verify then runs
 * each check in a Python of its own, as before.
 */
export async function startCheckServer(
  python: string,
  env: NodeJS.ProcessEnv,
  preload: readonly string[],
  signal?: AbortSignal,
): Promise<CheckServer | undefined> {
  if (process.platform === 'win32' || signal?.aborted) return undefined;
  // Its own empty folder: the first entry of sys.path, replaced in each fork by the run's folder.
  const home = mkdtempSync(join(process.getBuiltinModule('node:os').tmpdir(), 'mlroadmap-server-'));
  const child = process.getBuiltinModule('node:child_process').spawn(python, ['-m', 'mlroadmap_forkserver', ...preload], {
    cwd: home,
    env,
    detached: true,
    stdio: ['pipe', 'pipe', 'ignore'],
    windowsHide: true,
  });
  const pid = child.pid;
  /** The group of the run in progress, ended with the server. */
  let current: number | undefined;
  const killGroup = (group: number | undefined) => {
    if (group === undefined) return;
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Gone already.
    }
  };
  const onExit = () => {
    killGroup(current);
    killGroup(pid);
  };
  process.on('exit', onExit);
  let closed = false;
  const waiting: ((reply: Reply | undefined) => void)[] = [];
  const replies: Reply[] = [];
  let buffered = '';
  const end = () => {
    if (closed) return;
    closed = true;
    process.off('exit', onExit);
    onExit();
    rmSync(home, { recursive: true, force: true });
    for (const resolve of waiting.splice(0)) resolve(undefined);
  };
  child.on('error', end);
  child.on('exit', end);
  child.stdin?.on('error', end);
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    for (let at = buffered.indexOf('\n'); at !== -1; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      let reply: Reply;
      try {
        reply = JSON.parse(line) as Reply;
      } catch {
        continue;
      }
      const resolve = waiting.shift();
      if (resolve) resolve(reply);
      else replies.push(reply);
    }
  });
  const next = (timeoutMs = Number.POSITIVE_INFINITY): Promise<Reply | undefined> =>
    new Promise((resolve) => {
      const ready = replies.shift();
      if (ready) return resolve(ready);
      if (closed) return resolve(undefined);
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            const index = waiting.indexOf(settle);
            if (index !== -1) waiting.splice(index, 1);
            resolve(undefined);
          }, timeoutMs)
        : undefined;
      const settle = (reply: Reply | undefined) => {
        clearTimeout(timer);
        resolve(reply);
      };
      waiting.push(settle);
    });

  // Ctrl+C while it imports its libraries ends it at once.
  const stop = () => end();
  signal?.addEventListener('abort', stop, { once: true });
  const started = await next(START_TIMEOUT_MS);
  signal?.removeEventListener('abort', stop);
  if (!started || !('ready' in started) || signal?.aborted) {
    end();
    return undefined;
  }

  const server: CheckServer = {
    async run(args, options) {
      if (closed || options.signal?.aborted) return undefined;
      const folder = mkdtempSync(join(process.getBuiltinModule('node:os').tmpdir(), 'mlroadmap-run-'));
      try {
        const files = { stdout: join(folder, 'stdout'), stderr: join(folder, 'stderr') };
        // The run's whole environment, which replaces the fork's (what Python read of it as it started is the server's, the same).
        const runEnv = Object.fromEntries(Object.entries(options.env ?? env).filter(([, value]) => value !== undefined));
        // Listened to from the request on: an abort before the fork is known ends it as soon as it is.
        let interrupted = false;
        const onAbort = () => {
          interrupted = true;
          killGroup(current);
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        child.stdin?.write(`${JSON.stringify({ args, cwd: options.cwd ?? home, env: runEnv, ...files })}\n`);
        const forked = await next();
        if (!forked || !('pid' in forked)) {
          options.signal?.removeEventListener('abort', onAbort);
          return undefined;
        }
        // Its group exists by now: the server makes it before it tells the pid.
        current = forked.pid;
        if (interrupted) killGroup(forked.pid);
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          killGroup(forked.pid);
        }, options.timeoutMs);
        const ended = await next();
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        // What the run started and left behind goes with it, as runProcess ends a group.
        killGroup(forked.pid);
        current = undefined;
        if (!ended || !('code' in ended || 'signal' in ended)) return undefined;
        const stdout = readCapped(files.stdout, options.maxOutputBytes);
        const stderr = readCapped(files.stderr, options.maxOutputBytes);
        return {
          code: 'code' in ended ? ended.code : null,
          stdout: stdout.text,
          stderr: stderr.text,
          timedOut,
          interrupted,
          truncated: stdout.truncated || stderr.truncated,
        };
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    close() {
      child.stdin?.end();
      end();
    },
  };
  return server;
}

/** A file's text, its first and last halves of `max` bytes when longer, as runProcess keeps a stream. */
function readCapped(file: string, max: number): { text: string; truncated: boolean } {
  const fs = process.getBuiltinModule('node:fs');
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const read = (from: number, length: number) => {
      const buffer = Buffer.alloc(length);
      return buffer.subarray(0, fs.readSync(fd as number, buffer, 0, length, from));
    };
    if (size <= max) return { text: read(0, size).toString('utf8'), truncated: false };
    const half = Math.floor(max / 2);
    return {
      text: `${read(0, half).toString('utf8')}\n[... output cut ...]\n${read(size - half, half).toString('utf8')}`,
      truncated: true,
    };
  } catch {
    return { text: '', truncated: false };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
