import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressFileError, ProgressWriteError } from '../../src/errors.js';
import { emptyProgress, type Progress, packProgress, setStatus } from '../../src/progress/model.js';
import { createFileStore, describeBackup, ProgressBusyError } from '../../src/progress/store.js';
import { cleanup, tempDir } from '../robustness/support.js';

const dirs: string[] = [];
afterEach(() => cleanup(...dirs.splice(0)));

function folder(): string {
  const dir = tempDir('store');
  dirs.push(dir);
  return dir;
}

const NOW = new Date('2026-01-15T10:00:00Z');
const check =
  (...ids: string[]) =>
  (progress: Progress) =>
    setStatus(progress, 'big', ids, 'done', NOW);
const file = (dir: string) => join(dir, 'progress.json');
const v1 = (steps: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ version: 1, packs: { big: { steps } }, ...extra });

/** Contents a progress file must never be read as progress from, and what the message says about each. */
const CORRUPT: [string, string | Buffer, RegExp][] = [
  ['truncated JSON', v1({ a: { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z' } }).slice(0, 30), /not valid (JSON|UTF-8)/],
  ['an empty file', '', /it is empty/],
  ['only whitespace', '  \n\t\n', /it is empty/],
  [
    'binary garbage',
    Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]),
    /not valid (JSON|UTF-8)/,
  ],
  ['JSON null', 'null', /does not hold a JSON object/],
  ['a JSON array', '[1, 2, 3]', /does not hold a JSON object/],
  ['a version that is a string', JSON.stringify({ version: '1', packs: {} }), /no valid format version/],
  ['no version and no packs', JSON.stringify({ steps: {} }), /no valid format version/],
  ['packs that is a list', JSON.stringify({ version: 1, packs: [] }), /"packs" is not an object/],
  ['steps that is a string', JSON.stringify({ version: 1, packs: { big: { steps: 'done' } } }), /"packs.big.steps" is not an object/],
  [
    'a step with an unknown status',
    v1({ a: { status: 'finished', updatedAt: '2026-01-15T10:00:00.000Z' } }),
    /step "a" is not a valid step record/,
  ],
  ['a step record that is a number', v1({ a: 1 }), /step "a" is not a valid step record/],
  ['a newer format version', JSON.stringify({ version: 99, packs: {} }), /newer mlroadmap \(format 99; this one reads up to 5\); upgrade/],
];

describe('a progress file that cannot be used', () => {
  it.each(CORRUPT)('%s: reads and changes stop with a message naming the file, and the file is unchanged', async (_, content, problem) => {
    const dir = folder();
    writeFileSync(file(dir), content);
    const before = readFileSync(file(dir));
    const store = createFileStore(dir);
    expect(() => store.read()).toThrow(ProgressFileError);
    expect(() => store.read()).toThrow(problem);
    await expect(store.update(check('a'))).rejects.toThrow(ProgressFileError);
    const error = (() => {
      try {
        store.read();
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toContain(file(dir));
    expect(error?.message).toMatch(/mlroadmap doctor.*mlroadmap reset/);
    expect(error?.message).not.toContain('\n');
    expect(readFileSync(file(dir)).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['progress.json']);
  });

  it('a folder named progress.json is reported as a folder and left alone', async () => {
    const dir = folder();
    mkdirSync(file(dir));
    const store = createFileStore(dir);
    expect(() => store.read()).toThrow(/it is a folder, not a file/);
    await expect(store.update(check('a'))).rejects.toThrow(ProgressFileError);
    expect(statSync(file(dir)).isDirectory()).toBe(true);
  });

  it('a named pipe is refused without blocking on it', async () => {
    const dir = folder();
    execFileSync('mkfifo', [file(dir)]);
    const store = createFileStore(dir);
    expect(() => store.read()).toThrow(/not a regular file/);
    await expect(store.update(check('a'))).rejects.toThrow(ProgressFileError);
    expect(statSync(file(dir)).isFIFO()).toBe(true);
  });

  it('a file far too big to be progress is refused without reading it', () => {
    const dir = folder();
    const fd = openSync(file(dir), 'w');
    ftruncateSync(fd, 64 * 1024 * 1024);
    closeSync(fd);
    expect(() => createFileStore(dir).read()).toThrow(/larger than 16 MB/);
    expect(statSync(file(dir)).size).toBe(64 * 1024 * 1024);
  });

  it('a symbolic link to itself is reported', () => {
    const dir = folder();
    symlinkSync(file(dir), file(dir));
    expect(() => createFileStore(dir).read()).toThrow(/symbolic link that points to itself/);
  });

  it('a problem quoting a key from the file carries no escape sequence', () => {
    const dir = folder();
    writeFileSync(file(dir), v1({ '\u001b]52;c;cGF5bG9hZA==\u0007\u001b[2Jx': 1 }));
    expect(() => createFileStore(dir).read()).toThrow(/step "x" is not a valid step record/);
  });
});

describe('progress that is kept', () => {
  it('keeps entries for unknown step ids, other packs and unknown keys when a step is checked', async () => {
    const dir = folder();
    const original = {
      version: 1,
      packs: {
        big: { steps: { 'removed-step': { status: 'done', updatedAt: '2020-01-01T00:00:00.000Z', note: 'mine' } }, extra: [1, 2] },
        'other-pack': { steps: { x: { status: 'doing', updatedAt: '2021-01-01T00:00:00.000Z' } } },
      },
      futureKey: { anything: true },
    };
    writeFileSync(file(dir), JSON.stringify(original));
    await createFileStore(dir).update(check('step-01'));
    const saved = JSON.parse(readFileSync(file(dir), 'utf8'));
    expect(saved.packs.big.steps['removed-step']).toEqual(original.packs.big.steps['removed-step']);
    expect(saved.packs.big.extra).toEqual([1, 2]);
    expect(saved.packs['other-pack']).toEqual(original.packs['other-pack']);
    expect(saved.futureKey).toEqual({ anything: true });
    expect(saved.packs.big.steps['step-01']).toMatchObject({ status: 'done' });
  });

  it('keeps "__proto__" and "constructor" keys as plain data, and pollutes no prototype', async () => {
    const dir = folder();
    writeFileSync(
      file(dir),
      '{"__proto__":{"polluted":"yes"},"version":1,"packs":{"__proto__":{"steps":{}},"big":{"steps":{"__proto__":{"status":"done","updatedAt":"2026-01-15T10:00:00.000Z"},"constructor":{"status":"done","updatedAt":"2026-01-15T10:00:00.000Z"}}}}}',
    );
    const store = createFileStore(dir);
    const progress = store.read();
    expect(Object.getPrototypeOf(progress)).toBe(Object.prototype);
    expect(Object.keys(packProgress(progress, 'big').steps).sort()).toEqual(['__proto__', 'constructor']);
    await store.update(check('step-01'));
    const text = readFileSync(file(dir), 'utf8');
    const saved = JSON.parse(text);
    expect(Object.keys(saved.packs.big.steps).sort()).toEqual(['__proto__', 'constructor', 'step-01']);
    expect(Object.hasOwn(saved, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).status).toBeUndefined();
  });

  it('reads a file that starts with a byte order mark', () => {
    const dir = folder();
    writeFileSync(file(dir), `\uFEFF${v1({ a: { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z' } })}`);
    expect(packProgress(createFileStore(dir).read(), 'big').steps.a?.status).toBe('done');
  });

  it('treats a missing file as no progress, and makes the folder at the first change', async () => {
    const dir = join(folder(), 'deeper', 'still');
    const store = createFileStore(dir);
    expect(store.read()).toEqual(emptyProgress());
    await store.update(check('step-02'));
    expect(JSON.parse(readFileSync(file(dir), 'utf8')).packs.big.steps['step-02'].status).toBe('done');
  });

  it('takes over a lock left behind by a process that died', async () => {
    const dir = folder();
    const lock = `${file(dir)}.lock`;
    mkdirSync(lock);
    const old = new Date(Date.now() - 30_000);
    utimesSync(lock, old, old);
    await createFileStore(dir).update(check('step-03'));
    expect(existsSync(lock)).toBe(false);
    expect(JSON.parse(readFileSync(file(dir), 'utf8')).packs.big.steps['step-03'].status).toBe('done');
  });
});

describe('reset and repair', () => {
  it('reset moves a damaged file, byte for byte, to a timestamped backup beside it and writes nothing', async () => {
    const dir = folder();
    writeFileSync(file(dir), '{"version":1,"pac');
    const backup = await createFileStore(dir).reset(() => emptyProgress());
    // The time for people, then the number that orders backups, then why it was made.
    expect(backup).toMatch(/progress\.json\.bak-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.1-moved$/);
    expect(readFileSync(backup as string, 'utf8')).toBe('{"version":1,"pac');
    expect(existsSync(file(dir))).toBe(false);
  });

  it('reset keeps what `keep` returns, and two resets in a row keep two backups', async () => {
    const dir = folder();
    const store = createFileStore(dir);
    await store.update(check('step-01'));
    const first = await store.reset((old) => old);
    const second = await store.reset(() => undefined);
    expect(first).not.toBe(second);
    expect(readdirSync(dir).filter((name) => name.includes('.bak-'))).toHaveLength(2);
    // Replaced by empty progress, never removed: a reader at any moment sees the old file or the new one.
    // The reset is recorded, dated, so a sync keeps only what other machines did after it.
    const { epochs, ...rest } = JSON.parse(readFileSync(file(dir), 'utf8'));
    expect(rest).toEqual(emptyProgress());
    expect(Object.values(epochs).map((epoch) => (epoch as { why: string }).why)).toEqual(['reset']);
  });

  it('repair backs up a damaged file but leaves a newer-format file and a good file alone', async () => {
    const damaged = folder();
    writeFileSync(file(damaged), 'garbage');
    const fixed = await createFileStore(damaged).repair();
    expect(readFileSync(fixed.backup as string, 'utf8')).toBe('garbage');
    expect(existsSync(file(damaged))).toBe(false);

    const newer = folder();
    writeFileSync(file(newer), JSON.stringify({ version: 7, packs: {} }));
    expect((await createFileStore(newer).repair()).backup).toBeUndefined();
    expect(readFileSync(file(newer), 'utf8')).toBe(JSON.stringify({ version: 7, packs: {} }));

    const good = folder();
    await createFileStore(good).update(check('step-01'));
    const before = readFileSync(file(good));
    expect((await createFileStore(good).repair()).backup).toBeUndefined();
    expect(readFileSync(file(good)).equals(before)).toBe(true);
  });

  it('repair deletes old temp files from interrupted writes but not one a live writer may be using', async () => {
    const dir = folder();
    const old = join(dir, 'progress.json.tmp-1700000000abcdef');
    const fresh = join(dir, 'progress.json.tmp-1800000000abcdef');
    writeFileSync(old, '{"half":');
    writeFileSync(fresh, '{"half":');
    const past = new Date(Date.now() - 60_000);
    utimesSync(old, past, past);
    const store = createFileStore(dir);
    expect(store.inspect().leftovers).toEqual([old, fresh]);
    expect((await store.repair()).removed).toEqual([old]);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('writes that fail', () => {
  it('a file where the folder should be: reading finds nothing, writing says why, the file is intact', async () => {
    const parent = folder();
    const notAFolder = join(parent, 'config');
    writeFileSync(notAFolder, 'my own file');
    const store = createFileStore(notAFolder);
    expect(store.read()).toEqual(emptyProgress());
    await expect(store.update(check('step-01'))).rejects.toThrow(ProgressWriteError);
    await expect(store.update(check('step-01'))).rejects.toThrow(/a file stands where a folder should be/);
    expect(store.inspect().folderProblem).toMatch(/a file stands where a folder should be/);
    expect(readFileSync(notAFolder, 'utf8')).toBe('my own file');
  });

  it('a file further up the path: the same', async () => {
    const parent = folder();
    writeFileSync(join(parent, 'blocker'), 'x');
    const store = createFileStore(join(parent, 'blocker', 'a', 'b'));
    expect(store.read()).toEqual(emptyProgress());
    await expect(store.update(check('step-01'))).rejects.toThrow(/could not save progress to .*a file stands where a folder should be/);
    expect(store.inspect().folderProblem).toMatch(/a file stands where a folder should be/);
  });

  it('a stray file where the lock should be, untouched for a minute, is cleared by the next change (it used to block every write)', async () => {
    const dir = folder();
    const store = createFileStore(dir);
    await store.update(check('step-01'));
    writeFileSync(`${file(dir)}.lock`, 'not a lock');
    const past = new Date(Date.now() - 60_000);
    utimesSync(`${file(dir)}.lock`, past, past);
    await store.update(check('step-02'));
    expect(Object.keys(packProgress(store.read(), 'big').steps).sort()).toEqual(['step-01', 'step-02']);
    expect(existsSync(`${file(dir)}.lock`)).toBe(false);
  });
});

describe('inspect', () => {
  it('reports a fresh lock as held and an old one as stale', () => {
    const dir = folder();
    const lock = `${file(dir)}.lock`;
    mkdirSync(lock);
    expect(createFileStore(dir).inspect().lock).toMatchObject({ path: lock, stale: false });
    const past = new Date(Date.now() - 60_000);
    utimesSync(lock, past, past);
    expect(createFileStore(dir).inspect().lock).toMatchObject({ stale: true });
  });

  it('says an old-format file reads fine and will be rewritten', () => {
    const dir = folder();
    writeFileSync(file(dir), JSON.stringify({ completed: { 'python-and-math': '2024-03-01T00:00:00.000Z' } }));
    expect(createFileStore(dir).inspect()).toMatchObject({ state: 'ok', migrated: true });
  });
});

describe('a save that gets past the lock', () => {
  // The lock keeps other writers out, but one on another host judges it by its time and may take it
  // over. Stand in for that other writer: save a new file (a temp file renamed over the old one)
  // while our change is being made.
  const saveBehindTheLock = (dir: string, progress: Progress) => {
    writeFileSync(`${file(dir)}.theirs`, JSON.stringify(progress));
    renameSync(`${file(dir)}.theirs`, file(dir));
  };

  it('is kept: the change is made again on top of it', async () => {
    const dir = folder();
    const store = createFileStore(dir);
    await store.update(check('a'));
    let calls = 0;
    await store.update((progress) => {
      calls++;
      if (calls === 1) saveBehindTheLock(dir, check('b')(progress));
      return check('c')(progress);
    });
    expect(calls).toBe(2);
    expect(Object.keys(packProgress(store.read(), 'big').steps).sort()).toEqual(['a', 'b', 'c']);
  });

  it('when the file keeps changing, gives up with a clear error and does not save over the other writer', async () => {
    const dir = folder();
    const store = createFileStore(dir);
    await store.update(check('a'));
    let calls = 0;
    const update = store.update((progress) => {
      calls++;
      saveBehindTheLock(dir, check(`theirs-${calls}`)(progress));
      return check('ours')(progress);
    });
    await expect(update).rejects.toThrow(ProgressWriteError);
    await expect(update).rejects.toThrow(/another program kept changing it while this change was being made; try again/);
    expect(calls).toBe(5);
    const steps = Object.keys(packProgress(store.read(), 'big').steps);
    expect(steps).not.toContain('ours');
    expect(steps).toContain('theirs-5');
  });
});

describe('backups and restores', () => {
  const other =
    (...ids: string[]) =>
    (progress: Progress) =>
      setStatus(progress, 'other', ids, 'done', NOW);
  const done = (progress: Progress, pack: string) => Object.keys(packProgress(progress, pack).steps).sort();

  it('are ordered by the number in their names, not by the time: a backup dated 2031 made earlier stays earlier', async () => {
    const dir = folder();
    const store = createFileStore(dir);
    await store.update(check('a'));
    // Made by an mlroadmap of old, and by this one, while the clock said 2031.
    writeFileSync(join(dir, 'progress.json.bak-2031-01-01T00-00-00-000Z'), v1({}));
    writeFileSync(join(dir, 'progress.json.bak-2031-01-01T00-00-01-000Z.1-reset-big'), v1({}));
    const made = await store.reset(() => undefined, 'big');
    expect(made).toMatch(/\.2-reset-big$/);
    expect(store.inspect().backups).toEqual([
      join(dir, 'progress.json.bak-2031-01-01T00-00-00-000Z'),
      join(dir, 'progress.json.bak-2031-01-01T00-00-01-000Z.1-reset-big'),
      made,
    ]);
  });

  it.each([
    ['progress.json.bak-2026-01-15T10-00-00-000Z.7-reset-data-scientist', { made: 7, why: 'reset', pack: 'data-scientist' }],
    ['progress.json.bak-2026-01-15T10-00-00-000Z.12-moved', { made: 12, why: 'moved' }],
    ['progress.json.bak-2026-01-15T10-00-00-000Z.3-restore-big', { made: 3, why: 'restore', pack: 'big' }],
    ['progress.json.bak-2026-01-15T10-00-00-000Z', {}],
    ['progress.json.bak-2026-01-15T10-00-00-000Z-2', {}],
  ])('%s says %o', (name, expected) => {
    expect(describeBackup(join('/x', name))).toEqual(expected);
  });

  it('a restore of one pack puts back that pack alone and keeps every other pack as it is now', async () => {
    const dir = folder();
    const store = createFileStore(dir);
    await store.update((progress) => other('x')(check('a')(progress)));
    const backup = (await store.reset((old) => ({ ...old, packs: { other: old.packs.other } }) as Progress, 'big')) as string;
    await store.update(other('y'));
    const kept = await store.restore(backup, 'big');
    const now = store.read();
    expect(done(now, 'big')).toEqual(['a']);
    expect(done(now, 'other')).toEqual(['x', 'y']);
    // What was there before the restore is kept too, so the restore can be undone.
    expect(kept).toMatch(/\.\d+-restore-big$/);
    expect(done(JSON.parse(readFileSync(kept as string, 'utf8')), 'other')).toEqual(['x', 'y']);
  });
});

describe('a progress file that is a symbolic link', () => {
  it('whose target does not exist yet: the first save makes the target and the link stays a link', async () => {
    const dir = folder();
    const elsewhere = folder();
    symlinkSync(join(elsewhere, 'mine.json'), file(dir));
    const store = createFileStore(dir);
    expect(store.read()).toEqual(emptyProgress());
    await store.update(check('a'));
    expect(lstatSync(file(dir)).isSymbolicLink()).toBe(true);
    expect(done(JSON.parse(readFileSync(join(elsewhere, 'mine.json'), 'utf8')))).toEqual(['a']);
    expect(store.inspect().linkTarget).toBe(join(elsewhere, 'mine.json'));
  });

  it('given relative, through a second link: saves reach the last target', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'dotfiles'));
    writeFileSync(join(dir, 'dotfiles', 'real.json'), v1({}));
    symlinkSync('real.json', join(dir, 'dotfiles', 'middle.json'));
    symlinkSync('dotfiles/middle.json', file(dir));
    await createFileStore(dir).update(check('b'));
    expect(lstatSync(join(dir, 'dotfiles', 'middle.json')).isSymbolicLink()).toBe(true);
    expect(done(JSON.parse(readFileSync(join(dir, 'dotfiles', 'real.json'), 'utf8')))).toEqual(['b']);
  });

  const done = (progress: Progress) => Object.keys(packProgress(progress, 'big').steps).sort();
});

describe('a lock naming a live process', () => {
  const lockOf = (dir: string, pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    writeFileSync(`${file(dir)}.lock`, JSON.stringify({ pid, host: hostname(), started, token: `${pid}-x` }));
  };

  it.skipIf(!existsSync('/proc/1/stat'))(
    'that is not an mlroadmap (pid 1) is foreign: reported as stale and taken over at once',
    async () => {
      const dir = folder();
      lockOf(dir, 1);
      const store = createFileStore(dir);
      expect(store.inspect().lock).toMatchObject({ state: 'foreign', pid: 1, stale: true });
      const start = Date.now();
      await store.update(check('a'));
      expect(Date.now() - start).toBeLessThan(5000);
      expect(existsSync(`${file(dir)}.lock`)).toBe(false);
    },
  );

  it('that is this very program is running, and kept', () => {
    const dir = folder();
    lockOf(dir, process.pid);
    expect(createFileStore(dir).inspect().lock).toMatchObject({ state: 'running', stale: false });
  });
});

describe('a save that waits too long for the lock', () => {
  it('can be asked to wait less, and then fails at once with ProgressBusyError, having changed nothing', async () => {
    const dir = folder();
    const store = createFileStore(dir);
    await store.update(check('a'));
    // Held by a live mlroadmap: this very process, under another taking of the lock.
    writeFileSync(`${file(dir)}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 'another-taking' }));
    const start = Date.now();
    await expect(store.update(check('b'), { lockWaitMs: 200 })).rejects.toThrow(ProgressBusyError);
    expect(Date.now() - start).toBeLessThan(3000);
    expect(Object.keys(packProgress(store.read(), 'big').steps)).toEqual(['a']);
  });

  it('fails with ProgressBusyError naming the holder, and warns when other users can write in the folder', async () => {
    const dir = folder();
    chmodSync(dir, 0o777);
    // A lock that cannot be judged by its owner and was touched just now: it counts for 10 s.
    mkdirSync(`${file(dir)}.lock`);
    const update = createFileStore(dir, { lockWaitMs: 300 }).update(check('a'));
    await expect(update).rejects.toBeInstanceOf(ProgressBusyError);
    await expect(update).rejects.toThrow(/kept it locked for too long; try again \(note: other users can write in .*chmod go-w/);
    expect(createFileStore(dir).inspect().folderWarning).toMatch(/other users can write in/);
  });
});

describe('inspect of a symbolic link that points to itself', () => {
  it('reports it as damaged, without throwing', () => {
    const dir = folder();
    symlinkSync(file(dir), file(dir));
    expect(createFileStore(dir).inspect()).toMatchObject({ state: 'damaged', problem: expect.stringMatching(/points to itself/) });
  });
});
