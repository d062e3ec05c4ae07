import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { loadPack } from '../../src/content/load.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const { certifications, faqs } = await shippedRoadmap();

const EXAMPLE = fileURLToPath(new URL('../../examples/data-scientist', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mlroadmap-completion-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

async function script(shell: string, overrides: Parameters<typeof makeContext>[0] = {}): Promise<string> {
  const { code, out } = await runCli(await makeContext(overrides), ['completion', shell]);
  expect(code).toBe(0);
  const file = join(work, `completion-${shell}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, `${out}\n`);
  return file;
}

/** What bash offers for a command line ending with the word being completed, as after pressing Tab. */
function bashComplete(file: string, words: string[]): string[] {
  const out = execFileSync(
    'bash',
    [
      '-c',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's own ${...}, not a template
      'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mlroadmap; printf "%s\\n" "${COMPREPLY[@]}"',
      'bash',
      file,
      ...words,
    ],
    { cwd: work, encoding: 'utf8' },
  );
  return out.split('\n').filter(Boolean);
}

describe('mlroadmap completion bash', () => {
  it.each([
    [['mlroadmap', 'ch'], ['check']],
    [['mlroadmap', 'check', 'py'], ['python-and-math']],
    [['mlroadmap', 'check', '1', 'co'], ['courses-and-tutorials']],
    [['mlroadmap', 'read', 'sal'], ['salary']],
    [['mlroadmap', 'skills', 'big'], ['big-data-spark']],
    [['mlroadmap', 'phases', 'dep'], ['deployment']],
    [['mlroadmap', 'certs', 'aws'], certifications.map((c) => c.id).filter((id) => id.startsWith('aws'))],
    [['mlroadmap', 'certs', 'aws-ml-s'], ['aws-ml-specialty']],
    [
      ['mlroadmap', 'faq', ''],
      [...faqs.map((_, i) => String(i + 1)), ...faqs.map((faq) => faq.id)],
    ],
    [
      ['mlroadmap', 'completion', ''],
      ['bash', 'zsh', 'fish'],
    ],
    [['mlroadmap', 'quiz', 'alg'], ['algorithms']],
    [
      ['mlroadmap', 'assess', 'python-and-r', ''],
      ['1', '2', '3', '4', '5'],
    ],
    [['mlroadmap', 'mark', '1', 'sk'], ['skipped']],
    [['mlroadmap', 'roadmap', '--j'], ['--json']],
    [['mlroadmap', '--no'], ['--no-color']],
    [['mlroadmap', '--content', 'x', 'read', 'sal'], ['salary']],
  ])('completes %j to %j', async (words, expected) => {
    expect(bashComplete(await script('bash'), words)).toEqual(expected);
  });

  it('offers every command the program has, so the script stays in step with src/cli.ts', async () => {
    const ctx = await makeContext();
    const program = buildProgram(ctx);
    const names = program
      .createHelp()
      .visibleCommands(program)
      .map((command) => command.name());
    expect(bashComplete(await script('bash'), ['mlroadmap', ''])).toEqual(names);
  });

  it('completes folders after --content and validate, and files after import', async () => {
    const file = await script('bash');
    execFileSync('mkdir', ['-p', join(work, 'my-pack')]);
    writeFileSync(join(work, 'my-backup.json'), '{}');
    expect(bashComplete(file, ['mlroadmap', 'import', 'my-']).sort()).toEqual(['my-backup.json', 'my-pack']);
    expect(bashComplete(file, ['mlroadmap', '--content', 'my-'])).toEqual(['my-pack']);
    expect(bashComplete(file, ['mlroadmap', 'validate', 'my-'])).toEqual(['my-pack']);
  });

  it('completes the ids of the pack it was generated for', async () => {
    const file = await script('bash', { roadmap: await loadPack(EXAMPLE) });
    expect(bashComplete(file, ['mlroadmap', 'check', 'sq'])).toEqual(['sql-and-data']);
    expect(bashComplete(file, ['mlroadmap', 'read', 'sal'])).toEqual([]);
  });

  it('rejects an unknown shell with the valid ones (exit 2)', async () => {
    const { code, err } = await runCli(await makeContext(), ['completion', 'tcsh']);
    expect(code).toBe(2);
    expect(err).toMatch(/bash, zsh, fish/);
  });
});

describe.skipIf(!has('zsh'))('mlroadmap completion zsh', () => {
  it('is a script zsh can parse, defining _mlroadmap', async () => {
    const file = await script('zsh');
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const out = execFileSync(
      'zsh',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own ${...}, not a template
      ['-fc', 'autoload -Uz compinit && compinit -D -u; source "$1"; print -r -- ${_comps[mlroadmap]}', 'zsh', file],
      {
        encoding: 'utf8',
        env: { ...process.env, HOME: work },
      },
    );
    expect(out.trim()).toBe('_mlroadmap');
  });
});

describe.skipIf(!has('fish'))('mlroadmap completion fish', () => {
  it.each([
    ['mlroadmap ch', 'check'],
    ['mlroadmap check py', 'python-and-math'],
    ['mlroadmap read sal', 'salary'],
    ['mlroadmap mark 1 sk', 'skipped'],
  ])('completes "%s" to %s', async (line, expected) => {
    const file = await script('fish');
    const out = execFileSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', file, line], {
      encoding: 'utf8',
      env: { ...process.env, HOME: work, XDG_CONFIG_HOME: work, XDG_DATA_HOME: work },
    });
    expect(out.split('\n').map((entry) => entry.split('\t')[0])).toContain(expected);
  });
});
