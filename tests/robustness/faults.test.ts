import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanup, type Run, runBin, STACK_TRACE, stepId, tempDir, writePack } from './support.js';

// Faults a learner meets outside the happy path, each against the real built CLI: a disk that fills
// up, a writer stopped with Ctrl+Z while it holds the lock, a lock left by a crashed process, a reader
// while another roadmap is reset, a signal while the lock is held, and paths that make naive file
// code hang (/proc, a FIFO, /dev/zero).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LOCK = 'progress.json.lock';
const dirs: string[] = [];
/** A copy of the built CLI of our own, for the shell script that runs it in a mount namespace. */
let bin: string;
let pack: string;

beforeAll(() => {
  assertBuilt();
  const dir = folder('faults-bin');
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  bin = join(dir, 'dist', 'mlroadmap.cjs');
  pack = folderOf(writePack(3));
});
afterAll(() => cleanup(...dirs));

function folder(name: string): string {
  const dir = tempDir(name);
  dirs.push(dir);
  return dir;
}

function folderOf(dir: string): string {
  dirs.push(dir);
  return dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Note {
  at: string;
  text: string;
}

/** The progress file in `config`, parsed (throws if it is not JSON), with its notes. */
function readFile(config: string): {
  packs: Record<string, { steps: Record<string, { status: string }>; notes?: Record<string, Note[]> }>;
} {
  return JSON.parse(readFileSync(join(config, 'progress.json'), 'utf8'));
}

function notesOn(config: string, step: string, pack = 'big'): string[] {
  return (readFile(config).packs[pack]?.notes?.[step] ?? []).map((note) => note.text);
}

/** A config folder whose progress file holds `count` notes of 1 KB on step 1 of `big`: a save of it takes a while. */
function bigConfig(count = 1500): string {
  const config = folder('faults-big');
  const at = new Date('2026-01-01T00:00:00.000Z').toISOString();
  const notes = Array.from({ length: count }, (_, i) => ({ at, text: `note ${i} ${'lorem ipsum '.repeat(85)}`.slice(0, 1024) }));
  writeFileSync(
    join(config, 'progress.json'),
    `${JSON.stringify({ version: 1, packs: { big: { steps: {}, notes: { 'step-01': notes } } } }, null, 2)}\n`,
  );
  return config;
}

/** An error a learner can read: exit 1, one line, no stack trace. */
function expectOneLineError(run: Run, message: RegExp): void {
  expect(run.signal, run.stderr).toBeNull();
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(STACK_TRACE);
}

/**
 * What stands at the lock's path, as a key that changes when another takes the lock: a lock file's
 * pid and token, or a lock folder's inode (as an older mlroadmap made it; a folder does not say
 * whose it is, but only one writer runs while we watch).
 */
function lockKey(config: string): { pid?: number; key: string } | undefined {
  const path = join(config, LOCK);
  try {
    const stat = lstatSync(path);
    if (stat.isDirectory()) return { key: `folder ${stat.ino}` };
    const owner = JSON.parse(readFileSync(path, 'utf8'));
    return typeof owner?.pid === 'number' ? { pid: owner.pid, key: `${owner.pid} ${owner.token}` } : undefined;
  } catch {
    return undefined;
  }
}

/** A temp file of a save in progress is there: the writer has read the file and is writing it back. */
function isWriting(config: string): boolean {
  return readdirSync(config).some((name) => name.startsWith('progress.json.tmp-'));
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

/** What `stopWhileHolding` waits on between two looks: nothing ever wakes it, so each wait is its timeout. */
const NAP = new Int32Array(new SharedArrayBuffer(4));

/**
 * Watches (synchronously, for up to 3 s: the lock is held for a fraction of a second) for the lock
 * in `config` to name `child`, then stops the child with SIGSTOP. True when the child is stopped
 * while it holds the lock; otherwise it runs on. It looks every millisecond, blocking in between: the
 * lock is held for tens of milliseconds (a save of a large file), and a loop that looked without a
 * pause spent a core for the quarter of a second each child takes to start, a core the child and the
 * other tests needed.
 */
function stopWhileHolding(config: string, child: ChildProcess, writing: boolean): boolean {
  const deadline = Date.now() + 3000;
  for (let spin = 0; Date.now() < deadline; spin++) {
    const seen = lockKey(config);
    if (seen && (seen.pid === undefined || seen.pid === child.pid) && (!writing || isWriting(config))) {
      child.kill('SIGSTOP');
      if (lockKey(config)?.key === seen.key) return true;
      // It let go between our look and the signal.
      child.kill('SIGCONT');
      return false;
    }
    if (spin % 16 === 15 && isZombie(child.pid as number)) return false;
    Atomics.wait(NAP, 0, 0, 1);
  }
  return false;
}

/**
 * Runs `args(attempt)` until one run is caught holding the lock and stopped (up to 15 attempts; the
 * ones that slip through finish normally). Returns the stopped child and its run.
 */
async function runStoppedHoldingLock(
  args: (attempt: number) => string[],
  config: string,
  writing = false,
): Promise<{ child: ChildProcess; run: Promise<Run>; attempt: number }> {
  for (let attempt = 1; attempt <= 15; attempt++) {
    let child: ChildProcess | undefined;
    let caught = false;
    const run = runBin(args(attempt), {
      config,
      content: pack,
      timeoutMs: 60_000,
      onSpawn: (spawned) => {
        child = spawned;
        caught = stopWhileHolding(config, spawned, writing);
      },
    });
    if (caught && child) return { child, run, attempt };
    await run;
  }
  throw new Error('never caught a writer holding the lock in 15 attempts');
}

/** Runs `script` with sh in a new user and mount namespace; resolves with its stdout and stderr. */
function runInNamespace(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-rm', 'sh', '-c', script], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const unshareWorks = spawnSync('unshare', ['-rm', 'true'], { stdio: 'ignore' }).status === 0;

// These two take the longest, one mostly waiting (a writer stopped for 12 s), the other spawning one
// process at a time: they run side by side. Neither measures time, so neither slows the other's result.
describe.concurrent('slow faults, side by side', () => {
  describe('a full disk', () => {
    it('every save either lands whole or fails with "the disk is full", and the file always parses', async (ctx) => {
      if (!unshareWorks) ctx.skip('`unshare -rm true` fails here: no user and mount namespace to mount a small tmpfs in');
      const disk = folder('faults-disk');
      const scratch = folder('faults-scratch');
      // After each run: its exit code, its stderr (prefixed), and a copy of the file, parsed below.
      const script = `
        mount -t tmpfs -o size=64k tmpfs "$DISK" || { echo NOMOUNT; exit 0; }
        export MLROADMAP_CONFIG_DIR="$DISK"
        TEXT=$(head -c 3000 /dev/zero | tr '\\0' 'n')
        i=1
        while [ $i -le 40 ]; do
          node "$BIN" note 1 "$i $TEXT" >"$SCRATCH/out" 2>"$SCRATCH/err"
          echo "RUN $i $?"
          sed "s/^/ERR $i /" "$SCRATCH/err"
          cp "$DISK/progress.json" "$SCRATCH/after-$i.json" 2>/dev/null || :
          i=$((i + 1))
        done
        node -e "const p=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')); console.log('NOTES', (p.packs.big.notes['step-01']||[]).map(n=>n.text.split(' ')[0]).join(','))" "$DISK/progress.json"
        for f in "$DISK"/*; do echo "LS $(basename "$f")"; done
        node "$BIN" doctor >"$SCRATCH/out" 2>&1
        echo "DOCTOR $?"
        sed "s/^/DOC /" "$SCRATCH/out"
      `;
      const result = await runInNamespace(script, { DISK: disk, SCRATCH: scratch, BIN: bin, MLROADMAP_CONTENT: pack });
      if (result.stdout.startsWith('NOMOUNT')) ctx.skip(`cannot mount a tmpfs in a user namespace here: ${result.stderr.trim()}`);
      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.split('\n');
      const field = (tag: string) => lines.filter((line) => line.startsWith(`${tag} `)).map((line) => line.slice(tag.length + 1));

      const runs = field('RUN').map((line) => line.split(' ').map(Number) as [number, number]);
      expect(runs).toHaveLength(40);
      const stderrOf = (i: number) =>
        field('ERR')
          .filter((line) => line.startsWith(`${i} `))
          .map((line) => line.slice(String(i).length + 1));
      const saved = runs.filter(([, code]) => code === 0).map(([i]) => i);
      const failed = runs.filter(([, code]) => code !== 0);

      // The file parses after every run (a run that left no file copied none).
      const parses = (i: number) => {
        try {
          JSON.parse(readFileSync(join(scratch, `after-${i}.json`), 'utf8'));
          return true;
        } catch {
          return false;
        }
      };
      expect(runs.filter(([i]) => !parses(i)).map(([i]) => `run ${i}: the file does not parse`)).toEqual([]);
      // Every run that said it saved is in the file, in order, and none that failed.
      expect(field('NOTES')[0]?.split(',').map(Number)).toEqual(saved);
      expect(saved.length).toBeGreaterThan(0);
      // The disk did fill up, and each failure said so in one line.
      expect(failed.length).toBeGreaterThan(0);
      for (const [i, code] of failed) {
        expect(code).toBe(1);
        const stderr = stderrOf(i);
        expect(stderr, stderr.join('\n')).toHaveLength(1);
        expect(stderr[0]).toMatch(/^mlroadmap: could not save progress to .*the disk is full/);
      }
      for (const [i] of runs) expect(stderrOf(i).join('\n')).not.toMatch(STACK_TRACE);
      // No half-written temp file is left to keep the disk full.
      expect(field('LS')).toEqual(['progress.json']);
      // doctor tells the learner why.
      expect(field('DOC').join('\n')).toMatch(/disk is full/);
    }, 90_000);
  });

  describe('a writer paused (SIGSTOP, Ctrl+Z) while it holds the lock', () => {
    it('is not taken over after the old 10 s stale time: every save that reports success is kept, the rest say "paused"', async () => {
      const config = bigConfig();
      const { child, run, attempt } = await runStoppedHoldingLock((n) => ['note', '2', `frozen-${n}`], config, true);
      const writers = Array.from({ length: 6 }, (_, i) =>
        runBin(['note', '3', `other-${i + 1}`], { config, content: pack, timeoutMs: 60_000 }),
      );
      // Stopped for longer than the old 10 s stale time, and long enough for writers that took the lock
      // over at 10 s to finish before it resumes and renames its temp file over theirs.
      await sleep(12_000);
      child.kill('SIGCONT');
      const [frozen, ...others] = (await Promise.all([run, ...writers])) as [Run, ...Run[]];

      const onStep3 = notesOn(config, stepId(3));
      others.forEach((other, i) => {
        if (other.code === 0) expect(onStep3, `writer ${i + 1} said it saved`).toContain(`other-${i + 1}`);
        else expectOneLineError(other, /paused/);
      });
      expect(frozen.stderr).not.toMatch(STACK_TRACE);
      if (frozen.code === 0) expect(notesOn(config, stepId(2))).toContain(`frozen-${attempt}`);
      else expect(frozen.signal).toBeNull();
      expect(notesOn(config, stepId(1))).toHaveLength(1500);
    }, 120_000);
  });
});

describe('a lock left by a process that is gone', () => {
  const WRITERS = 32;
  const notes = (config: string) => runAll(config, (i) => ['note', '1', `n-${i}`]);
  function runAll(config: string, args: (i: number) => string[]) {
    return Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const start = Date.now();
        const run = await runBin(args(i), { config, content: pack, timeoutMs: 60_000 });
        return { ...run, ms: Date.now() - start };
      }),
    );
  }
  function expectAllKept(config: string, runs: (Run & { ms: number })[]) {
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(notesOn(config, stepId(1)).sort()).toEqual(Array.from({ length: WRITERS }, (_, i) => `n-${i}`).sort());
    expect(readdirSync(config)).toEqual(['progress.json']);
  }

  it(`${WRITERS} writers racing for a dead process's lock, then for an old lock folder: all save, nothing is left`, async () => {
    // A pid that was just in use and is not any more.
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const pid = dead.pid as number;
    await new Promise((resolve) => dead.on('close', resolve));
    const config = folder('faults-dead');
    writeFileSync(join(config, LOCK), `${JSON.stringify({ pid, host: hostname(), token: `${pid}-dead-token` })}\n`);
    const runs = await notes(config);
    expectAllKept(config, runs);
    // Taken over at once, not after the lock has aged.
    expect(Math.min(...runs.map((run) => run.ms))).toBeLessThan(9000);

    const legacy = folder('faults-legacy');
    mkdirSync(join(legacy, LOCK));
    writeFileSync(join(legacy, LOCK, 'inside'), 'x');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(legacy, LOCK), old, old);
    expectAllKept(legacy, await notes(legacy));
  }, 120_000);
});

describe('reading while another roadmap is reset', () => {
  it('`progress --json` never sees its steps vanish while `reset --yes` runs on another pack', async () => {
    const config = folder('faults-reset');
    const at = '2026-01-01T00:00:00.000Z';
    const done = { status: 'done', updatedAt: at, completedAt: at };
    writeFileSync(
      join(config, 'progress.json'),
      `${JSON.stringify({
        version: 1,
        packs: {
          big: { steps: { [stepId(1)]: done, [stepId(2)]: done } },
          other: { steps: { [stepId(1)]: done, [stepId(2)]: done, [stepId(3)]: done } },
        },
      })}\n`,
    );
    const other = folderOf(writePack(3, { id: 'other' }));
    const runs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? runBin(['reset', '--yes'], { config, content: other, timeoutMs: 60_000 }).then((run) => ({ kind: 'reset', run }))
          : runBin(['progress', '--json'], { config, content: pack, timeoutMs: 60_000 }).then((run) => ({ kind: 'read', run })),
      ),
    );
    for (const { kind, run } of runs) {
      expect(run, `${kind}: ${run.stderr}`).toMatchObject({ code: 0, stderr: '' });
      if (kind === 'read') expect(JSON.parse(run.stdout).stepsDone, run.stdout).toBe(2);
    }
    expect(Object.keys(readFile(config).packs.big?.steps ?? {}).sort()).toEqual([stepId(1), stepId(2)]);
  }, 120_000);
});

describe('a signal while the lock is held', () => {
  // Five rounds each, caught either the moment the lock is made or while the file is being written:
  // the old lock was left behind only when the signal came at some instants, so one round proves little.
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: the process ends at once, removes its lock, and the next change does not wait',
    async (signal) => {
      for (let round = 1; round <= 5; round++) {
        const config = bigConfig();
        const { child, run } = await runStoppedHoldingLock(() => ['check', '1'], config, round % 2 === 0);
        child.kill(signal);
        const sent = Date.now();
        child.kill('SIGCONT');
        const ended = await run;
        expect(Date.now() - sent, `round ${round}`).toBeLessThan(5000);
        expect(ended.stderr).not.toMatch(STACK_TRACE);
        expect(
          readdirSync(config).filter((name) => name.startsWith(LOCK)),
          `round ${round}`,
        ).toEqual([]);
        readFile(config);

        const start = Date.now();
        const next = await runBin(['check', '2'], { config, content: pack, timeoutMs: 30_000 });
        expect(Date.now() - start, `round ${round}`).toBeLessThan(3000);
        expect(next).toMatchObject({ code: 0, stderr: '' });
        expect(readFile(config).packs.big?.steps[stepId(2)]?.status).toBe('done');
      }
    },
    120_000,
  );
});

describe('paths that make file code hang', () => {
  it('a config folder under /proc: a change fails at once with one line, and a cache folder there is no problem', async () => {
    const inProc = await runBin(['check', '1'], { config: '/proc/self/x', content: pack, timeoutMs: 10_000 });
    expectOneLineError(inProc, /^mlroadmap: could not save progress/);

    const xdg = await runBin(['check', '1'], {
      config: 'unused',
      content: pack,
      env: { MLROADMAP_CONFIG_DIR: undefined, XDG_CONFIG_HOME: '/proc/self' },
      timeoutMs: 10_000,
    });
    expectOneLineError(xdg, /^mlroadmap: could not save progress/);

    const cache = await runBin(['roadmap'], {
      config: folder('faults-cache'),
      content: pack,
      env: { MLROADMAP_CACHE_DIR: '/proc/self/x' },
      timeoutMs: 10_000,
    });
    expect(cache, cache.stderr).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(cache.stdout).toContain(stepId(1));
  }, 60_000);

  it.each([
    ['a FIFO', (file: string) => execFileSync('mkfifo', [file])],
    ['a symlink to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)],
  ])(
    '%s as a pack file: validate and --content end at once, saying it is not a regular file',
    async (_, plant) => {
      const hostile = folderOf(writePack(3));
      rmSync(join(hostile, 'faqs.yaml'));
      plant(join(hostile, 'faqs.yaml'));
      const config = folder('faults-fifo');

      const validate = await runBin(['validate', hostile], { config, timeoutMs: 10_000 });
      expect(validate.signal, 'validate was killed after 10 s').toBeNull();
      expect(validate.code).toBe(1);
      expect(`${validate.stdout}${validate.stderr}`).toMatch(/faqs\.yaml.*not a regular file/);
      expect(validate.stderr).not.toMatch(STACK_TRACE);

      const roadmap = await runBin(['--content', hostile, 'roadmap'], { config, timeoutMs: 10_000 });
      expectOneLineError(roadmap, /faqs\.yaml.*not a regular file/);
    },
    60_000,
  );
});
