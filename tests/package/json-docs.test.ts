import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { createFileSettings } from '../../src/progress/settings.js';
import { createFileStore } from '../../src/progress/store.js';
import { CONTENT_DIR, EXERCISE_PACK, exerciseSetup, makeContext, pythonLacks, runCli, type TestContext } from '../helpers.js';

/**
 * docs/json.md against the program: each command documented with a table of keys prints exactly
 * those keys (for a list, each item does), so the documentation cannot drift from the shapes.
 */
const doc = readFileSync(fileURLToPath(new URL('../../docs/json.md', import.meta.url)), 'utf8');

/** Each `### \`mlroadmap ...\`` heading with the keys of the table under it (none for prose-only sections). */
function documented(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const part of doc.split(/^### /m).slice(1)) {
    const heading = /^`mlroadmap ([^`]+)`/.exec(part)?.[1];
    if (!heading) continue;
    const table = part.split('\n').filter((line) => /^\| `[^`]+` +\|/.test(line));
    sections.set(
      heading,
      table.map((line) => /^\| `([^`]+)`/.exec(line)?.[1] as string),
    );
  }
  return sections;
}

const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-json-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A bare repository to sync with. */
const remote = join(dir, 'remote.git');
execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);

/** How each documented heading is run, on a learner with something of everything saved. */
const RUNS: Record<string, string[]> = {
  'roadmap --json': ['roadmap', '--json'],
  'step <step> --json': ['step', '1', '--json'],
  'next --json': ['next', '--json'],
  'topics [step] --json': ['topics', '1', '--json'],
  'progress --json': ['progress', '--json'],
  'plan --json': ['plan', '--json'],
  'sections --json': ['sections', '--json'],
  'read <section> --json': ['read', 'salary', '--json'],
  'skills [skill] --json': ['skills', '1', '--json'],
  'phases [phase] --json': ['phases', '1', '--json'],
  'certs [cert] --json': ['certs', '1', '--json'],
  'faq [question...] --json': ['faq', '1', '--json'],
  'search <words...> --json': ['search', 'data', '--json'],
  'note <step> --json': ['note', '1', '--json'],
  'assess [skill] --json': ['assess', 'python-and-r', '--json'],
  'log --json': ['log', '--json'],
  'stats --json': ['stats', '--json'],
  'ready --json': ['ready', '--json'],
  'review --stats --json': ['review', '--stats', '--json'],
  'review --list --json': ['review', '--list', '--json'],
  'projects --json': ['projects', '--json'],
  'project <project> --json': ['project', '1', '--json'],
  'portfolio check <dir> --json': ['portfolio', 'check', '.', '--json'],
  'quiz --list --json': ['quiz', '--list', '--json'],
  'exercises --json': ['exercises', '--json'],
  'exercises check [id] --json': ['exercises', 'check', 'sum-evens', '--json'],
  'export --format json': ['export', '--format', 'json'],
  'doctor --json': ['doctor', '--json'],
  'sync <remote> --json': ['sync', remote, '--json'],
  'sync --status --json': ['sync', '--status', '--json'],
  'validate <dir> --json': ['validate', CONTENT_DIR, '--json'],
};
/** Lists documented as "each as <other> gives it": their items have the other's keys. */
const SAME_AS: Record<string, string> = {
  'roadmap --json': 'step <step> --json',
  'sections --json': 'read <section> --json',
  'projects --json': 'project <project> --json',
};

async function learner(): Promise<TestContext> {
  const config = join(dir, 'config');
  const ctx = await makeContext({
    store: createFileStore(config) as TestContext['store'],
    sync: { repoDir: join(config, 'sync', 'repo.git'), settings: createFileSettings(config), env: process.env },
  });
  for (const args of [
    ['mark', '1.1', 'doing'],
    ['note', '1', 'read chapter 2'],
    ['log', '45m', '1.1', 'exercises'],
    ['plan', '--hours-per-week', '10'],
    ['assess', 'python-and-r', '3'],
    ['project', 'done', '1', '1'],
  ]) {
    const result = await runCli(ctx, args);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.err}`);
  }
  return ctx;
}

/** A learner of the exercise fixture pack whose first exercise is solved in their workspace. */
async function exerciseLearner(): Promise<TestContext> {
  const ctx = await makeContext({ roadmap: await loadPack(EXERCISE_PACK), exercises: exerciseSetup() });
  const workspace = mkdtempSync(join(dir, 'ws-'));
  await runCli(ctx, ['exercises', 'init', workspace]);
  copyFileSync(join(EXERCISE_PACK, 'exercises/sum-evens/solution.py'), join(workspace, 'sum_evens.py'));
  return ctx;
}

describe('docs/json.md', () => {
  const sections = documented();

  it('documents every command that takes --json, with the format version', () => {
    expect(doc).toMatch(/JSON format version: \*\*2\*\*/);
    expect([...sections.keys()].sort()).toEqual(Object.keys(RUNS).sort());
  });

  it.each(Object.keys(RUNS))('lists exactly the keys "mlroadmap %s" prints', async (heading) => {
    if (heading.startsWith('exercises check') && pythonLacks(['pytest']) !== undefined) return;
    const ctx = heading.startsWith('exercises') ? await exerciseLearner() : await learner();
    const result = await runCli(ctx, RUNS[heading] as string[]);
    // A portfolio check that finds something missing exits 1, its report printed all the same.
    expect(result.code, result.err).toBe(heading.startsWith('portfolio') ? 1 : 0);
    const value = JSON.parse(result.out);
    const item = Array.isArray(value) ? value[0] : value;
    expect(item, 'a list with an item to compare').toBeDefined();
    const keys = sections.get(SAME_AS[heading] ?? heading) ?? [];
    if (keys.length === 0) {
      // Prose only: the export, whose keys the prose names.
      for (const key of Object.keys(item)) expect(doc).toContain(key);
      return;
    }
    expect(Object.keys(item).sort()).toEqual([...keys].sort());
  });

  it('gives errors under --json as one JSON object on stderr, with the exit code', async () => {
    const { spawnSync } = await import('node:child_process');
    const { BIN } = await import('../helpers.js');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: dir, MLROADMAP_CONFIG_DIR: join(dir, 'config') },
      });
    const usage = run(['roadmap', '--json', '--jsn']);
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stderr)).toEqual({ error: { message: "unknown option '--jsn' (Did you mean --json?)", exitCode: 2 } });
    const missing = run(['step', '99', '--json']);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ exitCode: 1, message: expect.stringContaining('there is no step "99"') });
    expect(missing.stdout).toBe('');
  });
});
