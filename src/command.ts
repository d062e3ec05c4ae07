import type { Roadmap } from './content/schema.js';
import type { Context } from './context.js';
import type { UserError } from './errors.js';

/**
 * What a command is. Each module in src/commands/ exports one `CommandSpec` as `command`; the
 * registry (src/commands/index.ts) lists them, and commander's program, the grouped help, the
 * completion scripts, the list of plain commands the tutor names without a terminal, and the README
 * test are all built from that list. Adding a command is one module and one line in the registry.
 */
export interface CommandSpec {
  /** The word typed after `mlroadmap`. */
  name: string;
  /** The heading it is listed under in the help. */
  group: Group;
  /** One line for the help and completion menus. */
  summary: string;
  arguments?: readonly ArgumentSpec[];
  options?: readonly OptionSpec[];
  /** Takes `--json`: its `run` returns data, which the printer prints as JSON instead of the text. */
  json?: boolean;
  /** Shown under "Examples:" in its help. */
  examples: readonly string[];
  /** Needs a terminal to answer prompts; without one it is refused, naming the plain commands. */
  interactive?: boolean;
  /**
   * Gets an entry point of its own, which the build generates (see src/fast/): it starts without
   * commander, Inquirer or the rest of the program, and reads only `content`, the parts of the
   * shipped guide it uses, sliced out at build time. A command line it does not handle, or a part
   * of the guide it reaches for that is not in its slice, runs through the whole program instead.
   * A command that changes progress may have one too: once it has begun to change it, nothing is
   * sent to the whole program again.
   */
  fast?: {
    content: readonly FastContent[];
    /** What it reads without `--json`, when that is less than `content` (the text of a list that gives each item whole in JSON). */
    textContent?: readonly FastContent[];
    /** Reads the guide's search index, which the build writes (content/search.ts), instead of the guide. */
    searchIndex?: boolean;
    /**
     * The entry point takes only a line with one of these options (by commander's name: `stats` for
     * `--stats`); any other falls back. For a command whose other forms are interactive or rare.
     */
    onlyWith?: readonly string[];
    /**
     * False for a command that never reads or changes progress: its entry point is built without the
     * progress store (about a third of its code), and falls back if the command reaches for it.
     */
    progress?: false;
  };
  /**
   * Does the work. Returns what to print (see `Output`), or nothing when it printed as it went (an
   * interactive flow). Never touches `process`: everything comes through `ctx`.
   */
  run(ctx: Context, input: RunInput): Promise<Output | undefined> | Output | undefined;
}

/** A list of the guide a fast entry point may read (`Roadmap`'s lists; its scalars always come). */
export type FastList = Exclude<keyof Roadmap, 'formatVersion' | 'id' | 'title' | 'welcome' | 'reviewed'>;

/**
 * A part of the guide a fast entry point reads: a list whole, or only some fields of its items
 * (`'topics.id'`: of each item's topics, the id). Reading a field left out falls back, unless `rest`
 * is `'load'`: then the first read of one loads that item whole, from a file of its own the build
 * writes (dist/fast/items/<list>/<n>.json), for a command that shows one item of a list in full.
 */
export type FastContent = FastList | { list: FastList; fields: readonly string[]; rest?: 'load' };

export type Group = 'Tutor' | 'Learn' | 'Track' | 'Data' | 'Setup and help';
export const GROUPS: readonly Group[] = ['Tutor', 'Learn', 'Track', 'Data', 'Setup and help'];

/**
 * What an argument's value completes to in the shells: ids from the loaded pack, a status or rating,
 * a command name, the step's notes, a file or folder, fixed words, or nothing. `target` is a step or a
 * topic (`2.3`, or either's id), as `check`, `mark`, `note` and `log` take them; `anyOf` offers the
 * words of several; `byFirst` depends on the command's first argument (`project start <id> <dir>`):
 * for an argument at position p after a first argument w, `byFirst[w][k]` completes the (p + k)th
 * argument (the last entry every one after), and `otherwise` any other first argument's.
 */
export type Completes =
  | 'step'
  | 'target'
  | 'section'
  | 'skill'
  | 'phase'
  | 'cert'
  | 'faq'
  | 'quiz'
  | 'project'
  | 'exercise'
  | 'status'
  | 'rating'
  | 'command'
  | 'note'
  | 'file'
  | 'folder'
  | 'none'
  | { choices: readonly string[] }
  | { anyOf: readonly Completes[] }
  | { byFirst: Readonly<Record<string, readonly Completes[]>>; otherwise: Completes };

export interface ArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  /** Takes every remaining word (`<step...>`). */
  variadic?: boolean;
  completes: Completes;
  /** Only these values are accepted (commander checks them). */
  choices?: readonly string[];
}

export interface OptionSpec {
  /** As commander writes them: `-o, --output <file>`, `--json`. */
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: string;
  /** What its value completes to, for an option that takes one. */
  completes?: Completes;
  /** Options this one sets too, e.g. `--json` implying `--list`. */
  implies?: Record<string, unknown>;
}

export interface RunInput {
  /** The arguments, in the order of `arguments` (a variadic one as a list of words). */
  args: unknown[];
  /** The options, by commander's camel-case names. */
  options: Record<string, unknown>;
  /** Every command, for those that describe the others (completion). */
  commands: readonly CommandSpec[];
  /** The options of the program itself (`--content`, `--no-color`, ...). */
  globals: readonly OptionSpec[];
}

/**
 * What a command prints: `data` under `--json` (JSON on stdout), `text` otherwise (a string, or a
 * function making one, so a page is rendered only when it is shown). `data` may be a function too,
 * called only for `--json` (JSON itself never holds a function). With `error`, the output is
 * printed and then the error is thrown (validate lists the problems, then exits 1).
 */
export interface Output {
  data?: unknown;
  text?: string | (() => string | Promise<string>);
  error?: UserError;
}

/**
 * The steps as an outline, for a fast entry point's slice (see `CommandSpec.fast`): what a summary
 * of progress reads of them (ids, titles, hours and skills, and of their topics the same and former
 * ids), without their prose.
 */
export const STEP_OUTLINE = {
  list: 'steps',
  fields: ['id', 'title', 'effortHours', 'skills', 'topics.id', 'topics.title', 'topics.optional', 'topics.effortHours', 'topics.formerly'],
} as const satisfies FastContent;

/** The steps' outline, each step loaded whole when the command reads more of it: for commands that show one or two steps in full. */
export const STEPS_ON_DEMAND = { ...STEP_OUTLINE, rest: 'load' } as const satisfies FastContent;

/** The cards as an outline (id, topic, kind), for the slices of commands that count reviews, not show cards. */
export const CARD_OUTLINE: FastContent = { list: 'cards', fields: ['id', 'topic', 'kind'] };

/** The exercises as an outline (no statements or hints), for the slices of commands that list or count them. */
export const EXERCISE_OUTLINE: FastContent = { list: 'exercises', fields: ['id', 'topic', 'title', 'level', 'minutes'] };

/** The projects as an outline (no milestones or goals), for the slices of commands that name them. */
export const PROJECT_OUTLINE: FastContent = { list: 'projects', fields: ['id', 'title', 'topics', 'level', 'effortHours'] };
