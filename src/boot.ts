/**
 * The loader: built as dist/mlroadmap.cjs, the executable (package.json's bin). This is the one place that
 * loads the program's code and keeps it compiled; what follows is its whole contract.
 *
 * What it loads. Each bundle of the build is one CommonJS function expression (scripts/build.mjs
 * wraps it): the whole program, dist/core.cjs (main.ts and all it imports, with commander, chalk and
 * Inquirer), and one fast entry point per command whose CommandSpec has `fast`, dist/fast/<name>.cjs
 * (that command and src/fast/run.ts alone; `help` prints the program's help). A line a fast entry
 * point takes (see `fastCommand`) runs there first; when it falls back, having printed and changed
 * nothing, the whole program runs the line. The big packages only some commands use (marked, yaml)
 * stay in ES module chunks (dist/lazy/, dist/chunks/), loaded through `lazy` with `import()`.
 * CommonJS, as the bin is: an ES module entry costs Node about 5 ms more to start.
 *
 * How it keeps them compiled. Through V8's code cache with node:vm, which works on every Node this
 * supports (Node 20 has no compile cache of its own) and keeps what a command compiled while it ran:
 * Node's compile cache (22.1+) keeps only what was compiled before a module ran, and was 17 to 28%
 * slower over the same bundle on Node 24 (see LIBRARIES.md), so it is not used. A cache is
 * `<cache folder>/code-<hash>-<name>.bin`, the hash over the build, the version of the bundle's file
 * (device, inode, size and times), the V8 version and Node's flags; the name is the command as
 * `codeCacheName` gives it for the core, and `fast-<command>` for an entry point. It is written once,
 * after the first run of that name with this build that was not a usage error (a command still
 * running after a second, the tutor, writes it then), and holds the functions that ran: one per
 * command, since one for all would make each command load the others' code. Caches of another build are removed once a week old.
 *
 * What it trusts. Compiled code runs as the learner, so a cache is read only from a folder the
 * learner owns that nobody else can write to (`trustedCacheDir`, not made just to read), and only a
 * regular file the learner owns of at most 64 MB (`readCacheFile`); its first 4 bytes are a checksum
 * of the rest (checksum.ts), since V8 does not check a code cache it is given. The sum is worked out
 * once per version of the file: `<name>.ok` beside it names the version (device, inode, size, times to
 * the nanosecond) whose sum was checked, as it was written or first read, and any write to the file
 * changes its ctime, so a file changed since is summed again (what the stamp cannot see is a disk
 * that changes bits by itself). A bundle under 16 kB gets no cache: it compiles faster than one is
 * read. Nothing here throws for a cache that is missing, damaged, refused or cannot be written: the
 * bundle then compiles as usual.
 */

import { parseCommandLine } from './argv.js';
import { checksum } from './checksum.js';
import { fileVersion, readRegularFile, replaceFile } from './disk.js';
import { isProgramHelp, PART_MISSING } from './fast/lines.js';
import type * as Main from './main.js';
import { cacheDir, checkedOnce, hash, readCacheFile, STALE_MS, stampChecked, trustedCacheDir } from './render/cache.js';

/** Set by the build (scripts/build.mjs) to a hash of everything the bundle is made of. */
declare const MLROADMAP_BUILD: string;

// Through getBuiltinModule rather than `import`: an ES module import of node:fs builds a namespace of
// all of fs, which loads its stream classes.
const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');
const vm = process.getBuiltinModule('node:vm');
const { pathToFileURL } = process.getBuiltinModule('node:url');
const { isAscii } = process.getBuiltinModule('node:buffer');

/** The core's `require`: everything but Node's own modules is bundled into it, so only those are asked for. */
function requireBuiltin(id: string): unknown {
  const builtin = process.getBuiltinModule(id);
  if (builtin === undefined) throw new Error(`core.cjs asked for ${id}, which is not bundled`);
  return builtin;
}

type Core = typeof Main;

/**
 * The folder of the build: this file's own. Node gives it as __dirname, unless it was started through
 * a symbolic link with --preserve-symlinks-main, which keeps the link's folder: then `main` takes the
 * folder of the file the link points to once a part is not found there.
 */
let home = __dirname;

/** Loads an ES module chunk of the build by name (`lazy/yaml` is dist/lazy/yaml.js); the core calls it for `import()`. */
const lazy = (name: string): Promise<unknown> => import(pathToFileURL(path.join(home, `${name}.js`)).href);

let core: Core | undefined;
let saveCodeCache: (() => void) | undefined;

/** Set by the build to the registry's command names (src/commands/index.ts). */
declare const MLROADMAP_COMMANDS: readonly string[];
const BUILT_COMMANDS: readonly string[] | undefined = typeof MLROADMAP_COMMANDS === 'undefined' ? undefined : MLROADMAP_COMMANDS;

/**
 * The name of the code cache for a command line: the command, `help` or `version` when asked for,
 * `default` with no command (the tutor on a terminal, the help in a pipe), `other` for a word that
 * is no command (a typo gets no cache of its own).
 */
export function codeCacheName(argv: readonly string[], commands: readonly string[] | undefined = BUILT_COMMANDS): string {
  const line = parseCommandLine(argv);
  if (line.help) return 'help';
  if (line.version) return 'version';
  if (line.command === undefined) return 'default';
  if (line.command === 'help') return 'help';
  return commands?.includes(line.command) ? line.command : 'other';
}

/** A bundle of the build is a few megabytes at most. */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

/** Below this size a bundle is compiled without a code cache (see `compile`): measured, 3 kB compile in about 0.1 ms. */
const SMALL_BUNDLE_BYTES = 16 * 1024;

/** A bundle compiled through the code cache: what it exports, and how to keep its compiled code when there was none. */
interface Compiled<T> {
  exports: T;
  save?: () => void;
}

/**
 * Compiles and runs a bundle of the build (`file`, one function expression: see scripts/build.mjs)
 * with the code cache `name` when there is a good one, and returns its exports.
 */
function compile<T>(file: string, name: string): Compiled<T> {
  // The bundle first, and which version of the file it is (device, inode, size and times): V8 checks
  // only the length of the source it is given a cache for, so a bundle changed in place gets a cache
  // of its own. Read as the cache is read, with the same few calls of node:fs.
  let version = '';
  const bytes = readRegularFile(file, MAX_BUNDLE_BYTES, {
    identity: (id) => {
      version = id;
    },
  });
  // Only looked at to read: the folder is made when a cache is first written into it. A small bundle
  // (the program's help) compiles faster than its cache is read and checked: it gets none.
  const dir = bytes.length < SMALL_BUNDLE_BYTES ? undefined : cacheDir(process.env);
  const readable = trustedCacheDir(dir, { make: false }) !== undefined;
  const identity = [MLROADMAP_BUILD, version, process.versions.v8, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''];
  const cacheFile = dir === undefined ? undefined : path.join(dir, `code-${hash(identity.join('\n'))}-${name}.bin`);
  const cachedData = cacheFile === undefined || !readable ? undefined : readCodeCache(cacheFile);
  // esbuild writes ASCII (bar the odd character in a regular expression): decoding that as Latin-1 is
  // faster and gives V8 a one-byte string.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} as T };
  // The bundle's import.meta: its url is made only if read.
  const meta = {
    get url() {
      return pathToFileURL(file).href;
    },
  };
  // Every bundle is given the folder of the build as its __dirname, where content.json and the lazy chunks are.
  script.runInThisContext()(module.exports, requireBuiltin, module, file, home, meta, lazy);
  const save =
    dir !== undefined && cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)
      ? () => writeCodeCache(dir, cacheFile, () => script.createCachedData())
      : undefined;
  return { exports: module.exports, ...(save ? { save } : {}) };
}

function load(name: string): Core {
  if (core) return core;
  const compiled = compile<Core>(path.join(home, 'core.cjs'), name);
  saveCodeCache = compiled.save;
  core = compiled.exports;
  return core;
}

/** Set by the build to package.json's version. */
declare const MLROADMAP_VERSION: string;

/** Set by the build to the names of the commands with a fast entry point (see src/fast/run.ts). */
declare const MLROADMAP_FAST_COMMANDS: readonly string[];
const FAST_COMMANDS: readonly string[] = typeof MLROADMAP_FAST_COMMANDS === 'undefined' ? [] : MLROADMAP_FAST_COMMANDS;

/** What a fast entry point (dist/fast/<name>.cjs) exports. */
interface FastEntry {
  run(argv: readonly string[]): Promise<{ code: number } | { fallback: string }>;
}

/**
 * The command whose fast entry point takes this line, if any: a command that has one, without help or
 * version (those are the whole program's), unless MLROADMAP_FAST=0 turns them off.
 */
export function fastCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  commands: readonly string[] = FAST_COMMANDS,
): string | undefined {
  if (env.MLROADMAP_FAST === '0' || argv.includes('--')) return undefined;
  // The program's help (src/fast/help.ts): its entry point is named help. It names the shipped guide's review date.
  if (commands.length > 0 && !env.MLROADMAP_CONTENT && isProgramHelp(argv)) return 'help';
  const line = parseCommandLine(argv);
  if (line.command === undefined || line.help || line.version || line.contentMissing) return undefined;
  return commands.includes(line.command) ? line.command : undefined;
}

/**
 * Runs the line through the command's fast entry point. Returns its exit code, or undefined when the
 * whole program must run the line (the entry point has printed nothing then). MLROADMAP_FAST=strict
 * makes a line no entry point takes, or one that falls back, an error (exit code 70) that names the
 * reason, for the tests that check each line a fast entry point should take is taken.
 */
async function runFast(name: string, argv: readonly string[]): Promise<number | undefined> {
  let result: Awaited<ReturnType<FastEntry['run']>>;
  let save: (() => void) | undefined;
  try {
    const entry = compile<FastEntry>(path.join(home, 'fast', `${name}.cjs`), `fast-${name}`);
    save = entry.save;
    result = await entry.exports.run(argv);
  } catch (error) {
    result = { fallback: `the entry point failed: ${String((error as Error)?.message ?? error)}` };
  }
  if ('code' in result) {
    if (result.code !== 2) save?.();
    return result.code;
  }
  if (process.env.MLROADMAP_FAST === 'strict') {
    // Written at once: the process ends right after a line the entry point took (see `main`).
    try {
      fs.writeSync(2, `mlroadmap: the fast entry point of ${name} fell back: ${result.fallback}\n`);
    } catch {
      // Nobody reads standard error.
    }
    return 70;
  }
  return undefined;
}

/**
 * A command still running after this long is waiting for the learner (the tutor, a question): its
 * compiled code is kept then, since a terminal closed under the tutor ends it before it returns.
 */
const SAVE_WHILE_RUNNING_MS = 1000;

/** Whether the line was done by the version or a fast entry point, which write with fs.writeSync: nothing is left in a stream's buffer. */
let writtenSynchronously = false;

/**
 * What the executable runs (the line the build ends dist/mlroadmap.cjs with calls it when that is the
 * main module): the command line, then the end of the process. After a line written
 * synchronously (see `writtenSynchronously`) the process ends at once: process.exit spares Node the
 * teardown of a heap nobody needs, about half a millisecond a start. After the whole program, whose
 * output may still wait in a stream's buffer (a pipe on Windows), only the exit code is set.
 */
export async function main(): Promise<void> {
  let code: number;
  try {
    code = await runFromHome();
  } catch (error) {
    // Only the loader's own failures get here (the program reports every error of a command itself):
    // one line, as for any other error, never a stack trace.
    if (process.env.MLROADMAP_DEBUG) writeError(String((error as Error)?.stack ?? error));
    writeError(
      isMissingPart(error)
        ? PART_MISSING
        : `mlroadmap: unexpected error: ${String((error as Error)?.message ?? error).split('\n')[0]} (set MLROADMAP_DEBUG=1 for details)`,
    );
    code = 1;
  }
  if (writtenSynchronously) process.exit(code);
  process.exitCode = code;
}

/**
 * `run`, and once more from the folder of the file this is when a part of the program is not in the
 * folder Node named (a symbolic link kept as the program's path): nothing has run then, since every
 * part is loaded before it runs anything.
 */
async function runFromHome(): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!isMissingPart(error)) throw error;
    let real: string;
    try {
      real = path.dirname(fs.realpathSync(__filename));
    } catch {
      throw error;
    }
    if (real === home) throw error;
    home = real;
    core = undefined;
    saveCodeCache = undefined;
    return await run();
  }
}

/** A part of the build that could not be read: a bundle's file is not there. */
function isMissingPart(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOENT' || code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function writeError(text: string): void {
  try {
    fs.writeSync(2, `${text}\n`);
  } catch {
    // Nobody reads standard error.
  }
}

/**
 * Runs the command line (see main.ts), then keeps the compiled code for the next run of the command if
 * there was none. Not after a usage error (exit code 2): a mistyped command would leave a cache of its own.
 */
export async function run(argv?: string[]): Promise<number> {
  const line = argv ?? process.argv.slice(2);
  // The version needs nothing but itself.
  if (typeof MLROADMAP_VERSION === 'string' && line.length === 1 && (line[0] === '--version' || line[0] === '-V')) {
    try {
      fs.writeSync(1, `${MLROADMAP_VERSION}\n`);
    } catch {
      // The reader went away: nothing more to say.
    }
    writtenSynchronously = true;
    return 0;
  }
  const fast = fastCommand(line, process.env);
  if (fast !== undefined) {
    const code = await runFast(fast, line);
    writtenSynchronously = code !== undefined;
    if (code !== undefined) return code;
  } else if (process.env.MLROADMAP_FAST === 'strict') {
    process.stderr.write('mlroadmap: no fast entry point takes this line\n');
    return 70;
  }
  const program = load(codeCacheName(line));
  const save = () => {
    saveCodeCache?.();
    saveCodeCache = undefined;
  };
  const timer = saveCodeCache && setTimeout(save, SAVE_WHILE_RUNNING_MS).unref();
  const code = await program.run(argv);
  clearTimeout(timer);
  if (code !== 2) save();
  saveCodeCache = undefined;
  return code;
}

export async function compileContent(dir: string): ReturnType<Core['compileContent']> {
  return load('build').compileContent(dir);
}

/** A code cache is a few megabytes at most; a larger file is not one. */
const MAX_CODE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The code in a cache file, when its checksum is right. The sum is worked out once per version of the
 * file: a stamp beside it (`<name>.ok`) holds the identity of the version whose sum was checked (its
 * device, inode, size, and times to the nanosecond: a write changes its ctime, which no one can set
 * back), and a file that still has it is not summed again. WebAssembly's first use costs about half a
 * millisecond a start, a tenth of what a print command may add.
 */
function readCodeCache(file: string): Buffer | undefined {
  try {
    let identity: string | undefined;
    const data = readCacheFile(file, MAX_CODE_CACHE_BYTES, (id) => {
      identity = id;
    });
    if (data === undefined || data.length < 8 || identity === undefined) return undefined;
    const code = data.subarray(4);
    return checkedOnce(stampOf(file), identity, () => data.readUInt32LE(0) === checksum(code)) ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The stamp of a code cache (see `readCodeCache`). */
function stampOf(file: string): string {
  return file.replace(/\.bin$/, '.ok');
}

function writeCodeCache(dir: string, file: string, produce: () => Buffer): void {
  try {
    if (trustedCacheDir(dir) === undefined) return;
    // Serialising the code takes a few milliseconds: not when it cannot be kept anyway.
    fs.accessSync(dir, fs.constants.W_OK);
    const data = produce();
    const header = Buffer.alloc(4);
    header.writeUInt32LE(checksum(data));
    replaceFile(file, Buffer.concat([header, data]));
    // Summed as it was written: what is at the path now (this or another process's cache, written the same way) needs no sum on reading.
    stampChecked(stampOf(file), fileVersion(fs.statSync(file, { bigint: true })));
    // Caches of other builds, V8 versions or flags not written for a week are of no more use: those of
    // the same bundle (the core's, or one fast entry point's) under another hash.
    const [, build, kind] = /^code-([0-9a-f]+)-?(fast-[a-z-]+)?/.exec(path.basename(file)) ?? [];
    for (const name of fs.readdirSync(dir)) {
      const other = path.join(dir, name);
      const match = /^code-([0-9a-f]+)(?:-(fast-[a-z-]+|[a-z]+))?\.(?:bin|ok)$/.exec(name);
      if (!match || match[1] === build) continue;
      const otherKind = match[2]?.startsWith('fast-') ? match[2] : undefined;
      if (otherKind === kind && Date.now() - fs.statSync(other).mtimeMs > STALE_MS) fs.rmSync(other, { force: true });
    }
  } catch {
    // Not writable: compile again next time.
  }
}
