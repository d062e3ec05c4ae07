import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkProblems, loadLexer } from '../../src/content/links.js';
import { loadPack } from '../../src/content/load.js';
import { decodeUtf8, describeDiskError, fileVersion, openVersion, readerAt, readRegularFile } from '../../src/disk.js';
import { INVISIBLE, jsonStructureProblem, toJson } from '../../src/json.js';
import { MAX_NOTE_CHARS, MAX_PROGRESS_BYTES, type Progress } from '../../src/progress/model.js';
import { createFileStore } from '../../src/progress/store.js';
import { exportJson, parseImport } from '../../src/progress/transfer.js';
import { createFileRenderCache, trustedCacheDir } from '../../src/render/cache.js';
import { makeContext, runCli, shippedRoadmap, type TestContext } from '../helpers.js';
import { cleanup, tempDir } from './support.js';

const dirs: string[] = [];
afterEach(() => cleanup(...dirs.splice(0)));

const AT = '2026-01-15T10:00:00.000Z';

function folder(prefix = 'hostile'): string {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
}

async function fileContext(dir: string): Promise<TestContext> {
  const base = await makeContext();
  return { ...base, store: createFileStore(dir) as TestContext['store'] };
}

function progressWith(pack: Record<string, unknown>, id = 'ml-engineer'): Progress {
  return { version: 1, packs: { [id]: { steps: {}, ...pack } } };
}

describe('limits that agree: whatever note takes, the file holds, and whatever export writes, import reads', () => {
  it('refuses an oversized note at note time with exit 2, and saves nothing', async () => {
    const dir = folder();
    const ctx = await fileContext(dir);
    const run = await runCli(ctx, ['note', '1', 'x'.repeat(MAX_NOTE_CHARS + 1)]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/a note holds at most 10,000 characters and this one has 10,001/);
    expect(existsSync(join(dir, 'progress.json'))).toBe(false);
    expect((await runCli(ctx, ['note', '1', 'x'.repeat(MAX_NOTE_CHARS)])).code).toBe(0);
  });

  it('an export of 12,000 ordinary notes (about 1.8 MB) imports back whole', async () => {
    const roadmap = await shippedRoadmap();
    const notes = Array.from({ length: 12_000 }, (_, i) => ({ at: AT, text: `Note ${i}: ${'worked through the exercises '.repeat(4)}` }));
    const progress = progressWith({ notes: { [roadmap.steps[0]?.id as string]: notes } });
    const text = toJson(exportJson(roadmap, progress, new Date(AT)));
    expect(text.length).toBeGreaterThan(1_500_000);
    const parsed = parseImport(text, roadmap);
    expect('problem' in parsed ? parsed.problem : parsed.progress.notes?.[roadmap.steps[0]?.id as string]?.length).toBe(12_000);
  });

  it('a change that would make the file larger than 16 MB is refused, and the file stays as it was', async () => {
    const dir = folder();
    const note = { at: AT, text: 'y'.repeat(MAX_NOTE_CHARS) };
    const sized = (count: number) =>
      `${JSON.stringify(progressWith({ notes: { a: Array.from({ length: count }, () => note) } }), null, 2)}\n`;
    const each = sized(2).length - sized(1).length;
    // As many notes as fit, with less than one more note's room left.
    const text = sized(Math.floor((MAX_PROGRESS_BYTES - sized(0).length) / each));
    expect(text.length).toBeLessThanOrEqual(MAX_PROGRESS_BYTES);
    expect(text.length + each).toBeGreaterThan(MAX_PROGRESS_BYTES);
    writeFileSync(join(dir, 'progress.json'), text);
    const ctx = await fileContext(dir);
    const run = await runCli(ctx, ['note', '1', 'y'.repeat(MAX_NOTE_CHARS)]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/would grow past 16 MB; delete some notes/);
    expect(readFileSync(join(dir, 'progress.json'), 'utf8') === text).toBe(true);
  });
});

describe('a file that would lose data silently is damaged: told, explained, never rewritten', () => {
  it.each([
    ['a pack given twice', `{"version":1,"packs":{"ml-engineer":{"steps":{}},"ml-engineer":{"steps":{}}}}`, /"ml-engineer" appears twice/],
    [
      'invalid UTF-8 in a note',
      Buffer.concat([
        Buffer.from(`{"version":1,"packs":{"p":{"steps":{},"notes":{"a":[{"at":"${AT}","text":"caf`),
        Buffer.from([0xe9]),
        Buffer.from('"}]}}}}'),
      ]),
      /not valid UTF-8/,
    ],
    [
      'an unknown key nested 5,000 deep',
      `{"version":1,"packs":{},"x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      /nested more than 64 levels/,
    ],
    [
      'a completedAt that is a number',
      `{"version":1,"packs":{"ml-engineer":{"steps":{"python-and-math":{"status":"done","updatedAt":"${AT}","completedAt":12345}}}}}`,
      /not a valid step record/,
    ],
    [
      'a plan starting on 2026-99-99',
      `{"version":1,"packs":{"ml-engineer":{"steps":{},"plan":{"hoursPerWeek":10,"start":"2026-99-99","steps":[]}}}}`,
      /plan" is not/,
    ],
  ])('%s', async (_, content, problem) => {
    const dir = folder();
    const file = join(dir, 'progress.json');
    writeFileSync(file, content);
    const before = readFileSync(file);
    const ctx = await fileContext(dir);
    const check = await runCli(ctx, ['check', '1']);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(problem);
    const doctor = await runCli(ctx, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.out).toMatch(problem);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('finds duplicate keys at any depth, and nothing in a file without them', () => {
    expect(jsonStructureProblem('{"a":{"b":1,"c":[{"d":1,"d":2}]}}', 64)).toMatch(/"d" appears twice/);
    expect(jsonStructureProblem('{"a\\u0062":1,"ab":2}', 64)).toMatch(/"ab" appears twice/);
    expect(jsonStructureProblem('{"a":{"b":1},"b":{"a":1},"s":"{\\"a\\":1,\\"a\\":2}"}', 64)).toBeUndefined();
  });

  it('finds the same problems when given the parsed value, which clears a clean file by counting its keys', () => {
    const cases = [
      '{"a":{"b":1,"c":[{"d":1,"d":2}]}}',
      '{"a\\u0062":1,"ab":2}',
      '{"a":{"b":1},"b":{"a":1},"s":"{\\"a\\":1,\\"a\\":2}"}',
      '{ "k" : [ { "x" : "a,\\"b\\":" } , { "x" : 1 , "y" : { } } ] , "__proto__" : 1 }',
      `${'['.repeat(70)}${']'.repeat(70)}`,
      `{"a":${'{"b":'.repeat(63)}1${'}'.repeat(63)}}`,
    ];
    for (const text of cases) expect(jsonStructureProblem(text, 64, JSON.parse(text)), text).toBe(jsonStructureProblem(text, 64));
    expect(jsonStructureProblem(cases[4] as string, 64, JSON.parse(cases[4] as string))).toMatch(/nested more than 64/);
  });
});

describe('reset', () => {
  it('refuses a file written by a newer mlroadmap, and leaves it where it is', async () => {
    const dir = folder();
    const file = join(dir, 'progress.json');
    const newer = JSON.stringify({ version: 9, packs: { 'ml-engineer': {}, other: {} } });
    writeFileSync(file, newer);
    const ctx = await fileContext(dir);
    const run = await runCli(ctx, ['reset', '--yes']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/newer mlroadmap.*reset leaves it alone/);
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it("keeps other roadmaps' progress in the live file", async () => {
    const dir = folder();
    const file = join(dir, 'progress.json');
    const both = {
      version: 1,
      packs: {
        'ml-engineer': { steps: { 'python-and-math': { status: 'done', updatedAt: AT } } },
        other: { steps: { a: { status: 'done', updatedAt: AT } } },
      },
    };
    writeFileSync(file, JSON.stringify(both));
    const ctx = await fileContext(dir);
    expect((await runCli(ctx, ['reset', '--yes'])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).packs).toEqual({ other: both.packs.other });
  });
});

describe('terminal safety', () => {
  it.each([
    ['an escape sequence as a note date', { notes: { a: [{ at: '\u001b]0;pwned\u0007', text: 'x' }] } }],
    ['a date that is not a time', { steps: { a: { status: 'done', updatedAt: 'yesterday' } } }],
    ['an OSC 52 write as a rating date', { assessments: { s: [{ at: '\u001b]52;c;ZXZpbA==\u0007', rating: 3 }] } }],
  ])('import refuses %s', async (_, pack) => {
    const roadmap = await shippedRoadmap();
    const text = JSON.stringify({ format: 'mlroadmap-progress', version: 1, pack: roadmap.id, progress: { steps: {}, ...pack } });
    expect(parseImport(text, roadmap)).toHaveProperty('problem');
  });

  it('import refuses an exportedAt that is not a time', async () => {
    const roadmap = await shippedRoadmap();
    const text = JSON.stringify({
      format: 'mlroadmap-progress',
      version: 1,
      pack: roadmap.id,
      exportedAt: '\u001b[2J',
      progress: { steps: {} },
    });
    expect(parseImport(text, roadmap)).toEqual({ problem: '"exportedAt" is not a time' });
  });

  it('strips escape sequences from text in the progress file where it is read', () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'progress.json'),
      JSON.stringify(progressWith({ notes: { a: [{ at: AT, text: 'red\u001b[31m text\u001b]52;c;eA==\u0007' }] } })),
    );
    expect(createFileStore(dir).read().packs['ml-engineer']?.notes?.a?.[0]?.text).toBe('red text');
  });

  it('a bidi override typed in a note is not stored, and JSON escapes every invisible character', async () => {
    const dir = folder();
    const ctx = await fileContext(dir);
    expect((await runCli(ctx, ['note', '1', 'abc\u202edef\u2066x\u200by'])).code).toBe(0);
    expect(readFileSync(join(dir, 'progress.json'), 'utf8')).toContain('"abcdefxy"');
    const json = toJson({ text: 'a\u202eb\u2067c\u200bd\u0085e' });
    expect(json).not.toMatch(INVISIBLE);
    expect(json).toContain('a\\u202eb\\u2067c\\u200bd\\u0085e');
    expect(JSON.parse(json)).toEqual({ text: 'a\u202eb\u2067c\u200bd\u0085e' });
  });

  it.each([
    ['[docs](javascript:alert(1))', /https:\/\//],
    ['[a picture](data:text/html;base64,PHNjcmlwdD4=)', /https:\/\//],
    ['<file:///etc/passwd>', /https:\/\//],
    [
      '[https://docs.python.org/](https://evil.example/)',
      /the link text "https:\/\/docs.python.org\/" is an address, but the link goes to "https:\/\/evil.example\/"/,
    ],
    ['[docs.python.org](https://evil.example/)', /is an address, but the link goes to/],
    // A definition must stand apart: one inside a paragraph is the paragraph's text, for marked as for the check.
    ['\n[ref]: javascript:alert(1)\n', /https:\/\//],
    ['[t](<file:///etc/passwd x>)', /not "file:\/\/\/etc\/passwd/],
    ['> quoted\n>\n> [x]: file:///etc/shadow', /not "file:\/\/\/etc\/shadow"/],
    ['> [see it][x]\n>\n> [x]: file:///etc/shadow', /not "file:\/\/\/etc\/shadow"/],
    [
      '[docs.python.org](<https://evil.example/x>)',
      /the link text "docs.python.org" is an address, but the link goes to "https:\/\/evil.example\/x"/,
    ],
    ['- a list\n  - with [docs.python.org](https://evil.example/)', /is an address, but the link goes to/],
    ['| a | b |\n| - | - |\n| [x](file:///etc/passwd) | y |', /not "file:/],
    ['**[x](data:text/html,hi)**', /not "data:/],
    ['[docs](https://)', /https:\/\//],
  ])('a pack link %s is refused', async (markdown, problem) => {
    expect(linkProblems(`See\n${markdown}\nfor more.`, await loadLexer()).join('\n')).toMatch(problem);
  });

  it.each([
    ['[The Python Tutorial](https://docs.python.org/3/tutorial/)'],
    ['[https://docs.python.org/3/](https://docs.python.org/3)'],
    ['- [x] done, and [ ] not'],
    ['<https://no-color.org/>'],
  ])('a pack link %s is fine', async (markdown) => {
    expect(linkProblems(markdown, await loadLexer())).toEqual([]);
  });
});

describe('file modes', () => {
  it('a new progress file is readable by the learner alone; a mode the learner set is kept', async () => {
    const dir = folder();
    const ctx = await fileContext(dir);
    const file = join(dir, 'progress.json');
    await runCli(ctx, ['check', '1']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o640);
    await runCli(ctx, ['check', '2']);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    chmodSync(file, 0o444);
    await runCli(ctx, ['check', '3']);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });
});

describe('a saved plan no plan can be made with', () => {
  it('is reported by progress, plan and export instead of crashing them', async () => {
    const dir = folder();
    const progress = progressWith({ plan: { hoursPerWeek: 0.00000001, start: '2026-01-01', steps: ['python-and-math'] } });
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(progress));
    const ctx = await fileContext(dir);
    for (const args of [['progress'], ['plan'], ['export'], ['progress', '--json'], ['plan', '--json']]) {
      const run = await runCli(ctx, args);
      expect(run, args.join(' ')).toMatchObject({ code: 0, err: '' });
      if (!args.includes('--json')) expect(run.out).toMatch(/plan cannot be used.*1e-8 hours a week, outside 1 to 100/);
    }
    expect((await runCli(ctx, ['plan', '--hours-per-week', '0.00000001'])).code).toBe(2);
  });
});

describe('locks that doctor names and --fix clears', () => {
  const lockOf = (dir: string) => join(dir, 'progress.json.lock');
  it.each([
    ['a stray regular file', (lock: string) => writeFileSync(lock, 'not a lock'), /a file that is not a lock, untouched for/],
    [
      'a non-empty lock folder of an older mlroadmap',
      (lock: string) => {
        mkdirSync(lock);
        writeFileSync(join(lock, 'junk'), 'x');
      },
      /an older mlroadmap's lock folder, untouched for/,
    ],
  ])('%s, untouched for two minutes', async (_, make, named) => {
    const dir = folder();
    make(lockOf(dir));
    const past = new Date(Date.now() - 120_000);
    utimesSync(lockOf(dir), past, past);
    const ctx = await fileContext(dir);
    expect((await runCli(ctx, ['doctor'])).out).toMatch(named);
    const fix = await runCli(ctx, ['doctor', '--fix']);
    expect(fix.out).toMatch(/Removed the lock that was left behind/);
    expect(existsSync(lockOf(dir))).toBe(false);
  });

  it('one dated in the future (a clock set wrong) is named so and cleared', async () => {
    const dir = folder();
    writeFileSync(lockOf(dir), 'x');
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(lockOf(dir), future, future);
    const ctx = await fileContext(dir);
    expect((await runCli(ctx, ['doctor'])).out).toMatch(/dated 3\d{3} s in the future \(a clock set wrong\)/);
    await runCli(ctx, ['doctor', '--fix']);
    expect(existsSync(lockOf(dir))).toBe(false);
    expect((await runCli(ctx, ['check', '1'])).code).toBe(0);
  });

  it('one whose process is gone is named so, and the next change takes it over at once', async () => {
    const dir = folder();
    writeFileSync(lockOf(dir), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), token: 'gone' }));
    const ctx = await fileContext(dir);
    expect((await runCli(ctx, ['doctor'])).out).toMatch(/left by an mlroadmap that is no longer running \(process 4194305 on /);
    const started = Date.now();
    expect((await runCli(ctx, ['check', '1'])).code).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(existsSync(lockOf(dir))).toBe(false);
  });

  it('one held by this (running) process is named as held, and is left alone by --fix', async () => {
    const dir = folder();
    writeFileSync(lockOf(dir), JSON.stringify({ pid: process.pid, host: hostname(), token: 'mine' }));
    const ctx = await fileContext(dir);
    expect((await runCli(ctx, ['doctor', '--fix'])).out).toMatch(/held by a running mlroadmap \(process \d+/);
    expect(existsSync(lockOf(dir))).toBe(true);
  });
});

describe('messages in words', () => {
  it.each([
    ['ENOENT', /a folder on the way was removed or cannot be made/],
    ['ENOTEMPTY', /a folder that should be empty is not/],
    ['ENOSPC', /the disk is full; free some space and try again/],
    ['EROFS', /read-only/],
  ])('%s', (code, words) => {
    expect(describeDiskError(Object.assign(new Error(code), { code }))).toMatch(words);
  });

  it('a 128 KB --content folder is quoted short in the error', async () => {
    const long = `/nowhere/${'a'.repeat(128 * 1024)}`;
    const error = await loadPack(long).catch((caught: Error) => caught);
    expect((error as Error).message.length).toBeLessThan(300);
  });
});

describe('caches', () => {
  it('a cache folder writable by others is not used', () => {
    const dir = folder('cache');
    chmodSync(dir, 0o777);
    expect(trustedCacheDir(dir)).toBeUndefined();
    chmodSync(dir, 0o700);
    expect(trustedCacheDir(dir)).toBe(dir);
  });

  it('an edited render cache entry is a miss, never its text on the terminal', () => {
    const dir = folder('cache');
    const cache = createFileRenderCache(dir);
    cache.set('build', 'key', 'rendered');
    expect(cache.get('build', 'key')).toBe('rendered');
    const entryDir = join(dir, readdirOnly(dir));
    const entry = join(entryDir, readdirOnly(entryDir));
    writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, 'utf8')), text: '\u001b]52;c;ZXZpbA==\u0007\u001b[2J' }));
    expect(cache.get('build', 'key')).toBeUndefined();
  });
});

function readdirOnly(dir: string): string {
  const names = readdirSync(dir);
  expect(names).toHaveLength(1);
  return names[0] as string;
}

describe('decoding a file as UTF-8', () => {
  it('takes valid UTF-8 as it is (a leading byte order mark aside) and refuses any damaged byte, as a fatal TextDecoder does', () => {
    const samples = [
      Buffer.from('{"note":"Résumé, 学习, 🙂"}'),
      Buffer.from('\uFEFF{"a":1}'),
      Buffer.from('\uFEFF\uFEFFtwo marks'),
      Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), // a broken two-byte sequence
      Buffer.from([0xc0, 0xaf]), // an overlong "/"
      Buffer.from([0xed, 0xa0, 0x80]), // a surrogate, encoded
      Buffer.from([0xf4, 0x90, 0x80, 0x80]), // past U+10FFFF
      Buffer.from([0x61, 0xe2, 0x82]), // cut short
      Buffer.alloc(0),
    ];
    for (const bytes of samples) {
      let expected: string | undefined;
      try {
        expected = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        expected = undefined;
      }
      expect(decodeUtf8(bytes), bytes.toString('hex')).toBe(expected);
    }
    // And from a view into a larger buffer, as the reader's chunks are.
    const whole = Buffer.from('xx{"a":"é"}yy');
    expect(decodeUtf8(whole.subarray(2, whole.length - 2))).toBe('{"a":"é"}');
  });
});

describe('reading a file whole', () => {
  it('reads a regular file, an empty one, and a file that says it is empty (/proc) to their ends', () => {
    const dir = folder('read');
    const sizes = [0, 1, 4095, 4096, 65_536, 200_001];
    for (const size of sizes) {
      const bytes = Buffer.alloc(size, 'x');
      writeFileSync(join(dir, `f${size}`), bytes);
      let identity = '';
      const read = readRegularFile(join(dir, `f${size}`), 1024 * 1024, {
        identity: (id) => {
          identity = id;
        },
      });
      expect(read.equals(bytes), `${size} bytes`).toBe(true);
      expect(identity).toMatch(new RegExp(`^\\d+:\\d+:${size}:\\d+:\\d+$`));
    }
    // Over the limit, as fstat gives its size.
    expect(() => readRegularFile(join(dir, 'f200001'), 200_000)).toThrow(/larger than/);
    // Not the learner's.
    expect(() => readRegularFile(join(dir, 'f1'), 10, { ownedBy: 12_345_678 })).toThrow(/another user/);
    if (process.platform === 'linux') {
      // Size 0 in its stat, and read a page at a time: all of it, to its last line.
      const status = readRegularFile('/proc/self/status', 1024 * 1024).toString('latin1');
      expect(statSync('/proc/self/status').size).toBe(0);
      expect(status).toMatch(/^Name:/);
      expect(status).toMatch(/\nVmRSS:[^\n]*\n/);
      expect(status.endsWith('\n')).toBe(true);
      const maps = readRegularFile('/proc/self/maps', 16 * 1024 * 1024).toString('latin1');
      expect(maps.trimEnd().split('\n').length).toBeGreaterThan(20);
    }
  });
});

describe('reading a file by position', () => {
  it('reads the bytes asked for from its start on, and refuses a file replaced or written since the version it was read as', () => {
    const dir = folder('positions');
    const path = join(dir, 'index');
    writeFileSync(path, 'headXXabcdefghij');
    const version = fileVersion(statSync(path, { bigint: true }));
    const read = readerAt(path, 6, version);
    expect(read(0, 3)).toBe('abc');
    expect(read(7, 10)).toBe('hij');
    expect(() => read(8, 12)).toThrow(/ends before byte 18/);
    // Opened at the first read: a file replaced before it is refused.
    const late = readerAt(path, 6, version);
    writeFileSync(`${path}.new`, 'headXXABCDEFGHIJ');
    renameSync(`${path}.new`, path);
    expect(() => late(0, 3)).toThrow(/has changed/);
    // Written in place, the same size: its times have changed.
    const current = fileVersion(statSync(path, { bigint: true }));
    const inPlace = readerAt(path, 6, current);
    // (After a tick of the file system's clock, which is coarser than its nanoseconds.)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
    writeFileSync(path, 'headXXabcdefghij');
    expect(() => inPlace(0, 3)).toThrow(/has changed/);
    // Without a version, whatever is there.
    expect(readerAt(path)(0, 4)).toBe('head');
  });

  it('reads parts of the version it opened, whoever replaced the file since, and refuses one written in place', () => {
    const dir = folder('versions');
    const path = join(dir, 'progress.json');
    writeFileSync(path, 'headXXabcdefghij');
    const file = openVersion(path, 1024);
    expect(file.version).toBe(fileVersion(statSync(path, { bigint: true })));
    expect(file.read(6, 9).toString()).toBe('abc');
    // Replaced by a rename (as every save replaces progress): the bytes it opened, still.
    writeFileSync(`${path}.new`, 'headXXABCDEFGHIJ');
    renameSync(`${path}.new`, path);
    expect(file.read(13, 16).toString()).toBe('hij');
    expect(() => file.read(14, 20)).toThrow(expect.objectContaining({ code: 'CHANGED' }));
    // Written in place, the same size: refused.
    const current = openVersion(path, 1024);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
    writeFileSync(path, 'headXXabcdefghij');
    expect(() => current.read(0, 4)).toThrow(expect.objectContaining({ code: 'CHANGED' }));
    // What readRegularFile refuses, refused the same way.
    expect(() => openVersion(path, 8)).toThrow(expect.objectContaining({ code: 'TOOBIG' }));
    expect(() => openVersion(dir, 1024)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(() => openVersion(join(dir, 'none'), 1024)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    if (process.platform !== 'win32') {
      const fifo = join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      expect(() => openVersion(fifo, 1024)).toThrow(expect.objectContaining({ code: 'NOTFILE' }));
    }
  });
});
