import { describe, expect, it } from 'vitest';
import { buildProgram, formatCommanderError } from '../src/cli.js';
import { makeContext, runCli } from './helpers.js';

const CORE_COMMANDS = ['start', 'sections', 'read', 'skills', 'phases', 'certs', 'faq', 'roadmap', 'check', 'uncheck', 'progress', 'reset'];
const JSON_COMMANDS = ['sections', 'skills', 'phases', 'certs', 'faq', 'roadmap', 'progress'];

describe('the command line', () => {
  it('lists every core command in --help, and says where progress is saved', async () => {
    const ctx = await makeContext();
    const { code, out, err } = await runCli(ctx, ['--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const name of CORE_COMMANDS) expect(out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(out).toContain(`Progress is saved in ${ctx.store.path}`);
  });

  it.each(CORE_COMMANDS)('gives %s a description and an example in its help', async (name) => {
    const { code, out } = await runCli(await makeContext(), [name, '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^Usage: mlroadmap ${name}`, 'm'));
    expect(out).toMatch(new RegExp(`Examples:\\n  \\$ mlroadmap ${name}`));
  });

  it.each(JSON_COMMANDS)('offers --json on %s', async (name) => {
    expect((await runCli(await makeContext(), [name, '--help'])).out).toContain('--json');
  });

  it('answers help <command> like <command> --help', async () => {
    const viaHelp = await runCli(await makeContext(), ['help', 'check']);
    const viaOption = await runCli(await makeContext(), ['check', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.out).toBe(viaOption.out);
  });

  it('prints the version', async () => {
    const { code, out } = await runCli(await makeContext(), ['--version']);
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('registers each command name once', async () => {
    const names = buildProgram(await makeContext()).commands.map((command) => command.name());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('formatCommanderError', () => {
  it.each([
    ["error: unknown command 'progres'\n(Did you mean progress?)\n", "mlroadmap: unknown command 'progres' (Did you mean progress?)"],
    ["error: unknown option '--x'\n", "mlroadmap: unknown option '--x'"],
    ["error: missing required argument 'step'", "mlroadmap: missing required argument 'step'"],
    ['error: one\n  two\n(three)\n', 'mlroadmap: one (two; three)'],
    [
      "error: command-argument value 'chek' is invalid for argument 'action'. Allowed choices are check.\n",
      "mlroadmap: unknown action 'chek' (Did you mean check?)",
    ],
    [
      "error: command-argument value 'powershell' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.\n",
      "mlroadmap: unknown shell 'powershell': use bash, zsh or fish",
    ],
    [
      "error: option '--format <format>' argument 'mdd' is invalid. Allowed choices are md, json.\n",
      "mlroadmap: unknown format 'mdd' for --format (Did you mean md?)",
    ],
  ])('makes %j one line', (input, expected) => {
    expect(formatCommanderError(input)).toBe(expected);
  });
});
