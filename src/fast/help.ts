import { configDir } from '../edge.js';
import { progressPath } from '../paths.js';
import { HELP_CONFIG_MARK, isProgramHelp } from './lines.js';
import { type FastResult, isTerminal, writeAll } from './run.js';

/** Prints `text` (the help the build rendered) with the learner's progress path in it, or falls back on a terminal. */
export function runHelp(argv: readonly string[], text: string): FastResult {
  if (!isProgramHelp(argv)) return { fallback: 'not the program’s help' };
  if (isTerminal(1)) return { fallback: 'the help on a terminal is laid out to its width' };
  const path = progressPath(configDir(process.env));
  writeAll(1, text.replaceAll(`${HELP_CONFIG_MARK}/progress.json`, path));
  return { code: 0 };
}
