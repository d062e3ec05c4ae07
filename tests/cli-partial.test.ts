import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli.js';
import { commandName, reportError } from '../src/main.js';
import { makeContext } from './helpers.js';

/** Runs a command line with the program main.ts builds for it (only the command named on the line), or with every command. */
async function run(args: string[], partial: boolean) {
  const ctx = await makeContext();
  let code = 0;
  try {
    await buildProgram(ctx, partial ? commandName(args) : undefined).parseAsync(args, { from: 'user' });
  } catch (error) {
    code = reportError(error, ctx.err);
  }
  return { code, out: ctx.stdout.join('\n'), err: ctx.stderr.join('\n') };
}

describe('the program built for the command on the line', () => {
  it.each([
    [['roadmap']],
    [['faq', '3']],
    [['--no-color', 'sections', '--json']],
    [['roadmap', '--help']],
    [['help', 'check']],
    [['--help']],
    [['check']],
    [['roadmap', '--jsno']],
    [['roadmap', 'extra']],
    [['chekc']],
    [['completion', 'bash']],
    [['quiz', '--list']],
    [['-V']],
  ])('prints what the whole program prints for %j, with the same exit code', async (args) => {
    const whole = await run(args, false);
    expect(whole.out + whole.err).not.toBe('');
    expect(await run(args, true)).toEqual(whole);
  });

  it('holds only the command on the line, or every command for a name that is none', async () => {
    const ctx = await makeContext();
    expect(buildProgram(ctx, 'faq').commands.map((command) => command.name())).toEqual(['faq']);
    expect(buildProgram(ctx, 'chekc').commands).toHaveLength(buildProgram(ctx).commands.length);
  });
});
