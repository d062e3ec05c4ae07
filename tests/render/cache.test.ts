import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheDir, createFileRenderCache, hash, STALE_MS } from '../../src/render/cache.js';
import { BIN } from '../helpers.js';

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-cache-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createFileRenderCache', () => {
  it('gives back what was stored, for the same build and key only', () => {
    const cache = createFileRenderCache(join(tempDir(), 'nested', 'cache'));
    cache.set('build-1', 'key', 'rendered text');
    expect(cache.get('build-1', 'key')).toBe('rendered text');
    expect(cache.get('build-1', 'other key')).toBeUndefined();
    expect(cache.get('build-2', 'key')).toBeUndefined();
  });

  it('treats an entry stored under another key (a hash collision) or a damaged file as a miss', () => {
    const dir = tempDir();
    const cache = createFileRenderCache(dir);
    cache.set('b', 'key', 'text');
    const [folder] = readdirSync(dir);
    const file = join(dir, folder as string, `${hash('key')}.json`);
    writeFileSync(file, JSON.stringify({ key: 'another key', text: 'wrong text' }));
    expect(cache.get('b', 'key')).toBeUndefined();
    writeFileSync(file, '{"key": "key", "text": "trunc');
    expect(cache.get('b', 'key')).toBeUndefined();
  });

  it('removes the renders of other builds untouched for a week when a new build writes its first one', () => {
    const dir = tempDir();
    const cache = createFileRenderCache(dir);
    cache.set('old build', 'key', 'old');
    cache.set('recent build', 'key', 'recent');
    const [oldFolder] = readdirSync(dir).filter((name) => readFileSync(join(dir, name, `${hash('key')}.json`), 'utf8').includes('"old"'));
    const weekAgo = new Date(Date.now() - STALE_MS - 60_000);
    utimesSync(join(dir, oldFolder as string), weekAgo, weekAgo);
    cache.set('new build', 'key', 'new');
    expect(readdirSync(dir)).toHaveLength(2);
    expect(cache.get('old build', 'key')).toBeUndefined();
    expect(cache.get('recent build', 'key')).toBe('recent');
    expect(cache.get('new build', 'key')).toBe('new');
  });

  it('never throws when the folder cannot be made (a file stands in the way)', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    for (const dir of [file, join(file, 'cache')]) {
      const cache = createFileRenderCache(dir);
      expect(() => cache.set('b', 'key', 'text')).not.toThrow();
      expect(cache.get('b', 'key')).toBeUndefined();
    }
  });
});

describe('cacheDir', () => {
  it.each([
    [{ MLROADMAP_CACHE_DIR: '/tmp/x' }, 'linux', '/tmp/x'],
    [{ MLROADMAP_CACHE_DIR: 'off', XDG_CACHE_HOME: '/c' }, 'linux', undefined],
    [{ XDG_CACHE_HOME: '/c' }, 'linux', '/c/mlroadmap'],
    [{ XDG_CACHE_HOME: 'relative' }, 'linux', join(process.env.HOME ?? '', '.cache', 'mlroadmap')],
    [{}, 'darwin', join(process.env.HOME ?? '', 'Library', 'Caches', 'mlroadmap')],
  ] as const)('%o on %s is %s', (env, platform, expected) => {
    expect(cacheDir(env, platform)).toBe(expected);
  });
});

describe('the built CLI with a render cache', () => {
  beforeAll(() => {
    if (!existsSync(new URL('../../dist/mlroadmap.cjs', import.meta.url))) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  }, 120_000);

  const run = (args: string[], cache: string, config: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, MLROADMAP_CACHE_DIR: cache, MLROADMAP_CONFIG_DIR: config };
    for (const name of ['NO_COLOR', 'FORCE_COLOR', 'MLROADMAP_CONTENT']) delete env[name];
    return execFileSync(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  };

  it('prints the same page from the cache as without it, and after its file was damaged', () => {
    const config = tempDir();
    const cache = join(tempDir(), 'cache');
    for (const args of [
      ['faq', '3'],
      ['read', 'salary'],
      ['phases', '2'],
    ]) {
      const fresh = run(args, 'off', config);
      expect(fresh.length).toBeGreaterThan(50);
      expect(run(args, cache, config)).toBe(fresh);
      expect(run(args, cache, config)).toBe(fresh);
    }
    const folder = readdirSync(cache).find((name) => name.startsWith('render-')) as string;
    const entries = readdirSync(join(cache, folder));
    expect(entries).toHaveLength(3);
    for (const entry of entries) writeFileSync(join(cache, folder, entry), 'garbage');
    expect(run(['faq', '3'], cache, config)).toBe(run(['faq', '3'], 'off', config));
    // The damaged entry was written again.
    const readable = entries.filter((entry) => readFileSync(join(cache, folder, entry), 'utf8') !== 'garbage');
    expect(readable).toHaveLength(1);
  });

  it.each([
    // A fast entry point's code (src/fast/run.ts), and the whole program's (a command's help).
    [['faq', '3'], /^code-[0-9a-f]+-fast-faq\.bin$/],
    [['help', 'check'], /^code-[0-9a-f]+-help\.bin$/],
  ])('keeps the compiled code of %j, and runs the same with it, without it and after it was damaged', (line, name) => {
    const config = tempDir();
    const cache = join(tempDir(), 'cache');
    const help = run(line, 'off', config);
    expect(run(line, cache, config)).toBe(help);
    const [code] = readdirSync(cache).filter((file) => name.test(file));
    expect(code).toBeDefined();
    const file = join(cache, code as string);
    expect(run(line, cache, config)).toBe(help);
    // Flip bits in the middle: the checksum no longer matches, so it is compiled afresh and written again.
    const data = readFileSync(file);
    for (let i = data.length >> 1; i < data.length; i += 101) data[i] = (data[i] as number) ^ 0x5a;
    writeFileSync(file, data);
    expect(run(line, cache, config)).toBe(help);
    expect(run(['roadmap'], cache, config)).toBe(run(['roadmap'], 'off', config));
    expect(readFileSync(file).equals(data)).toBe(false);
    writeFileSync(file, data.subarray(0, 1000));
    expect(run(line, cache, config)).toBe(help);
  });

  it('keeps compiled code for each command apart, and none for a mistyped command', () => {
    const config = tempDir();
    const cache = join(tempDir(), 'cache');
    for (const args of [['--help'], ['roadmap'], ['help', 'check'], ['roadmap']]) run(args, cache, config);
    const env = { ...process.env, MLROADMAP_CACHE_DIR: cache, MLROADMAP_CONFIG_DIR: config };
    expect(spawnSync(process.execPath, [BIN, 'roadmapp'], { env }).status).toBe(2);
    const files = readdirSync(cache).filter((name) => name.startsWith('code-'));
    // Each cache beside the stamp that says its sum was checked as it was written (boot.ts, readCodeCache).
    expect(files.filter((name) => name.endsWith('.ok')).sort()).toEqual(
      files
        .filter((name) => name.endsWith('.bin'))
        .map((name) => name.replace(/\.bin$/, '.ok'))
        .sort(),
    );
    const names = files.filter((name) => name.endsWith('.bin')).map((name) => name.replace(/^code-[0-9a-f]+-/, ''));
    // roadmap through its fast entry point, a command's help through the whole program. The program's
    // help went through its entry point too, which is small enough to compile faster than a cache reads.
    expect(names.sort()).toEqual(['fast-roadmap.bin', 'help.bin']);
  });

  it('works when the cache folder cannot be created', () => {
    const config = tempDir();
    const blocked = join(tempDir(), 'file');
    writeFileSync(blocked, '');
    expect(run(['faq', '3'], join(blocked, 'cache'), config)).toBe(run(['faq', '3'], 'off', config));
  });
});
