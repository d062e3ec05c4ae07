import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';

// The layering STYLE.md asks for, checked on the sources: imports run down content -> progress ->
// render -> commands / tutor, the tutor never imports a command, and no command imports another.
const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The files under src/ that `file` imports, statically or with `import()`, as paths relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\s)(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm)].map(
    (match) => (match[1] ?? match[2]) as string,
  );
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'));
}

const files = sources().map((file) => ({ path: relative(SRC, file), imports: importsOf(file) }));
const inFolder = (folder: string) => (path: string) => path.startsWith(`${folder}/`);

describe('imports', () => {
  it('finds the imports it checks (the rule is not vacuous)', () => {
    expect(files.find((file) => file.path === 'tutor/steps.ts')?.imports).toContain('render/step.ts');
    expect(files.find((file) => file.path === 'commands/start.ts')?.imports).toContain('tutor/tutor.ts');
  });

  it('the tutor imports nothing from src/commands/', () => {
    const offending = files
      .filter((file) => inFolder('tutor')(file.path))
      .flatMap((file) => file.imports.filter(inFolder('commands')).map((i) => `${file.path} -> ${i}`));
    expect(offending).toEqual([]);
  });

  it('no command module imports another command module', () => {
    const offending = files
      .filter((file) => inFolder('commands')(file.path) && file.path !== 'commands/index.ts')
      .flatMap((file) => file.imports.filter(inFolder('commands')).map((i) => `${file.path} -> ${i}`));
    expect(offending).toEqual([]);
  });

  it.each([['content'], ['progress'], ['render']])('%s/ imports nothing from commands/ or tutor/', (folder) => {
    const offending = files
      .filter((file) => inFolder(folder)(file.path))
      .flatMap((file) => file.imports.filter((i) => inFolder('commands')(i) || inFolder('tutor')(i)).map((i) => `${file.path} -> ${i}`));
    expect(offending).toEqual([]);
  });
});

describe('the command registry', () => {
  it('lists every command module once, under its own name', () => {
    const modules = readdirSync(join(SRC, 'commands'))
      .filter((name) => name !== 'index.ts')
      .map((name) => name.replace(/\.ts$/, ''));
    expect(COMMANDS.map((command) => command.name).sort()).toEqual([...modules].sort());
    expect(new Set(COMMANDS.map((command) => command.name)).size).toBe(COMMANDS.length);
  });

  it('gives every command a summary, a group and examples that use it', () => {
    for (const command of COMMANDS) {
      expect(command.summary, command.name).not.toBe('');
      expect(command.examples.length, command.name).toBeGreaterThan(0);
      for (const example of command.examples) expect(example, command.name).toMatch(new RegExp(`mlroadmap ${command.name}\\b`));
    }
  });
});
