import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPortfolio } from '../../src/portfolio/check.js';
import { makeContext, runCli } from '../helpers.js';

const hasGit = spawnSync('git', ['--version']).status === 0;
const root = mkdtempSync(join(tmpdir(), 'mlroadmap-portfolio-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A new folder in /dev/shm (memory) when the machine has one that takes it, else undefined. */
function memoryFolder(): string | undefined {
  try {
    return mkdtempSync('/dev/shm/mlroadmap-portfolio-');
  } catch {
    return undefined;
  }
}
const NOW = new Date('2026-12-01T12:00:00Z');

const GOOD_README = `# Predicting house prices

## Problem
Estimate a district's median house value for a property site, measured by RMSE.

## Data
California Housing from scikit-learn: about 20,600 districts, eight features.

## Approach
A scikit-learn pipeline; linear regression, a random forest and gradient boosting compared with 5-fold CV.

## Results
| Model | Test RMSE |
| --- | --- |
| Median baseline | 1.15 |
| Gradient boosting | 0.47 |

## How to run
pip install -r requirements.txt && pytest
`;

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-C', dir, '-c', 'user.name=Learner', '-c', 'user.email=learner@example.org', ...args], { stdio: 'ignore' });
}

/** A repository a reviewer would be glad to see: full README, licence, pinned dependencies, tests, a history. */
function goodProject(name: string): string {
  const dir = join(root, name);
  write(dir, {
    'README.md': GOOD_README,
    LICENSE: 'MIT License\n',
    'requirements.txt': 'numpy==2.3.4\npandas==2.3.3\nscikit-learn==1.7.2\n',
    '.gitignore': 'data/\n.env\n',
    'src/houses/__init__.py': '"""Houses."""\n',
    'tests/test_model.py': 'def test_ok():\n    assert True\n',
  });
  git(dir, 'init', '-q');
  for (const [i, day] of ['2026-11-20', '2026-11-25', '2026-11-28'].entries()) {
    writeFileSync(join(dir, 'CHANGES.md'), `step ${i}\n`);
    git(dir, 'add', '.');
    execFileSync('git', ['-C', dir, '-c', 'user.name=L', '-c', 'user.email=l@example.org', 'commit', '-q', '-m', `step ${i}`], {
      env: { ...process.env, GIT_AUTHOR_DATE: `${day}T10:00:00Z`, GIT_COMMITTER_DATE: `${day}T10:00:00Z` },
      stdio: 'ignore',
    });
  }
  return dir;
}

/** Every file's bytes and mtime, and the folder listing, under `dir`: what "never changes the folder" compares. */
function snapshot(dir: string): string {
  const lines: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(full);
      else lines.push(`${full} ${stat.mtimeMs} ${stat.size} ${stat.isFile() ? readFileSync(full).toString('base64').slice(0, 200) : ''}`);
    }
  };
  walk(dir);
  return lines.join('\n');
}

const ids = (dir: string) => checkPortfolio(dir, NOW).findings.map((finding) => finding.id);

describe.skipIf(!hasGit)('portfolio check of a good project', () => {
  it('finds nothing missing, exits 0, and changes nothing in the folder (its .git included)', async () => {
    const dir = goodProject('good');
    const before = snapshot(dir);
    const report = checkPortfolio(dir, NOW);
    expect(report.findings).toEqual([]);
    expect(report.git).toMatchObject({ repository: true, commits: 3, lastCommit: '2026-11-28T10:00:00.000Z' });
    const ctx = await makeContext({ now: () => NOW });
    const result = await runCli(ctx, ['portfolio', 'check', dir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('nothing a reviewer would miss');
    const json = JSON.parse((await runCli(ctx, ['portfolio', 'check', dir, '--json'])).out);
    expect(json).toMatchObject({ ok: true, findings: [] });
    expect(json.passed).toEqual(expect.arrayContaining(['readme-results-number', 'licence', 'dependencies-pinned', 'tests', 'secrets']));
    expect(snapshot(dir)).toBe(before);
  });

  it('counts only what is committed: an ignored .env and an untracked data file are no finding', () => {
    const dir = goodProject('ignored');
    write(dir, { '.env': 'OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD\n' });
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'train.csv'), '');
    truncateSync(join(dir, 'data', 'train.csv'), 80 * 1024 * 1024);
    expect(ids(dir)).toEqual([]);
  });

  it('finds a committed secret, naming the file and line but never printing the key', async () => {
    const dir = goodProject('leaky');
    const key = `AKIA${'ABCDEFGHIJKLMNOP'}`;
    write(dir, { 'src/houses/config.py': `REGION = "eu-west-1"\nAWS_KEY = "${key}"\n`, 'kaggle.json': '{"username":"x","key":"y"}' });
    git(dir, 'add', '.');
    const report = checkPortfolio(dir, NOW);
    const secrets = report.findings.find((finding) => finding.id === 'secrets');
    expect(secrets?.files).toEqual(['kaggle.json', 'src/houses/config.py:2 (an AWS access key id)']);
    const ctx = await makeContext({ now: () => NOW });
    const result = await runCli(ctx, ['portfolio', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.out).not.toContain(key);
    expect(result.err).toBe(`mlroadmap: ${dir}: one thing to add or fix (listed above)`);
  });

  it('says so when the history is old or short', () => {
    const dir = goodProject('old');
    expect(checkPortfolio(dir, new Date('2027-12-01T00:00:00Z')).findings.map((f) => [f.id, f.title])).toEqual([
      ['git-history', expect.stringMatching(/^The last commit is 36\d days old$/)],
    ]);
  });
});

describe('portfolio check of a poor project', () => {
  it('lists what a reviewer would miss, each with why and what to add', async () => {
    const dir = join(root, 'poor');
    write(dir, {
      'README.md': '# My project\n\nI trained a model. It works well.\n\n## Results\nPretty good!\n',
      'requirements.txt': 'numpy\npandas>=2\nscikit-learn==1.7.2\n',
      'analysis.ipynb': JSON.stringify({ cells: [{ outputs: [{ data: { 'image/png': 'A'.repeat(2 * 1024 * 1024) } }] }] }),
      '.env': 'TOKEN=1\n',
    });
    writeFileSync(join(dir, 'big.parquet'), '');
    truncateSync(join(dir, 'big.parquet'), 30 * 1024 * 1024);
    const found = ids(dir);
    expect(found).toEqual([
      'git-repository',
      'readme-problem',
      'readme-data',
      'readme-approach',
      'readme-results-number',
      'readme-how-to-run',
      'licence',
      'dependencies-pinned',
      'tests',
      'large-files',
      'secrets',
      'notebook-outputs',
      'gitignore',
    ]);
    const report = checkPortfolio(dir, NOW);
    const pinned = report.findings.find((finding) => finding.id === 'dependencies-pinned');
    expect(pinned?.title).toBe('2 dependencies are not pinned: numpy, pandas');
    expect(report.findings.find((finding) => finding.id === 'large-files')?.files).toEqual(['big.parquet (30 MB)']);
    for (const finding of report.findings) {
      expect(finding.why.length, finding.id).toBeGreaterThan(20);
      expect(finding.fix.length, finding.id).toBeGreaterThan(10);
    }
    const ctx = await makeContext({ now: () => NOW });
    const result = await runCli(ctx, ['portfolio', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('- The README has no "How to run" section [readme-how-to-run]\n  Why: a project nobody else can run');
  });

  it('gives an empty folder the findings of everything missing, without a crash', () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    expect(ids(dir)).toEqual(['git-repository', 'readme', 'licence', 'dependencies', 'tests', 'gitignore']);
  });

  it('refuses what is not a folder with one line', async () => {
    const ctx = await makeContext();
    expect(await runCli(ctx, ['portfolio', 'check', join(root, 'nope')])).toMatchObject({ code: 1, out: '' });
    writeFileSync(join(root, 'file.txt'), 'x');
    expect(await runCli(ctx, ['portfolio', 'check', join(root, 'file.txt')])).toMatchObject({ code: 2 });
    expect((await runCli(ctx, ['portfolio', 'audit', root])).code).toBe(2);
  });
});

describe('portfolio check of a hostile tree', () => {
  it('follows no link out of the folder, to a folder or to a file with a key in it', () => {
    const outside = join(root, 'outside');
    write(outside, { 'secrets/id_rsa': '-----BEGIN OPENSSH PRIVATE KEY-----\n', 'keys.txt': `AKIA${'QRSTUVWXYZABCDEF'}` });
    const dir = join(root, 'links');
    write(dir, { 'README.md': GOOD_README });
    symlinkSync(join(outside, 'secrets'), join(dir, 'secrets'));
    symlinkSync(join(outside, 'keys.txt'), join(dir, 'keys.txt'));
    symlinkSync('/', join(dir, 'root'));
    symlinkSync(dir, join(dir, 'loop'));
    const report = checkPortfolio(dir, NOW);
    expect(report.checked).toMatchObject({ files: 1, links: 4 });
    expect(report.findings.map((finding) => finding.id)).not.toContain('secrets');
  });

  it('skips binary files when looking for keys, and reads a FIFO as nothing instead of hanging', () => {
    const dir = join(root, 'binary');
    mkdirSync(dir);
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`AKIA${'ABCDEFGHIJKLMNOP'}`)]);
    writeFileSync(join(dir, 'model.bin.txt'), binary);
    const made = spawnSync('mkfifo', [join(dir, 'pipe.txt')]);
    const report = checkPortfolio(dir, NOW);
    expect(report.findings.map((finding) => finding.id)).not.toContain('secrets');
    if (made.status === 0) expect(report.checked.files).toBe(1);
  });

  it.skipIf(process.getuid?.() === 0)('reports unreadable folders instead of failing', () => {
    const dir = join(root, 'locked');
    write(dir, { 'open/a.py': 'x = 1\n', 'closed/b.py': 'y = 2\n' });
    chmodSync(join(dir, 'closed'), 0);
    try {
      expect(checkPortfolio(dir, NOW).checked).toMatchObject({ unreadable: 1, files: 1 });
    } finally {
      chmodSync(join(dir, 'closed'), 0o755);
    }
  });

  it('walks 100,000 files, and stops at its bound on a larger tree, saying so', () => {
    // In memory where the machine has a tmpfs: on a disk, making 100,000 files while another test
    // file's processes sync theirs waited on the journal, 3 s alone and nearly a minute in the suite.
    const memory = memoryFolder();
    const dir = join(memory ?? root, 'huge');
    for (let d = 0; d < 100; d++) {
      const sub = join(dir, `d${d}`);
      mkdirSync(sub, { recursive: true });
      for (let f = 0; f < 1000; f++) closeSync(openSync(join(sub, `f${f}.py`), 'w'));
    }
    const fd = openSync(join(dir, 'README.md'), 'w');
    writeSync(fd, GOOD_README);
    closeSync(fd);
    const whole = checkPortfolio(dir, NOW);
    expect(whole.checked).toMatchObject({ files: 100_001, truncated: false });
    const bounded = checkPortfolio(dir, NOW, { maxEntries: 5_000 });
    expect(bounded.checked.truncated).toBe(true);
    expect(bounded.checked.files).toBeLessThan(5_000);
    // Making 100,000 files is most of this test's time, and slow on a busy two-core machine: a wide bound, not a timing.
    if (memory) rmSync(memory, { recursive: true, force: true });
  }, 180_000);
});
