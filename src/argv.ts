/**
 * The command line as mlroadmap reads it before commander does: the few things that decide what to
 * load (the command, `--content`, help and version), read once, the same way for main.ts and boot.ts.
 * Commander parses the line again in full; this must agree with it on what the command is.
 */
export interface CommandLine {
  /** The command: the first word that is neither an option nor `--content`'s folder (after `--`, the first word). */
  command?: string;
  /** The folder given by `--content <dir>` or `--content=<dir>`, before any `--`. */
  content?: string;
  /** `--content` was the last word, with no folder after it. */
  contentMissing: boolean;
  /** `-h`/`--help`, or `--help` after a command: commander prints help. */
  help: boolean;
  /** `-V`/`--version`. */
  version: boolean;
  /** `--no-color`. */
  noColor: boolean;
  /** `--json`: errors are printed as a JSON object too. */
  json: boolean;
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const line: CommandLine = { contentMissing: false, help: false, version: false, noColor: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      line.command ??= argv[i + 1];
      break;
    }
    if (arg === '--content') {
      if (i + 1 >= argv.length) line.contentMissing = true;
      line.content ??= argv[++i];
    } else if (arg.startsWith('--content=')) line.content ??= arg.slice('--content='.length);
    else if (arg === '-h' || arg === '--help') line.help = true;
    else if (arg === '-V' || arg === '--version') line.version = true;
    else if (arg === '--no-color') line.noColor = true;
    else if (arg === '--json') line.json = true;
    else if (!arg.startsWith('-')) line.command ??= arg;
  }
  return line;
}
