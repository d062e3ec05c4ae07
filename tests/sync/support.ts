import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aliasedStore } from '../../src/progress/aliases.js';
import { createFileStore } from '../../src/progress/store.js';
import { BIN, makeContext, runCli, type TestContext } from '../helpers.js';

/** Real git and the built CLI, each "machine" a config folder of its own, a bare repository as the remote. */

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export function workspace(name: string): { root: string; remote: string } {
  const root = mkdtempSync(join(tmpdir(), `mlroadmap-sync-${name}-`));
  const remote = join(root, 'remote.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);
  // A home with no git identity and no config: mlroadmap must commit with its own.
  mkdirSync(join(root, 'home'));
  return { root, remote };
}

export function machine(root: string, name: string, extraEnv: Record<string, string> = {}) {
  const config = join(root, name);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: join(root, 'home'),
    MLROADMAP_CONFIG_DIR: config,
    MLROADMAP_SYNC_TIMEOUT_MS: '20000',
    ...extraEnv,
  };
  const run = (args: string[], more: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { env: { ...env, ...more }, encoding: 'utf8', timeout: 60_000 },
        (error, stdout, stderr) => {
          const failure = error as (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals }) | null;
          resolve({
            code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
            signal: failure?.signal ?? null,
            out: stdout,
            err: stderr,
          });
        },
      );
    });
  const ok = async (args: string[]): Promise<string> => {
    const result = await run(args);
    if (result.code !== 0) throw new Error(`${name}: mlroadmap ${args.join(' ')} exited ${result.code ?? result.signal}: ${result.err}`);
    return result.out;
  };
  const file = join(config, 'progress.json');
  /** This machine's progress file as main.ts opens it, read and changed by the commands in this process, on the real clock. */
  const inProcess = async (): Promise<TestContext> => {
    const ctx = await makeContext({ store: aliasedStore(createFileStore(config), () => ctx.roadmap) as TestContext['store'] });
    ctx.now = () => new Date();
    ctx.random = Math.random;
    return ctx;
  };
  return {
    name,
    config,
    file,
    run,
    ok,
    /** The progress file's bytes ('' when there is none). */
    bytes: () => (existsSync(file) ? readFileSync(file, 'utf8') : ''),
    /**
     * What a learner sees of their progress, in JSON: every list that must agree across machines. Read
     * by the commands in this process, on this machine's progress file as main.ts opens it: the syncs
     * are the built CLI's, and `spawnedView` reads the same lists through it.
     */
    async view(): Promise<Record<string, unknown>> {
      const ctx = await inProcess();
      return viewOf(async (args) => {
        const result = await runCli(ctx, args);
        if (result.code !== 0) throw new Error(`${name}: mlroadmap ${args.join(' ')} exited ${result.code} in-process: ${result.err}`);
        return result.out;
      });
    },
    /**
     * A change made on this machine before a test syncs it (`check`, `note`, `log`...), run by the
     * commands in this process, as `view` reads, on this machine's progress file: a setup step, what
     * the test is about being the syncs, which the built CLI runs. Each change is made at least a few
     * milliseconds after the one before (as a process of its own would be), so no two share a time.
     */
    async change(args: string[]): Promise<string> {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const result = await runCli(await inProcess(), args);
      if (result.code !== 0) throw new Error(`${name}: mlroadmap ${args.join(' ')} exited ${result.code} in-process: ${result.err}`);
      return result.out;
    },
    /** The same view as `view`, each list read by a process of the built CLI. */
    spawnedView: (): Promise<Record<string, unknown>> => viewOf(ok),
  };
}

async function viewOf(read: (args: string[]) => Promise<string>): Promise<Record<string, unknown>> {
  const json = async (args: string[]) => JSON.parse(await read(args)) as unknown;
  return {
    progress: await json(['progress', '--json']),
    reviews: await json(['review', '--list', '--json']),
    log: await json(['log', '--all', '--json']),
    notes: [await json(['note', '1', '--json']), await json(['note', '2', '--json'])],
  };
}

export type Machine = ReturnType<typeof machine>;
