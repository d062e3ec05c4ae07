import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let snapshot: string | undefined;

/**
 * Spawned tests run the built CLI. It is copied (bin/ and dist/) into a temp folder first: a rebuild
 * while the tests run swaps dist/ away under processes that still load chunks from it.
 */
export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'mlroadmap.cjs')))
    throw new Error('dist/ is missing: run `npm run build` before the robustness tests');
  if (snapshot) return;
  const dir = tempDir('bin');
  for (let attempt = 0; ; attempt++) {
    try {
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
      break;
    } catch (error) {
      // A build swapped dist/ while we copied it: copy the new one.
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      if (attempt === 3) throw error;
    }
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  snapshot = join(dir, 'dist', 'mlroadmap.cjs');
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
}

/** A fresh temp folder, removed by `cleanup`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mlroadmap-${prefix}-`));
}

export function cleanup(...dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/** The id of step `n` (1-based) in a pack made by `writePack`. */
export const stepId = (n: number) => `step-${String(n).padStart(2, '0')}`;

/**
 * Writes a valid content pack with `steps` steps into a new temp folder and returns the folder.
 * `text` replaces the prose of every item, to smuggle hostile strings in.
 */
export function writePack(steps: number, options: { id?: string; text?: string } = {}): string {
  const dir = tempDir('pack');
  const text = JSON.stringify(options.text ?? 'Plain text.');
  writeFileSync(join(dir, 'pack.yaml'), `formatVersion: 1\nid: ${options.id ?? 'big'}\ntitle: ${text}\nwelcome: ${text}\n`);
  writeFileSync(join(dir, 'sections.yaml'), `- id: intro\n  title: ${text}\n  summary: ${text}\n  body: ${text}\n`);
  const items = Array.from(
    { length: steps },
    (_, index) =>
      `- id: ${stepId(index + 1)}\n  title: ${index === 0 ? text : JSON.stringify(`Step ${index + 1}`)}\n  description: ${text}\n  done: ${text}\n  resources: []\n  skills: []\n  effortHours: 1\n`,
  );
  writeFileSync(join(dir, 'roadmap.yaml'), items.join(''));
  writeFileSync(join(dir, 'faqs.yaml'), `- id: why\n  question: ${text}\n  answer: ${text}\n`);
  return dir;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  config: string;
  content?: string;
  env?: Record<string, string | undefined>;
  /** Called with the child once it is running, e.g. to kill it. */
  onSpawn?: (child: ChildProcess) => void;
  /** Kill the child after this long: a hang fails the test instead of stalling it. */
  timeoutMs?: number;
  /** A command the CLI is run under, e.g. `['unshare', '-m', ...]`; it gets `node dist/mlroadmap.cjs ...` as its last arguments. */
  prefix?: string[];
  cwd?: string;
}

/** Runs the built `dist/mlroadmap.cjs` with stdin closed, no terminal and no colour, against `config`. */
export function runBin(args: string[], options: RunOptions): Promise<Run> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    MLROADMAP_CONFIG_DIR: options.config,
    ...(options.content ? { MLROADMAP_CONTENT: options.content } : {}),
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    assertBuilt();
    const command = [...(options.prefix ?? []), process.execPath, snapshot as string, ...args];
    const child = spawn(command[0] as string, command.slice(1), {
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    options.onSpawn?.(child);
  });
}

/** The progress file in `config`, parsed; throws if it is not valid JSON. */
export function readProgressFile(config: string): {
  version: number;
  packs: Record<string, { steps: Record<string, { status: string }> }>;
} {
  return JSON.parse(readFileSync(join(config, 'progress.json'), 'utf8'));
}

/** The ids of the done steps of `pack` in the progress file, sorted. */
export function doneSteps(config: string, pack = 'big'): string[] {
  const steps = readProgressFile(config).packs[pack]?.steps ?? {};
  return Object.keys(steps)
    .filter((id) => steps[id]?.status === 'done')
    .sort();
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A stack trace printed to a learner: "    at fn (file:line:col)". */
export const STACK_TRACE = /^\s+at .+[:(]\d+/m;

/**
 * Resolves once a pseudo-terminal's process has exited and its output is all read: node-pty may
 * deliver the last data after the exit event, so the output is taken once nothing has come for 100 ms
 * (at most 2 s after the exit).
 */
export function afterPtyExit<T>(
  term: { onData(listener: (data: string) => void): unknown; onExit(listener: (event: { exitCode: number }) => void): unknown },
  done: (exitCode: number) => T,
): Promise<T> {
  return new Promise((resolve) => {
    let last = Date.now();
    term.onData(() => {
      last = Date.now();
    });
    term.onExit(({ exitCode }) => {
      const exited = Date.now();
      const settle = () => {
        if (Date.now() - last >= 100 || Date.now() - exited > 2000) resolve(done(exitCode));
        else setTimeout(settle, 20);
      };
      setTimeout(settle, 20);
    });
  });
}
