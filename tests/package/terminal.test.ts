import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, loadPty, RUNNER_TERMINAL_ENV as OWN, shippedRoadmap } from '../helpers.js';
import { afterPtyExit } from '../robustness/support.js';

const ESCAPE = /[\u001b\u009b]/;
const roadmap = await shippedRoadmap();
const work = mkdtempSync(join(tmpdir(), 'mlroadmap-terminal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a plain terminal session, with no colour or link settings of the test runner's own. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !OWN.includes(name)) base[name] = value;
  }
  return { ...base, TERM: 'xterm-256color', MLROADMAP_CONFIG_DIR: join(work, 'config'), ...extra };
}

/** Runs a shell pipeline, as a learner would type it. */
function sh(line: string, extra: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', line], { env: env({ MLROADMAP: `"${process.execPath}" "${BIN}"`, ...extra }) }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

describe('listings into a pipe', () => {
  it.each([
    ['sections', roadmap.sections.length],
    ['skills', roadmap.skills.length],
    ['phases', roadmap.phases.length],
    ['certs', roadmap.certifications.length],
    ['faq', roadmap.faqs.length],
    ['roadmap', roadmap.steps.length],
  ])('`mlroadmap %s | wc -l` counts one line per item, with no decoration', async (command, count) => {
    expect(Number((await sh(`eval "$MLROADMAP ${command}" | wc -l`)).trim())).toBe(count);
    const out = await sh(`eval "$MLROADMAP ${command}" | cat`);
    expect(out).not.toMatch(ESCAPE);
    expect(
      out
        .trimEnd()
        .split('\n')
        .filter((line) => line.trim() === ''),
    ).toEqual([]);
  });

  it('lets grep find a step by a word of its title', async () => {
    const number = roadmap.steps.findIndex((step) => step.id === 'github-portfolio') + 1;
    expect((await sh('eval "$MLROADMAP roadmap" | grep -i portfolio')).trim()).toMatch(
      new RegExp(`^${number}\\. \\[ \\] github-portfolio +Publish a portfolio on GitHub  0/\\d+$`),
    );
  });
});

// Without a pseudo-terminal (no prebuilt node-pty for this platform), the terminal half is skipped.
const { pty } = await loadPty();

/**
 * Runs the program on a pseudo-terminal and returns everything it wrote. With `leaveOn`, presses Esc
 * once that text is on screen (the tutor waits for a key).
 */
function onTerminal(args: string[], extra: Record<string, string> = {}, leaveOn?: string): Promise<string> {
  const spawn = pty?.spawn;
  if (!spawn) throw new Error('node-pty is not available');
  return new Promise((resolve) => {
    // node-pty sets TERM to `name`.
    const term = spawn(process.execPath, [BIN, ...args], { name: extra.TERM ?? 'xterm-256color', cols: 100, rows: 40, env: env(extra) });
    let out = '';
    let left = false;
    term.onData((data) => {
      out += data;
      if (leaveOn && !left && out.includes(leaveOn)) {
        left = true;
        term.write('\u001b');
      }
    });
    void afterPtyExit(term, () => resolve(out));
  });
}

/** A colour or text style (SGR) other than a plain reset; cursor moves and erases do not count. */
const STYLE = /\u001b\[(?!0?m)[0-9;]*m/;

describe.skipIf(!pty)('on a terminal', () => {
  it('colours and decorates the roadmap', async () => {
    const out = await onTerminal(['roadmap']);
    expect(out).toMatch(ESCAPE);
    expect(out).toContain(roadmap.title);
  });

  it.each([
    ['kitty', { TERM: 'xterm-kitty' }, true],
    ['GNOME Terminal (VTE 0.76)', { VTE_VERSION: '7600' }, true],
    ['a terminal that does not say it shows them', {}, false],
  ])('prints links as hyperlinks on %s: %s', async (_name, extra, linked) => {
    const out = await onTerminal(['next'], extra);
    expect(out).toContain('The Python Tutorial');
    expect(out.includes('\u001b]8;;https://docs.python.org/3/tutorial/')).toBe(linked);
  });

  it.each([
    ['NO_COLOR=1', ['roadmap'], { NO_COLOR: '1' }],
    ['NO_COLOR=1 even with FORCE_COLOR=3', ['roadmap'], { NO_COLOR: '1', FORCE_COLOR: '3' }],
    ['--no-color', ['roadmap', '--no-color'], {}],
    ['FORCE_COLOR=0', ['roadmap'], { FORCE_COLOR: '0' }],
  ])('prints no colour with %s, but keeps the layout for a person', async (_name, args, extra) => {
    const out = await onTerminal(args, extra);
    expect(out).not.toMatch(ESCAPE);
    expect(out).toContain(roadmap.title);
    expect(out).toMatch(/[█░]{10,} \d+\/\d+ topics done/);
  });

  it.each([
    ['--no-color', ['start', '--no-color'], {}],
    ['NO_COLOR=1 even with FORCE_COLOR=3', ['start'], { NO_COLOR: '1', FORCE_COLOR: '3' }],
  ])('keeps the tutor prompts free of colour too with %s', async (_name, args, extra) => {
    const coloured = await onTerminal(['start'], {}, 'What would you like to do?');
    expect(coloured).toMatch(STYLE);
    const out = await onTerminal(args, extra, 'What would you like to do?');
    expect(out).toContain('What would you like to do?');
    expect(out).not.toMatch(STYLE);
    expect(out).not.toMatch(/Warning/);
  });
});

describe.skipIf(!pty)('errors on a terminal', () => {
  /** What the program writes to a pseudo-terminal `cols` wide, lines without their carriage returns. */
  function narrow(args: string[], cols: number): Promise<string[]> {
    const spawn = pty?.spawn;
    if (!spawn) throw new Error('node-pty is not available');
    return new Promise((resolve) => {
      const term = spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols, rows: 24, env: env({ NO_COLOR: '1' }) });
      let out = '';
      term.onData((data) => {
        out += data;
      });
      void afterPtyExit(term, () => resolve(out.replace(/\r/g, '').split('\n').filter(Boolean)));
    });
  }

  it.each([[['step', '99']], [['portfolio', 'chek', 'x']], [['plan', '--hours-per-week', 'lots']]])(
    'wrap %j at words to the width; in a pipe the same words are one line',
    async (args) => {
      const lines = await narrow(args, 40);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
      const piped = spawnSync(process.execPath, [BIN, ...args], { env: env(), encoding: 'utf8' });
      expect(piped.stderr.trimEnd().split('\n')).toHaveLength(1);
      // Wrapped at spaces: the words are the pipe's, none cut in two.
      expect(lines.join(' ')).toBe(piped.stderr.trimEnd());
    },
  );
});
