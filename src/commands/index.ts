import type { CommandSpec, OptionSpec } from '../command.js';
import { command as assess } from './assess.js';
import { command as certs } from './certs.js';
import { command as check } from './check.js';
import { command as completion } from './completion.js';
import { command as doctor } from './doctor.js';
import { command as exercises } from './exercises.js';
import { command as exportCommand } from './export.js';
import { command as faq } from './faq.js';
import { command as importCommand } from './import.js';
import { command as log } from './log.js';
import { command as mark } from './mark.js';
import { command as next } from './next.js';
import { command as note } from './note.js';
import { command as phases } from './phases.js';
import { command as plan } from './plan.js';
import { command as portfolio } from './portfolio.js';
import { command as progress } from './progress.js';
import { command as project } from './project.js';
import { command as projects } from './projects.js';
import { command as quiz } from './quiz.js';
import { command as read } from './read.js';
import { command as ready } from './ready.js';
import { command as reset } from './reset.js';
import { command as review } from './review.js';
import { command as roadmap } from './roadmap.js';
import { command as search } from './search.js';
import { command as sections } from './sections.js';
import { command as skills } from './skills.js';
import { command as start } from './start.js';
import { command as stats } from './stats.js';
import { command as step } from './step.js';
import { command as sync } from './sync.js';
import { command as topics } from './topics.js';
import { command as uncheck } from './uncheck.js';
import { command as validate } from './validate.js';

/**
 * The registry: every command, in the order the help lists them within their group. Commander's
 * program (cli.ts), the grouped help, the completion scripts, the plain commands named when the
 * tutor has no terminal, and the README test are all built from this list.
 */
export const COMMANDS: readonly CommandSpec[] = [
  start,
  next,
  quiz,
  review,
  sections,
  read,
  skills,
  phases,
  certs,
  faq,
  step,
  topics,
  projects,
  exercises,
  search,
  roadmap,
  check,
  uncheck,
  mark,
  note,
  log,
  stats,
  ready,
  project,
  portfolio,
  assess,
  plan,
  progress,
  exportCommand,
  importCommand,
  sync,
  reset,
  doctor,
  validate,
  completion,
];

/** Options of the program itself, accepted anywhere on the line. main.ts reads `--content` and `--no-color` before the program is built. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--content <dir>',
    description: 'use the content pack in <dir> instead of the built-in guide (or set MLROADMAP_CONTENT)',
    completes: 'folder',
  },
  { flags: '--no-color', description: 'no colour, even on a terminal (or set NO_COLOR)' },
  { flags: '-h, --help', description: 'show help for a command' },
  { flags: '-V, --version', description: 'print the version' },
];
