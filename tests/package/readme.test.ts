import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { makeContext } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(`${ROOT}README.md`, 'utf8');
const program = buildProgram(await makeContext());
const commands = program
  .createHelp()
  .visibleCommands(program)
  .map((command) => command.name());
/** The command names in the first column of the README's command table. */
const documented = [...readme.matchAll(/^\| `([a-z-]+)[^`]*` +\|/gm)].map((match) => match[1]);

describe('README', () => {
  it('has a row in the command table for every command, in the order of the help groups', () => {
    const help = program.createHelp();
    const groups = help.groupItems([...program.commands], help.visibleCommands(program), (command) => command.helpGroup());
    expect(documented).toEqual([...groups.values()].flat().map((command) => command.name()));
    expect([...documented].sort()).toEqual([...commands].sort());
  });

  it('shows pictures and links files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((match) => match[1] as string);
    expect(links).toContain('docs/tutor.svg');
    expect(links.filter((link) => !existsSync(`${ROOT}${link}`))).toEqual([]);
  });
});
