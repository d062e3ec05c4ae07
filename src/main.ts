import { closeSync, writeSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import chalk from 'chalk';
import { CommanderError } from 'commander';
import { type CommandLine, parseCommandLine } from './argv.js';
import { buildProgram } from './cli.js';
import type { FastContent } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXERCISES_FOLDER } from './content/exercises.js';
import { loadBundledPack } from './content/load.js';
import { editDistance, suggest } from './content/lookup.js';
import type { Roadmap } from './content/schema.js';
import type { Context, SyncSetup } from './context.js';
import {
  columnsOf,
  configDir,
  createStore,
  decideColorLevel,
  errorText,
  errorWidth,
  isTerminal,
  reportFailure,
  windowSize,
} from './edge.js';
import { UsageError } from './errors.js';
import type { ExerciseSetup } from './exercises/setup.js';
import { diskFiles } from './files.js';
import { toJson } from './json.js';
import { aliasedStore } from './progress/aliases.js';
import { createFileSettings, createMemorySettings } from './progress/settings.js';
import { useVerifiedStamps } from './progress/store.js';
import { cacheDir, createFileRenderCache, trustedCacheDir, useRenderCache } from './render/cache.js';
import { sanitizeText } from './render/sanitize.js';
import { createPrompts, loadInquirer } from './tutor/prompts.js';

/** Exit codes: 0 fine, 1 a request that could not be done, 2 a wrong command line, 130 interrupted. */
const USAGE_ERROR_CODES = new Set([
  'commander.unknownCommand',
  'commander.unknownOption',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.invalidArgument',
  'commander.excessArguments',
  'commander.conflictingOption',
]);

/** A word the program itself takes before a command: --content (and its folder, read by argv.ts), --no-color, help and version. */
function isGlobalOption(arg: string): boolean {
  return ['--content', '--no-color', '-h', '--help', '-V', '--version'].includes(arg) || arg.startsWith('--content=');
}

/** "unknown option '-v' (did you mean -V / --version?)", as commander says it for a command's options. */
export function unknownOptionMessage(arg: string): string {
  const name = arg.split('=')[0] as string;
  if (name === '-v' || name === '--ver' || name === '--vers') return `unknown option '${name}' (Did you mean -V / --version?)`;
  const known = ['--content', '--no-color', '--help', '--version'];
  const close = known.filter((option) => editDistance(option, name) <= Math.max(2, Math.floor(option.length / 3)));
  return `unknown option '${name}'${close.length > 0 ? ` (Did you mean ${close.join(' or ')}?)` : ''}`;
}

/** What the terminal is, decided once at start: every command and renderer is handed this, none asks itself. */
export interface Terminal {
  /** Standard output is a terminal. */
  tty: boolean;
  /** Standard input and output are terminals: a prompt can be answered. */
  interactive: boolean;
  width: number;
  height: number;
  colorLevel: 0 | 1 | 2 | 3;
  /** TERM=dumb: a terminal that understands no escape codes; plain ASCII, no prompts. */
  ascii: boolean;
  /** The width messages on standard error wrap at, when it is a terminal; undefined in a pipe, where each stays one line. */
  errWidth?: number;
}

/**
 * Looks at the terminal and the environment. isatty(0) rather than process.stdin.isTTY, which
 * builds the stdin stream (about 1 ms) even for commands that never read it.
 */
export function detectTerminal(line: CommandLine, env: NodeJS.ProcessEnv): Terminal {
  const stdout = process.stdout;
  const tty = stdout.isTTY === true;
  const ascii = env.TERM === 'dumb';
  // COLUMNS, when set, is the width (a terminal's or a pipe's); else the terminal's, at most 120 for reading.
  const columns = columnsOf(env);
  const stderr = process.stderr;
  return {
    ...(stderr.isTTY ? { errWidth: errorWidth(columns, stderr) } : {}),
    tty,
    ascii,
    // A prompt redraws itself with cursor codes that a dumb terminal prints as junk.
    interactive: isTerminal(0) && tty && !ascii,
    ...windowSize(columns, tty ? stdout : undefined),
    colorLevel: decideColorLevel(line.noColor ? ['--no-color'] : [], env, chalk.level),
  };
}

/** The exit code a shell reports for a process a signal ended: 128 + the signal's number. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 } as const;
/** What reads and writes on a terminal that is gone (its window closed, its tmux pane killed, its ssh connection dropped) fail with. */
const LOST_TERMINAL_CODES = new Set(['EIO', 'EPIPE', 'ENXIO']);

function isLostTerminal(error: unknown): boolean {
  return LOST_TERMINAL_CODES.has(String((error as NodeJS.ErrnoException | undefined)?.code));
}

/** What `guardTerminal` gives the code that reads the keyboard. */
export interface TerminalGuard {
  /** Standard input, watched from now on for the terminal going away. */
  input(): NodeJS.ReadStream;
  /** Leaves the program at once, the terminal restored (or let go, when it is gone), with `code`. */
  leave(code: number, lost?: boolean): never;
  /**
   * While `handler` is set, SIGINT, SIGTERM and SIGHUP call it instead of leaving: work that must end
   * what it started and say so (the exercise checks' process group) takes them over, then gives them back.
   */
  intercept(handler: (() => void) | undefined): void;
}

/**
 * Leaves the terminal as it was found, however the program ends: on SIGINT, SIGTERM, SIGHUP or
 * SIGQUIT, raw mode off and the cursor shown (Inquirer hides it while a list is shown), then the
 * exit code a shell expects (128 + the signal). A terminal that is gone (standard input at its end,
 * or EIO on reading, writing or setting raw mode) is let go quietly with 129, as for a hang-up:
 * Node resets each terminal's settings as it exits and aborts with an assertion (and a core dump)
 * when that fails, so the file descriptors of a lost terminal are closed first, which Node skips.
 */
export function guardTerminal(): TerminalGuard {
  const terminals = [0, 1, 2].filter((fd) => isTerminal(fd));
  let stdin: NodeJS.ReadStream | undefined;
  let leaving = false;
  const restore = (): boolean => {
    try {
      if (stdin?.isTTY && stdin.isRaw) stdin.setRawMode(false);
      if (isTerminal(1)) writeSync(1, '\u001b[?25h');
      return true;
    } catch {
      return false;
    }
  };
  const leave = (code: number, lost = false): never => {
    if (!leaving) {
      leaving = true;
      if (lost || !restore()) {
        for (const fd of terminals) {
          try {
            closeSync(fd);
          } catch {
            // Closed already.
          }
        }
      }
    }
    process.exit(code);
  };
  let intercepting: (() => void) | undefined;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => (intercepting && signal !== 'SIGQUIT' ? intercepting() : leave(code)));
  }
  // readline re-emits an error of its input (setRawMode EIO as the terminal closes) on its interface,
  // where nothing listens: without this it would end the program with a stack trace.
  process.on('uncaughtException', (error) => {
    if (isLostTerminal(error)) leave(SIGNAL_EXIT_CODES.SIGHUP, true);
    process.exitCode = reportError(error, (text) => process.stderr.write(`${text}\n`));
    leave(process.exitCode);
  });
  return {
    input() {
      if (stdin === undefined) {
        stdin = process.stdin;
        // Listened to before any prompt's readline, so these run first: a terminal at its end of input
        // has been closed (in raw mode, Ctrl+D is a key, not the end).
        if (stdin.isTTY) stdin.on('end', () => leave(SIGNAL_EXIT_CODES.SIGHUP, true));
        stdin.on('error', (error) => {
          if (isLostTerminal(error)) leave(SIGNAL_EXIT_CODES.SIGHUP, true);
        });
      }
      return stdin;
    },
    leave,
    intercept(handler) {
      intercepting = handler;
    },
  };
}

export { configDir, decideColorLevel, errorText };

/** The one edge of the program: reads argv, the environment and the terminal, runs a command, returns the exit code. */
export async function run(argv: string[] = process.argv.slice(2)): Promise<number> {
  const env = process.env;
  const line = parseCommandLine(argv);
  const terminal = detectTerminal(line, env);
  const guard = guardTerminal();
  // The tutor re-lays its screen when the window is resized: its size is read again then.
  if (terminal.interactive) process.stdout.on('resize', () => Object.assign(terminal, windowSize(columnsOf(env), process.stdout)));
  // Under --json an error is a JSON object on stderr, `{"error":{"message":...,"exitCode":...}}`, for scripts.
  const errors: string[] = [];
  const report = (text: string) => {
    if (line.json) errors.push(text.replace(/^mlroadmap: /, ''));
    else process.stderr.write(`${errorText(text, terminal)}\n`);
  };
  const fail = (error: unknown): number => {
    const code = reportError(error, report);
    if (line.json && errors.length > 0) process.stderr.write(`${toJson({ error: { message: errors.join('\n'), exitCode: code } }, 0)}\n`);
    return code;
  };
  let args = argv.filter((arg) => arg !== '--no-color');
  // No command: the tutor on a terminal, the help in a pipe or script.
  if (line.command === undefined && !line.contentMissing && !line.help && !line.version) {
    // An option no command has (`mlroadmap --foo`) is a usage error, not a request for the help.
    const unknown = args.find((arg) => arg.startsWith('-') && arg !== '--' && !isGlobalOption(arg));
    if (unknown !== undefined) return fail(new UsageError(unknownOptionMessage(unknown)));
    args = [...args, terminal.interactive ? 'start' : '--help'];
  }
  // `help nope`: one line and a suggestion, as `nope` gets, not the whole help on stderr.
  const helpIndex = args.indexOf('help');
  const asked = line.command === 'help' && helpIndex >= 0 ? args.slice(helpIndex + 1).find((arg) => !arg.startsWith('-')) : undefined;
  if (asked !== undefined && !COMMANDS.some((spec) => spec.name === asked) && asked !== 'help') {
    const close = suggest(asked, [...COMMANDS.map((spec) => spec.name), 'help']).slice(0, 1);
    const hint = close.length > 0 ? ` (Did you mean ${close[0]}?)` : " (see 'mlroadmap help')";
    return fail(new UsageError(`unknown command '${sanitizeText(asked).slice(0, 60)}'${hint}`));
  }
  if (terminal.colorLevel === 0) {
    // Inquirer colours its prompts with node:util's styleText, which reads the environment itself,
    // knows nothing of --no-color and lets FORCE_COLOR beat NO_COLOR (with a warning): tell it too.
    delete env.FORCE_COLOR;
    env.NO_COLOR = '1';
  }
  chalk.level = terminal.colorLevel;
  const caches = trustedCacheDir(cacheDir(env));
  // Rendered markdown is kept between runs: marked takes tens of milliseconds to start (see render/cache.ts).
  if (caches !== undefined) useRenderCache(createFileRenderCache(caches));
  // A progress file checked whole once is only parsed after, while it stays the same (see store.ts).
  useVerifiedStamps(caches);
  const stdout = process.stdout;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`mlroadmap roadmap | head -1`): nothing more to say.
    if (error.code === 'EPIPE' && !terminal.tty) process.exit(process.exitCode ?? 0);
    if (isLostTerminal(error)) guard.leave(SIGNAL_EXIT_CODES.SIGHUP, true);
  });
  try {
    // `validate` reads the folder it is given; a broken pack in --content must not stop it reporting.
    const contentDir = line.command === 'validate' ? undefined : (line.content ?? env.MLROADMAP_CONTENT);
    const pack = contentDir ? await (await import('./content/load.js')).loadPackCached(contentDir, caches) : undefined;
    const ctx = await buildContext(terminal, env, pack, guard, contentDir);
    // With no command the tutor starts on a terminal, unless the line asks for the program's help,
    // which lists every command.
    const only = line.command ?? (terminal.interactive && !line.help ? 'start' : undefined);
    await buildProgram(ctx, only, line.json ? { error: report } : {}).parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    return fail(error);
  }
}

/** The real context: the terminal as detected, the learner's progress file, the pack (the shipped guide unless one was given). */
async function buildContext(
  terminal: Terminal,
  env: NodeJS.ProcessEnv,
  pack: Roadmap | undefined,
  guard: TerminalGuard,
  contentDir?: string,
): Promise<Context> {
  const stdout = process.stdout;
  let roadmap = pack;
  const config = configDir(env);
  const loadRoadmap = () => {
    roadmap ??= loadBundledPack(join(import.meta.dirname, 'content.json'));
    return roadmap;
  };
  return {
    exercises: exerciseSetup(env, config, contentDir, terminal, guard),
    ...(config === undefined ? {} : { sync: syncSetup(env, config) }),
    // The shipped guide is parsed when first asked for: the help never asks.
    get roadmap() {
      return loadRoadmap();
    },
    // Progress under a topic's former id reads as the topic's (see progress/aliases.ts).
    store: aliasedStore(createStore(configDir(env)), loadRoadmap),
    out: (text) => stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${errorText(text, terminal)}\n`),
    tty: terminal.tty,
    interactive: terminal.interactive,
    ...(terminal.ascii ? { ascii: true } : {}),
    // Read each time: they follow the window as it is resized.
    get width() {
      return terminal.width;
    },
    get height() {
      return terminal.height;
    },
    // Home, clear the screen, and clear what scrolled off (xterm's E3), so an old page cannot be scrolled back into.
    clear: () => {
      if (terminal.tty && !terminal.ascii) stdout.write('\u001b[H\u001b[2J\u001b[3J');
    },
    style: chalk,
    // Links only where colour is on too: NO_COLOR or --no-color means plain text.
    // Imported only on a terminal: supports-hyperlinks inspects the terminal as it loads.
    hyperlinks: terminal.colorLevel > 0 && terminal.tty && (await import('supports-hyperlinks')).createSupportsHyperlinks(stdout),
    now: () => new Date(),
    random: Math.random,
    files: diskFiles,
    confirm: async (message) => (await import('@inquirer/prompts')).confirm({ message, default: false }, { input: guard.input() }),
    prompts: createPrompts(
      loadInquirer,
      () => guard.input(),
      () => terminal.width,
      () => terminal.height,
      () => stdout,
    ),
  };
}

/** The command on the line (see argv.ts), for tests that build only it as main.ts does. */
export function commandName(argv: readonly string[]): string | undefined {
  return parseCommandLine(argv).command;
}

/** The command names in the registry, for the build to give boot.ts (its code cache is named after the command). */
export const commandNames: readonly string[] = COMMANDS.map((command) => command.name);

/** The commands with fast entry points and the parts of the guide each reads, for the build to generate them (see src/fast/). */
export const fastCommands: readonly {
  name: string;
  content: readonly FastContent[];
  textContent?: readonly FastContent[];
  searchIndex: boolean;
  progress: boolean;
}[] = COMMANDS.flatMap((command) =>
  command.fast
    ? [
        {
          name: command.name,
          content: command.fast.content,
          ...(command.fast.textContent ? { textContent: command.fast.textContent } : {}),
          searchIndex: command.fast.searchIndex === true,
          progress: command.fast.progress !== false,
        },
      ]
    : [],
);

export { searchIndexData } from './content/search.js';
export { sliceRoadmap } from './content/slice.js';
/** For the build, which renders the program's help with this as the config folder (see fast/help.ts). */
export { HELP_CONFIG_MARK } from './fast/lines.js';
/** For the build, which writes the guide and its slices as ASCII (json.ts). */
export { asciiText } from './json.js';

/**
 * Where the exercises' files are (the pack's exercises/ folder, or dist/exercises/ for the shipped
 * guide), the pytest plugin beside the bundle, settings beside progress, and Ctrl+C and keys from
 * this process.
 */
function exerciseSetup(
  env: NodeJS.ProcessEnv,
  config: string | undefined,
  contentDir: string | undefined,
  terminal: Terminal,
  guard: TerminalGuard,
): ExerciseSetup {
  return {
    dir: contentDir ? resolve(contentDir, EXERCISES_FOLDER) : join(import.meta.dirname, EXERCISES_FOLDER),
    pluginDir: join(import.meta.dirname, 'python'),
    pythonEnv: env.MLROADMAP_PYTHON || undefined,
    // Worked out when asked for: node:os costs a start a few tenths of a millisecond.
    get defaultWorkspace() {
      const home = process.getBuiltinModule('node:os').homedir();
      return isAbsolute(home) ? join(home, 'mlroadmap-exercises') : undefined;
    },
    settings: config === undefined ? createMemorySettings() : createFileSettings(config),
    poll: env.MLROADMAP_WATCH_POLL === '1',
    async interruptible(work) {
      const controller = new AbortController();
      // While the checks run, Ctrl+C ends them (their whole process group) instead of leaving them running.
      guard.intercept(() => controller.abort());
      try {
        return await work(controller.signal);
      } finally {
        guard.intercept(undefined);
      }
    },
    keys: terminal.interactive
      ? (onKey) => {
          const stdin = process.stdin;
          stdin.setRawMode(true);
          stdin.resume();
          stdin.setEncoding('utf8');
          const listener = (data: string) => {
            for (const char of data) onKey(char === '\u0003' ? 'ctrl-c' : char === '\r' || char === '\n' ? 'return' : char.toLowerCase());
          };
          stdin.on('data', listener);
          return () => {
            stdin.off('data', listener);
            stdin.setRawMode(false);
            stdin.pause();
          };
        }
      : undefined,
  };
}

/**
 * Sync's repository, in mlroadmap's config folder beside progress (never the learner's working tree).
 * MLROADMAP_SYNC_TIMEOUT_MS shortens the network time limit; MLROADMAP_SYNC_KILL_AT=<phase> kills this
 * process as that phase starts, for the tests of a sync killed half-way.
 */
function syncSetup(env: NodeJS.ProcessEnv, config: string): SyncSetup {
  const timeout = Number(env.MLROADMAP_SYNC_TIMEOUT_MS);
  const killAt = env.MLROADMAP_SYNC_KILL_AT;
  return {
    repoDir: join(config, 'sync', 'repo.git'),
    settings: createFileSettings(config),
    env,
    ...(Number.isInteger(timeout) && timeout > 0 ? { networkTimeoutMs: timeout } : {}),
    ...(killAt
      ? {
          onPhase: (phase: string) => {
            if (phase === killAt) process.kill(process.pid, 'SIGKILL');
          },
        }
      : {}),
  };
}

/** Turns any error into a message for a person and an exit code. A stack trace only with `MLROADMAP_DEBUG=1`. */
export function reportError(error: unknown, err: (text: string) => void): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help) through configureOutput.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
    return USAGE_ERROR_CODES.has(error.code) ? 2 : error.exitCode || 1;
  }
  return reportFailure(error, err);
}

/** Validates a pack folder and returns it as data, for the build to ship as JSON. */
export async function compileContent(dir: string): Promise<Roadmap> {
  return (await import('./content/load.js')).loadPack(dir);
}
