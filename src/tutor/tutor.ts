import type { Separator } from '@inquirer/prompts';
import type { Context } from '../context.js';
import { LeaveError } from '../errors.js';
import { nextStep, packProgress, type Summary, summarize } from '../progress/model.js';
import { describePlanStatus, planStanding } from '../progress/plan.js';
import { renderProgressBar, renderRoadmap, wrapLine } from '../render/text.js';
import { HINTED_SKILLS, rateSkills, weakSkillLines } from './assess.js';
import { runCertifications, runFaqs, runPhases, runSections, runSkills } from './reading.js';
import { runSearch } from './search.js';
import { browseSteps, continueSteps, runChecklist } from './steps.js';
import { fitLine, pageSize, plural, promptTheme, say, separator, showMarkdown, tutorListOptions } from './view.js';

/** The parts of the tutor, as the main menu lists them. */
export type Part =
  | 'continue'
  | 'checklist'
  | 'progress'
  | 'search'
  | 'phases'
  | 'skills'
  | 'sections'
  | 'certs'
  | 'faqs'
  | 'quizzes'
  | 'assess'
  | 'quit';

/** Where the menu's cursor goes after each part: on to the part a learner would likely want next. */
const AFTER: Record<Part, Part> = {
  continue: 'continue',
  checklist: 'continue',
  progress: 'continue',
  search: 'continue',
  phases: 'skills',
  skills: 'sections',
  sections: 'certs',
  certs: 'faqs',
  faqs: 'quizzes',
  quizzes: 'assess',
  assess: 'continue',
  quit: 'quit',
};

/**
 * The part the menu's cursor starts on: "continue" at first and after working on steps, else the
 * part after the one just left; the one after that when it is not `offered` ("continue" once no
 * step is left to do, "quizzes" for a pack without any).
 */
export function menuDefault(last: Part | undefined, offered: readonly Part[]): Part {
  let wanted: Part = last === undefined ? 'continue' : AFTER[last];
  for (let tries = 0; tries < offered.length && !offered.includes(wanted); tries++) {
    wanted = wanted === 'continue' ? 'checklist' : AFTER[wanted];
  }
  return offered.includes(wanted) ? wanted : 'quit';
}

type MenuChoice = { value: Part; name: string; description: string };

/**
 * The main menu's choices, with the learner's progress in the labels, in three groups split by lines:
 * the learner's own roadmap, reading the guide, checking oneself. At most 15 rows, so the menu with
 * its question, description and key hints fits a 24-row terminal.
 */
export function menuChoices(ctx: Context, summary: Summary): (MenuChoice | Separator)[] {
  const next = nextStep(summary);
  const count = (n: number, word: string, words = `${word}s`) => plural(n, word, words);
  const mine: MenuChoice[] = [
    ...(next
      ? [
          {
            value: 'continue' as const,
            name: `Continue: step ${next.number} of ${summary.total}, ${next.title}`,
            description: 'The step you are on: read it, mark it, add a note.',
          },
        ]
      : []),
    {
      value: 'checklist',
      name: `Roadmap checklist (${summary.done}/${summary.total} done)`,
      description: 'Tick the steps you have done, or open one to change its status or add a note.',
    },
    { value: 'progress', name: 'My progress', description: 'Every step with its status, how far you are and how your plan stands.' },
  ];
  const guide: MenuChoice[] = [
    {
      value: 'search',
      name: 'Search the guide',
      description: 'Find steps, skills, sections, phases, certifications and FAQs as you type.',
    },
    {
      value: 'phases',
      name: `The ${count(ctx.roadmap.phases.length, 'phase')} of an ML project`,
      description: 'How an ML project runs, from data to production, one phase a screen.',
    },
    {
      value: 'skills',
      name: 'Skills an ML engineer needs',
      description: `${count(ctx.roadmap.skills.length, 'skill')}: why each matters and how to build it.`,
    },
    {
      value: 'sections',
      name: 'Read a section of the guide',
      description: `${count(ctx.roadmap.sections.length, 'section')}: pick one and read it.`,
    },
    {
      value: 'certs',
      name: 'Certifications',
      description: `${count(ctx.roadmap.certifications.length, 'certification')} worth knowing about.`,
    },
    {
      value: 'faqs',
      name: 'Frequently asked questions',
      description: `${count(ctx.roadmap.faqs.length, 'question')}; type to filter them.`,
    },
  ];
  const yourself: MenuChoice[] = [
    ...(ctx.roadmap.quizzes.length > 0
      ? [
          {
            value: 'quizzes' as const,
            name: 'Quizzes',
            description: `${count(ctx.roadmap.quizzes.length, 'short quiz', 'short quizzes')} to check what you have learnt.`,
          },
        ]
      : []),
    ...(ctx.roadmap.skills.length > 0
      ? [
          {
            value: 'assess' as const,
            name: 'Rate my skills',
            description: 'Rate each skill from 1 to 5; weak ones are pointed at the steps that build them.',
          },
        ]
      : []),
    { value: 'quit', name: 'Quit', description: 'Your progress is already saved.' },
  ];
  const fit = (choice: MenuChoice): MenuChoice => ({
    ...choice,
    name: fitLine(ctx, choice.name),
    description: fitLine(ctx, choice.description, 2),
  });
  return [...mine.map(fit), separator(), ...guide.map(fit), separator(), ...yourself.map(fit)];
}

/** The parts a list of menu choices offers, leaving out the lines between groups. */
export function offeredParts(choices: readonly (MenuChoice | Separator)[]): Part[] {
  return choices.flatMap((choice) => ('value' in choice ? [choice.value] : []));
}

/**
 * The first screen: what the tutor covers and how to move on a first run; on later runs where the
 * learner is, and the skills they rated weak with the steps that build them.
 */
export async function showWelcome(ctx: Context): Promise<void> {
  const progress = ctx.store.read();
  const summary = summarize(ctx.roadmap, progress);
  const pack = packProgress(progress, ctx.roadmap.id);
  const firstRun = [pack.steps, pack.notes, pack.assessments, pack.quizzes].every((kept) => Object.keys(kept ?? {}).length === 0);
  if (firstRun) {
    ctx.out('');
    await showMarkdown(
      ctx,
      [
        `# ${ctx.roadmap.title}`,
        ctx.roadmap.welcome.trim(),
        '**How to move around:** ↑ and ↓ choose, Enter confirms, Space ticks a step in the checklist, ' +
          'and typing filters the FAQs and searches the guide. Press Esc or Ctrl+C at any time to leave: every change is saved the moment you make it.',
      ].join('\n\n'),
    );
    return;
  }
  const next = nextStep(summary);
  say(ctx, ctx.style.bold(`Welcome back to ${ctx.roadmap.title}!`));
  ctx.out(renderProgressBar(summary, tutorListOptions(ctx)));
  say(
    ctx,
    next
      ? `You are on step ${next.number} of ${summary.total}: ${next.title}${next.status === 'doing' ? ' (in progress)' : ''}.`
      : 'Every step is done or skipped. Well done!',
  );
  for (const line of weakSkillLines(ctx, progress, { limit: HINTED_SKILLS })) say(ctx, line);
  ctx.out('');
}

/**
 * "My progress": the checklist with status marks, the bar, the next step, the plan's standing and weak
 * skills; then back to the menu or into the list of steps. The short question at the end keeps all of
 * it on screen, instead of the menu pushing it up out of a 24-row terminal.
 */
async function showProgressScreen(ctx: Context): Promise<void> {
  const progress = ctx.store.read();
  const summary = summarize(ctx.roadmap, progress);
  const next = nextStep(summary);
  const view = tutorListOptions(ctx);
  const dim = (text: string) => ctx.out(ctx.style.dim(wrapLine(text, ctx.width).join('\n')));
  // renderRoadmap ends with a hint naming the plain command that ticks a step; the tutor has its own way.
  const roadmap = renderRoadmap(ctx.roadmap.title, summary, view).split('\n');
  const hint = roadmap.findIndex((line) => line.includes('mlroadmap check'));
  ctx.out((hint === -1 ? roadmap : roadmap.slice(0, hint)).join('\n'));
  say(ctx, next ? `Next: step ${next.number}, ${next.title}` : 'Every step is done or skipped. Well done!');
  const plan = planStanding(ctx.roadmap, progress, ctx.now());
  if (plan) say(ctx, describePlanStatus(plan));
  for (const line of weakSkillLines(ctx, progress)) say(ctx, line);
  if (!plan) dim('No study plan yet; make one with: mlroadmap plan --hours-per-week <hours>');
  dim('Keep a copy, notes included: mlroadmap export --format md > my-progress.md');
  ctx.out('');
  await askWhereNow(ctx);
}

/**
 * Ends a part whose last words matter (progress, ratings) with a short question, so the menu does not
 * push them off a small screen: back to the menu, or into the list of steps.
 */
async function askWhereNow(ctx: Context): Promise<void> {
  const move = await ctx.prompts.select(
    {
      message: 'Where to now?',
      choices: [
        { value: 'menu', name: 'Back to the menu' },
        { value: 'steps', name: 'Open a step to change its status or add a note' },
      ],
      theme: promptTheme(ctx),
    },
    { clearPromptOnDone: true },
  );
  if (move === 'steps') await browseSteps(ctx);
}

/** "Rate my skills": the ratings walk, where to build the weak skills, then where to go. */
async function runRateSkills(ctx: Context): Promise<void> {
  await rateSkills(ctx);
  await askWhereNow(ctx);
}

/** Quizzes: pick one, answer its questions, see the score; a finished quiz is recorded. */
async function runQuizzes(ctx: Context): Promise<void> {
  const { pickQuiz, runQuiz } = await import('./quiz.js');
  await runQuiz(ctx, ctx.prompts, await pickQuiz(ctx, ctx.prompts));
  ctx.out('');
}

const PARTS: Record<Exclude<Part, 'quit'>, (ctx: Context) => void | Promise<void>> = {
  continue: continueSteps,
  checklist: runChecklist,
  phases: runPhases,
  skills: runSkills,
  sections: runSections,
  certs: runCertifications,
  faqs: runFaqs,
  quizzes: runQuizzes,
  progress: showProgressScreen,
  search: runSearch,
  assess: runRateSkills,
};

/**
 * The interactive walk-through: a welcome, then the main menu until the learner quits. Escape at any
 * prompt leaves like "Quit" (exit code 0); Ctrl+C rejects with Inquirer's `ExitPromptError`, which
 * `main.ts` reports as "Progress saved." with exit code 130. Every change was saved when it was made.
 */
export async function runTutor(ctx: Context): Promise<void> {
  try {
    await showWelcome(ctx);
    let last: Part | undefined;
    for (;;) {
      const summary = summarize(ctx.roadmap, ctx.store.read());
      const choices = menuChoices(ctx, summary);
      const part = await ctx.prompts.select(
        {
          message: 'What would you like to do?',
          choices,
          default: menuDefault(last, offeredParts(choices)),
          pageSize: pageSize(choices.length),
          theme: promptTheme(ctx),
        },
        { clearPromptOnDone: true },
      );
      if (part === 'quit') break;
      await PARTS[part](ctx);
      last = part;
    }
  } catch (error) {
    if (!(error instanceof LeaveError)) throw error;
  }
  ctx.out('Progress saved.');
}
