/**
 * Running git for sync, on a repository mlroadmap made in its own data folder, against a remote the
 * learner named. What it guards against, and how:
 *
 * - Programs a repository's config or hooks could run. Every git command gets `-c` settings, which
 *   outrank every config file: no hooks (`core.hooksPath=/dev/null`), no fsmonitor, no alternate-refs
 *   command, no signing program, no pager. A path remote (a bare repository on a USB stick) is served
 *   by `git upload-pack` / `git receive-pack` running on this machine in that repository, with its
 *   config and hooks, and git clears `-c` settings for them: for such a remote the upload-pack and
 *   receive-pack commands are given with the same settings on their own command line, and without
 *   automatic gc or a worktree update. The `ext::` transport is refused.
 * - The learner's system and global git config are read (that is where credential helpers, proxies,
 *   CA certificates and `insteadOf` rules live, which https and ssh remotes need); the settings above
 *   override what in them could run a program mlroadmap does not need. The environment's GIT_DIR,
 *   GIT_CONFIG_* and the like are dropped, so nothing points git elsewhere.
 * - Never waiting on a person: GIT_TERMINAL_PROMPT=0, and git runs in a session of its own with no
 *   terminal, so ssh cannot ask for a passphrase either; every command has a time limit, and the
 *   whole process group is killed when it passes it.
 * - Commits carry mlroadmap's own identity, so a machine with no git identity syncs.
 * - A remote's URL may hold a password or token (`https://user:token@host/...`): `redactUrl` strips
 *   it from anything shown.
 */

/** The identity of the commits mlroadmap makes. */
export const COMMIT_IDENTITY = { name: 'mlroadmap', email: 'mlroadmap@users.noreply.localhost' };

const SAFE_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.alternateRefsCommand=true',
  'core.pager=cat',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'protocol.ext.allow=never',
  'receive.autogc=false',
  'receive.denyCurrentBranch=refuse',
  'gc.auto=0',
  'maintenance.auto=false',
  `user.name=${COMMIT_IDENTITY.name}`,
  `user.email=${COMMIT_IDENTITY.email}`,
];

export const SAFE_ARGS: readonly string[] = SAFE_CONFIG.flatMap((setting) => ['-c', setting]);

/** Environment variables that would point git at another repository, config or program. */
const DROPPED_ENV =
  /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|CONFIG.*|NAMESPACE|CEILING_DIRECTORIES|EXEC_PATH|EDITOR|PAGER|EXTERNAL_DIFF|TRACE.*|PROXY_COMMAND|COMMON_DIR|QUARANTINE_PATH|SEQUENCE_EDITOR)$/;

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
}

/** git is not installed, or could not be started. */
export class GitMissingError extends Error {}

export function gitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!DROPPED_ENV.test(key)) out[key] = value;
  out.GIT_TERMINAL_PROMPT = '0';
  out.GCM_INTERACTIVE = 'never';
  out.SSH_ASKPASS_REQUIRE = 'never';
  out.LC_ALL = 'C';
  out.LANGUAGE = 'C';
  return out;
}

/** Runs `git <SAFE_ARGS> <args>` in `cwd`, with `input` on its standard input, killed after `timeoutMs`. */
export function runGit(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; input?: string | Buffer },
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = process.getBuiltinModule('node:child_process').spawn('git', [...SAFE_ARGS, ...args], {
      cwd: options.cwd,
      env: gitEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      // A session of its own: no terminal to prompt on, and a process group to kill whole.
      detached: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? new GitMissingError('git is not installed') : error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8'), timedOut });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** The URL or path without a user name, password or token in it. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

/** Whether git serves `remote` by running upload-pack and receive-pack on this machine (a path, or file://). */
export function isLocalRemote(remote: string): boolean {
  if (/^file:\/\//i.test(remote)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) return false;
  // scp-like "host:path" is ssh when the colon comes before any slash.
  const colon = remote.indexOf(':');
  const slash = remote.indexOf('/');
  return colon === -1 || (slash !== -1 && slash < colon);
}

/** For a local remote, the commands that serve it, with the same safe settings on their own command line. */
export function serverArgs(remote: string, which: 'upload' | 'receive'): string[] {
  if (!isLocalRemote(remote)) return [];
  const settings = SAFE_CONFIG.filter((setting) => !setting.startsWith('user.'))
    .map((setting) => `-c '${setting}'`)
    .join(' ');
  return which === 'upload' ? [`--upload-pack=git ${settings} upload-pack`] : [`--receive-pack=git ${settings} receive-pack`];
}
