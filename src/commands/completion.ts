import type { CommandSpec, Completes, OptionSpec } from '../command.js';
import type { Roadmap } from '../content/schema.js';
import { STATUSES } from '../progress/model.js';

type Shell = 'bash' | 'zsh' | 'fish';

/** A word the shell may offer, with a description for shells that show one (zsh, fish). */
export interface Candidate {
  word: string;
  description: string;
}

/** What to offer after a command or option: fixed words, or paths. */
export type Completion = { words: Candidate[] } | { paths: 'folders' | 'files' };

export interface CompletedCommand {
  name: string;
  description: string;
  options: Candidate[];
  /** What each of its arguments completes to, in order; the last one repeats (`<step...>`). */
  arguments: Completion[];
}

export interface ProgramSpec {
  commands: CompletedCommand[];
  /** Options of the program itself, such as `--content`. */
  options: Candidate[];
  /** Long options that take a folder, such as `--content`. */
  folderOptions: string[];
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
      required: true,
      completes: { choices: ['bash', 'zsh', 'fish'] },
      choices: ['bash', 'zsh', 'fish'],
    },
  ],
  examples: [
    'mlroadmap completion bash > ~/.local/share/bash-completion/completions/mlroadmap',
    'mlroadmap completion zsh > ~/.zfunc/_mlroadmap',
    'mkdir -p ~/.config/fish/completions && mlroadmap completion fish > ~/.config/fish/completions/mlroadmap.fish',
  ],
  run(ctx, { args, commands, globals }) {
    return { text: completionScript(args[0] as Shell, describeProgram(commands, globals, ctx.roadmap), ctx.roadmap.id) };
  },
};

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
  if (typeof completes === 'object') return plain(completes.choices);
  switch (completes) {
    case 'step':
      return ids(roadmap.steps);
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

/** Describes the commands and options for the completion scripts, and what their arguments complete to in `roadmap`. */
export function describeProgram(commands: readonly CommandSpec[], globals: readonly OptionSpec[], roadmap: Roadmap): ProgramSpec {
  const all = [...commands, HELP];
  const names = all.map((spec) => ({ word: spec.name, description: spec.summary }));
  const candidates = (options: readonly OptionSpec[]): Candidate[] =>
    options.flatMap((option) => optionWords(option.flags).map((word) => ({ word, description: option.description })));
  return {
    options: candidates(globals),
    folderOptions: globals
      .filter((option) => option.completes === 'folder')
      .flatMap((option) => optionWords(option.flags).filter((w) => w.startsWith('--'))),
    commands: all.map((spec) => ({
      name: spec.name,
      description: spec.summary,
      options: candidates([...(spec.options ?? []), ...(spec.json ? [JSON_OPTION] : []), HELP_OPTION]),
      arguments: (spec.arguments ?? []).map((argument) => completionOf(argument.completes, roadmap, names)),
    })),
  };
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

/** A command's arguments, or one that completes to nothing, so every command gets an `else` branch. */
function withNone(args: Completion[]): Completion[] {
  return args.length > 0 ? args : [{ words: [] }];
}

function bashScript(spec: ProgramSpec, packId: string): string {
  const complete = (completion: Completion): string =>
    'paths' in completion ? `paths=${completion.paths === 'folders' ? '-d' : '-f'}` : `words=${quoteWords(completion.words)}`;
  const cases = spec.commands.map((command) => {
    // One branch per argument position; the last branch also takes every later word.
    const branches = withNone(command.arguments).map((argument, index, all) =>
      index === all.length - 1 ? `else ${complete(argument)}` : `elif ((n == ${index})); then ${complete(argument)}`,
    );
    return `      ${command.name})\n        if [[ $cur == -* ]]; then words=${quoteWords(command.options)}; ${branches.join('; ')}; fi ;;`;
  });
  const skip = spec.folderOptions.length > 0 ? `      ${spec.folderOptions.join('|')}) ((i++)) ;;\n` : '';
  return `${header('bash', packId, [
    'Install: mlroadmap completion bash > ~/.local/share/bash-completion/completions/mlroadmap',
    "     or: echo 'source <(mlroadmap completion bash)' >> ~/.bashrc",
  ])}
_mlroadmap() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd= words= paths= n=0 i
  # The command is the first word that is not an option (or an option's folder); n counts the
  # arguments typed after it, to know which argument is being completed.
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
${skip}      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=\${COMP_WORDS[i]}; else ((n++)); fi ;;
    esac
  done
  case $prev in
    ${spec.folderOptions.length > 0 ? spec.folderOptions.join('|') : '--content'}) paths=-d ;;
  esac
  if [[ -z $paths ]]; then
    case $cmd in
      '')
        if [[ $cur == -* ]]; then words=${quoteWords(spec.options)}; else words=${quoteWords(spec.commands.map((c) => ({ word: c.name, description: '' })))}; fi ;;
${cases.join('\n')}
    esac
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
    list('globals', spec.options),
  ];
  const offer = (name: string, completion: Completion): string => {
    if ('paths' in completion) return completion.paths === 'folders' ? '_files -/' : '_files';
    lists.push(list(name, completion.words));
    return `_describe -t arguments argument ${name}`;
  };
  const cases = spec.commands.map((command, index) => {
    lists.push(list(`opts${index}`, command.options));
    const branches = withNone(command.arguments).map((argument, position, all) =>
      position === all.length - 1
        ? `else ${offer(`args${index}_${position}`, argument)}`
        : `elif ((n == ${position})); then ${offer(`args${index}_${position}`, argument)}`,
    );
    return `    ${command.name})\n      if [[ $PREFIX == -* ]]; then _describe -t options option opts${index}; ${branches.join('; ')}; fi ;;`;
  });
  const folderOptions = spec.folderOptions.length > 0 ? spec.folderOptions.join('|') : '--content';
  return `#compdef mlroadmap
${header('zsh', packId, [
  'Install: mlroadmap completion zsh > ~/.zfunc/_mlroadmap, with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc',
  "     or: echo 'source <(mlroadmap completion zsh)' >> ~/.zshrc (after compinit)",
])}
_mlroadmap() {
${lists.join('\n')}
  local cmd= n=0 i
  for ((i = 2; i < CURRENT; i++)); do
    case \${words[i]} in
      ${folderOptions}) ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=\${words[i]}; else ((n++)); fi ;;
    esac
  done
  case \${words[CURRENT-1]} in
    ${folderOptions}) _files -/; return ;;
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
  const names = spec.commands.map((c) => c.name).join(' ');
  const flag = (word: string) => (word.startsWith('--') ? `-l ${word.slice(2)}` : `-s ${word.slice(1)}`);
  const lines = [
    header('fish', packId, [
      'Install: mkdir -p ~/.config/fish/completions && mlroadmap completion fish > ~/.config/fish/completions/mlroadmap.fish',
    ]),
    'complete -c mlroadmap -f',
    ...spec.options.map((option) => {
      const folders = spec.folderOptions.includes(option.word) ? " -r -a '(__fish_complete_directories)'" : '';
      return `complete -c mlroadmap -n '__fish_use_subcommand' ${flag(option.word)}${folders} -d ${singleQuote(brief(option.description))}`;
    }),
    ...spec.commands.map(
      (command) =>
        `complete -c mlroadmap -n ${singleQuote(`not __fish_seen_subcommand_from ${names}`)} -a ${command.name} -d ${singleQuote(brief(command.description))}`,
    ),
  ];
  for (const command of spec.commands) {
    const seen = `__fish_seen_subcommand_from ${command.name}`;
    for (const option of command.options) {
      lines.push(`complete -c mlroadmap -n ${singleQuote(seen)} ${flag(option.word)} -d ${singleQuote(brief(option.description))}`);
    }
    // Words before the cursor: "mlroadmap <command>" and then one per argument already typed.
    for (const [position, argument] of command.arguments.entries()) {
      const test = position === command.arguments.length - 1 ? '-ge' : '-eq';
      const when = `-n ${singleQuote(`${seen}; and test (count (commandline -opc)) ${test} ${position + 2}`)}`;
      if ('paths' in argument) {
        lines.push(`complete -c mlroadmap ${when} ${argument.paths === 'folders' ? "-a '(__fish_complete_directories)'" : '-F'}`);
      } else
        for (const c of argument.words)
          lines.push(`complete -c mlroadmap ${when} -a ${singleQuote(c.word)} -d ${singleQuote(brief(c.description))}`);
    }
  }
  return lines.join('\n');
}
