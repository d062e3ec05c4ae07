import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { loadPack } from '../../src/content/load.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const { certifications, faqs, steps: roadmapSteps } = await shippedRoadmap();
/** Steps by id and topics by number and id, as `check` and `mark` complete them, that begin with `prefix`. */
const targetsFrom = (prefix: string) =>
  [
    ...roadmapSteps.map((step) => step.id),
    ...roadmapSteps.flatMap((step, s) => (step.topics ?? []).map((_, t) => `${s + 1}.${t + 1}`)),
    ...roadmapSteps.flatMap((step) => (step.topics ?? []).map((topic) => topic.id)),
  ].filter((word) => word.startsWith(prefix));

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
function bashComplete(file: string, words: string[], env: NodeJS.ProcessEnv = process.env): string[] {
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
    { cwd: work, encoding: 'utf8', env },
  );
  return out.split('\n').filter(Boolean);
}

describe('mlroadmap completion bash', () => {
  it.each([
    [['mlroadmap', 'ch'], ['check']],
    [['mlroadmap', 'check', 'py'], targetsFrom('py')],
    [['mlroadmap', 'check', '1', 'co'], targetsFrom('co')],
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
    expect(err).toMatch(/bash, zsh or fish/);
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

describe('completion that reads the line as mlroadmap does, in every shell', async () => {
  const roadmap = await shippedRoadmap();
  const steps = roadmap.steps.map((step) => step.id);
  // What check, mark, note and log accept: steps by id, topics by number (2.3) and by id.
  const topicNumbers = roadmap.steps.flatMap((step, s) => (step.topics ?? []).map((_, t) => `${s + 1}.${t + 1}`));
  const topicIds = roadmap.steps.flatMap((step) => (step.topics ?? []).map((topic) => topic.id));
  const targets = [...steps, ...topicNumbers, ...topicIds];
  const projects = roadmap.projects.map((project) => project.id);
  // The scripts ask mlroadmap itself for a step's notes: a `mlroadmap` on PATH with notes saved.
  const bin = join(work, 'bin');
  const config = join(work, 'config');
  execFileSync('mkdir', ['-p', bin]);
  const cli = fileURLToPath(new URL('../../dist/mlroadmap.cjs', import.meta.url));
  writeFileSync(join(bin, 'mlroadmap'), `#!/bin/sh\nMLROADMAP_CONFIG_DIR='${config}' exec '${process.execPath}' '${cli}' "$@"\n`, {
    mode: 0o755,
  });
  execFileSync(join(bin, 'mlroadmap'), ['note', '2', 'read the style guide']);
  execFileSync(join(bin, 'mlroadmap'), ['note', '2', 'wrote tests']);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: work, XDG_CONFIG_HOME: work, XDG_DATA_HOME: work };
  writeFileSync(join(work, 'out.md'), '');

  /** What zsh's _mlroadmap offers for the words, with _describe and _files standing in to print what they were given. */
  function zshComplete(file: string, words: string[]): string[] {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own ${...}, not a template
    const stubs = '_describe() { local name=${@[-1]}; print -rl -- ${(P)name}; }; _files() { print -r -- "(files $*)"; }; compdef() { :; }';
    const out = execFileSync('zsh', ['-fc', `${stubs}; source "$1"; shift; words=("$@"); CURRENT=$#; _mlroadmap`, 'zsh', file, ...words], {
      encoding: 'utf8',
      env,
      cwd: work,
    });
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/(?<!\\):.*$/, '').replace(/\\:/g, ':'));
  }
  function fishComplete(file: string, line: string): string[] {
    const out = execFileSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', file, line], {
      encoding: 'utf8',
      env,
      cwd: work,
    });
    return out
      .split('\n')
      .filter(Boolean)
      .map((entry) => entry.split('\t')[0] as string);
  }
  const bashLine = (file: string, line: string) => bashComplete(file, ['mlroadmap', ...line.split(' ').slice(1)], env);

  const cases: [string, string[] | ((offered: string[]) => boolean)][] = [
    ['mlroadmap --no-color mark ', targets],
    ['mlroadmap --content d mark ', targets],
    ['mlroadmap check 1.', topicNumbers.filter((n) => n.startsWith('1.'))],
    ['mlroadmap check 1.1 2.', topicNumbers.filter((n) => n.startsWith('2.'))],
    ['mlroadmap check python-b', ['python-basics']],
    ['mlroadmap uncheck 3.1', topicNumbers.filter((n) => n.startsWith('3.1'))],
    ['mlroadmap mark 1.', topicNumbers.filter((n) => n.startsWith('1.'))],
    ['mlroadmap note 2.', topicNumbers.filter((n) => n.startsWith('2.'))],
    ['mlroadmap log 45m 1.1', ['1.1', '1.10', '1.11', '1.12']],
    ['mlroadmap project start ', projects],
    ['mlroadmap project start fra', ['fraud-detection']],
    ['mlroadmap project done house-prices-api ', ['1', '2', '3', '4', '5', 'data', 'training', 'evaluation', 'deployment', 'monitoring']],
    ['mlroadmap project ', [...projects, 'start', 'done', 'undo']],
    ['mlroadmap project house-prices-api ', []],
    ['mlroadmap mark 3 done ', []],
    ['mlroadmap mark 3 ', ['todo', 'doing', 'done', 'skipped']],
    ['mlroadmap export --format ', ['md', 'json']],
    ['mlroadmap export -o out', (offered) => offered.some((word) => word.includes('out.md'))],
    ['mlroadmap note 2 --delete ', ['1', '2']],
    ['mlroadmap log 45m --date 2026-01-01 ', (offered) => offered.includes(steps[0] as string) && offered.includes('1.2')],
    ['mlroadmap project start house-prices-api ', (offered) => !offered.includes('house-prices-api')],
  ];

  it.each(cases)('bash completes "%s"', async (line, expected) => {
    const offered = bashLine(await script('bash'), line);
    if (typeof expected === 'function') expect(expected(offered), offered.join(' ')).toBe(true);
    else expect(offered.sort()).toEqual([...expected].sort());
  });

  it.skipIf(!has('zsh')).each(cases)('zsh completes "%s"', async (line, expected) => {
    // zsh itself keeps the words that begin with what is typed; _describe, stubbed, prints them all.
    const typed = line.split(' ').at(-1) as string;
    const offered = zshComplete(await script('zsh'), line.split(' ')).filter((word) => word.startsWith(typed) || word.startsWith('('));
    if (typeof expected === 'function') expect(expected(offered) || offered.includes('(files )'), offered.join(' ')).toBe(true);
    else expect(offered.sort()).toEqual([...expected].sort());
  });

  it.skipIf(!has('fish')).each(cases)('fish completes "%s"', async (line, expected) => {
    const offered = fishComplete(await script('fish'), line);
    if (typeof expected === 'function') expect(expected(offered), offered.join(' ')).toBe(true);
    else expect(offered.sort()).toEqual([...expected].sort());
  });

  it('installs with the README line in fish on a new account, where ~/.config/fish/completions does not exist yet', async () => {
    const readme = (await import('node:fs')).readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const install = readme.split('\n').find((line) => line.includes('completion fish >')) as string;
    const fresh = mkdtempSync(join(tmpdir(), 'mlroadmap-newuser-'));
    try {
      execFileSync('sh', ['-c', install], { env: { ...env, HOME: fresh }, cwd: fresh });
      expect((await import('node:fs')).existsSync(join(fresh, '.config/fish/completions/mlroadmap.fish'))).toBe(true);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
