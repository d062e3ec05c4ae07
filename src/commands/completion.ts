import type { CommandSpec, Completes, OptionSpec } from '../command.js';
import { resolveTarget } from '../content/lookup.js';
import type { Roadmap } from '../content/schema.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { notesOf, packProgress, STATUSES } from '../progress/model.js';
import { sanitizeText } from '../render/sanitize.js';

type Shell = 'bash' | 'zsh' | 'fish';

/** A word the shell may offer, with a description for shells that show one (zsh, fish). */
export interface Candidate {
  word: string;
  description: string;
}

/** What to offer after a command or option: fixed words, paths, a step's notes, or one of those chosen by the first argument. */
export type Completion = { words: Candidate[] } | { paths: 'folders' | 'files' } | { notes: true } | ByFirst;

/** For an argument that depends on the first: after a first argument in `when`, the next ones in turn, the last for every later one. */
export interface ByFirst {
  byFirst: { when: string[]; next: Completion[] }[];
  otherwise: Completion;
}

/** A completion that does not depend on the first argument. */
type Simple = Exclude<Completion, ByFirst>;

/** An option as completion sees it: the words it is typed as, and for one that takes a value, what the value completes to. */
export interface CompletedOption {
  words: Candidate[];
  /** Set when the option takes a value (`--format <format>`): what to offer for it. */
  value?: Completion;
}

export interface CompletedCommand {
  name: string;
  description: string;
  options: CompletedOption[];
  /** What each of its arguments completes to, in order. */
  arguments: Completion[];
  /** The last argument takes every remaining word (`<step...>`), so it is offered again and again. */
  variadic: boolean;
}

export interface ProgramSpec {
  commands: CompletedCommand[];
  /** Options of the program itself, such as `--content`. */
  options: CompletedOption[];
  /**
   * Every option, of the program or of any command, whose value is the next word: the shells skip
   * that word when they count a command's arguments (`log 45m --date 2026-01-01 1.2`: 1.2 is the
   * second argument).
   */
  valueOptions: string[];
}

/** `mlroadmap completion <shell>`: prints a completion script for the shell, built from the command registry. */
export const command: CommandSpec = {
  name: 'completion',
  group: 'Setup and help',
  summary: 'print a tab-completion script for bash, zsh or fish',
  arguments: [
    {
      name: 'shell',
      description: 'bash, zsh or fish',
      required: false,
      completes: { choices: ['bash', 'zsh', 'fish'] },
      choices: ['bash', 'zsh', 'fish'],
    },
  ],
  options: [
    {
      flags: '--notes <step>',
      description: "for the scripts: a step's note numbers and their text, a tab between, one a line",
      completes: 'step',
    },
  ],
  examples: [
    'mlroadmap completion bash > ~/.local/share/bash-completion/completions/mlroadmap',
    'mlroadmap completion zsh > ~/.zfunc/_mlroadmap',
    'mkdir -p ~/.config/fish/completions && mlroadmap completion fish > ~/.config/fish/completions/mlroadmap.fish',
  ],
  run(ctx, { args, options, commands, globals }) {
    if (options.notes !== undefined) return { text: noteWords(ctx, options.notes as string) };
    if (args[0] === undefined) throw new UsageError('give a shell: mlroadmap completion bash, zsh or fish');
    return { text: completionScript(args[0] as Shell, describeProgram(commands, globals, ctx.roadmap), ctx.roadmap.id) };
  },
};

/**
 * The notes of a step or topic, for `note <step> --delete <Tab>`: "1<tab>the text", one a line; nothing
 * (not an error) for a step that does not exist, since the shell is asking while the learner types.
 */
function noteWords(ctx: Context, input: string): string {
  let id: string;
  try {
    const target = resolveTarget(ctx.roadmap, input);
    id = target.kind === 'topic' ? target.topic.id : target.step.id;
  } catch {
    return '';
  }
  return notesOf(packProgress(ctx.store.read(), ctx.roadmap.id), id)
    .map((note, index) => `${index + 1}\t${brief(sanitizeText(note.text))}`)
    .join('\n');
}

/** The words an option is typed as: `-o, --output <file>` is `-o` and `--output`. */
export function optionWords(flags: string): string[] {
  return flags.split(/[\s,|]+/).filter((word) => word.startsWith('-'));
}

/** What `completes` offers, from the loaded pack. */
function completionOf(completes: Completes, roadmap: Roadmap, commandNames: Candidate[]): Completion {
  const ids = (items: { id: string; title: string }[]): Completion => ({
    words: items.map((item) => ({ word: item.id, description: item.title })),
  });
  const plain = (words: readonly string[]): Completion => ({ words: words.map((word) => ({ word, description: '' })) });
  if (typeof completes === 'object') {
    if ('choices' in completes) return plain(completes.choices);
    if ('anyOf' in completes) {
      return {
        words: completes.anyOf.flatMap((each) => {
          const completion = completionOf(each, roadmap, commandNames);
          return 'words' in completion ? completion.words : [];
        }),
      };
    }
    // Arguments that share a list of completions share a branch: `done` and `undo` alike.
    const groups = new Map<string, { when: string[]; next: Completion[] }>();
    for (const [first, list] of Object.entries(completes.byFirst)) {
      const key = JSON.stringify(list);
      const group = groups.get(key);
      if (group) group.when.push(first);
      else groups.set(key, { when: [first], next: list.map((each) => completionOf(each, roadmap, commandNames)) });
    }
    return { byFirst: [...groups.values()], otherwise: completionOf(completes.otherwise, roadmap, commandNames) };
  }
  switch (completes) {
    case 'step':
      return ids(roadmap.steps);
    case 'target':
      // A step by id, a topic by number (2.3) or id: what check, mark, note and log accept.
      return {
        words: [
          ...roadmap.steps.map((step) => ({ word: step.id, description: step.title })),
          ...roadmap.steps.flatMap((step, s) =>
            (step.topics ?? []).map((topic, t) => ({ word: `${s + 1}.${t + 1}`, description: topic.title })),
          ),
          ...roadmap.steps.flatMap((step) => (step.topics ?? []).map((topic) => ({ word: topic.id, description: topic.title }))),
        ],
      };
    case 'section':
      return ids(roadmap.sections);
    case 'skill':
      return ids(roadmap.skills);
    case 'phase':
      return ids(roadmap.phases);
    case 'cert':
      return ids(roadmap.certifications);
    case 'quiz':
      return ids(roadmap.quizzes);
    case 'project':
      return ids(roadmap.projects);
    case 'faq':
      return {
        words: [
          ...roadmap.faqs.map((faq, index) => ({ word: String(index + 1), description: faq.question })),
          ...roadmap.faqs.map((faq) => ({ word: faq.id, description: faq.question })),
        ],
      };
    case 'status':
      return plain(STATUSES);
    case 'rating':
      return plain(['1', '2', '3', '4', '5']);
    case 'command':
      return { words: commandNames };
    case 'note':
      return { notes: true };
    case 'file':
      return { paths: 'files' };
    case 'folder':
      return { paths: 'folders' };
    default:
      return { words: [] };
  }
}

/** The help command commander adds, described like the others. */
const HELP: CommandSpec = {
  name: 'help',
  group: 'Setup and help',
  summary: 'show help for a command',
  arguments: [{ name: 'command', description: 'a command', required: false, completes: 'command' }],
  examples: [],
  run: () => undefined,
};

const HELP_OPTION: OptionSpec = { flags: '-h, --help', description: 'show help for a command' };
const JSON_OPTION: OptionSpec = { flags: '--json', description: 'print JSON for scripts' };

/** Describes the commands and options for the completion scripts, and what their arguments and option values complete to in `roadmap`. */
export function describeProgram(commands: readonly CommandSpec[], globals: readonly OptionSpec[], roadmap: Roadmap): ProgramSpec {
  const all = [...commands, HELP];
  const names = all.map((spec) => ({ word: spec.name, description: spec.summary }));
  const described = (options: readonly OptionSpec[]): CompletedOption[] =>
    options.map((option) => {
      const words = optionWords(option.flags).map((word) => ({ word, description: option.description }));
      if (!/[<[]/.test(option.flags)) return { words };
      const completes = option.completes ?? (option.choices ? { choices: option.choices } : 'none');
      return { words, value: completionOf(completes, roadmap, names) };
    });
  const program = {
    options: described(globals),
    commands: all.map((spec) => ({
      name: spec.name,
      description: spec.summary,
      options: described([...(spec.options ?? []), ...(spec.json ? [JSON_OPTION] : []), HELP_OPTION]),
      arguments: (spec.arguments ?? []).map((argument) => completionOf(argument.completes, roadmap, names)),
      variadic: spec.arguments?.at(-1)?.variadic === true,
    })),
  };
  const valueOptions = [...program.options, ...program.commands.flatMap((command) => command.options)]
    .filter((option) => option.value !== undefined)
    .flatMap((option) => option.words.map((word) => word.word));
  return { ...program, valueOptions: [...new Set(valueOptions)] };
}

/** Every candidate word of a list of options. */
function optionCandidates(options: readonly CompletedOption[]): Candidate[] {
  return options.flatMap((option) => option.words);
}

function completionScript(shell: Shell, spec: ProgramSpec, packId: string): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec, packId);
    case 'zsh':
      return zshScript(spec, packId);
    case 'fish':
      return fishScript(spec, packId);
  }
}

const header = (shell: Shell, packId: string, install: string[]) =>
  [
    `# mlroadmap completion for ${shell}: commands, options, and the ids of the "${packId}" pack.`,
    `# Generated by \`mlroadmap completion ${shell}\`; run it again after upgrading or switching packs.`,
    ...install.map((line) => `# ${line}`),
  ].join('\n');

/** Words for a shell's single-quoted string: ids and flags are plain; a quote is closed, escaped and reopened. */
function quoteWords(candidates: Candidate[]): string {
  return `'${candidates.map((c) => c.word.replaceAll("'", "'\\''")).join(' ')}'`;
}

function singleQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** One line of a description, short enough for a completion menu. */
function brief(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 70 ? `${line.slice(0, 69)}…` : line;
}

/** The shell glob of options whose value is the next word: `--content|--date|-o|...`. */
function valuePattern(spec: ProgramSpec): string {
  return spec.valueOptions.length > 0 ? spec.valueOptions.join('|') : '--content';
}

/** Each option that takes a value, with the commands it belongs to ('' for the program's own, valid after any). */
function valueCases(spec: ProgramSpec): { command: string; words: string[]; value: Completion }[] {
  return [
    ...spec.options.filter((o) => o.value).map((o) => ({ command: '', words: o.words.map((w) => w.word), value: o.value as Completion })),
    ...spec.commands.flatMap((command) =>
      command.options
        .filter((o) => o.value)
        .map((o) => ({ command: command.name, words: o.words.map((w) => w.word), value: o.value as Completion })),
    ),
  ];
}

/**
 * A shell's code for an argument at `position` that may depend on the first argument: `simple` gives
 * the code for one completion, `choose` wraps (pattern, code) branches in the shell's `case` on the
 * first argument, `at` tests the argument count (`==` or `>=` a position) around some code.
 */
function byFirstCode(
  completion: Completion,
  position: number,
  simple: (completion: Simple, name: string) => string,
  choose: (branches: [string[], string][], otherwise: string) => string,
  at: (branches: [string, string][]) => string,
  name: string,
): string {
  if (!('byFirst' in completion)) return simple(completion, name);
  const branches = completion.byFirst.map(({ when, next }, g): [string[], string] => [
    when,
    at(
      next.map((each, k): [string, string] => [
        k === next.length - 1 ? `n >= ${position + k}` : `n == ${position + k}`,
        simple(each as Simple, `${name}_${g}_${k}`),
      ]),
    ),
  ]);
  return choose(branches, simple(completion.otherwise as Simple, `${name}_else`));
}

function bashScript(spec: ProgramSpec, packId: string): string {
  const simple = (completion: Simple): string =>
    'paths' in completion
      ? `paths=${completion.paths === 'folders' ? '-d' : '-f'}`
      : 'notes' in completion
        ? 'notes=1'
        : `words=${quoteWords(completion.words)}`;
  const shellCase = (branches: [string[], string][], otherwise: string) =>
    `case $first in ${branches.map(([when, code]) => `${when.map(singleQuote).join('|')}) ${code} ;; `).join('')}*) ${otherwise} ;; esac`;
  const at = (branches: [string, string][]) =>
    `${branches.map(([test, code], i) => `${i === 0 ? 'if' : 'elif'} ((${test})); then ${code}; `).join('')}fi`;
  const complete = (completion: Completion, position = 0): string => byFirstCode(completion, position, simple, shellCase, at, '');
  const values = valueCases(spec).map(({ command, words, value }) => {
    const patterns = words.map((word) => (command === '' ? `*" ${word}"` : `"${command} ${word}"`)).join('|');
    return `    ${patterns}) value=1; ${complete(value)} ;;`;
  });
  const cases = spec.commands.map((command) => {
    // One branch per argument position; a variadic last one takes every later word too.
    const branches = command.arguments.map((argument, index, all) =>
      index === all.length - 1 && command.variadic
        ? `elif ((n >= ${index})); then ${complete(argument, index)}`
        : `elif ((n == ${index})); then ${complete(argument, index)}`,
    );
    return `      ${command.name})\n        if [[ $cur == -* ]]; then words=${quoteWords(optionCandidates(command.options))}; ${branches.map((branch) => `${branch}; `).join('')}fi ;;`;
  });
  return `${header('bash', packId, [
    'Install: mlroadmap completion bash > ~/.local/share/bash-completion/completions/mlroadmap',
    "     or: echo 'source <(mlroadmap completion bash)' >> ~/.bashrc",
  ])}
_mlroadmap() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd= first= words= paths= notes= value= n=0 i
  # The command is the first word that is neither an option nor an option's value; n counts the
  # arguments typed after it (first is the first of them), to know which argument is being completed.
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      ${valuePattern(spec)}) ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=\${COMP_WORDS[i]}; else [[ -z $first ]] && first=\${COMP_WORDS[i]}; ((n++)); fi ;;
    esac
  done
  # Right after an option that takes a value: the value.
  case "$cmd $prev" in
${values.join('\n')}
  esac
  if [[ -z $value ]]; then
    case $cmd in
      '')
        if [[ $cur == -* ]]; then words=${quoteWords(optionCandidates(spec.options))}; else words=${quoteWords(spec.commands.map((c) => ({ word: c.name, description: '' })))}; fi ;;
${cases.join('\n')}
    esac
  fi
  if [[ -n $notes ]]; then
    words=$(mlroadmap completion --notes "$first" 2>/dev/null | cut -f1)
  fi
  if [[ -n $paths ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen $paths -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
}
complete -F _mlroadmap mlroadmap`;
}

function zshScript(spec: ProgramSpec, packId: string): string {
  const list = (name: string, candidates: Candidate[]) =>
    `  local -a ${name}=(${candidates.map((c) => singleQuote(`${c.word.replaceAll(':', '\\:')}:${brief(c.description)}`)).join(' ')})`;
  const lists: string[] = [
    list(
      'commands',
      spec.commands.map((c) => ({ word: c.name, description: c.description })),
    ),
    list('globals', optionCandidates(spec.options)),
  ];
  const notes = `local -a notes=(\${(f)"$(mlroadmap completion --notes "$first" 2>/dev/null | tr '\\t' :)"}); _describe -t notes note notes`;
  const simple = (completion: Simple, name: string): string => {
    if ('paths' in completion) return completion.paths === 'folders' ? '_files -/' : '_files';
    if ('notes' in completion) return notes;
    lists.push(list(name, completion.words));
    return `_describe -t arguments argument ${name}`;
  };
  const shellCase = (branches: [string[], string][], otherwise: string) =>
    `case $first in ${branches.map(([when, code]) => `${when.map(singleQuote).join('|')}) ${code} ;; `).join('')}*) ${otherwise} ;; esac`;
  const at = (branches: [string, string][]) =>
    `${branches.map(([test, code], i) => `${i === 0 ? 'if' : 'elif'} ((${test})); then ${code}; `).join('')}fi`;
  const offer = (name: string, completion: Completion, position = 0): string =>
    byFirstCode(completion, position, simple, shellCase, at, name);
  const values = valueCases(spec).map(({ command, words, value }, index) => {
    const patterns = words.map((word) => (command === '' ? `*" ${word}"` : `"${command} ${word}"`)).join('|');
    return `    ${patterns}) ${offer(`values${index}`, value)}; return ;;`;
  });
  const cases = spec.commands.map((command, index) => {
    lists.push(list(`opts${index}`, optionCandidates(command.options)));
    const branches = command.arguments.map((argument, position, all) =>
      position === all.length - 1 && command.variadic
        ? `elif ((n >= ${position})); then ${offer(`args${index}_${position}`, argument, position)}`
        : `elif ((n == ${position})); then ${offer(`args${index}_${position}`, argument, position)}`,
    );
    return `    ${command.name})\n      if [[ $PREFIX == -* ]]; then _describe -t options option opts${index}; ${branches.map((branch) => `${branch}; `).join('')}fi ;;`;
  });
  return `#compdef mlroadmap
${header('zsh', packId, [
  'Install: mlroadmap completion zsh > ~/.zfunc/_mlroadmap, with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc',
  "     or: echo 'source <(mlroadmap completion zsh)' >> ~/.zshrc (after compinit)",
])}
_mlroadmap() {
${lists.join('\n')}
  local cmd= first= n=0 i
  for ((i = 2; i < CURRENT; i++)); do
    case \${words[i]} in
      ${valuePattern(spec)}) ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=\${words[i]}; else [[ -z $first ]] && first=\${words[i]}; ((n++)); fi ;;
    esac
  done
  case "$cmd \${words[CURRENT-1]}" in
${values.join('\n')}
  esac
  case $cmd in
    '')
      if [[ $PREFIX == -* ]]; then _describe -t options option globals; else _describe -t commands command commands; fi ;;
${cases.join('\n')}
  esac
}
if [[ $funcstack[1] == _mlroadmap ]]; then _mlroadmap "$@"; else compdef _mlroadmap mlroadmap; fi`;
}

function fishScript(spec: ProgramSpec, packId: string): string {
  const flag = (word: string) => (word.startsWith('--') ? `-l ${word.slice(2)}` : `-s ${word.slice(1)}`);
  const valueWords = spec.valueOptions.map((word) => singleQuote(word)).join(' ');
  const valueArgs = (value: Simple): string => {
    // -x: takes a value and offers no files; -r -F: takes a file.
    if ('paths' in value) return value.paths === 'folders' ? " -x -a '(__fish_complete_directories)'" : ' -r -F';
    if ('notes' in value) return " -x -a '(mlroadmap completion --notes (__mlroadmap_first) 2>/dev/null)'";
    return value.words.length > 0 ? ` -x -a ${singleQuote(value.words.map((w) => w.word).join(' '))}` : ' -x';
  };
  const optionLines = (condition: string, options: readonly CompletedOption[]) =>
    options.flatMap((option) => {
      const flags = option.words.map((word) => flag(word.word)).join(' ');
      const description = option.words[0]?.description ?? '';
      return [
        `complete -c mlroadmap -n ${singleQuote(condition)} ${flags}${option.value ? valueArgs(option.value as Simple) : ''} -d ${singleQuote(brief(description))}`,
      ];
    });
  const lines = [
    header('fish', packId, [
      'Install: mkdir -p ~/.config/fish/completions && mlroadmap completion fish > ~/.config/fish/completions/mlroadmap.fish',
    ]),
    '# The command line as mlroadmap reads it: its command, how many arguments follow it, and the first of',
    '# them; options and their values (--date 2026-01-01) are not arguments. One line: command|count|first.',
    'function __mlroadmap_parse',
    '    set -l tokens (commandline -opc)',
    '    set -e tokens[1]',
    "    set -l cmd ''",
    "    set -l first ''",
    '    set -l n 0',
    '    set -l skip 0',
    '    for token in $tokens',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    `        if contains -- $token ${valueWords}`,
    '            set skip 1',
    "        else if string match -q -- '-*' $token",
    '        else if test -z "$cmd"',
    '            set cmd $token',
    '        else',
    '            test -z "$first"; and set first $token',
    '            set n (math $n + 1)',
    '        end',
    '    end',
    '    echo "$cmd|$n|$first"',
    'end',
    'function __mlroadmap_needs_command',
    "    set -l state (string split '|' -- (__mlroadmap_parse))",
    '    test -z "$state[1]"',
    'end',
    'function __mlroadmap_using',
    "    set -l state (string split '|' -- (__mlroadmap_parse))",
    '    test "$state[1]" = $argv[1]',
    'end',
    "# __mlroadmap_arg <command> <position> <eq|ge>: completing that argument, not an option's value.",
    'function __mlroadmap_arg',
    "    set -l state (string split '|' -- (__mlroadmap_parse))",
    '    test "$state[1]" = $argv[1]; or return 1',
    '    set -l tokens (commandline -opc)',
    `    contains -- $tokens[-1] ${valueWords}; and return 1`,
    '    test $state[2] -$argv[3] $argv[2]',
    'end',
    'function __mlroadmap_first',
    "    set -l state (string split '|' -- (__mlroadmap_parse))",
    '    echo $state[3]',
    'end',
    '# __mlroadmap_first_is <word...>: the first argument is one of them (project start, done, undo).',
    'function __mlroadmap_first_is',
    '    contains -- (__mlroadmap_first) $argv',
    'end',
    'complete -c mlroadmap -f',
    ...optionLines('__mlroadmap_needs_command', spec.options),
    ...spec.commands.map(
      (command) => `complete -c mlroadmap -n __mlroadmap_needs_command -a ${command.name} -d ${singleQuote(brief(command.description))}`,
    ),
  ];
  for (const command of spec.commands) {
    lines.push(...optionLines(`__mlroadmap_using ${command.name}`, command.options));
    const emit = (condition: string, argument: Simple) => {
      const when = `-n ${singleQuote(condition)}`;
      if ('paths' in argument) {
        lines.push(`complete -c mlroadmap ${when} ${argument.paths === 'folders' ? "-a '(__fish_complete_directories)'" : '-F'}`);
      } else if ('notes' in argument) {
        lines.push(`complete -c mlroadmap ${when} -a '(mlroadmap completion --notes (__mlroadmap_first) 2>/dev/null)'`);
      } else
        for (const c of argument.words)
          lines.push(`complete -c mlroadmap ${when} -a ${singleQuote(c.word)} -d ${singleQuote(brief(c.description))}`);
    };
    for (const [position, argument] of command.arguments.entries()) {
      const test = position === command.arguments.length - 1 && command.variadic ? 'ge' : 'eq';
      if (!('byFirst' in argument)) {
        emit(`__mlroadmap_arg ${command.name} ${position} ${test}`, argument);
        continue;
      }
      for (const { when, next } of argument.byFirst) {
        for (const [k, each] of next.entries()) {
          const last = k === next.length - 1 && test === 'ge' ? 'ge' : 'eq';
          emit(`__mlroadmap_arg ${command.name} ${position + k} ${last}; and __mlroadmap_first_is ${when.join(' ')}`, each as Simple);
        }
      }
      const all = argument.byFirst.flatMap(({ when }) => when);
      emit(
        `__mlroadmap_arg ${command.name} ${position} ${test}; and not __mlroadmap_first_is ${all.join(' ')}`,
        argument.otherwise as Simple,
      );
    }
  }
  return lines.join('\n');
}
