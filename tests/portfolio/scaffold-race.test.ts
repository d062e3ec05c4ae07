import type * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { packProgress } from '../../src/progress/model.js';
import { makeContext, runCli } from '../helpers.js';

/**
 * `project start` while someone swaps the new folder (or a folder in it) for a link: the swap is
 * injected into the file system calls `project start` makes, at the moment a slow disk or a busy
 * machine would leave open, and nothing may land in the link's target.
 */

const real = await vi.importActual<typeof import('node:fs')>('node:fs');
/** Called after each mkdirSync and before each openSync of the code under test, with the absolute path. */
let hook: ((event: 'mkdir' | 'open', path: string) => void) | undefined;

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  const wrapped = {
    ...original,
    mkdirSync: ((path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
      const made = original.mkdirSync(path, options as never);
      hook?.('mkdir', resolve(String(path)));
      return made;
    }) as typeof original.mkdirSync,
    openSync: ((path: fs.PathLike, ...rest: unknown[]) => {
      hook?.('open', resolve(String(path)));
      return (original.openSync as (...args: unknown[]) => number)(path, ...rest);
    }) as typeof original.openSync,
  };
  return { ...wrapped, default: wrapped };
});

const roots: string[] = [];
afterEach(() => {
  hook = undefined;
  for (const dir of roots.splice(0)) real.rmSync(dir, { recursive: true, force: true });
});

function setting() {
  const root = real.mkdtempSync(join(tmpdir(), 'mlroadmap-race-'));
  roots.push(root);
  const outside = join(root, 'outside');
  real.mkdirSync(outside);
  return { root, outside, dir: join(root, 'project') };
}

/** Moves `path` aside and puts a link to `to` in its place, once. */
function swap(path: string, to: string): void {
  real.renameSync(path, `${path}-moved`);
  real.symlinkSync(to, path);
}

/** Every file under `dir`, relative to it. */
function everything(dir: string): string[] {
  return (real.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('project start with its folder swapped for a link mid-way', () => {
  it.each([
    ['the new folder, just after it is made', (dir: string) => (event: string, path: string) => event === 'mkdir' && path === dir],
    [
      'the new folder, between two files',
      (dir: string) => (event: string, path: string) => event === 'open' && basename(path) === '.gitignore' && path.startsWith(dir),
    ],
    [
      'a folder inside it (src), just after it is made',
      (dir: string) => (event: string, path: string) => event === 'mkdir' && path === join(dir, 'src'),
    ],
    [
      'a folder inside it (tests), before its file is written',
      (dir: string) => (event: string, path: string) => event === 'open' && path === join(dir, 'tests', 'test_smoke.py'),
    ],
  ])('%s: writes nothing into the link target, stops with one line, and does not mark the project started', async (_when, at) => {
    const { outside, dir } = setting();
    const cwd = process.cwd();
    const when = at(dir);
    let fired = false;
    hook = (event, path) => {
      if (fired || !when(event, path)) return;
      fired = true;
      // The folder swapped is the one named: the project folder, or the sub-folder the path is in.
      const victim = event === 'mkdir' ? path : path.endsWith('.gitignore') ? dir : resolve(path, '..');
      swap(victim, outside);
    };
    const ctx = await makeContext();
    const result = await runCli(ctx, ['project', 'start', '1', dir]);
    expect(fired).toBe(true);
    expect(everything(outside)).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/was replaced while its files were being written/);
    expect(packProgress(ctx.store.current, ctx.roadmap.id).projects).toBeUndefined();
    expect(process.cwd()).toBe(cwd);
  });

  it('with nothing swapped, writes every file into the folder and leaves the working directory as it was', async () => {
    const { outside, dir } = setting();
    const cwd = process.cwd();
    const ctx = await makeContext();
    const result = await runCli(ctx, ['project', 'start', '1', dir]);
    expect(result.code).toBe(0);
    expect(everything(dir)).toContain('src/house_prices_api/__init__.py');
    expect(everything(outside)).toEqual([]);
    expect(process.cwd()).toBe(cwd);
  });
});
