import { Argument, Command, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { type CommandSpec, GROUPS } from './command.js';
import { COMMANDS, GLOBAL_OPTIONS } from './commands/index.js';
import { suggest } from './content/lookup.js';
import type { Context } from './context.js';
import { UserError } from './errors.js';
import { emit } from './output.js';
import { sanitizeText } from './render/sanitize.js';

/** Commands that need every other command built: help lists them, completion writes them all into its script. */
const NEED_ALL = new Set(['help', 'completion']);

/**
 * Builds the command line from a context and the registry (src/commands/index.ts). Given `only`,
 * the command on the line (see main.ts), the others are left out: commander's objects for every
 * command cost a couple of milliseconds that a command line naming one command never uses. A name
 * that is no command gets them all, for commander's "Did you mean" suggestion.
 */
export function buildProgram(ctx: Context, only?: string, hooks: { error?: (line: string) => void } = {}): Command {
  const wanted = only !== undefined && !NEED_ALL.has(only) ? COMMANDS.filter((spec) => spec.name === only) : [];
  const specs = wanted.length > 0 ? wanted : COMMANDS;
  const program = new Command('mlroadmap');
  program
    .description('An interactive guide and checklist for becoming a machine-learning engineer.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.out(text.replace(/\n$/, '')),
      writeErr: (text) => ctx.err(text.replace(/\n$/, '')),
      // Commander's errors come as "error: ...\n(Did you mean x?)": one line, named after the program.
      outputError: (text, write) => (hooks.error ?? write)(formatCommanderError(text)),
    })
    .showSuggestionAfterError(true)
    .addHelpCommand('help [command]', 'show help for a command')
    // A function, so the pack is read only when the help is shown.
    .addHelpText('after', () => {
      const reviewed = ctx.roadmap.reviewed
        ? `\nThe guide's facts (certifications, salaries) were last checked on ${ctx.roadmap.reviewed}.`
        : '';
      return `\nStart with: mlroadmap start (interactive), or mlroadmap roadmap.\nProgress is saved in ${ctx.store.path}${reviewed}`;
    });
  // Read by main.ts before the program is built (the pack decides what the commands show); declared
  // here so help lists them and commander accepts them anywhere on the line.
  for (const option of GLOBAL_OPTIONS.filter((o) => !/--help|--version/.test(o.flags))) program.option(option.flags, option.description);

  for (const spec of specs) addCommand(program, ctx, spec);
  // Commander's own help command goes last, under the last group.
  for (const command of program.createHelp().visibleCommands(program)) {
    command.helpGroup(`${COMMANDS.find((spec) => spec.name === command.name())?.group ?? GROUPS[GROUPS.length - 1]}:`);
  }
  return program;
}

function addCommand(program: Command, ctx: Context, spec: CommandSpec): void {
  const command = program.command(spec.name).description(spec.summary);
  for (const argument of spec.arguments ?? []) {
    const name = `${argument.name}${argument.variadic ? '...' : ''}`;
    const made = new Argument(argument.required ? `<${name}>` : `[${name}]`, argument.description);
    if (argument.choices) made.choices(argument.choices);
    command.addArgument(made);
  }
  for (const option of spec.options ?? []) {
    const made = new Option(option.flags, option.description);
    if (option.choices) made.choices(option.choices);
    if (option.default !== undefined) made.default(option.default);
    if (option.implies) made.implies(option.implies);
    command.addOption(made);
  }
  if (spec.json) command.addOption(new Option('--json', 'print JSON for scripts'));
  command.addHelpText('after', `\nExamples:\n${spec.examples.map((line) => `  $ ${line}`).join('\n')}`);
  command.action(async (...params: unknown[]) => {
    const options = (params.at(-1) as Command).opts();
    if (spec.interactive && !ctx.interactive) {
      // What a learner does in the tutor, as plain commands: tracking first, then reading.
      const plain = (['Track', 'Learn', 'Tutor'] as const).flatMap((group) =>
        COMMANDS.filter((other) => other.group === group && !other.interactive && other.name !== 'quiz'),
      );
      throw new UserError(
        `'mlroadmap ${spec.name}' is interactive and needs a terminal${ctx.ascii ? ' that can redraw the screen (TERM=dumb cannot)' : ''}; without one use the plain commands: ${plain.map((other) => other.name).join(', ')}`,
        2,
      );
    }
    const args = params.slice(0, spec.arguments?.length ?? 0);
    const output = await spec.run(ctx, { args, options, commands: COMMANDS, globals: GLOBAL_OPTIONS });
    await emit(ctx, output, options.json === true);
  });
}

/**
 * Commander's message for a value outside an argument's or an option's choices ("command-argument value
 * 'chek' is invalid for argument 'action'. Allowed choices are check."), as the other mistakes are
 * said: "unknown action 'chek' (Did you mean check?)", or the choices when none is close.
 */
function choiceError(text: string): string | undefined {
  const argument = /^error: command-argument value '([^']*)' is invalid for argument '([^']+)'\. Allowed choices are (.*)\.\s*$/s.exec(
    text,
  );
  const option = /^error: option '(--?[\w-]+)[^'<]*<([\w-]+)>' argument '([^']*)' is invalid\. Allowed choices are (.*)\.\s*$/s.exec(text);
  if (!argument && !option) return undefined;
  const [value, what, list] = argument
    ? [argument[1] as string, argument[2] as string, argument[3] as string]
    : [option?.[3] as string, `${option?.[2]}`, option?.[4] as string];
  const choices = list.split(', ');
  const close = suggest(value, choices)[0];
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  const hint =
    close !== undefined
      ? ` (Did you mean ${close}?)`
      : `: use ${choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices[0]}`;
  return `error: unknown ${what} '${shown}'${option ? ` for ${option[1]}` : ''}${hint}`;
}

/** Commander reports errors as "error: ...\n(Did you mean x?)"; we print one line named after the program. */
export function formatCommanderError(text: string): string {
  // Commander quotes what was typed whole; a 100 kB argument must not become a 100 kB line.
  const cut = (choiceError(text) ?? text).replace(/'([^'\n]{61,})'/g, (_, typed: string) => `'${typed.slice(0, 57)}...'`);
  const [first = '', ...rest] = cut.trim().split('\n');
  const extra = rest.map((line) => line.trim().replace(/^\((.*)\)$/, '$1')).filter(Boolean);
  // The message quotes the command line, which a script may have filled with anything.
  return sanitizeText(`mlroadmap: ${first.replace(/^error: /, '')}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`);
}
