import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { BIN, makeContext, runCli } from '../helpers.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/data-scientist', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mlroadmap-packs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the built executable with stdin closed and output into pipes. */
function mlroadmap(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'MLROADMAP_CONTENT', 'XDG_CONFIG_HOME']) delete base[name];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...base, ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
    child.stdin?.destroy();
  });
}

const statusOf = (json: string, id: string) =>
  (JSON.parse(json).steps as { id: string; status: string }[]).find((s) => s.id === id)?.status;

describe('content packs', () => {
  it('the example pack shares a step id with the built-in one, so the tests below can tell mixing apart', async () => {
    const example = await loadPack(EXAMPLE);
    expect(example.id).toBe('data-scientist');
    expect(example.steps.map((step) => step.id)).toContain('python-and-math');
  });

  it('keeps progress per pack: a step checked in one pack stays unchecked in the other', async () => {
    const mine = await makeContext();
    const other = await makeContext({ roadmap: await loadPack(EXAMPLE), store: mine.store });
    expect((await runCli(other, ['check', 'python-and-math', 'sql-and-data'])).code).toBe(0);
    expect(statusOf((await runCli(mine, ['progress', '--json'])).out, 'python-and-math')).toBe('todo');
    expect(JSON.parse((await runCli(other, ['progress', '--json'])).out)).toMatchObject({
      pack: 'data-scientist',
      stepsDone: 2,
      stepsTotal: 5,
    });

    expect((await runCli(mine, ['check', 'apply-for-jobs'])).code).toBe(0);
    expect(JSON.parse((await runCli(other, ['progress', '--json'])).out).stepsDone).toBe(2);
    expect(Object.keys(mine.store.current.packs).sort()).toEqual(['data-scientist', 'ml-engineer']);
  });

  it('switches packs with --content and MLROADMAP_CONTENT in the real program, one progress file, nothing mixed', async () => {
    const env = { MLROADMAP_CONFIG_DIR: join(work, 'config') };
    expect((await mlroadmap(['--content', EXAMPLE, 'check', 'python-and-math'], env)).code).toBe(0);
    expect((await mlroadmap(['check', 'courses-and-tutorials'], env)).code).toBe(0);

    const builtIn = await mlroadmap(['progress', '--json'], env);
    expect(statusOf(builtIn.stdout, 'python-and-math')).toBe('todo');
    expect(statusOf(builtIn.stdout, 'courses-and-tutorials')).toBe('done');
    const example = await mlroadmap(['progress', '--json'], { ...env, MLROADMAP_CONTENT: EXAMPLE });
    expect(JSON.parse(example.stdout)).toMatchObject({ pack: 'data-scientist', stepsDone: 1 });
    expect(statusOf(example.stdout, 'python-and-math')).toBe('done');

    // --content wins over MLROADMAP_CONTENT; the listing then is the example pack's.
    const roadmap = await mlroadmap(['roadmap', `--content=${EXAMPLE}`], { ...env, MLROADMAP_CONTENT: '/no/such/pack' });
    expect(roadmap.stdout.split('\n').filter(Boolean)).toHaveLength(5);

    const file = JSON.parse(readFileSync(join(env.MLROADMAP_CONFIG_DIR, 'progress.json'), 'utf8'));
    expect(Object.keys(file.packs).sort()).toEqual(['data-scientist', 'ml-engineer']);

    // Resetting one pack leaves the other alone.
    expect((await mlroadmap(['reset', '--yes', '--content', EXAMPLE], env)).code).toBe(0);
    expect(statusOf((await mlroadmap(['progress', '--json'], env)).stdout, 'courses-and-tutorials')).toBe('done');
    expect(JSON.parse((await mlroadmap(['progress', '--json', '--content', EXAMPLE], env)).stdout).stepsDone).toBe(0);
  });

  it('names the broken pack in one line when --content points at one, and validate still reports on it', async () => {
    const broken = await mlroadmap(['roadmap'], { MLROADMAP_CONFIG_DIR: join(work, 'c2'), MLROADMAP_CONTENT: join(work, 'missing') });
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toContain(join(work, 'missing'));

    const noFolder = await mlroadmap(['--content'], { MLROADMAP_CONFIG_DIR: join(work, 'c2') });
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toBe("mlroadmap: option '--content <dir>' argument missing\n");

    const validate = await mlroadmap(['validate', EXAMPLE], {
      MLROADMAP_CONFIG_DIR: join(work, 'c2'),
      MLROADMAP_CONTENT: join(work, 'missing'),
    });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/valid pack "data-scientist"/);
  });
});
