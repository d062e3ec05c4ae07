import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { makeContext, runCli } from '../helpers.js';

const ctx = await makeContext();
const program = buildProgram(ctx);
const names = program.commands.map((command) => command.name());

describe('help', () => {
  it.each(names)('`%s --help` has a one-line description and at least one example', async (name) => {
    const { code, out } = await runCli(await makeContext(), [name, '--help']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Usage: mlroadmap ${name}\\b`));
    // One line in the source; commander may wrap it to the terminal's width.
    const description = program.commands.find((command) => command.name() === name)?.description() ?? '';
    expect(description).not.toContain('\n');
    expect(description.length).toBeGreaterThan(10);
    expect(lines.slice(2).join(' ').replace(/\s+/g, ' ')).toContain(description);
    const examples = lines.slice(lines.indexOf('Examples:') + 1);
    expect(lines).toContain('Examples:');
    expect(examples.filter((line) => line.startsWith(`  $ mlroadmap ${name}`)).length).toBeGreaterThan(0);
  });

  it('groups the commands of the top-level help under Tutor, Learn, Track, Data, and Setup and help', async () => {
    const { out } = await runCli(await makeContext(), ['--help']);
    const headings = out.split('\n').filter((line) => /^[A-Z][\w ]*:$/.test(line));
    expect(headings).toEqual(['Options:', 'Tutor:', 'Learn:', 'Track:', 'Data:', 'Setup and help:']);
    const section = (heading: string) => out.split(`\n${heading}\n`)[1]?.split('\n\n')[0] ?? '';
    expect(section('Tutor:')).toMatch(/^ {2}start\b/m);
    expect(section('Learn:')).toMatch(/^ {2}read\b/m);
    expect(section('Track:')).toMatch(/^ {2}check\b/m);
    expect(section('Data:')).toMatch(/^ {2}validate\b/m);
    expect(section('Setup and help:')).toMatch(/^ {2}completion\b/m);
  });

  it('lists the global options --content and --no-color', async () => {
    const { out } = await runCli(await makeContext(), ['--help']);
    expect(out).toMatch(/^ {2}--content <dir> +use the content pack/m);
    expect(out).toMatch(/^ {2}--no-color +no colour/m);
  });

  it.each([
    [['chekc'], /unknown command 'chekc' \(Did you mean check\?\)/],
    [['progres'], /Did you mean progress\?/],
    [['roadmap', '--jsno'], /unknown option '--jsno' \(Did you mean --json\?\)/],
    [['--no-colour', 'roadmap'], /Did you mean --no-color\?/],
  ])('suggests the nearest name for a typo: %j (exit 2)', async (args, message) => {
    const { code, err } = await runCli(await makeContext(), args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.split('\n')).toHaveLength(1);
  });
});
