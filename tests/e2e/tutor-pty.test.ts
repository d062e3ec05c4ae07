import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import xterm from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, loadPty } from '../helpers.js';

// No pseudo-terminal on a platform without a prebuilt node-pty: say why and skip.
const { pty, problem: ptyProblem } = await loadPty();
const built = existsSync(new URL('../../dist/mlroadmap.cjs', import.meta.url));
const skipReason = !pty ? ptyProblem : !built ? 'dist/ is not built: run npm run build' : '';
if (skipReason) console.warn(`tests/e2e/tutor-pty: skipped: ${skipReason}`);

/**
 * The built mlroadmap in a pseudo-terminal, its output fed to a headless xterm so that tests read the
 * screen a learner would see (erased prompts gone, long lines wrapped), as `tmux capture-pane` does.
 */
function spawnTutor(configDir: string, cols: number, startRows = 30) {
  let rows = startRows;
  if (!pty) throw new Error(ptyProblem);
  const term = pty.spawn(process.execPath, [BIN, 'start'], {
    name: 'xterm-256color',
    cols,
    rows: startRows,
    cwd: process.cwd(),
    env: { ...withoutForceColor(process.env), MLROADMAP_CONFIG_DIR: configDir, NO_COLOR: '1' },
  });
  const screen = new xterm.Terminal({ cols, rows: startRows, scrollback: 5000, allowProposedApi: true });
  let raw = '';
  const waiters = new Set<() => void>();
  term.onData((data) => {
    raw += data;
    screen.write(data, () => {
      for (const wake of waiters) wake();
    });
  });
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  const lines = (from: number, to: number) => {
    const buffer = screen.buffer.active;
    return Array.from({ length: Math.max(0, to - from) }, (_, i) => buffer.getLine(from + i)?.translateToString(true) ?? '');
  };
  /** The rows on screen now. */
  const visible = () => lines(screen.buffer.active.viewportY, screen.buffer.active.viewportY + rows).join('\n');
  /** Everything printed, scrollback included. */
  const all = () => lines(0, screen.buffer.active.length).join('\n');
  /** Lines the terminal had to wrap because they were wider than it. */
  const overflowing = () => {
    const buffer = screen.buffer.active;
    return Array.from({ length: buffer.length }, (_, i) => i)
      .filter((i) => buffer.getLine(i)?.isWrapped)
      .map((i) => lines(i - 1, i + 1).join('⏎'));
  };

  /** Waits until the screen shows `text`; fails with the screen after `ms`. */
  const waitFor = (text: string | RegExp, ms = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const shown = visible();
        if (typeof text === 'string' ? !shown.includes(text) : !text.test(shown)) return;
        done();
        resolve(shown);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${String(text)}; the screen showed:\n${visible()}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  /** Resizes the window, as a learner dragging its corner does: the program gets SIGWINCH. */
  const resize = (newCols: number, newRows: number) => {
    rows = newRows;
    screen.resize(newCols, newRows);
    term.resize(newCols, newRows);
  };
  return { term, waitFor, exited, visible, all, overflowing, resize, raw: () => raw, write: (keys: string) => term.write(keys) };
}

/** The environment without FORCE_COLOR, which would override NO_COLOR. */
function withoutForceColor(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _ignored, ...rest } = env;
  return rest;
}

/**
 * Waits for the first question and goes past the first-run welcome to the menu. Where the welcome and
 * the menu do not fit the window together, the welcome comes first with its title at the top and
 * "Go on" under it; checks the title is on screen either way.
 */
async function pastWelcome(tutor: ReturnType<typeof spawnTutor>): Promise<void> {
  const first = await tutor.waitFor(/^❯ (Go on|Continue: step 1 of)/m);
  expect(first.split('\n')[0]).toBe('Becoming a machine-learning engineer');
  if (/^❯ Go on/m.test(first)) tutor.write('\r');
  await tutor.waitFor(/^❯ Continue: step 1 of/m);
}

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== '')('mlroadmap start in a real terminal', () => {
  it.each([
    [80, 24],
    [200, 50],
  ])(
    'ticks a step in the checklist (saved at once), Esc back to the menu, leaves with Ctrl+C (130, "Progress saved."), and the tick is kept (%ix%i)',
    async (cols, rows) => {
      const configDir = mkdtempSync(join(tmpdir(), 'mlroadmap-pty-'));
      dirs.push(configDir);
      const tutor = spawnTutor(configDir, cols, rows);
      try {
        await pastWelcome(tutor);
        tutor.write('\u001b[B'); // Down: from "Continue" to "Roadmap checklist".
        await tutor.waitFor(/^❯ Roadmap checklist/m);
        tutor.write('\r');
        await tutor.waitFor(/^❯ \[ \] 1\./m);
        tutor.write(' '); // Space ticks step 1, under the cursor, and saves it.
        const ticked = await tutor.waitFor('Ticked and saved.');
        expect(ticked).toMatch(/^❯ \[x\] 1\./m);
        tutor.write('\u001b'); // Escape: back to the menu, not out of the tutor.
        const menu = await tutor.waitFor(/^❯ Continue: step 2 of/m);
        expect(menu).toContain('What would you like to do?');
        expect(menu).not.toContain('Ticked and saved.');
        tutor.write('\u0003'); // Ctrl+C
        const code = await tutor.exited;
        expect(code).toBe(130);
        // The menu is erased and the line stands alone; no stack trace, no ExitPromptError. The last
        // output may reach the terminal after the exit is reported.
        const end = (await tutor.waitFor('Progress saved.', 5000)).trimEnd();
        expect(end.split('\n').at(-1)).toBe('Progress saved.');
        expect(end).not.toContain('What would you like to do?');
        expect(tutor.all()).not.toMatch(/ExitPromptError|InterruptedError|Error:|at .*\.js:\d+/);
        // Inquirer hides the cursor while a list is shown; it must be shown again before the end.
        const raw = tutor.raw();
        expect(raw.lastIndexOf('\u001b[?25h')).toBeGreaterThan(raw.lastIndexOf('\u001b[?25l'));
        // Nothing was wider than the terminal.
        expect(tutor.overflowing()).toEqual([]);
      } finally {
        try {
          tutor.term.kill();
        } catch {
          // It has already exited.
        }
      }

      const { stdout } = await run(process.execPath, [BIN, 'progress', '--json'], {
        env: { ...process.env, MLROADMAP_CONFIG_DIR: configDir },
      });
      const progress = JSON.parse(stdout) as { stepsDone: number; steps: { number: number; status: string }[] };
      expect(progress.stepsDone).toBe(1);
      expect(progress.steps.find((step) => step.number === 1)?.status).toBe('done');
    },
  );

  it('Escape in a quiz question erases it and its key hints and goes back; Ctrl+C then leaves quietly (130), nothing having been saved', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'mlroadmap-pty-'));
    dirs.push(configDir);
    const tutor = spawnTutor(configDir, 80, 24);
    try {
      await pastWelcome(tutor);
      tutor.write('\u001b[A'); // Up wraps round to "Quit", then "Rate my skills", then "Quizzes".
      await tutor.waitFor(/^❯ Quit/m);
      tutor.write('\u001b[A');
      await tutor.waitFor(/^❯ Rate my skills/m);
      tutor.write('\u001b[A');
      await tutor.waitFor(/^❯ Quizzes/m);
      tutor.write('\r');
      await tutor.waitFor('Which quiz?');
      tutor.write('\r');
      // The whole prompt, key hints included: a terminal may show it in more than one piece.
      const question = await tutor.waitFor(/Question 1 of[\s\S]*navigate/);
      expect(question).toContain('esc back');
      tutor.write('\u001b');
      const back = await tutor.waitFor('What next?');
      expect(back).not.toContain('Question 1 of');
      tutor.write('\u0003');
      expect(await tutor.exited).toBe(130);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(tutor.visible()).not.toContain('Progress saved.');
      expect(tutor.visible()).not.toContain('What next?');
    } finally {
      try {
        tutor.term.kill();
      } catch {
        // It has already exited.
      }
    }
  });

  it('leaves with Escape at the menu: exit code 0, the menu erased, and no "Progress saved." when nothing was saved', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'mlroadmap-pty-'));
    dirs.push(configDir);
    const tutor = spawnTutor(configDir, 80);
    try {
      await pastWelcome(tutor);
      tutor.write('\u001b'); // A lone Escape: readline reports it once no sequence follows.
      expect(await tutor.exited).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(tutor.visible()).not.toContain('What would you like to do?');
      expect(tutor.visible()).not.toContain('Progress saved.');
    } finally {
      try {
        tutor.term.kill();
      } catch {
        // It has already exited.
      }
    }
  });

  it('re-lays the menu when the window is resized from 200x50 to 40x20: every row inside 40 columns, words whole', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'mlroadmap-pty-'));
    dirs.push(configDir);
    const tutor = spawnTutor(configDir, 200, 50);
    try {
      await pastWelcome(tutor);
      tutor.resize(40, 20);
      // Drawn again to fit: the first choice is now cut to 40 columns.
      await tutor.waitFor(/^❯ Continue: step 1 of 10, Learn Python…$/m);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Down to "Projects", whose description names a folder.
      for (const row of ['Roadmap checklist', 'My progress', 'Review', 'Projects']) {
        tutor.write('\u001b[B');
        await tutor.waitFor(new RegExp(`^❯ ${row}`, 'm'));
      }
      const menu = await tutor.waitFor(/new\s+folder/);
      const prompt = menu.slice(menu.lastIndexOf('? What would you like to do?')).trimEnd().split('\n');
      // The menu, its description and its key hints fit the 20 rows, no line wider than the window.
      expect(prompt.length).toBeLessThanOrEqual(20);
      expect(prompt.every((line) => line.length <= 40)).toBe(true);
      expect(menu).not.toMatch(/fol\n(der)/);
      expect(prompt.join('\n')).toContain('esc leave');
      tutor.write('\u001b');
      expect(await tutor.exited).toBe(0);
    } finally {
      try {
        tutor.term.kill();
      } catch {
        // It has already exited.
      }
    }
  });
});
