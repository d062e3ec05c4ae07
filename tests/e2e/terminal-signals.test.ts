import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, loadPty } from '../helpers.js';

// However `mlroadmap start` ends (a signal, or the terminal closed under it, as `tmux kill-pane`
// does), it leaves the terminal as it found it: raw mode off, the cursor shown, no stack trace, and
// the exit code a shell expects (128 + the signal; a lost terminal as a hang-up, 129).
const { pty, problem: ptyProblem } = await loadPty();
const built = existsSync(new URL('../../dist/mlroadmap.cjs', import.meta.url));
const skipReason = !pty ? ptyProblem : !built ? 'dist/ is not built: run npm run build' : '';
if (skipReason) console.warn(`tests/e2e/terminal-signals: skipped: ${skipReason}`);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function env(configDir: string): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _ignored, ...rest } = process.env;
  return { ...rest, MLROADMAP_CONFIG_DIR: configDir, MLROADMAP_CACHE_DIR: 'off', NO_COLOR: '1' };
}

/** Runs `file args` in an 80x24 pseudo-terminal; resolves `ready` once the output shows `text`. */
function spawnIn(file: string, args: string[], configDir: string) {
  if (!pty) throw new Error(ptyProblem);
  const term = pty.spawn(file, args, { name: 'xterm-256color', cols: 80, rows: 24, cwd: process.cwd(), env: env(configDir) });
  let raw = '';
  const waiters = new Set<() => void>();
  term.onData((data) => {
    raw += data;
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  const waitFor = (text: string, ms = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!raw.includes(text)) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${text}; the output was:\n${raw}`));
      }, ms);
      waiters.add(check);
      check();
    });
  return { term, raw: () => raw, exited, waitFor };
}

/** The pid of the one child of `pid`. */
function childOf(pid: number): number {
  return Number(execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim());
}

describe.skipIf(skipReason !== '')('mlroadmap start ended from outside', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGQUIT', 131],
    ['SIGINT', 130],
  ] as const)('on %s: raw mode off, the cursor shown, exit code %i, nothing on screen but the tutor', async (signal, code) => {
    const configDir = mkdtempSync(join(tmpdir(), 'mlroadmap-signal-'));
    dirs.push(configDir);
    // A shell that, once mlroadmap has ended, says its exit code and the terminal's settings ("icanon"
    // and "echo" are on again once raw mode is off), as the learner's shell would find them.
    const script = `"${process.execPath}" "${BIN}" start; echo "exit=$?"; stty -a; echo "checked: $((6 * 7))"`;
    const tutor = spawnIn('/bin/sh', ['-c', script], configDir);
    try {
      await tutor.waitFor('navigate');
      // The menu is up, its cursor hidden.
      expect(tutor.raw()).toContain('\u001b[?25l');
      process.kill(childOf(tutor.term.pid), signal);
      await tutor.waitFor('checked: 42');
      const raw = tutor.raw();
      expect(raw).toContain(`exit=${code}`);
      const after = raw.slice(raw.indexOf('exit='));
      expect(after).toMatch(/[ \n]icanon /);
      expect(after).toMatch(/[ \n]echo /);
      const tutorOutput = raw.slice(0, raw.indexOf('exit='));
      expect(tutorOutput.lastIndexOf('\u001b[?25h')).toBeGreaterThan(tutorOutput.lastIndexOf('\u001b[?25l'));
      expect(tutorOutput).not.toMatch(/Error|at .*\.js:\d+|Assertion/);
    } finally {
      tutor.term.kill('SIGKILL');
    }
  });

  it('when the terminal closes under it (as tmux kill-pane does): leaves quietly with 129, no setRawMode EIO, no Node assertion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-lost-'));
    dirs.push(dir);
    // A parent that outlives the terminal records how mlroadmap ended and what it wrote on stderr.
    // It ignores the hang-up itself; mlroadmap learns of the closed terminal from its input.
    const parent = `
      const { spawn } = require('node:child_process');
      const fs = require('node:fs');
      process.on('SIGHUP', () => {});
      const child = spawn(process.execPath, [${JSON.stringify(BIN)}, 'start'], {
        stdio: ['inherit', 'inherit', fs.openSync(${JSON.stringify(join(dir, 'stderr'))}, 'w')],
      });
      child.on('exit', (code, signal) => fs.writeFileSync(${JSON.stringify(join(dir, 'exit'))}, JSON.stringify({ code, signal })));
    `;
    const tutor = spawnIn(process.execPath, ['-e', parent], join(dir, 'config'));
    await tutor.waitFor('navigate');
    (tutor.term as unknown as { destroy(): void }).destroy();
    const exit = join(dir, 'exit');
    for (let i = 0; i < 100 && !existsSync(exit); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(JSON.parse(readFileSync(exit, 'utf8'))).toEqual({ code: 129, signal: null });
    expect(readFileSync(join(dir, 'stderr'), 'utf8')).toBe('');
  });
});
