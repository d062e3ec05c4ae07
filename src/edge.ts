/**
 * What both ways into the program share at its edge (main.ts, the whole program; fast/run.ts, a print
 * command's own entry point): the colour level, the width, how an error reaches standard error. Only
 * what they need: nothing here loads commander, chalk or node:tty.
 */
import { fstatSync, statSync } from 'node:fs';
import { UserError } from './errors.js';
import { PART_MISSING } from './fast/lines.js';
import { appDir } from './paths.js';
import { createFileStore, createUnsavedStore, type ProgressStore } from './progress/store.js';
import { sanitizeText } from './render/sanitize.js';
import { wrapLine } from './render/text.js';

/**
 * Decides the colour level once: `--no-color` or a non-empty `NO_COLOR` turn colour off, even on a
 * terminal; otherwise chalk's own detection (TTY, `FORCE_COLOR`, `TERM`) stands.
 */
export function decideColorLevel(argv: readonly string[], env: NodeJS.ProcessEnv, detected: 0 | 1 | 2 | 3): 0 | 1 | 2 | 3 {
  if (argv.includes('--no-color') || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  return detected;
}

/** `COLUMNS`, when it holds a width a person could read at: 20 to 500. */
export function columnsOf(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.COLUMNS?.trim();
  if (!value || !/^\d+$/.test(value)) return undefined;
  const columns = Number(value);
  return columns >= 20 && columns <= 500 ? columns : undefined;
}

/**
 * The width and height to fit text into: COLUMNS when set, else the terminal's (at most 120 wide, for
 * reading); `terminal` is standard output's stream when it is a terminal, undefined otherwise.
 */
export function windowSize(
  columns: number | undefined,
  terminal: { columns?: number; rows?: number } | undefined,
): { width: number; height: number } {
  return {
    width: columns ?? (terminal ? Math.max(40, Math.min(terminal.columns || 80, 120)) : 80),
    height: terminal ? Math.max(8, terminal.rows || 24) : 24,
  };
}

/** The width messages on standard error wrap at when it is a terminal (`terminal`, its stream): COLUMNS, else its own. */
export function errorWidth(columns: number | undefined, terminal: { columns?: number }): number {
  return columns ?? Math.max(20, terminal.columns || 80);
}

/** What decides how an error is written: the width of standard error when it is a terminal. */
export interface ErrorWidth {
  /** The width messages on standard error wrap at, when it is a terminal; undefined in a pipe, where each stays one line. */
  errWidth?: number;
}

/**
 * A message for standard error: on a terminal, wrapped at words to its width, so a long error does
 * not break in the middle of a word at the edge; in a pipe, as it is (one line for a script to read).
 */
export function errorText(text: string, terminal: ErrorWidth): string {
  const width = terminal.errWidth;
  return width === undefined
    ? text
    : text
        .split('\n')
        .flatMap((line) => wrapLine(line, width))
        .join('\n');
}

/** An error is one line a person reads; beyond this it quotes something whole that it should not. */
const MAX_ERROR_CHARS = 1000;

/** Writes a UserError as one line (control characters removed, at most MAX_ERROR_CHARS) and returns its exit code. */
export function reportUserError(error: UserError, err: (text: string) => void): number {
  // The message may quote the command line or a file: keep escape sequences off the terminal, and
  // anything quoted whole short.
  const message = sanitizeText(error.message);
  err(`mlroadmap: ${message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS - 3)}...` : message}`);
  return error.exitCode;
}

/** The folder progress lives in (see paths.ts): `MLROADMAP_CONFIG_DIR`, else the XDG config folder. */
export function configDir(env: NodeJS.ProcessEnv): string | undefined {
  return appDir('config', env);
}

/** The learner's progress file in `dir`, or, with no folder to keep it in, a store that says why it cannot save. */
export function createStore(dir: string | undefined): ProgressStore {
  return dir === undefined
    ? createUnsavedStore('there is no home folder to save it in; set HOME, or MLROADMAP_CONFIG_DIR to a folder for mlroadmap')
    : createFileStore(dir);
}

/**
 * Turns any error but commander's into a message for a person and an exit code: a UserError's own
 * line, 130 for a prompt left with Ctrl+C, else "unexpected error" (a stack trace only with
 * `MLROADMAP_DEBUG=1`).
 */
export function reportFailure(error: unknown, err: (text: string) => void): number {
  if (error instanceof UserError) return reportUserError(error, err);
  // Ctrl+C: the tutor has said "Progress saved." if it saved anything; every other prompt saves as it goes.
  if (error instanceof Error && ['ExitPromptError', 'AbortPromptError', 'InterruptedError'].includes(error.name)) return 130;
  if (process.env.MLROADMAP_DEBUG) err(String((error as Error)?.stack ?? error));
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    // The program loads parts of itself as it needs them; one is gone when mlroadmap was upgraded,
    // reinstalled or rebuilt while this process ran (nothing is lost: every change was saved as made).
    err(PART_MISSING);
    return 1;
  }
  err(`mlroadmap: unexpected error: ${sanitizeText(String((error as Error)?.message ?? error))} (set MLROADMAP_DEBUG=1 for details)`);
  return 1;
}

/**
 * Node's own terminal binding, what node:tty's streams are built on: whether a descriptor is a
 * terminal and its size, without node:tty, which brings in net and all of streams (3.5 to 4 ms, paid
 * by every print command on a terminal to learn its width). Undefined where Node does not offer it
 * (`process.binding` is deprecated, DEP0111; the permission model refuses it) or where asking would
 * print a warning (`--pending-deprecation` makes it warn): node:tty is used then.
 */
interface TtyBinding {
  isTTY(fd: number): boolean;
  TTY: new (fd: number, context: { code?: string }) => { getWindowSize(size: number[]): number; setBlocking(blocking: boolean): number };
}

let ttyWrap: TtyBinding | null | undefined;

function ttyBinding(): TtyBinding | undefined {
  if (ttyWrap !== undefined) return ttyWrap ?? undefined;
  ttyWrap = null;
  const { binding } = process as unknown as { binding?: (name: string) => Partial<TtyBinding> };
  // Pending deprecation, however it was asked for (--pending_deprecation, NODE_OPTIONS, the variable,
  // Node 24's config file), wraps process.binding in Node's `deprecate`, whose function is named so;
  // the flags are looked for too, in case a Node names it otherwise.
  const pending =
    typeof binding !== 'function' ||
    binding.name === 'deprecated' ||
    process.execArgv.some((arg) => /^--pending[-_]deprecation/.test(arg)) ||
    /--pending[-_]deprecation/.test(process.env.NODE_OPTIONS ?? '') ||
    process.env.NODE_PENDING_DEPRECATION === '1';
  if (pending) return undefined;
  try {
    const found = binding.call(process, 'tty_wrap');
    if (typeof found.isTTY === 'function' && typeof found.TTY === 'function') ttyWrap = found as TtyBinding;
  } catch {
    // Not offered: node:tty.
  }
  return ttyWrap ?? undefined;
}

/**
 * A standard stream is a terminal: a character device first (a pipe or file is not), and not the null
 * device (`> /dev/null`), then as node:tty's isatty says, through Node's binding (`ttyBinding`) where
 * it is offered, so that node:tty is loaded only where the binding is not.
 */
export function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || isNullDevice(stat.rdev)) return false;
    const binding = ttyBinding();
    return binding ? binding.isTTY(fd) : process.getBuiltinModule('node:tty').isatty(fd);
  } catch {
    return false;
  }
}

/**
 * The size of the terminal standard output or error is (`isTerminal` first), as its stream would
 * give it, without building the stream: the binding's handle, set to write blocking as node:tty's
 * WriteStream sets it (libuv reopens the terminal for the handle and would otherwise leave it
 * non-blocking), then asked its size. Through the stream where the binding is not offered.
 */
export function terminalSize(fd: 1 | 2): { columns?: number; rows?: number } {
  const binding = ttyBinding();
  if (binding) {
    try {
      const context: { code?: string } = {};
      const handle = new binding.TTY(fd, context);
      if (context.code === undefined) {
        handle.setBlocking(true);
        const size: number[] = [];
        if (handle.getWindowSize(size) === 0) return { columns: size[0], rows: size[1] };
      }
    } catch {
      // The stream's way, below.
    }
  }
  const stream = fd === 1 ? process.stdout : process.stderr;
  return { columns: stream.columns, rows: stream.rows };
}

function isNullDevice(rdev: number): boolean {
  try {
    return statSync('/dev/null').rdev === rdev;
  } catch {
    return false;
  }
}
