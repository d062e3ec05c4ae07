import type { CommandSpec, OptionSpec } from '../command.js';

/** What a fast entry point makes of its command line, as commander would have: the run's input and the two global switches. */
export interface FastLine {
  args: unknown[];
  options: Record<string, unknown>;
  noColor: boolean;
  /** The pack folder `--content` named, anywhere on the line. */
  content?: string;
}

interface Flag {
  spec: OptionSpec;
  /** commander's name for it: `--due-only` is `dueOnly`. */
  key: string;
  takesValue: boolean;
}

/** `-o, --output <file>` as the words it answers to; undefined for a form this parser leaves to commander (`--no-x`, `[value]`, `<v...>`). */
function flagsOf(spec: OptionSpec): { words: string[]; flag: Flag } | undefined {
  const match = /^(?:(-\w), )?(--[a-z][\w-]*)(?: <([\w-]+)>)?$/.exec(spec.flags);
  if (!match || (match[2] as string).startsWith('--no-')) return undefined;
  const long = match[2] as string;
  const key = long.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  return { words: [match[1], long].filter((w): w is string => w !== undefined), flag: { spec, key, takesValue: match[3] !== undefined } };
}

/**
 * Reads a command line for `spec` as commander reads it, for the cases a print command is usually
 * given: its arguments, its options (`--x`, `-x`, `--x value`, `--x=value`), `--json` when it takes it,
 * and `--no-color` anywhere. Returns undefined for anything else, a mistake included: commander then
 * reads the line, so an error is worded the one way. `argv` is the whole line, the command word in it.
 */
export function parseFastLine(spec: CommandSpec, argv: readonly string[]): FastLine | undefined {
  const flags = new Map<string, Flag>();
  const options: Record<string, unknown> = {};
  for (const option of spec.options ?? []) {
    // An option of a form read here only by commander is fine while the line does not use it.
    const parsed = flagsOf(option);
    if (parsed === undefined) continue;
    for (const word of parsed.words) flags.set(word, parsed.flag);
    if (option.default !== undefined) options[parsed.flag.key] = option.default;
  }
  if (spec.json) flags.set('--json', { spec: { flags: '--json', description: '' }, key: 'json', takesValue: false });
  const given = new Set<string>();
  const words: string[] = [];
  let noColor = false;
  let content: string | undefined;
  let command = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--no-color') {
      noColor = true;
      continue;
    }
    if (arg === '--content' || arg.startsWith('--content=')) {
      // The program's own option, anywhere; given twice, commander and main.ts would disagree on which.
      const folder = arg === '--content' ? argv[++i] : arg.slice('--content='.length);
      if (folder === undefined || content !== undefined) return undefined;
      content = folder;
      continue;
    }
    if (!command) {
      // Before the command only --no-color (above) is one of the program's own.
      if (arg !== spec.name) return undefined;
      command = true;
      continue;
    }
    if (arg === '--' || arg === '-') return undefined;
    if (arg.startsWith('-')) {
      const eq = arg.indexOf('=');
      const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
      const flag = flags.get(name);
      if (flag === undefined) return undefined;
      let value: unknown = true;
      if (flag.takesValue) {
        if (name !== arg) value = arg.slice(eq + 1);
        else {
          const next = argv[i + 1];
          if (next === undefined || next.startsWith('-')) return undefined;
          value = next;
          i++;
        }
        if (flag.spec.choices && !flag.spec.choices.includes(value as string)) return undefined;
      } else if (name !== arg) return undefined;
      options[flag.key] = value;
      given.add(flag.key);
      for (const [key, implied] of Object.entries(flag.spec.implies ?? {})) if (!given.has(key)) options[key] = implied;
      continue;
    }
    words.push(arg);
  }
  if (!command) return undefined;
  const args: unknown[] = [];
  for (const argument of spec.arguments ?? []) {
    if (argument.variadic) {
      const rest = words.splice(0);
      if (argument.required && rest.length === 0) return undefined;
      if (argument.choices && rest.some((word) => !argument.choices?.includes(word))) return undefined;
      args.push(rest);
      continue;
    }
    const word = words.shift();
    if (word === undefined && argument.required) return undefined;
    if (word !== undefined && argument.choices && !argument.choices.includes(word)) return undefined;
    args.push(word);
  }
  if (words.length > 0) return undefined;
  return { args, options, noColor, ...(content !== undefined ? { content } : {}) };
}
