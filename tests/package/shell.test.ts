import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers.js';

const home = mkdtempSync(join(tmpdir(), 'mlroadmap-shell-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Runs the built program as a script would: stdout and stderr piped, in a clean environment of its own. */
function run(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    MLROADMAP_CONFIG_DIR: join(home, 'config'),
    ...options.env,
  };
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    env,
    cwd: options.cwd ?? home,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('usage errors, in a pipe', () => {
  it.each([
    [['--foo'], "mlroadmap: unknown option '--foo'"],
    [['-v'], "mlroadmap: unknown option '-v' (Did you mean -V / --version?)"],
    [['help', 'nope'], "mlroadmap: unknown command 'nope' (Did you mean note?)"],
    [['nope'], "mlroadmap: unknown command 'nope' (Did you mean note?)"],
    [['roadmap', '--jsn'], "mlroadmap: unknown option '--jsn' (Did you mean --json?)"],
    // A first argument that is an action or a choice gets the same treatment as a command.
    [['portfolio', 'chek', 'x'], "mlroadmap: unknown action 'chek' (Did you mean check?)"],
    [['completion', 'powershell'], "mlroadmap: unknown shell 'powershell': use bash, zsh or fish"],
    [['project', 'strat', '1', 'houses'], "mlroadmap: unknown action 'strat' (Did you mean start?)"],
    [['completion', 'bsh'], "mlroadmap: unknown shell 'bsh' (Did you mean bash?)"],
    [['export', '--format', 'mdd'], "mlroadmap: unknown format 'mdd' for --format (Did you mean md?)"],
  ])('%j is one line on stderr with exit 2, not the help', (args, message) => {
    const result = run(args);
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toBe(`${message}\n`);
  });

  it('still prints the help for no command in a pipe, and for help <command>', () => {
    expect(run([]).out).toContain('Usage: mlroadmap');
    expect(run(['help', 'roadmap'])).toMatchObject({ code: 0, err: '' });
  });
});

describe('standard input and output as files', () => {
  it('exports to standard output with -o -, writing no file named "-", and imports from standard input with -', () => {
    run(['check', '1']);
    const exported = run(['export', '--format', 'json', '-o', '-']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ format: 'mlroadmap-progress' });
    expect(readdirSync(home)).not.toContain('-');
    run(['reset', '--yes']);
    const imported = run(['import', '-', '--yes'], { input: exported.out });
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toContain('Imported standard input');
    expect(JSON.parse(run(['progress', '--json']).out).stepsDone).toBe(1);
  });

  it('imports an export saved as UTF-16 with a byte order mark (Windows PowerShell 5.1 >), and one with a UTF-8 mark', () => {
    run(['check', '2']);
    const exported = run(['export', '--format', 'json']).out;
    run(['reset', '--yes']);
    const utf16 = join(home, 'utf16.json');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(exported, 'utf16le')]));
    expect(run(['import', utf16, '--yes'])).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(run(['progress', '--json']).out).steps[1].status).toBe('done');
    const bom = join(home, 'bom.json');
    writeFileSync(bom, `\uFEFF${exported}`);
    expect(run(['import', bom, '--yes']).code).toBe(0);
  });
});

describe('the terminal as the environment describes it', () => {
  it('wraps to COLUMNS when it is set, in a pipe too', () => {
    const narrow = run(['faq', '1'], { env: { COLUMNS: '30' } });
    expect(Math.max(...narrow.out.split('\n').map((line) => line.length))).toBeLessThanOrEqual(30);
    const wide = run(['faq', '1'], { env: { COLUMNS: '140' } });
    expect(Math.max(...wide.out.split('\n').map((line) => line.length))).toBeGreaterThan(80);
    // Nonsense is ignored.
    expect(run(['faq', '1'], { env: { COLUMNS: 'wide' } }).code).toBe(0);
  });
});

describe('TERM=dumb, on a terminal', async () => {
  const { loadPty } = await import('../helpers.js');
  const { pty, problem } = await loadPty();

  /** Runs the program in a pseudo-terminal and gives back all it wrote, once it has exited. */
  function inTerminal(args: string[], env: Record<string, string>): Promise<{ code: number; screen: string }> {
    return new Promise((resolve) => {
      if (!pty) throw new Error(problem);
      const term = pty.spawn(process.execPath, [BIN, ...args], {
        cols: 80,
        rows: 24,
        cwd: home,
        env: { PATH: process.env.PATH ?? '', HOME: home, MLROADMAP_CONFIG_DIR: join(home, 'config'), ...env },
      });
      let screen = '';
      term.onData((data) => {
        screen += data;
      });
      term.onExit(({ exitCode }) => resolve({ code: exitCode, screen }));
    });
  }

  it.skipIf(!pty)('prints plain ASCII: no block characters, no escape codes; the tutor is refused instead of drawn', async () => {
    const progress = await inTerminal(['progress'], { TERM: 'dumb' });
    expect(progress.code).toBe(0);
    expect(progress.screen).toMatch(/\[#*-+\] \d+\/\d+ topics done/);
    expect(progress.screen).not.toMatch(/[\u2580-\u259f]|\u001b/);
    const tutor = await inTerminal(['start'], { TERM: 'dumb' });
    expect(tutor.code).toBe(2);
    expect(tutor.screen).toContain('needs a terminal');
    expect(tutor.screen).not.toMatch(/\u001b/);
    // The same terminal with TERM set draws the bar.
    expect((await inTerminal(['progress'], { TERM: 'xterm-256color' })).screen).toMatch(/[\u2580-\u259f]/);
  });
});
