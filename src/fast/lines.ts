// What boot.ts reads of a line to choose an entry point: kept apart from the entry points themselves,
// which boot.ts loads only once it has chosen.

/** The lines that print the program's help and nothing else: `--help`, `-h`, `help`, or nothing at all (in a pipe). */
export function isProgramHelp(argv: readonly string[]): boolean {
  const words = argv.filter((arg) => arg !== '--no-color');
  return words.length === 0 || (words.length === 1 && ['--help', '-h', 'help'].includes(words[0] as string));
}
