import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  rmSync,
  type Stats,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * What `portfolio check` learns from the git repository around a folder: which files are tracked
 * and when the commits were made. The folder is someone's clone and is treated as hostile.
 *
 * git runs programs named in a repository's configuration (core.fsmonitor, gpg.program with
 * log.showSignature, diff and filter drivers, core.sshCommand, pagers, editors, credential helpers,
 * ext:: and other transports, a promisor remote's lazy fetch, hooks, includes that pull in any of
 * these), and no option makes it skip the repository's own `config`. So git never sees that file:
 * the repository is found and its HEAD resolved here, by reading files, and git runs on a private,
 * empty repository of ours whose object store is the checked one's (GIT_OBJECT_DIRECTORY) and whose
 * index is the checked one's (GIT_INDEX_FILE). Neither names a program. On top of that git gets no
 * system or global configuration, none of the caller's GIT_* variables, no work tree, no pager, no
 * network (protocol.allow=never, GIT_NO_LAZY_FETCH) and explicit overrides of the keys that run
 * programs, in case a later git reads configuration from somewhere new.
 *
 * git's own ownership check is kept, in git's terms: a repository whose folder, `.git` or linked
 * git directory belongs to another user is not read (git would refuse it as "dubious ownership").
 */

export interface GitFacts {
  /** A `.git` was found in the folder or above it. */
  repository: boolean;
  /** Paths in the index, relative to the checked folder, as their bytes (each a latin1 string); absent when they could not be read. */
  tracked?: Set<string>;
  /** Commit times (seconds since 1970), newest first, at most 1000; absent when the history could not be read. */
  commitTimes?: number[];
  /** Why git was not read (another user's repository, an unreadable `.git`), in a line. */
  problem?: string;
  /** The repository belongs to another user, so it was not read. */
  foreign?: boolean;
}

const GIT_TIMEOUT_MS = 10_000;
const HEX = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** A ref name safe to join to a folder: under refs/, no `..`, no empty or dot-led parts. */
const REF_NAME = /^refs\/(?:[A-Za-z0-9_+-][A-Za-z0-9._+-]*\/)*[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/;

/**
 * Configuration given on git's command line, which outranks every file: each key that can make a
 * read run a program or reach the network, set to do nothing. The private repository has no other
 * configuration, so these are a second guard, not the first.
 */
const OVERRIDES = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'pager.log=false',
  'pager.ls-files=false',
  'core.editor=false',
  'sequence.editor=false',
  'core.askPass=',
  'core.sshCommand=false',
  'core.gitProxy=none',
  'core.alternateRefsCommand=',
  'credential.helper=',
  'diff.external=',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'gpg.openpgp.program=false',
  'log.showSignature=false',
  'log.mailmap=false',
  'protocol.allow=never',
  'uploadpack.packObjectsHook=',
  'core.untrackedCache=false',
  'gc.auto=0',
  'maintenance.auto=false',
];

/**
 * Reads at most `max` bytes of a regular file, following no link in its last part and never
 * blocking (a FIFO or a device reads as nothing): what the portfolio check reads of a folder it does
 * not trust.
 */
export function readCappedFile(path: string | Buffer, max: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(max);
    let done = 0;
    while (done < max) {
      const n = readSync(fd, buffer, done, max - done, done);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readSmall(path: string, max = 64 * 1024): string | undefined {
  return readCappedFile(path, max)?.toString('utf8');
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** A git directory as git recognises one: a HEAD file and an object store (its own or its common one's). */
function isGitDirectory(path: string): boolean {
  if (!statOf(join(path, 'HEAD'))?.isFile()) return false;
  const common = commonDirOf(path);
  return statOf(join(common, 'objects'))?.isDirectory() === true;
}

/** The folder that holds the objects and shared refs: the git directory itself, or the one its `commondir` names (a linked worktree). */
function commonDirOf(gitDir: string): string {
  const named = readSmall(join(gitDir, 'commondir'), 4096)?.trim();
  return named ? real(resolve(gitDir, named)) : gitDir;
}

/** The path with every link resolved, so an owner is read from the folder itself, not a link to it. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

interface Found {
  /** The work tree's top folder: where `.git` is. */
  top: string;
  /** `.git` when it is a file naming the git directory (a linked worktree, a submodule). */
  gitFile?: string;
  gitDir: string;
  commonDir: string;
}

/**
 * Finds the repository `start` is in as git's discovery does: `.git` in the folder or a parent, a
 * folder or a `gitdir:` file, stopping at a file-system boundary. A bare repository is never taken
 * (git's safe.bareRepository=explicit), as a clone can carry one.
 */
function findRepository(start: string): Found | { problem: string } | undefined {
  const device = statOf(start)?.dev;
  for (let at = start; ; at = dirname(at)) {
    const here = statOf(at);
    if (!here || here.dev !== device) return undefined;
    const dotGit = join(at, '.git');
    const stat = statOf(dotGit);
    if (stat?.isDirectory() && isGitDirectory(dotGit)) return { top: at, gitDir: real(dotGit), commonDir: commonDirOf(real(dotGit)) };
    if (stat?.isFile()) {
      const named = /^gitdir: (.+?)\r?\n?$/.exec(readSmall(dotGit, 4096) ?? '')?.[1];
      const gitDir = named === undefined ? undefined : real(resolve(at, named));
      if (gitDir === undefined || !statOf(gitDir)?.isDirectory() || !isGitDirectory(gitDir))
        return { problem: `${join(at, '.git')} does not name a git repository git could read` };
      return { top: at, gitFile: dotGit, gitDir, commonDir: commonDirOf(gitDir) };
    }
    if (dirname(at) === at) return undefined;
  }
}

/** The user git compares owners with: the effective user, or the one who ran sudo. Undefined where there are no owners (Windows). */
function ownerToTrust(): number | undefined {
  const euid = process.geteuid?.();
  if (euid === undefined) return undefined;
  const sudo = process.env.SUDO_UID;
  return euid === 0 && sudo !== undefined && /^\d+$/.test(sudo) ? Number(sudo) : euid;
}

/** The first of the repository's folders (and `.git` file) owned by someone else, as git checks them. */
function foreignPart(found: Found): { path: string; uid: number } | undefined {
  const uid = ownerToTrust();
  if (uid === undefined) return undefined;
  for (const path of [found.top, found.gitFile, found.gitDir, found.commonDir]) {
    if (path === undefined) continue;
    const stat = (() => {
      try {
        return lstatSync(path);
      } catch {
        return undefined;
      }
    })();
    if (stat && stat.uid !== uid) return { path, uid: stat.uid };
  }
  return undefined;
}

/** The commit HEAD points at, read from HEAD, the loose refs and packed-refs; undefined for a branch with no commits. */
function resolveHead(found: Found): string | undefined {
  let value = readSmall(join(found.gitDir, 'HEAD'), 4096)?.trim();
  for (let hops = 0; hops < 5 && value !== undefined; hops++) {
    if (HEX.test(value)) return value;
    const ref = /^ref: (.+)$/.exec(value)?.[1];
    if (!ref || !REF_NAME.test(ref) || /\.lock$/.test(ref)) return undefined;
    value = readSmall(join(found.gitDir, ref), 4096)?.trim() ?? readSmall(join(found.commonDir, ref), 4096)?.trim();
    if (value === undefined) {
      const packed = readSmall(join(found.commonDir, 'packed-refs'), 32 * 1024 * 1024) ?? '';
      for (const line of packed.split('\n')) {
        const [id, name] = line.trim().split(' ');
        if (name === ref && id && HEX.test(id)) return id;
      }
    }
  }
  return undefined;
}

/** A private, empty repository of ours for git to run in; its config is the only one git reads. */
function privateRepository(found: Found, sha256: boolean): string {
  const dir = mkdtempSync(join(process.getBuiltinModule('node:os').tmpdir(), 'mlroadmap-git-'));
  writeFileSync(
    join(dir, 'config'),
    sha256
      ? '[core]\n\trepositoryformatversion = 1\n\tbare = true\n[extensions]\n\tobjectformat = sha256\n'
      : '[core]\n\trepositoryformatversion = 0\n\tbare = true\n',
  );
  writeFileSync(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
  mkdirSync(join(dir, 'refs'));
  mkdirSync(join(dir, 'objects'));
  // A shallow clone lists where its history was cut; without the list git fails at the first missing parent.
  const shallow = (readSmall(join(found.commonDir, 'shallow'), 16 * 1024 * 1024) ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => HEX.test(line));
  if (shallow.length > 0) writeFileSync(join(dir, 'shallow'), `${shallow.join('\n')}\n`);
  // A split index keeps most entries in sharedindex.<id> beside the index.
  try {
    for (const name of readdirSync(found.gitDir))
      if (/^sharedindex\.[0-9a-f]+$/.test(name) && lstatSync(join(found.gitDir, name)).isFile())
        symlinkSync(join(found.gitDir, name), join(dir, name));
  } catch {
    // Without it git reports the index unreadable, and the check says so.
  }
  return dir;
}

/** Runs git in the private repository `dir`, reading the checked repository's objects (and, when given, its index). */
function runGit(dir: string, found: Found, args: string[], index?: string): { ok: boolean; out: string; missing?: boolean } {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(process.env.SYSTEMROOT ? { SYSTEMROOT: process.env.SYSTEMROOT } : {}),
    HOME: dir,
    XDG_CONFIG_HOME: dir,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_DIR: dir,
    GIT_OBJECT_DIRECTORY: join(found.commonDir, 'objects'),
    ...(index ? { GIT_INDEX_FILE: index } : {}),
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_NO_LAZY_FETCH: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PROTOCOL_FROM_USER: '0',
  };
  const result = process
    .getBuiltinModule('node:child_process')
    .spawnSync('git', ['--no-pager', ...OVERRIDES.flatMap((setting) => ['-c', setting]), ...args], {
      cwd: dir,
      env,
      encoding: 'buffer',
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  // latin1 keeps every byte of a path as one character, whatever its encoding.
  const out = result.stdout ? result.stdout.toString('latin1') : '';
  return { ok: result.status === 0 && !result.error, out, ...(missing ? { missing } : {}) };
}

/** What git says of the folder `dir`: whether it is in a repository, its tracked files and its commit times. */
export function readGit(dir: string): GitFacts {
  let start: string;
  try {
    start = realpathSync(dir);
  } catch {
    return { repository: false };
  }
  const found = findRepository(start);
  if (found === undefined) return { repository: false };
  if ('problem' in found) return { repository: true, problem: found.problem };
  const foreign = foreignPart(found);
  if (foreign)
    return {
      repository: true,
      foreign: true,
      problem: `${foreign.path} belongs to another user (uid ${foreign.uid}), and git refuses to read a repository that is not yours`,
    };
  const head = resolveHead(found);
  const facts: GitFacts = { repository: true };
  const prefix = Buffer.from(relative(found.top, start).split(sep).join('/')).toString('latin1');
  const index = join(found.gitDir, 'index');
  const indexStat = (() => {
    try {
      return lstatSync(index);
    } catch {
      return undefined;
    }
  })();
  // A FIFO or a device would block git or feed it without end.
  if (indexStat && !indexStat.isFile()) return { repository: true, problem: `${index} is not a regular file` };
  for (const sha256 of head === undefined ? [false, true] : [head.length === 64]) {
    let work: string | undefined;
    try {
      work = privateRepository(found, sha256);
      const listed = indexStat === undefined ? { ok: true, out: '' } : runGit(work, found, ['ls-files', '-z'], index);
      if (listed.missing) {
        facts.problem = 'git is not installed, so its history was not read';
        break;
      }
      if (!listed.ok) continue;
      facts.tracked = new Set(
        listed.out
          .split('\0')
          .filter((path) => path !== '' && !isAbsolute(path))
          .flatMap((path) => (prefix === '' ? [path] : path.startsWith(`${prefix}/`) ? [path.slice(prefix.length + 1)] : [])),
      );
      if (head === undefined && statOf(join(found.commonDir, 'reftable'))?.isDirectory())
        facts.problem = 'its branches are kept in the reftable format, which this check does not read';
      else if (head === undefined) facts.commitTimes = [];
      else {
        const log = runGit(work, found, ['log', '-n', '1000', '--format=%ct', '--no-ext-diff', '--no-textconv', head, '--']);
        if (log.ok) facts.commitTimes = log.out.split('\n').filter(Boolean).map(Number);
        else facts.problem = log.missing ? 'git is not installed, so its history was not read' : 'git could not read the history';
      }
      break;
    } catch {
      facts.problem = 'git could not be run';
    } finally {
      if (work) rmSync(work, { recursive: true, force: true });
    }
  }
  if (facts.tracked === undefined) facts.problem ??= 'git could not read the list of tracked files';
  return facts;
}
