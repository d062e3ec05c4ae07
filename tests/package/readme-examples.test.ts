import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers.js';

/**
 * Every `mlroadmap ...` example in README.md runs: the commands in backticks and the lines of its
 * shell blocks that call mlroadmap, in the order a reader meets them, each in a shell with the built
 * program as `mlroadmap`, on a new learner's empty config folder. A reader copies these lines.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The examples, in order: inline code that starts with `mlroadmap`, and shell lines that run it (comments cut). */
function examples(): string[] {
  const found: string[] = [];
  let inBlock = false;
  for (const line of readme.split('\n')) {
    if (line.startsWith('```')) {
      inBlock = !inBlock;
      continue;
    }
    if (inBlock) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (/(^|&&\s*)mlroadmap(\s|$)/.test(command)) found.push(command);
      continue;
    }
    for (const match of line.matchAll(/`(mlroadmap(?: [^`]*)?)`/g)) found.push(match[1] as string);
  }
  return [...new Set(found)];
}

/** Syntax rather than examples: `mlroadmap help <command>`, `mlroadmap ch<Tab>`. */
const isSyntax = (example: string) => /<[A-Za-z][\w ,.]*>/.test(example);

/** Examples that need a person at a terminal (each refuses in a pipe, by design), left out by name. */
/**
 * Examples that need what a fresh account does not have, each run for real in the test named:
 * the learner's Python with pytest and the libraries (tests/commands/exercises.test.ts, and CI's
 * `exercises verify` over every shipped exercise), a git remote of the learner's own
 * (tests/sync/sync.test.ts, with bare repositories), an export made on another machine
 * (tests/commands/import.test.ts).
 */
const TESTED_ELSEWHERE = new Set([
  'mlroadmap exercises check',
  'mlroadmap exercises check numpy-reshape-images',
  'mlroadmap exercises solution numpy-reshape-images',
  'mlroadmap exercises verify',
  'mlroadmap sync',
  'mlroadmap sync /media/usb/progress.git',
  'mlroadmap sync git@github.com:you/progress.git',
  'mlroadmap import --merge laptop.json',
]);

const INTERACTIVE = new Set([
  'mlroadmap start',
  'mlroadmap review',
  'mlroadmap reset',
  'mlroadmap reset --restore',
  'mlroadmap quiz phases',
  'mlroadmap exercises watch',
]);

/**
 * Examples whose point is a non-zero exit: a typo's suggestion, a portfolio check that finds what is
 * missing. A pipeline is judged by mlroadmap's own exit, not by `grep -c`'s (1 when it counts none).
 */
const EXPECTED_CODE: Record<string, number> = {
  'mlroadmap chek': 2,
  'mlroadmap portfolio check .': 1,
  'mlroadmap portfolio check ~/house-prices': 1,
};

const work = mkdtempSync(join(tmpdir(), 'mlroadmap-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const home = join(work, 'home');
const bin = join(work, 'bin');
mkdirSync(home);
cpSync(join(ROOT, 'examples'), join(home, 'examples'), { recursive: true });
// `mlroadmap validate ./my-pack`: a pack of the learner's own, copied from the example as the README says.
cpSync(join(ROOT, 'examples/data-scientist'), join(home, 'my-pack'), { recursive: true });
// The built program as `mlroadmap` on PATH, outside the home folder the examples write to.
mkdirSync(bin);
writeFileSync(join(bin, 'mlroadmap'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
chmodSync(join(bin, 'mlroadmap'), 0o755);

function runExample(example: string) {
  const result = spawnSync('bash', ['-c', `${example}\nexit "\${PIPESTATUS[0]}"`], {
    cwd: home,
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HOME: home,
      MLROADMAP_CONFIG_DIR: join(home, 'config'),
      MLROADMAP_CACHE_DIR: 'off',
    },
    input: '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('README examples', () => {
  const all = examples();

  it('finds the examples, and names every one it leaves out', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all).toContain('mlroadmap certs google-cloud');
    for (const name of [...INTERACTIVE, ...TESTED_ELSEWHERE]) expect(all, `${name} is no longer in the README`).toContain(name);
    for (const name of Object.keys(EXPECTED_CODE)) expect(all, `${name} is no longer in the README`).toContain(name);
  });

  it.each(all.filter((example) => !isSyntax(example) && !INTERACTIVE.has(example) && !TESTED_ELSEWHERE.has(example)))('%s', (example) => {
    const result = runExample(example);
    expect(result.code, `${result.err}${result.out.slice(0, 500)}`).toBe(EXPECTED_CODE[example] ?? 0);
  });
});
