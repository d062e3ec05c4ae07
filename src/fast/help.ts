import { configDir, createStore } from '../edge.js';
import { isProgramHelp } from './lines.js';
import { type FastResult, isTerminal, writeAll } from './run.js';

/**
 * The program's help, `mlroadmap --help` in a pipe, is the same text every time but for where progress
 * is saved: the build renders it through the whole program (commander) with the config folder set to
 * this, and the help's entry point puts the learner's path in its place. On a terminal commander lays
 * the help out to the window's width: that is left to the whole program.
 */
export const HELP_CONFIG_MARK = '/mlroadmap-help-config-folder';

/** Prints `text` (the help the build rendered) with the learner's progress path in it, or falls back on a terminal. */
export function runHelp(argv: readonly string[], text: string): FastResult {
  if (!isProgramHelp(argv)) return { fallback: 'not the program’s help' };
  if (isTerminal(1)) return { fallback: 'the help on a terminal is laid out to its width' };
  const path = createStore(configDir(process.env)).path;
  writeAll(1, text.replaceAll(`${HELP_CONFIG_MARK}/progress.json`, path));
  return { code: 0 };
}
