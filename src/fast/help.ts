import { configDir, isTerminal, terminalSize } from '../edge.js';
import { progressPath } from '../paths.js';
import { HELP_CONFIG_MARK, isProgramHelp } from './lines.js';
import { type FastResult, writeAll } from './run.js';

/** The width commander gives the help in a pipe, which the build rendered it at. */
const PIPE_HELP_WIDTH = 80;

/** Prints `text` (the help the build rendered) with the learner's progress path in it, or falls back on a terminal. */
export function runHelp(argv: readonly string[], text: string): FastResult {
  if (!isProgramHelp(argv)) return { fallback: 'not the program’s help' };
  // Commander lays the help out to a terminal's width: one of a pipe's width (80 columns, as many
  // terminals open) gets the text the build rendered; any other goes to the whole program.
  if (isTerminal(1) && terminalSize(1).columns !== PIPE_HELP_WIDTH) {
    return { fallback: 'the help on a terminal of another width than a pipe is laid out to it' };
  }
  const path = progressPath(configDir(process.env));
  writeAll(1, text.replaceAll(`${HELP_CONFIG_MARK}/progress.json`, path));
  return { code: 0 };
}
