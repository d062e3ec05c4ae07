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

// Packs the current build (no prepare: `npm test` has just built dist/) the way `npm publish` would.
function pack(): PackResult {
  const json = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(json) as PackResult[])[0] as PackResult;
}

describe('the npm package', () => {
  it('ships only what runs, and runs from another folder with no node_modules', () => {
    const result = pack();
    const files = result.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/mlroadmap.js',
        'dist/main.cjs',
        'dist/content.json',
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
    // Everything the bundle needs is inside dist/: an install fetches nothing.
    expect(manifest.dependencies ?? {}).toEqual({});

    execFileSync('tar', ['xzf', join(work, result.filename), '-C', work]);
    const run = spawnSync(process.execPath, [join(work, 'package', 'bin', 'mlroadmap.js'), 'roadmap'], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, MLROADMAP_CONFIG_DIR: join(work, 'config') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/python-and-math/);
  });

  it('passes publint with no message at all', async () => {
    const { messages, pkg } = await publint({ pkgDir: ROOT, pack: 'npm', level: 'suggestion' });
    expect(messages.map((message) => formatMessage(message, pkg, { color: false }))).toEqual([]);
  });
});
