export interface ProcessOptions {
  cwd?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Ends the whole process group after this long. */
  timeoutMs: number;
  /** Keeps at most this many bytes of each stream: the first half and the last half, with a mark between. */
  maxOutputBytes: number;
  /** Ends the whole process group when aborted (Ctrl+C). */
  signal?: AbortSignal | undefined;
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Ended because `signal` was aborted. */
  interrupted: boolean;
  /** The program could not be started at all (not found, not executable), in words. */
  spawnError?: string;
  /** Some output was dropped to keep within `maxOutputBytes`. */
  truncated: boolean;
}

/** Every group started and not yet ended, so that an exit of mlroadmap ends them too. */
const running = new Set<number>();
let exitHook = false;

function killGroup(pid: number): void {
  try {
    // The minus: the whole group, so a grandchild the learner's code started does not live on.
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs a program in a process group of its own (`detached`), collecting its output up to a cap, and
 * ends the whole group on timeout, on `signal` and when mlroadmap exits, so nothing it started is
 * left running. Never throws for the program's failures: they are in the result.
 */
export function runProcess(command: string, args: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const pid of running) killGroup(pid);
    });
  }
  return new Promise((resolve) => {
    const result: ProcessResult = { code: null, stdout: '', stderr: '', timedOut: false, interrupted: false, truncated: false };
    if (options.signal?.aborted) {
      resolve({ ...result, interrupted: true });
      return;
    }
    const child = process.getBuiltinModule('node:child_process').spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const collect = () => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let tail: Buffer[] = [];
      let tailBytes = 0;
      const half = Math.floor(options.maxOutputBytes / 2);
      return {
        add(chunk: Buffer) {
          if (kept < half) {
            const take = chunk.subarray(0, half - kept);
            chunks.push(take);
            kept += take.length;
            chunk = chunk.subarray(take.length);
          }
          if (chunk.length === 0) return;
          tail.push(chunk);
          tailBytes += chunk.length;
          // Keep only the last `half` bytes of the rest.
          while (tailBytes - (tail[0]?.length ?? 0) >= half) {
            tailBytes -= tail[0]?.length ?? 0;
            tail = tail.slice(1);
            result.truncated = true;
          }
        },
        text() {
          const head = Buffer.concat(chunks).toString('utf8');
          let rest = Buffer.concat(tail);
          if (rest.length > half) {
            rest = rest.subarray(rest.length - half);
            result.truncated = true;
          }
          return result.truncated ? `${head}\n[... output cut ...]\n${rest.toString('utf8')}` : head + rest.toString('utf8');
        },
      };
    };
    const out = collect();
    const err = collect();
    child.stdout?.on('data', (chunk: Buffer) => out.add(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.add(chunk));
    const end = () => {
      if (pid !== undefined) killGroup(pid);
    };
    const timer = setTimeout(() => {
      result.timedOut = true;
      end();
    }, options.timeoutMs);
    const onAbort = () => {
      result.interrupted = true;
      end();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const finish = (code: number | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // The group may hold more than the child: end what is left of it.
      end();
      if (pid !== undefined) running.delete(pid);
      resolve({ ...result, code, stdout: out.text(), stderr: err.text(), ...(spawnError === undefined ? {} : { spawnError }) });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? `${command} was not found`
          : error.code === 'EACCES'
            ? `${command} cannot be run (permission denied)`
            : `${command} could not be started: ${error.message}`;
      finish(null, reason);
    });
    // Once the child is gone, end the rest of its group: a grandchild holding the pipes open would
    // otherwise keep 'close' from coming until the timeout.
    child.on('exit', end);
    child.on('close', (code) => finish(code));
  });
}
