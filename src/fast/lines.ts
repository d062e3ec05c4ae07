// What boot.ts reads of a line to choose an entry point: kept apart from the entry points themselves,
// which boot.ts loads only once it has chosen.

/** The lines that print the program's help and nothing else: `--help`, `-h`, `help`, or nothing at all (in a pipe). */
export function isProgramHelp(argv: readonly string[]): boolean {
  const words = argv.filter((arg) => arg !== '--no-color');
  return words.length === 0 || (words.length === 1 && ['--help', '-h', 'help'].includes(words[0] as string));
}

/**
 * The program's help, `mlroadmap --help` in a pipe, is the same text every time but for where progress
 * is saved: the build renders it through the whole program (commander) with the config folder set to
 * this, and the help's entry point (help.ts) puts the learner's path in its place. On a terminal
 * commander lays the help out to the window's width: help.ts prints this text only on one as wide as
 * a pipe (80 columns) and leaves any other to the whole program.
 */
export const HELP_CONFIG_MARK = '/mlroadmap-help-config-folder';

/**
 * What mlroadmap says when a part of itself is not where it was built (the core, an entry point, a
 * chunk loaded on demand): the install was replaced or rebuilt while it ran, or is broken.
 */
export const PART_MISSING =
  'mlroadmap: part of the program is missing, most likely because mlroadmap was updated while it ran; run the command again (reinstall mlroadmap if this keeps happening)';
