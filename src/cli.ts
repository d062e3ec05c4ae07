import { Argument, Command, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import type { Context } from './context.js';
import { sanitizeText } from './render/sanitize.js';

/** Adds an example block to a command's help. */
function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`);
}

const json = () => new Option('--json', 'print JSON for scripts');

/** Commands that need every other command built: help lists them, completion writes them all into its script. */
const NEED_ALL = new Set(['help', 'completion']);

/**
 * Builds the command line from a context. Wiring only: each action loads its command module on
 * first use, so a command pays only for what it imports. Given `only`, the command on the line (see
 * main.ts), the others are left out: building them all costs about 2 ms, mostly commander's own
 * objects, which a command line that names one command never uses. A name that is no command gets
 * them all, for commander's "Did you mean" suggestion.
 */
export function buildProgram(ctx: Context, only?: string): Command {
  const skipOthers = only !== undefined && !NEED_ALL.has(only);
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
      outputError: (text, write) => write(formatCommanderError(text)),
    })
    .showSuggestionAfterError(true)
    .addHelpCommand('help [command]', 'show help for a command')
    .addHelpText('after', `\nStart with: mlroadmap start (interactive), or mlroadmap roadmap.\nProgress is saved in ${ctx.store.path}`);

  // Read by main.ts before the program is built (the pack decides what the commands show); declared
  // here so help lists them and commander accepts them anywhere on the line.
  program
    .option('--content <dir>', 'use the content pack in <dir> instead of the built-in guide (or set MLROADMAP_CONTENT)')
    .option('--no-color', 'no colour, even on a terminal (or set NO_COLOR)');

  const command = (name: string, summary: string, usage: string[]) =>
    skipOthers && name !== only ? LEFT_OUT : examples(program.command(name).description(summary), usage);

  command('start', 'walk through the guide interactively, with arrow keys', ['mlroadmap start']).action(async () => {
    const { startTutor } = await import('./commands/start.js');
    await startTutor(ctx);
  });

  command('sections', 'list the parts of the guide', ['mlroadmap sections', 'mlroadmap sections --json'])
    .addOption(json())
    .action(async (options) => (await import('./commands/sections.js')).listSections(ctx, options));

  command('read', 'read a part of the guide', ['mlroadmap read salary', 'mlroadmap read 3'])
    .argument('<section>', "a section's id, id prefix or number (see 'mlroadmap sections')")
    .addOption(json())
    .action(async (section, options) => (await import('./commands/sections.js')).readSection(ctx, section, options));

  command('skills', 'list the skills an ML engineer needs, or read one', ['mlroadmap skills', 'mlroadmap skills python-and-r'])
    .argument('[skill]', "a skill's number, id or id prefix")
    .addOption(json())
    .action(async (skill, options) => (await import('./commands/skills.js')).showSkills(ctx, skill, options));

  command('phases', 'list the five phases of an ML project, or read one', ['mlroadmap phases', 'mlroadmap phases 2'])
    .argument('[phase]', "a phase's number, id or id prefix")
    .addOption(json())
    .action(async (phase, options) => (await import('./commands/phases.js')).showPhases(ctx, phase, options));

  command('certs', 'list the certifications, or read one', ['mlroadmap certs', 'mlroadmap certs aws'])
    .argument('[cert]', "a certification's number, id or id prefix")
    .addOption(json())
    .action(async (cert, options) => (await import('./commands/certs.js')).showCerts(ctx, cert, options));

  command('faq', 'list the frequently asked questions, or answer one', ['mlroadmap faq', 'mlroadmap faq 3', 'mlroadmap faq how long'])
    .argument('[question...]', "a question's number, id, or some of its words")
    .addOption(json())
    .action(async (question, options) => (await import('./commands/faq.js')).showFaq(ctx, question, options));

  command('roadmap', 'show the roadmap steps with check marks and a progress bar', ['mlroadmap roadmap', 'mlroadmap roadmap --json'])
    .addOption(json())
    .action(async (options) => (await import('./commands/roadmap.js')).showRoadmap(ctx, options));

  command('check', 'mark roadmap steps as done', ['mlroadmap check 1', 'mlroadmap check python-and-math courses'])
    .argument('<step...>', "a step's number in 'mlroadmap roadmap', its id, or an unambiguous id prefix")
    .action(async (steps) => (await import('./commands/check.js')).markSteps(ctx, steps, 'done'));

  command('uncheck', 'mark roadmap steps as not done', ['mlroadmap uncheck 2'])
    .argument('<step...>', "a step's number, id or unambiguous id prefix")
    .action(async (steps) => (await import('./commands/check.js')).markSteps(ctx, steps, 'todo'));

  command('mark', 'set a step to todo, doing, done or skipped', ['mlroadmap mark 3 doing', 'mlroadmap mark python-and-math skipped'])
    .argument('<step>', "a step's number in 'mlroadmap roadmap', its id, or an unambiguous id prefix")
    .argument('<status>', 'todo, doing, done or skipped')
    .action(async (step, status) => (await import('./commands/mark.js')).markStep(ctx, step, status));

  command('next', 'show the step to work on next, with its resources', ['mlroadmap next', 'mlroadmap next --json'])
    .addOption(json())
    .action(async (options) => (await import('./commands/next.js')).showNext(ctx, options));

  command('step', 'show one roadmap step in full: status, resources, notes', ['mlroadmap step 2', 'mlroadmap step python-and-math --json'])
    .argument('<step>', "a step's number, id or unambiguous id prefix")
    .addOption(json())
    .action(async (step, options) => (await import('./commands/step.js')).showStep(ctx, step, options));

  command('note', "add a dated note to a step, list a step's notes, or delete one", [
    'mlroadmap note 2 "finished week 3 of the course"',
    'mlroadmap note 2',
    'mlroadmap note 2 --delete 1',
  ])
    .argument('<step>', "a step's number, id or unambiguous id prefix")
    .argument('[text...]', 'the note; without it, the step’s notes are listed')
    .option('--delete <n>', 'delete note n (as numbered in the list)')
    .addOption(json())
    .action(async (step, text, options) => (await import('./commands/note.js')).runNote(ctx, step, text, options));

  command('search', 'search sections, steps, skills, phases, certifications and FAQs', [
    'mlroadmap search neural networks',
    'mlroadmap search aws --json',
  ])
    .argument('<words...>', 'words to look for (a word may be the start of a longer one: "stat" finds "statistics")')
    .option('--limit <n>', 'show at most n results (default 10)')
    .addOption(json())
    .action(async (words, options) => (await import('./commands/search.js')).runSearch(ctx, words, options));

  command('assess', 'rate yourself 1-5 on each skill; weak skills are pointed at the steps that build them', [
    'mlroadmap assess',
    'mlroadmap assess python-and-r 3',
    'mlroadmap assess python-and-r',
  ])
    .argument('[skill]', "a skill's number, id or id prefix (see 'mlroadmap skills'); without it, asks about every skill")
    .argument('[rating]', '1 just starting, 2 know the basics, 3 can work with it, 4 confident, 5 could teach it')
    .addOption(json())
    .action(async (skill, rating, options) => (await import('./commands/assess.js')).assessSkills(ctx, skill, rating, options));

  command('quiz', 'take a self-check quiz, or list the quizzes with your best scores', [
    'mlroadmap quiz',
    'mlroadmap quiz phases',
    'mlroadmap quiz --list',
  ])
    .argument('[topic]', "a quiz's number, id or id prefix (see 'mlroadmap quiz --list')")
    .option('--list', 'list the quizzes with question counts and your best scores')
    .addOption(json().implies({ list: true }))
    .action(async (topic, options) => (await import('./commands/quiz.js')).runQuizCommand(ctx, topic, options));

  command('export', 'print or save your progress as a markdown checklist or as JSON', [
    'mlroadmap export > progress.md',
    'mlroadmap export --format json --output progress.json',
  ])
    .addOption(
      new Option('--format <format>', 'md: a checklist that reads well on GitHub; json: everything, for import')
        .choices(['md', 'json'])
        .default('md'),
    )
    .option('-o, --output <file>', 'write to <file> instead of printing')
    .option('-f, --force', 'overwrite <file> if it exists')
    .action(async (options) => (await import('./commands/export.js')).exportProgress(ctx, options));

  command('import', 'replace your progress with a JSON export (shows the changes and asks first)', [
    'mlroadmap import progress.json',
    'mlroadmap import progress.json --yes',
  ])
    .argument('<file>', "a file written by 'mlroadmap export --format json'")
    .option('-y, --yes', 'import without asking')
    .action(async (file, options) => (await import('./commands/import.js')).importProgress(ctx, file, options));

  command('plan', 'plan target dates for the open steps at so many hours a week', [
    'mlroadmap plan --hours-per-week 10',
    'mlroadmap plan --hours-per-week 15 --start 2026-03-01',
    'mlroadmap plan',
  ])
    .option('--hours-per-week <hours>', 'hours you can study each week (above 0, at most 168)')
    .option('--start <date>', 'the day the plan starts, YYYY-MM-DD (default: today)')
    .option('--clear', 'forget the saved plan')
    .addOption(json())
    .action(async (options) => (await import('./commands/plan.js')).planStudy(ctx, options));

  command('progress', 'show how far you are', ['mlroadmap progress', 'mlroadmap progress --json', 'mlroadmap progress --path'])
    .addOption(json())
    .option('--path', 'print where the progress file is')
    .action(async (options) => (await import('./commands/progress.js')).showProgress(ctx, options));

  command('reset', 'forget your progress (asks first; a backup is kept)', ['mlroadmap reset', 'mlroadmap reset --yes'])
    .option('-y, --yes', 'reset without asking')
    .action(async (options) => (await import('./commands/reset.js')).resetProgress(ctx, options));

  command('doctor', 'check the progress file, its folder and its lock, and say what to do', ['mlroadmap doctor', 'mlroadmap doctor --fix'])
    .option('--fix', 'move a damaged progress file to a backup beside it and delete leftover temp files')
    .addOption(json())
    .action(async (options) => (await import('./commands/doctor.js')).runDoctor(ctx, options));

  command('validate', 'check a content pack and list every problem with its file and field', [
    'mlroadmap validate examples/data-scientist',
    'mlroadmap validate ./my-pack --json',
  ])
    .argument('<dir>', 'the folder holding the pack (pack.yaml, sections.yaml, roadmap.yaml, ...)')
    .addOption(json())
    .action(async (dir, options) => (await import('./commands/validate.js')).validatePack(ctx, dir, options));

  command('completion', 'print a tab-completion script for bash, zsh or fish', [
    'mlroadmap completion bash > ~/.local/share/bash-completion/completions/mlroadmap',
    'mlroadmap completion zsh > ~/.zfunc/_mlroadmap',
    'mlroadmap completion fish > ~/.config/fish/completions/mlroadmap.fish',
  ])
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell) => (await import('./commands/completion.js')).printCompletion(ctx, shell, program));

  if (skipOthers && program.commands.length === 0) return buildProgram(ctx);
  groupCommands(program);
  return program;
}

/** Stands in for a command left out of the program: takes its definition (any method, chained) and keeps nothing. */
const LEFT_OUT: Command = new Proxy(Object.create(null), { get: (_target, _key, self) => () => self });

/** The groups of the top-level help, in order; a command not listed here shows under the last one. */
const HELP_GROUPS: [string, string[]][] = [
  ['Tutor:', ['start', 'next', 'quiz']],
  ['Learn:', ['sections', 'read', 'skills', 'phases', 'certs', 'faq', 'search', 'step']],
  ['Track:', ['roadmap', 'check', 'uncheck', 'mark', 'note', 'progress', 'assess', 'plan']],
  ['Data:', ['export', 'import', 'reset', 'doctor', 'validate']],
  ['Setup and help:', ['completion', 'help']],
];

function groupCommands(program: Command): void {
  for (const command of program.createHelp().visibleCommands(program)) {
    const group = HELP_GROUPS.find(([, names]) => names.includes(command.name())) ?? HELP_GROUPS[HELP_GROUPS.length - 1];
    if (group) command.helpGroup(group[0]);
  }
}

/** Commander reports errors as "error: ...\n(Did you mean x?)"; we print one line named after the program. */
export function formatCommanderError(text: string): string {
  // Commander quotes what was typed whole; a 100 kB argument must not become a 100 kB line.
  const cut = text.replace(/'([^'\n]{61,})'/g, (_, typed: string) => `'${typed.slice(0, 57)}...'`);
  const [first = '', ...rest] = cut.trim().split('\n');
  const extra = rest.map((line) => line.trim().replace(/^\((.*)\)$/, '$1')).filter(Boolean);
  // The message quotes the command line, which a script may have filled with anything.
  return sanitizeText(`mlroadmap: ${first.replace(/^error: /, '')}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`);
}
