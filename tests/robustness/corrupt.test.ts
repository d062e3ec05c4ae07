import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanup, runBin, STACK_TRACE, tempDir } from './support.js';

// The built CLI against damaged progress files, with the shipped guide.
const dirs: string[] = [];
beforeAll(assertBuilt);
afterAll(() => cleanup(...dirs));

type Damage = (file: string) => void;
const write =
  (content: string | Buffer): Damage =>
  (file) =>
    writeFileSync(file, content);

const DAMAGES: [string, Damage, RegExp][] = [
  [
    'truncated JSON',
    write('{\n  "version": 1,\n  "packs": {\n    "ml-engineer": {\n      "steps": {\n        "python-and'),
    /not valid JSON/,
  ],
  ['wrong types', write('{"version":1,"packs":{"ml-engineer":{"steps":{"python-and-math":"done"}}}}'), /not a valid step record/],
  ['a newer format version', write('{"version":6,"packs":{},"goals":[]}'), /newer mlroadmap/],
  ['binary garbage', write(Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex')), /not valid UTF-8/],
  ['an empty file', write(''), /it is empty/],
  ['a folder named progress.json', (file) => mkdirSync(file), /it is a folder/],
  ['a named pipe', (file) => execFileSync('mkfifo', [file]), /not a regular file/],
];

/** What the damaged file looks like, to compare before and after: bytes for a file, the kind otherwise. */
function snapshot(file: string): string {
  const stat = statSync(file);
  return stat.isFile() ? readFileSync(file).toString('base64') : stat.isDirectory() ? 'folder' : 'other';
}

/** Commands that do not need progress. (The skills list shows self-ratings from progress, so it is not one.) */
const READERS = [
  ['read', '1'],
  ['faq'],
  ['faq', '2'],
  ['sections'],
  ['phases'],
  ['skills', '1'],
  ['certs'],
  ['--help'],
  ['check', '--help'],
];
/** Commands that need progress: they must stop. */
const NEEDERS = [['check', '1'], ['uncheck', '2'], ['roadmap'], ['progress'], ['progress', '--json']];

describe.each(DAMAGES)('a progress file with %s', (_, damage, problem) => {
  let config: string;
  let file: string;
  let before: string;
  beforeAll(() => {
    config = tempDir('corrupt');
    dirs.push(config);
    file = join(config, 'progress.json');
    damage(file);
    before = snapshot(file);
  });

  it('stops commands that need progress with one line naming the file and what to do, and leaves the file as it was', async () => {
    const runs = await Promise.all(NEEDERS.map((args) => runBin(args, { config, timeoutMs: 30_000 })));
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(file);
      expect(run.stderr).toMatch(problem);
      expect(run.stderr).toMatch(/'mlroadmap doctor'.*'mlroadmap reset'/);
      expect(run.stderr).not.toMatch(STACK_TRACE);
    }
    expect(snapshot(file)).toBe(before);
    expect(readdirSync(config)).toEqual(['progress.json']);
  }, 60_000);

  it('lets the guide be read', async () => {
    const runs = await Promise.all(READERS.map((args) => runBin(args, { config, timeoutMs: 30_000 })));
    for (const [index, run] of runs.entries()) {
      expect({ args: READERS[index], code: run.code, stderr: run.stderr }).toEqual({ args: READERS[index], code: 0, stderr: '' });
      expect(run.stdout.length).toBeGreaterThan(20);
    }
    expect(snapshot(file)).toBe(before);
  }, 60_000);

  it('doctor explains it: the file, what is wrong, what to do; and exits 1 without touching it', async () => {
    const run = await runBin(['doctor'], { config, timeoutMs: 30_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Progress file: ${file}`);
    expect(run.stdout).toMatch(problem);
    expect(run.stdout).toMatch(/doctor --fix|install the newer mlroadmap/);
    expect(run.stderr).toMatch(/^mlroadmap: doctor found 1 problem/);
    expect(snapshot(file)).toBe(before);
  });
});

describe('getting out of it', () => {
  it.each(DAMAGES.filter(([name]) => name !== 'a newer format version'))(
    '%s: doctor --fix moves it to a timestamped backup beside it, and checking works again',
    async (_, damage) => {
      const config = tempDir('fix');
      dirs.push(config);
      const file = join(config, 'progress.json');
      damage(file);
      const before = snapshot(file);
      const fix = await runBin(['doctor', '--fix'], { config, timeoutMs: 30_000 });
      expect(fix).toMatchObject({ code: 0, stderr: '' });
      const backups = readdirSync(config).filter((name) => /^progress\.json\.bak-\d{4}-\d\d-\d\dT[\d-]+Z\.\d+-moved$/.test(name));
      expect(backups).toHaveLength(1);
      expect(fix.stdout).toContain(`Moved the damaged file to ${join(config, backups[0] as string)}`);
      expect(snapshot(join(config, backups[0] as string))).toBe(before);
      const check = await runBin(['check', '1'], { config });
      expect(check).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(readFileSync(file, 'utf8')).packs['ml-engineer'].steps['python-and-math'].status).toBe('done');
    },
    30_000,
  );

  it('doctor --fix leaves a file from a newer mlroadmap alone and says to upgrade', async () => {
    const config = tempDir('newer');
    dirs.push(config);
    const file = join(config, 'progress.json');
    writeFileSync(file, '{"version":6,"packs":{}}');
    const fix = await runBin(['doctor', '--fix'], { config });
    expect(fix.code).toBe(1);
    expect(fix.stdout).toMatch(/install the newer mlroadmap/);
    expect(readFileSync(file, 'utf8')).toBe('{"version":6,"packs":{}}');
    expect(readdirSync(config)).toEqual(['progress.json']);
  });

  it('reset --yes backs a damaged file up too, and starts fresh', async () => {
    const config = tempDir('reset');
    dirs.push(config);
    const file = join(config, 'progress.json');
    writeFileSync(file, '{"version":1,"packs":{"ml-engin');
    const reset = await runBin(['reset', '--yes'], { config });
    expect(reset).toMatchObject({ code: 0, stderr: '' });
    const backup = readdirSync(config).find((name) => name.startsWith('progress.json.bak-'));
    expect(reset.stdout).toContain(join(config, backup as string));
    expect(readFileSync(join(config, backup as string), 'utf8')).toBe('{"version":1,"packs":{"ml-engin');
    expect(existsSync(file)).toBe(false);
    expect(await runBin(['progress'], { config })).toMatchObject({ code: 0, stderr: '' });
  });

  it('doctor on a healthy file says so and exits 0', async () => {
    const config = tempDir('healthy');
    dirs.push(config);
    expect((await runBin(['check', '1', '2'], { config })).code).toBe(0);
    const run = await runBin(['doctor'], { config });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/OK: format 5, 2 of \d+ steps done/);
    const json = await runBin(['doctor', '--json'], { config });
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'ok', ok: true, summary: { stepsDone: 2 } });
  });
});
