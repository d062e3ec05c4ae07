import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPortfolio } from '../../src/portfolio/check.js';
import { makeContext, runCli } from '../helpers.js';

/**
 * `portfolio check` on repositories armed to run a program through each way git has of running one
 * (or of reaching the network) while it only reads. Each repository is real, made with real git (the
 * commits they start from made once, and copied: see `copyOf`); the program it names appends to `ran`
 * when anything runs it. Where a plain git command fires the trap,
 * the test first shows that it does (so the trap is real), then that the check runs nothing and
 * still reports the repository: its commits, or why it could not read them.
 */

const hasGit = spawnSync('git', ['--version']).status === 0;
const root = mkdtempSync(join(tmpdir(), 'mlroadmap-hostile-git-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const NOW = new Date('2026-12-01T12:00:00Z');
let counter = 0;

/** A clean environment for the controls: no GIT_* of ours, no global or system configuration. */
function plainEnv(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_') && !/EDITOR|PAGER/.test(key)));
  return { ...env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1' };
}

interface Trap {
  /** The test's own folder. */
  base: string;
  /** The repository under check. */
  repo: string;
  /** A program that records it ran. */
  evil: string;
  /** Where `evil` writes. */
  ran: string;
  git: (...args: string[]) => string;
  config: (key: string, value: string) => void;
}

/** git run in `repo` as the tests make and arm repositories: a plain environment, fixed dates and identity. */
function gitIn(repo: string, base: string): (...args: string[]) => string {
  const env = plainEnv(base);
  return (...args: string[]) =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=L', '-c', 'user.email=l@example.org', ...args], {
      env: { ...env, GIT_AUTHOR_DATE: '2026-11-28T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-28T10:00:00Z' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
}

/** Repositories made once by real git (each a folder under `root`), by the name of what they hold. */
const made = new Map<string, string>();

/**
 * Puts at `repo` a copy of the repository `make` builds with real git, made once for all the tests
 * that start from the same one: its dates and identity are fixed, so it is the same repository each
 * would have made. The copy's index is refreshed (the files' inodes and times are new), so it is as
 * clean as the one git left.
 */
function copyOf(name: string, repo: string, base: string, make: (git: (...args: string[]) => string, dir: string) => void): void {
  let template = made.get(name);
  if (template === undefined) {
    template = join(root, `template-${name}`);
    mkdirSync(template, { recursive: true });
    make(gitIn(template, template), template);
    made.set(name, template);
  }
  mkdirSync(dirname(repo), { recursive: true });
  cpSync(template, repo, { recursive: true });
  gitIn(repo, base)('update-index', '-q', '--refresh');
}

/** A repository of three commits (README, a tracked text file), with an armed program beside it. */
function repository(): Trap {
  const base = join(root, `t${++counter}`);
  const repo = join(base, 'repo');
  copyOf('three-commits', repo, base, (git, dir) => {
    git('init', '-q');
    for (const [i, name] of ['README.md', 'notes.txt', 'notes.txt'].entries()) {
      writeFileSync(join(dir, name), `version ${i}\n`);
      git('add', name);
      git('commit', '-q', '-m', `step ${i}`);
    }
  });
  const ran = join(base, 'ran');
  const evil = join(base, 'evil.sh');
  writeFileSync(evil, `#!/bin/sh\necho "$0 $*" >> '${ran}'\nexit 0\n`);
  chmodSync(evil, 0o755);
  const git = gitIn(repo, base);
  return { base, repo, evil, ran, git, config: (key, value) => git('config', key, value) };
}

/** Adds a commit carrying a signature of the given armour on top of HEAD, as a signing git would. */
function signedCommit(trap: Trap, armour: string): void {
  const tree = trap.git('rev-parse', 'HEAD^{tree}').trim();
  const parent = trap.git('rev-parse', 'HEAD').trim();
  const body = [
    `tree ${tree}`,
    `parent ${parent}`,
    'author L <l@example.org> 1795860000 +0000',
    'committer L <l@example.org> 1795860000 +0000',
    `gpgsig -----BEGIN ${armour}-----`,
    ' ',
    ' AAAA',
    ` -----END ${armour}-----`,
    '',
    'signed',
    '',
  ].join('\n');
  const file = join(trap.base, 'commit.txt');
  writeFileSync(file, body);
  const id = trap.git('hash-object', '-t', 'commit', '-w', file).trim();
  trap.git('update-ref', 'HEAD', id);
}

/** Runs plain git in the repository as a learner would, and says whether the trap fired. */
function fires(trap: Trap, args: string[], input?: string): boolean {
  spawnSync('git', ['-C', trap.repo, '-c', 'user.name=L', '-c', 'user.email=l@example.org', ...args], {
    env: plainEnv(trap.base),
    input: input ?? '',
    timeout: 8_000,
  });
  const fired = existsSync(trap.ran);
  if (fired) unlinkSync(trap.ran);
  return fired;
}

function expectNothingRan(trap: Trap, commits: number | undefined = 3) {
  const report = checkPortfolio(trap.repo, NOW);
  expect(existsSync(trap.ran), existsSync(trap.ran) ? readFileSync(trap.ran, 'utf8') : '').toBe(false);
  expect(report.git.repository).toBe(true);
  expect(report.git.commits).toBe(commits);
  if (commits !== undefined) expect(report.checked.files).toBeGreaterThanOrEqual(2);
  return report;
}

interface Vector {
  name: string;
  arm: (trap: Trap) => void;
  /** A plain git command that runs the program in the armed repository, when one does without a network or a terminal. */
  trigger?: (trap: Trap) => boolean;
  /** Commits the check should count (4 with a signed commit on top). */
  commits?: number;
}

const attributes = (trap: Trap, line: string) => {
  writeFileSync(join(trap.repo, '.gitattributes'), `${line}\n`);
  trap.git('add', '.gitattributes');
  trap.git('commit', '-q', '--allow-empty', '-m', 'attributes');
};

const VECTORS: Vector[] = [
  {
    name: 'core.fsmonitor (a program asked which files changed)',
    arm: (t) => t.config('core.fsmonitor', t.evil),
    trigger: (t) => fires(t, ['status']),
  },
  {
    name: 'hooks in .git/hooks',
    arm: (t) => {
      for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman'])
        writeFileSync(join(t.repo, '.git', 'hooks', hook), readFileSync(t.evil), { mode: 0o755 });
    },
    trigger: (t) => fires(t, ['commit', '--allow-empty', '-q', '-m', 'x']),
    commits: 4,
  },
  {
    name: 'core.hooksPath pointing at a folder of hooks',
    arm: (t) => {
      mkdirSync(join(t.base, 'hooks'));
      for (const hook of ['pre-commit', 'post-index-change', 'reference-transaction'])
        writeFileSync(join(t.base, 'hooks', hook), readFileSync(t.evil), { mode: 0o755 });
      t.config('core.hooksPath', join(t.base, 'hooks'));
    },
    trigger: (t) => fires(t, ['commit', '--allow-empty', '-q', '-m', 'x']),
    commits: 4,
  },
  {
    name: 'log.showSignature with gpg.program (OpenPGP signatures)',
    arm: (t) => {
      signedCommit(t, 'PGP SIGNATURE');
      t.config('log.showSignature', 'true');
      t.config('gpg.program', t.evil);
    },
    trigger: (t) => fires(t, ['log', '--format=%ct']),
    commits: 4,
  },
  {
    name: 'gpg.openpgp.program',
    arm: (t) => {
      signedCommit(t, 'PGP SIGNATURE');
      t.config('log.showSignature', 'true');
      t.config('gpg.openpgp.program', t.evil);
    },
    trigger: (t) => fires(t, ['log', '--format=%ct']),
    commits: 4,
  },
  {
    name: 'gpg.ssh.program (SSH signatures)',
    arm: (t) => {
      signedCommit(t, 'SSH SIGNATURE');
      writeFileSync(join(t.base, 'allowed'), 'l@example.org ssh-ed25519 AAAA\n');
      t.config('log.showSignature', 'true');
      t.config('gpg.ssh.allowedSignersFile', join(t.base, 'allowed'));
      t.config('gpg.ssh.program', t.evil);
    },
    trigger: (t) => fires(t, ['log', '--format=%ct']),
    commits: 4,
  },
  {
    name: 'gpg.x509.program (X.509 signatures)',
    arm: (t) => {
      signedCommit(t, 'SIGNED MESSAGE');
      t.config('log.showSignature', 'true');
      t.config('gpg.x509.program', t.evil);
    },
    trigger: (t) => fires(t, ['log', '--format=%ct']),
    commits: 4,
  },
  {
    name: 'diff.external',
    arm: (t) => t.config('diff.external', t.evil),
    trigger: (t) => fires(t, ['diff', 'HEAD~2', 'HEAD']),
  },
  {
    name: 'diff.<driver>.textconv named by .gitattributes',
    arm: (t) => {
      attributes(t, '*.txt diff=evil');
      writeFileSync(join(t.repo, 'notes.txt'), 'changed\n');
      t.git('commit', '-q', '--allow-empty', '-am', 'change');
      t.config('diff.evil.textconv', t.evil);
    },
    trigger: (t) => fires(t, ['log', '-p']),
    commits: 5,
  },
  {
    name: 'diff.<driver>.command named by .gitattributes',
    arm: (t) => {
      attributes(t, '*.txt diff=evil');
      t.config('diff.evil.command', t.evil);
    },
    trigger: (t) => fires(t, ['diff', 'HEAD~3', 'HEAD']),
    commits: 4,
  },
  {
    name: 'filter.<driver>.clean and .smudge named by .gitattributes',
    arm: (t) => {
      attributes(t, '* filter=evil');
      t.config('filter.evil.clean', t.evil);
      t.config('filter.evil.smudge', t.evil);
      writeFileSync(join(t.repo, 'notes.txt'), 'edited, not committed\n');
    },
    trigger: (t) => fires(t, ['diff']),
    commits: 4,
  },
  {
    name: 'filter.<driver>.process (a long-running filter)',
    arm: (t) => {
      attributes(t, '* filter=evil');
      t.config('filter.evil.process', t.evil);
      writeFileSync(join(t.repo, 'notes.txt'), 'edited, not committed\n');
    },
    // diff reads the edited file through the filter; status only when the file's size is unchanged and its time is racy.
    trigger: (t) => fires(t, ['diff']),
    commits: 4,
  },
  {
    name: 'core.sshCommand with an ssh remote',
    arm: (t) => {
      t.config('remote.origin.url', 'ssh://git@example.invalid/x.git');
      t.config('core.sshCommand', t.evil);
    },
    trigger: (t) => fires(t, ['ls-remote', 'origin']),
  },
  {
    name: 'the ext:: transport (a remote URL that is a command)',
    arm: (t) => {
      t.config('protocol.ext.allow', 'always');
      t.config('remote.origin.url', `ext::${t.evil} %S`);
    },
    trigger: (t) => fires(t, ['ls-remote', 'origin']),
  },
  {
    name: 'remote.<name>.uploadpack (the command run for a fetch from a local path)',
    arm: (t) => {
      t.config('remote.origin.url', t.repo);
      t.config('remote.origin.uploadpack', t.evil);
    },
    trigger: (t) => fires(t, ['ls-remote', 'origin']),
  },
  {
    name: 'submodule.<name>.update = !command',
    arm: (t) => {
      t.config('submodule.lib.url', t.repo);
      t.config('submodule.lib.update', `!${t.evil}`);
      writeFileSync(join(t.repo, '.gitmodules'), `[submodule "lib"]\n\tpath = lib\n\turl = ./lib\n\tupdate = !${t.evil}\n`);
    },
  },
  {
    name: 'core.gitProxy with a git:// remote',
    arm: (t) => {
      t.config('remote.origin.url', 'git://example.invalid/x.git');
      t.config('core.gitProxy', t.evil);
    },
    trigger: (t) => fires(t, ['ls-remote', 'origin']),
  },
  {
    name: 'credential.helper',
    arm: (t) => t.config('credential.helper', `!${t.evil}`),
    trigger: (t) => fires(t, ['credential', 'fill'], 'protocol=https\nhost=example.invalid\n\n'),
  },
  {
    name: 'core.askPass',
    arm: (t) => t.config('core.askPass', t.evil),
    trigger: (t) => fires(t, ['credential', 'fill'], 'protocol=https\nhost=example.invalid\n\n'),
  },
  {
    name: 'core.editor and sequence.editor',
    arm: (t) => {
      t.config('core.editor', t.evil);
      t.config('sequence.editor', t.evil);
    },
    trigger: (t) => fires(t, ['commit', '--allow-empty']),
  },
  {
    name: 'core.pager and pager.<command> (run when git writes to a terminal)',
    arm: (t) => {
      t.config('core.pager', t.evil);
      t.config('pager.log', t.evil);
      t.config('pager.ls-files', t.evil);
    },
  },
  {
    name: 'alias.<name> running a shell command',
    arm: (t) => {
      t.config('alias.ls-files', `!${t.evil}`);
      t.config('alias.st', `!${t.evil}`);
    },
    trigger: (t) => fires(t, ['st']),
  },
  {
    name: 'include.path pulling in a file that sets gpg.program',
    arm: (t) => {
      signedCommit(t, 'PGP SIGNATURE');
      writeFileSync(join(t.base, 'included'), `[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${t.evil}\n`);
      t.config('include.path', join(t.base, 'included'));
    },
    trigger: (t) => fires(t, ['log', '--format=%ct']),
    commits: 4,
  },
  {
    name: 'includeIf.gitdir: pulling in a file that sets core.fsmonitor',
    arm: (t) => {
      writeFileSync(join(t.base, 'included'), `[core]\n\tfsmonitor = ${t.evil}\n`);
      t.config(`includeIf.gitdir:${t.repo}/.path`, join(t.base, 'included'));
    },
    trigger: (t) => fires(t, ['status']),
  },
  {
    name: 'core.alternateRefsCommand and uploadpack.packObjectsHook (run when serving a fetch or push)',
    arm: (t) => {
      t.config('core.alternateRefsCommand', t.evil);
      t.config('uploadpack.packObjectsHook', t.evil);
    },
  },
  {
    name: "a promisor remote's lazy fetch of a missing object (partial clone), over ext::",
    arm: (t) => {
      // The first commit's object is gone, as in a partial clone; git asks the promisor remote for it.
      const first = t.git('rev-list', '--max-parents=0', 'HEAD').trim();
      unlinkSync(join(t.repo, '.git', 'objects', first.slice(0, 2), first.slice(2)));
      t.config('core.repositoryformatversion', '1');
      t.config('extensions.partialClone', 'origin');
      t.config('remote.origin.promisor', 'true');
      t.config('protocol.ext.allow', 'always');
      t.config('remote.origin.url', `ext::${t.evil} %S`);
    },
    trigger: (t) => fires(t, ['log', '--format=%ct']),
  },
];

describe.skipIf(!hasGit)('portfolio check runs nothing a checked repository names', () => {
  it.each(VECTORS.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const trap = repository();
    vector.arm(trap);
    if (vector.trigger) expect(vector.trigger(trap), 'the trap fires under plain git').toBe(true);
    if (vector.name.startsWith("a promisor remote's")) {
      // The history cannot be read without the missing commit: the check says so rather than fetching it.
      const report = checkPortfolio(trap.repo, NOW);
      expect(existsSync(trap.ran)).toBe(false);
      expect(report.git).toMatchObject({ repository: true, problem: 'git could not read the history' });
      expect(report.findings.find((finding) => finding.id === 'git-history')?.title).toBe('The history could not be read');
      return;
    }
    expectNothingRan(trap, vector.commits ?? 3);
  });

  it('reads a clone whose every key is hostile at once, and counts only its tracked files', async () => {
    const trap = repository();
    // Those that commit first: once hooks and an editor are armed, committing runs them.
    const last = (vector: Vector) => /hooks|editor/.test(vector.name);
    for (const vector of [...VECTORS.filter((v) => !last(v)), ...VECTORS.filter(last)])
      if (!vector.name.startsWith("a promisor remote's")) vector.arm(trap);
    const commits = Number(trap.git('-c', 'core.fsmonitor=false', 'rev-list', '--count', 'HEAD').trim());
    rmSync(trap.ran, { force: true });
    writeFileSync(join(trap.repo, 'untracked.env'), `AWS=AKIA${'ABCDEFGHIJKLMNOP'}\n`);
    const report = expectNothingRan(trap, commits);
    expect(report.findings.map((finding) => finding.id)).not.toContain('secrets');
    const ctx = await makeContext({ now: () => NOW });
    const result = await runCli(ctx, ['portfolio', 'check', trap.repo]);
    expect(existsSync(trap.ran)).toBe(false);
    expect(result.out).toContain(`${commits} commits`);
  });

  it("reaches no network: a promisor remote over http (a server of the test's own records each connection)", async () => {
    const trap = repository();
    // A server in a process of its own (this one blocks while git runs): it notes each connection and drops it.
    const server = spawn(
      process.execPath,
      [
        '-e',
        `require('net').createServer((s) => { require('fs').appendFileSync(process.argv[1], 'connected\\n'); s.destroy(); }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
        trap.ran,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    try {
      const port = await new Promise<string>((done) => server.stdout.once('data', (data: Buffer) => done(data.toString().trim())));
      const first = trap.git('rev-list', '--max-parents=0', 'HEAD').trim();
      unlinkSync(join(trap.repo, '.git', 'objects', first.slice(0, 2), first.slice(2)));
      trap.config('core.repositoryformatversion', '1');
      trap.config('extensions.partialClone', 'origin');
      trap.config('remote.origin.promisor', 'true');
      trap.config('remote.origin.url', `http://127.0.0.1:${port}/project.git`);
      expect(fires(trap, ['log', '--format=%ct']), 'plain git connects').toBe(true);
      const report = checkPortfolio(trap.repo, NOW);
      expect(existsSync(trap.ran)).toBe(false);
      expect(report.git).toMatchObject({ repository: true, problem: 'git could not read the history' });
    } finally {
      server.kill();
    }
  });

  it('never reads a bare repository inside the folder (a clone can carry one) or its config', () => {
    const trap = repository();
    const bare = join(trap.base, 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', trap.repo, bare], { env: plainEnv(trap.base) });
    signedCommit({ ...trap, git: (...args) => execFileSync('git', ['-C', bare, ...args], { encoding: 'utf8' }) }, 'PGP SIGNATURE');
    execFileSync('git', ['-C', bare, 'config', 'log.showSignature', 'true']);
    execFileSync('git', ['-C', bare, 'config', 'gpg.program', trap.evil]);
    execFileSync('git', ['-C', bare, 'config', 'core.fsmonitor', trap.evil]);
    spawnSync('git', ['-C', bare, 'log', '--format=%ct'], { env: plainEnv(trap.base) });
    expect(existsSync(trap.ran), 'the trap fires under plain git').toBe(true);
    unlinkSync(trap.ran);
    const report = checkPortfolio(bare, NOW);
    expect(existsSync(trap.ran)).toBe(false);
    expect(report.git.repository).toBe(false);
  });

  it.skipIf(process.geteuid?.() !== 0)(
    "refuses another user's repository, as git does, saying so, and runs nothing (mlroadmap used to pass safe.directory=*)",
    async () => {
      const trap = repository();
      signedCommit(trap, 'PGP SIGNATURE');
      trap.config('log.showSignature', 'true');
      trap.config('gpg.program', trap.evil);
      execFileSync('chown', ['-R', '65534:65534', trap.repo]);
      // git itself refuses it: "detected dubious ownership".
      expect(spawnSync('git', ['-C', trap.repo, 'log'], { env: plainEnv(trap.base), encoding: 'utf8' }).stderr).toMatch(
        /dubious ownership/,
      );
      const report = checkPortfolio(trap.repo, NOW);
      expect(existsSync(trap.ran)).toBe(false);
      expect(report.git).toMatchObject({ repository: true });
      expect(report.git.problem).toMatch(/belongs to another user \(uid 65534\)/);
      // A folder of one's own whose .git is a link to that repository, or a file naming it, is refused the same.
      for (const [name, make] of [
        ['linked', (dir: string) => symlinkSync(join(trap.repo, '.git'), join(dir, '.git'))],
        ['gitfile', (dir: string) => writeFileSync(join(dir, '.git'), `gitdir: ${join(trap.repo, '.git')}\n`)],
      ] as const) {
        const own = join(trap.base, name);
        mkdirSync(own);
        make(own);
        expect(checkPortfolio(own, NOW).git.problem, name).toMatch(/belongs to another user \(uid 65534\)/);
        expect(existsSync(trap.ran)).toBe(false);
      }
      const ctx = await makeContext({ now: () => NOW });
      const result = await runCli(ctx, ['portfolio', 'check', trap.repo]);
      expect(existsSync(trap.ran)).toBe(false);
      expect(result.code).toBe(1);
      expect(result.out).toContain('The repository belongs to another user, so git was not read [git-repository]');
    },
  );

  it("ignores the learner's own GIT_* variables and global configuration (they point git at programs too)", () => {
    const trap = repository();
    signedCommit(trap, 'PGP SIGNATURE');
    const home = join(trap.base, 'home');
    mkdirSync(join(home, '.config', 'git'), { recursive: true });
    const hostile = `[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${trap.evil}\n[core]\n\tfsmonitor = ${trap.evil}\n\tpager = ${trap.evil}\n`;
    writeFileSync(join(home, '.gitconfig'), hostile);
    writeFileSync(join(home, '.config', 'git', 'config'), hostile);
    const trace = join(trap.base, 'trace');
    const saved = { ...process.env };
    Object.assign(process.env, {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'log.showSignature',
      GIT_CONFIG_VALUE_0: 'true',
      GIT_CONFIG_KEY_1: 'gpg.program',
      GIT_CONFIG_VALUE_1: trap.evil,
      GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${trap.evil}'`,
      GIT_EXTERNAL_DIFF: trap.evil,
      GIT_PAGER: trap.evil,
      GIT_SSH_COMMAND: trap.evil,
      GIT_ASKPASS: trap.evil,
      GIT_DIR: join(trap.base, 'elsewhere'),
      GIT_TRACE: trace,
      GIT_TRACE2_EVENT: trace,
    });
    try {
      expectNothingRan(trap, 4);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    expect(existsSync(trace)).toBe(false);
  });

  it('reads a linked worktree and a folder inside a repository, and a hostile index that is a FIFO does not hang it', async () => {
    const trap = repository();
    const linked = join(trap.base, 'linked');
    trap.git('worktree', 'add', '-q', linked);
    mkdirSync(join(trap.repo, 'src'));
    writeFileSync(join(trap.repo, 'src', 'model.py'), 'x = 1\n');
    trap.git('add', 'src/model.py');
    trap.config('core.fsmonitor', trap.evil);
    writeFileSync(join(trap.repo, '.git', 'worktrees', 'linked', 'config.worktree'), `[core]\n\tfsmonitor = ${trap.evil}\n`);
    const report = checkPortfolio(linked, NOW);
    expect(report.git).toMatchObject({ repository: true, commits: 3 });
    expect(report.findings.map((finding) => finding.id)).not.toContain('git-repository');
    const inside = checkPortfolio(join(trap.repo, 'src'), NOW);
    expect(inside.findings.map((finding) => finding.id)).not.toContain('git-repository');
    expect(inside.findings.map((finding) => finding.id)).toContain('readme');
    rmSync(join(trap.repo, '.git', 'index'));
    execFileSync('mkfifo', [join(trap.repo, '.git', 'index')]);
    const started = Date.now();
    const fifo = checkPortfolio(trap.repo, NOW);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fifo.git.repository).toBe(true);
    const ctx = await makeContext({ now: () => NOW });
    expect((await runCli(ctx, ['portfolio', 'check', trap.repo])).out.replace(/\n/g, ' ')).toMatch(
      /git not read in full \(.*index is not a regular file\)/,
    );
    expect(existsSync(trap.ran)).toBe(false);
    expect(dirname(linked)).toBe(trap.base);
  }, 30_000);
});

describe.skipIf(!hasGit)('portfolio check reads the repositories learners have, in every shape git leaves them', () => {
  /** Four commits of one file each, made with `init` options, then changed by `shape`. */
  type Git = (...args: string[]) => string;
  /** Returns the folder to check when it is not the repository made. */
  function shaped(initOptions: string[], shape: (git: Git, dir: string) => string | undefined): string {
    const base = join(root, `s${++counter}`);
    const repo = join(base, 'repo');
    copyOf(`four-commits${initOptions.join('')}`, repo, base, (git, dir) => {
      git('init', '-q', ...initOptions);
      for (let i = 1; i <= 4; i++) {
        writeFileSync(join(dir, `f${i}.py`), `x = ${i}\n`);
        git('add', `f${i}.py`);
        git('commit', '-q', '-m', `c${i}`);
      }
    });
    return shape(gitIn(repo, base), repo) ?? repo;
  }

  it.each([
    ['refs packed by git gc', [], (git: Git) => void git('gc', '-q'), 4],
    ['a detached HEAD', [], (git: Git) => void git('checkout', '-q', 'HEAD~1'), 3],
    ['a branch with slashes in its name', [], (git: Git) => void git('checkout', '-q', '-b', 'feature/a/b'), 4],
    ['a split index', [], (git: Git) => void git('-c', 'core.splitIndex=true', 'update-index', '--split-index'), 4],
    ['SHA-256 object names', ['--object-format=sha256'], () => undefined, 4],
    [
      'a shallow clone',
      [],
      (_git: Git, dir: string) => {
        const clone = join(dir, '..', 'shallow');
        execFileSync('git', ['clone', '-q', '--depth', '2', `file://${dir}`, clone], { env: plainEnv(join(dir, '..')) });
        return clone;
      },
      2,
    ],
  ] as const)('%s', (_name, initOptions, shape, commits) => {
    const dir = shaped([...initOptions], shape as (git: Git, dir: string) => string | undefined);
    const report = checkPortfolio(dir, NOW);
    expect(report.git).toMatchObject({ repository: true, commits });
    expect(report.git.problem).toBeUndefined();
    // Only tracked files count: all four are.
    expect(report.findings.map((finding) => finding.id)).toContain('readme');
    expect(report.findings.find((finding) => finding.id === 'tests')).toBeDefined();
  });

  it('a repository whose branches are in the reftable format (git 2.45+): the history is said unread, not empty', () => {
    const dir = shaped([], (_git, repo) => {
      // As git init --ref-format=reftable leaves it: HEAD names a branch no file holds.
      writeFileSync(join(repo, '.git', 'HEAD'), 'ref: refs/heads/.invalid\n');
      mkdirSync(join(repo, '.git', 'reftable'));
      return undefined;
    });
    const report = checkPortfolio(dir, NOW);
    expect(report.git.problem).toMatch(/reftable/);
    expect(report.findings.find((finding) => finding.id === 'git-history')?.title).toBe('The history could not be read');
  });

  it('a repository on a machine without git: said so, every file checked', () => {
    const dir = shaped([], () => undefined);
    const path = process.env.PATH;
    process.env.PATH = join(root, 'no-git-here');
    try {
      const report = checkPortfolio(dir, NOW);
      expect(report.git).toMatchObject({ repository: true, problem: 'git is not installed, so its history was not read' });
      expect(report.findings.find((finding) => finding.id === 'git-history')?.title).toBe('The history could not be read');
    } finally {
      process.env.PATH = path;
    }
  });

  it('a repository with nothing committed yet, its files only staged', () => {
    const base = join(root, `s${++counter}`);
    mkdirSync(base);
    execFileSync('git', ['init', '-q', base], { env: plainEnv(base) });
    writeFileSync(join(base, 'test_model.py'), 'def test(): pass\n');
    writeFileSync(join(base, 'untracked_test.py'), 'x\n');
    execFileSync('git', ['-C', base, 'add', 'test_model.py'], { env: plainEnv(base) });
    const report = checkPortfolio(base, NOW);
    expect(report.git).toMatchObject({ repository: true, commits: 0 });
    expect(report.findings.find((finding) => finding.id === 'git-history')?.title).toBe('The repository has no commits yet');
    expect(report.passed).toContain('tests');
  });
});
