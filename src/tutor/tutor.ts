import type { Context } from '../context.js';
import { nextStep, packProgress, type Summary, summarize } from '../progress/model.js';
import { renderProgressBar, renderRoadmap } from '../render/text.js';
import { LeaveError } from './prompts.js';
import { runCertifications, runFaqs, runPhases, runSections, runSkills } from './reading.js';
import { continueSteps, runChecklist } from './steps.js';
import { fitLine, pageSize, promptTheme, say, showMarkdown, tutorListOptions } from './view.js';

/** The parts of the tutor, as the main menu lists them. */
export type Part = 'continue' | 'checklist' | 'phases' | 'skills' | 'sections' | 'certs' | 'faqs' | 'quizzes' | 'progress' | 'quit';

/** Where the menu's cursor goes after each part: on to the part a learner would likely want next. */
const AFTER: Record<Part, Part> = {
  continue: 'continue',
  checklist: 'continue',
  phases: 'skills',
  skills: 'sections',
  sections: 'certs',
  certs: 'faqs',
  faqs: 'quizzes',
  quizzes: 'progress',
  progress: 'continue',
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

/** The main menu's choices, with the learner's progress in the labels. */
export function menuChoices(ctx: Context, summary: Summary): { value: Part; name: string; description: string }[] {
  const next = nextStep(summary);
  const choices: { value: Part; name: string; description: string }[] = [];
  if (next) {
    choices.push({
      value: 'continue',
      name: fitLine(ctx, `Continue: step ${next.number} of ${summary.total}, ${next.title}`),
      description: 'Read the step you are on, and mark it done once you have done it.',
    });
  }
  const count = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
  choices.push(
    {
      value: 'checklist',
      name: `Roadmap checklist (${summary.done}/${summary.total} done)`,
      description: 'Tick the steps you have done, or open one to read it.',
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
    ...(ctx.roadmap.quizzes.length > 0
      ? [
          {
            value: 'quizzes' as const,
            name: 'Quizzes',
            description: `${count(ctx.roadmap.quizzes.length, 'short quiz', 'short quizzes')} to check what you have learnt.`,
          },
        ]
      : []),
    { value: 'progress', name: 'My progress', description: 'Every step with its check mark, and how far you are.' },
    { value: 'quit', name: 'Quit', description: 'Your progress is already saved.' },
  );
  return choices.map((choice) => ({ ...choice, description: fitLine(ctx, choice.description, 2) }));
}

/** The first screen: what the tutor covers and how to move on a first run; where the learner is on later runs. */
export async function showWelcome(ctx: Context): Promise<void> {
  const progress = ctx.store.read();
  const summary = summarize(ctx.roadmap, progress);
  const firstRun = Object.keys(packProgress(progress, ctx.roadmap.id).steps).length === 0;
  ctx.out('');
  if (firstRun) {
    await showMarkdown(
      ctx,
      [
        `# ${ctx.roadmap.title}`,
        ctx.roadmap.welcome.trim(),
        '**How to move around:** ↑ and ↓ choose, Enter confirms, Space ticks a step in the checklist, ' +
          'and typing filters the FAQs. Press Esc or Ctrl+C at any time to leave: every change is saved the moment you make it.',
      ].join('\n\n'),
    );
    return;
  }
  const next = nextStep(summary);
  ctx.out(ctx.style.bold(`Welcome back to ${ctx.roadmap.title}!`));
  ctx.out(renderProgressBar(summary, tutorListOptions(ctx)));
  say(
    ctx,
    next
      ? `You are on step ${next.number} of ${summary.total}: ${next.title}${next.status === 'doing' ? ' (in progress)' : ''}.`
      : 'Every step is done or skipped. Well done!',
  );
  ctx.out('');
}

/** "My progress": the checklist with marks, the bar, and the next step. */
function showProgressScreen(ctx: Context): void {
  const summary = summarize(ctx.roadmap, ctx.store.read());
  const next = nextStep(summary);
  ctx.out(renderRoadmap(ctx.roadmap.title, summary, tutorListOptions(ctx)));
  say(ctx, next ? `Next: step ${next.number}, ${next.title}` : 'Every step is done or skipped. Well done!');
  ctx.out('');
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
          default: menuDefault(
            last,
            choices.map((choice) => choice.value),
          ),
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
