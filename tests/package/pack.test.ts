import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mlroadmap-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface PackResult {
  filename: string;
  files: { path: string }[];
}

let packed: PackResult | undefined;
// Packs the current build (no prepare: `npm test` has just built dist/) the way `npm publish` would; once per file.
function pack(): PackResult {
  if (packed) return packed;
  const json = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
  packed = (JSON.parse(json) as PackResult[])[0] as PackResult;
  return packed;
}

describe('the npm package', () => {
  it('ships only what runs, and runs from another folder with no node_modules', () => {
    const result = pack();
    const files = result.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/mlroadmap.cjs',
        'dist/content.json',
        // The pytest plugin the exercises' checks run with (and, under dist/exercises/, each shipped exercise's files).
        'dist/python/mlroadmap_checks.py',
        'dist/THIRD-PARTY-LICENSES.txt',
        'LICENSE',
        'README.md',
      ]),
    );
    expect(files.filter((file) => /^(src|tests|content|scripts|examples|docs|node_modules|coverage)\//.test(file))).toEqual([]);
    // The build's metafile is read for the licence list, then removed: it is not code.
    expect(files).not.toContain('dist/meta.json');
    // The renderer on its own is built for a test that compares it with the sources, not shipped.
    expect(files).not.toContain('dist/render.js');
    expect(readFileSync(join(ROOT, 'dist', 'THIRD-PARTY-LICENSES.txt'), 'utf8')).toMatch(/^commander@\S+ \(MIT\)$/m);

    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // Everything the bundle needs is inside dist/: an install fetches nothing, and runs nothing.
    expect(manifest.dependencies ?? {}).toEqual({});
    const installScripts = ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'];
    expect(Object.keys(manifest.scripts ?? {}).filter((name) => installScripts.includes(name))).toEqual([]);

    execFileSync('tar', ['xzf', join(work, result.filename), '-C', work]);
    // The bin as npm names it: an executable by its #! line (the install below runs it so).
    expect(manifest.bin).toEqual({ mlroadmap: 'dist/mlroadmap.cjs' });
    const bin = join(work, 'package', 'dist', 'mlroadmap.cjs');
    expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const run = spawnSync(process.execPath, [bin, 'roadmap'], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, MLROADMAP_CONFIG_DIR: join(work, 'config') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/python-and-math/);
  });

  it('bundles one copy of each library, none past its end of life, each with its licence in THIRD-PARTY-LICENSES.txt', () => {
    // The same build as dist/, elsewhere, with the metafile that lists every file in the bundle.
    const out = join(work, 'build');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out', out, '--meta'], { cwd: ROOT });
    const inputs = Object.keys(JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')).inputs);
    const dirs = new Set(
      inputs.map((input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter((dir) => dir !== undefined),
    );
    const bundled = [...dirs].map(
      (dir) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; version: string },
    );
    const versions = new Map<string, Set<string>>();
    for (const { name, version } of bundled) versions.set(name, (versions.get(name) ?? new Set()).add(version));
    const duplicated = [...versions].filter(([, found]) => found.size > 1).map(([name, found]) => `${name}@${[...found].sort().join(',')}`);
    // cli-table3's string-width 4 requires strip-ansi 6, a CommonJS module, which needs ansi-regex 5;
    // marked-terminal imports ansi-regex 6, which is an ES module only.
    expect(duplicated).toEqual(['ansi-regex@5.0.1,6.6.0']);
    const names = [...versions.keys()];
    expect(names).toEqual(expect.arrayContaining(['chalk', 'marked', 'marked-terminal', 'highlight.js', 'supports-hyperlinks']));
    // cli-highlight brought highlight.js 10 (end of life) and parse5; supports-hyperlinks 3 misses kitty.
    expect(names.filter((name) => ['cli-highlight', 'parse5', 'parse5-htmlparser2-tree-adapter', 'node-emoji'].includes(name))).toEqual([]);
    expect(versions.get('highlight.js')).toEqual(new Set([expect.stringMatching(/^11\./)]));
    expect(versions.get('supports-hyperlinks')).toEqual(new Set([expect.stringMatching(/^4\./)]));

    const licences = readFileSync(join(ROOT, 'dist', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    const listed = [...licences.matchAll(/^(\S+)@(\S+) \(/gm)].map(([, name, version]) => `${name}@${version}`);
    expect(listed.sort()).toEqual(bundled.map(({ name, version }) => `${name}@${version}`).sort());
    expect(licences).not.toContain('no licence file was included');
  });

  it('installs globally from the tarball without a warning, and runs from there', () => {
    const { filename } = pack();
    const prefix = join(work, 'global');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(work, filename)], {
      encoding: 'utf8',
    });
    expect(install.stderr).toBe('');
    expect(install.status).toBe(0);
    const run = spawnSync(join(prefix, 'bin', 'mlroadmap'), ['faq', '1'], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, MLROADMAP_CONFIG_DIR: join(work, 'global-config') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(100);
  });

  it('passes publint with no message at all', async () => {
    const { messages, pkg } = await publint({ pkgDir: ROOT, pack: 'npm', level: 'suggestion' });
    expect(messages.map((message) => formatMessage(message, pkg, { color: false }))).toEqual([]);
  });
});
