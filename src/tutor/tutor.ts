import type { Separator } from '@inquirer/prompts';
import type { Context } from '../context.js';
import { InterruptedError, LeaveError } from '../errors.js';
import { markdown } from '../output.js';
import { isUnreadSection } from '../progress/history.js';
import { nextStep, packProgress, type Summary, summarize } from '../progress/model.js';
import {
  describeDays,
  describePlanStatus,
  localDate,
  MAX_HOURS_PER_WEEK,
  MIN_HOURS_PER_WEEK,
  makePlan,
  parseHoursPerWeek,
  planStanding,
  scheduleOf,
  setPlan,
} from '../progress/plan.js';
import { reviewStats } from '../progress/review.js';
import { statsReport } from '../progress/stats.js';
import { describeBackup, ProgressBusyError } from '../progress/store.js';
import { describeStudy, studyStats } from '../progress/studylog.js';
import { renderStudyHeatmap } from '../render/stats.js';
import { renderProgressBar, renderRoadmap, wrapLine } from '../render/text.js';
import { localTime } from '../render/time.js';
import { HINTED_SKILLS, rateSkills, weakSkillLines } from './assess.js';
import { runProjects } from './projects.js';
import { readSection, runCertifications, runFaqs, runPhases, runSections, runSkills } from './reading.js';
import { runSearch } from './search.js';
import { browseSteps, continueSteps, orBack, runChecklist } from './steps.js';
import { afterReview, logStudy, todayLines } from './study.js';
import { offerSync } from './sync.js';
import { pageFits, plural, promptTheme, rowsOf, say, separator, showPage, tutorListOptions } from './view.js';

/** Rows a window needs for what to do today to head the menu's question, the menu keeping enough of its own. */
const MIN_HEADLINE_HEIGHT = 16;

/** The parts of the tutor, as the main menu lists them. */
export type Part =
  | 'continue'
  | 'checklist'
  | 'progress'
  | 'review'
  | 'projects'
  | 'exercises'
  | 'search'
  | 'phases'
  | 'skills'
  | 'sections'
  | 'certs'
  | 'faqs'
  | 'quizzes'
  | 'assess'
  | 'quit';

/**
 * Where the main menu's cursor goes when a part ends: on "Continue" when the learner changed their
 * progress there (the next step may have moved), otherwise back on the part they chose; never on a
 * part they did not ask for. "Continue" at the start; the checklist when no step is left to continue.
 */
export function menuCursor(last: Part | undefined, changed: boolean, offered: readonly Part[]): Part {
  const wanted: Part = last === undefined || changed ? 'continue' : last;
  if (offered.includes(wanted)) return wanted;
  return offered.includes('checklist') ? 'checklist' : 'quit';
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
  const { cards, projects, phases, skills, sections, certifications, faqs, quizzes } = ctx.roadmap;
  /** `choice` while the pack has any of `list`: a part it has none of would open nothing. */
  const whenAny = (list: readonly unknown[], choice: () => MenuChoice): MenuChoice[] => (list.length > 0 ? [choice()] : []);
  const mine: MenuChoice[] = [
    ...(next
      ? [
          {
            value: 'continue' as const,
            name: `Continue: step ${next.number} of ${summary.total}, ${next.title}`,
            description: 'The next topic to work on: start it, study it, log the time; its step and topics one key away.',
          },
        ]
      : []),
    {
      value: 'checklist',
      name: `Roadmap checklist (${summary.done}/${summary.total} done)`,
      description: 'Tick the steps you have done, or open one to change its status or add a note.',
    },
    { value: 'progress', name: 'My progress', description: 'Every step with its status, how far you are and how your plan stands.' },
    ...whenAny(cards, () => reviewChoice(ctx)),
    ...whenAny(projects, () => ({
      value: 'projects',
      name: 'Projects',
      description: `${count(projects.length, 'project brief')}: start one in a new folder, tick its milestones, check it as a reviewer would.`,
    })),
    ...(ctx.roadmap.exercises?.length && ctx.exercises ? [exercisesChoice(ctx, ctx.roadmap.exercises.length)] : []),
  ];
  const guide: MenuChoice[] = [
    {
      value: 'search',
      name: 'Search the guide',
      description: 'Find steps, skills, sections, phases, certifications and FAQs as you type.',
    },
    ...whenAny(phases, () => ({
      value: 'phases',
      name: `The ${count(phases.length, 'phase')} of an ML project`,
      description: 'How an ML project runs, from data to production, one phase a screen.',
    })),
    ...whenAny(skills, () => ({
      value: 'skills',
      name: 'Skills an ML engineer needs',
      description: `${count(skills.length, 'skill')}: why each matters and how to build it.`,
    })),
    ...whenAny(sections, () => ({
      value: 'sections',
      name: 'Read a section of the guide',
      description: `${count(sections.length, 'section')}: pick one and read it.`,
    })),
    ...whenAny(certifications, () => ({
      value: 'certs',
      name: 'Certifications',
      description: `${count(certifications.length, 'certification')} worth knowing about.`,
    })),
    ...whenAny(faqs, () => ({
      value: 'faqs',
      name: 'Frequently asked questions',
      description: `${count(faqs.length, 'question')}; type to filter them.`,
    })),
  ];
  const yourself: MenuChoice[] = [
    ...whenAny(quizzes, () => ({
      value: 'quizzes',
      name: 'Quizzes',
      description: `${count(quizzes.length, 'short quiz', 'short quizzes')} to check what you have learnt.`,
    })),
    ...whenAny(skills, () => ({
      value: 'assess',
      name: 'Rate my skills',
      description: 'Rate each skill from 1 to 5; weak ones are pointed at the steps that build them.',
    })),
    { value: 'quit', name: 'Quit', description: 'Your progress is already saved.' },
  ];
  // Names are wrapped to the width by the prompts (prompts.ts), not cut.
  return [...mine, separator(), ...guide, separator(), ...yourself];
}

/** "Exercises (N/M passed)". */
function exercisesChoice(ctx: Context, total: number): MenuChoice {
  const records = packProgress(ctx.store.read(), ctx.roadmap.id).exercises ?? {};
  const known = new Set(ctx.roadmap.exercises?.map((exercise) => exercise.id));
  const passed = Object.entries(records).filter(([id, record]) => known.has(id) && record.passedAt !== undefined).length;
  return {
    value: 'exercises',
    name: `Exercises (${passed}/${total} passed)`,
    description: 'Python exercises checked against your own code: run the checks, take a hint, see the solution once you pass.',
  };
}

/** "Review (N waiting)": the cards a session would show now (due, today's new and learning ones back within minutes), as `progress` and `review --stats` count them. */
function reviewChoice(ctx: Context): MenuChoice {
  const stats = reviewStats(ctx.roadmap, packProgress(ctx.store.read(), ctx.roadmap.id), ctx.now());
  return {
    value: 'review',
    name: `Review (${stats.waiting} waiting)`,
    description:
      stats.total === 0
        ? 'Spaced review of what you study: cards join when you start a topic.'
        : 'Spaced review: each card comes back just before you would forget it.',
  };
}

/** The main menu's question, its cursor where `menuCursor` puts it; `choices` when they were just worked out for the same progress. */
function menuQuestion(
  ctx: Context,
  summary: Summary,
  last: Part | undefined,
  changed: boolean,
  headline?: string,
  choices = menuChoices(ctx, summary),
) {
  return {
    message: headline ? `${headline}\n\nWhat would you like to do?` : 'What would you like to do?',
    choices,
    default: menuCursor(last, changed, offeredParts(choices)),
    theme: promptTheme(ctx, {}, 'leave'),
  };
}

/** The parts a list of menu choices offers, leaving out the lines between groups. */
export function offeredParts(choices: readonly (MenuChoice | Separator)[]): Part[] {
  return choices.flatMap((choice) => ('value' in choice ? [choice.value] : []));
}

/**
 * The first screen: what the tutor covers and how to move on a first run; on later runs where the
 * learner is, and the skills they rated weak with the steps that build them. Returns the first
 * menu's choices, worked out to fit the screen (each counts the cards waiting, which takes
 * milliseconds over a year of reviews), and the line that heads its question when nothing else fits.
 */
async function showWelcome(ctx: Context): Promise<{ choices: (MenuChoice | Separator)[]; headline?: string }> {
  const progress = ctx.store.read();
  const summary = summarize(ctx.roadmap, progress);
  const pack = packProgress(progress, ctx.roadmap.id);
  // Nothing kept yet of any kind: no step or topic marked, no note, rating, quiz, review, session or
  // project. A study log or cards still as the file's text hold entries, and are not parsed to tell.
  const firstRun = Object.keys(pack).every((key) => {
    if (isUnreadSection(pack, key)) return false;
    const kept: unknown = (pack as Record<string, unknown>)[key];
    return kept === undefined || (typeof kept === 'object' && kept !== null && Object.keys(kept).length === 0);
  });
  const choices = menuChoices(ctx, summary);
  const menu = menuQuestion(ctx, summary, undefined, false, undefined, choices);
  const todo = todayLines(ctx);
  if (firstRun) {
    // Room is kept below it for the menu, so its top stays on screen (or it pages, and the menu waits).
    await showPage(
      ctx,
      await markdown(
        ctx,
        [
          `# ${ctx.roadmap.title}`,
          ctx.roadmap.welcome.trim(),
          '**How to move around:** ↑ and ↓ choose, Enter confirms, Space ticks a step in the checklist, ' +
            'and typing filters the FAQs and searches the guide. Esc goes back one step (at the menu it leaves), ' +
            'and Ctrl+C leaves at once: every change is saved the moment you make it.',
          // The one thing to do first, in bold: the first topic.
          ...todo.map((line) => `**${line}**`),
        ].join('\n\n'),
      ),
      rowsOf(ctx, menu),
    );
    return { choices };
  }
  const next = nextStep(summary);
  const wrapped = (text: string) => wrapLine(text, ctx.width);
  const heading = wrapped(ctx.style.bold(`Welcome back to ${ctx.roadmap.title}!`));
  const where = [
    renderProgressBar(summary, tutorListOptions(ctx)),
    ...wrapped(
      next
        ? `You are on step ${next.number} of ${summary.total}: ${next.title}${next.status === 'doing' ? ' (in progress)' : ''}.`
        : 'Every step is done or skipped. Well done!',
    ),
  ];
  const today = todo.flatMap(wrapped);
  const weak = weakSkillLines(ctx, progress, { limit: HINTED_SKILLS }).flatMap(wrapped);
  // What fits above the menu, so none of it scrolls away: the weak skills go first, then the greeting,
  // then where the learner is; what to do today stays.
  const room = ctx.height - 1 - rowsOf(ctx, menu);
  const shown = [[...heading, ...where, ...today, ...weak], [...heading, ...where, ...today], [...where, ...today], today].find(
    (lines) => lines.length <= room,
  );
  // In a window too small for any of it above the menu, what to do today heads the menu's question
  // (below 16 rows that would leave the menu too few of its own: it is printed, as the rest).
  if (!shown && ctx.height >= MIN_HEADLINE_HEIGHT) return { choices, headline: todo.join('\n') };
  ctx.out((shown ?? today).join('\n'));
  ctx.out('');
  return { choices };
}

/**
 * "My progress": the checklist with status marks, the bar, the next step, the plan's standing and weak
 * skills, as a page whose top stays in view above the short question that ends it (`askWhereNow`);
 * back from the list of steps it opens, the page is shown again, as it now stands.
 */
async function showProgressScreen(ctx: Context): Promise<void> {
  await askWhereNow(ctx, {
    progress: true,
    show: async (reserve) => {
      // The hints go first when the page would not fit the window with the question under it, then the heatmap.
      const pages = [progressPage(ctx, true, true), progressPage(ctx, false, true), progressPage(ctx, false, false)];
      await showPage(ctx, pages.find((page) => pageFits(ctx, page, reserve)) ?? (pages.at(-1) as string), reserve);
    },
  });
}

/**
 * The text of "My progress"; with `hints`, the dim lines saying how to make a plan and keep a copy;
 * with `heatmap`, once anything is logged or reviewed, the year's heatmap of study and the retention.
 */
function progressPage(ctx: Context, hints: boolean, heatmap: boolean): string {
  const progress = ctx.store.read();
  const summary = summarize(ctx.roadmap, progress);
  const next = nextStep(summary);
  const view = tutorListOptions(ctx);
  const wrapped = (text: string) => wrapLine(text, ctx.width).join('\n');
  const plan = planStanding(ctx.roadmap, progress, ctx.now());
  const pack = packProgress(progress, ctx.roadmap.id);
  return [
    // Without the hint naming the plain command that ticks a step: the tutor has its own way.
    renderRoadmap(ctx.roadmap.title, summary, view, { hint: false }),
    wrapped(next ? `Next: step ${next.number}, ${next.title}` : 'Every step is done or skipped. Well done!'),
    wrapped(studyLog(ctx, pack)),
    ...(heatmap ? yearLines(ctx, pack).map(wrapped) : []),
    ...(plan ? [wrapped(describePlanStatus(plan))] : []),
    ...weakSkillLines(ctx, progress).map(wrapped),
    ...(hints && !plan ? [ctx.style.dim(wrapped('No study plan yet: make one below (you say how many hours a week you can study).'))] : []),
    ...(hints ? [ctx.style.dim(wrapped('Keep a copy, notes included: mlroadmap export --format md > my-progress.md'))] : []),
  ].join('\n');
}

/** The heatmap of minutes studied over the weeks that fit, and the retention of cards seen before; nothing before any study. */
function yearLines(ctx: Context, pack: ReturnType<typeof packProgress>): string[] {
  const report = statsReport(ctx.roadmap, pack, ctx.now());
  if (report.totals.activeDays === 0) return [];
  const colour = ctx.style.level > 0 && ctx.ascii !== true;
  const { overall } = report.retention;
  const retention =
    overall.rate === null
      ? []
      : [
          `Retention: ${Math.round(overall.rate * 100)}% of ${plural(overall.reviews, 'review')} of cards seen before (more: mlroadmap stats)`,
        ];
  return ['', ...renderStudyHeatmap(report, { width: ctx.width, style: ctx.style, colour }), ...retention, ''];
}

/** The week and the streak; before anything is logged, the tutor's own way to log (asked below the page). */
function studyLog(ctx: Context, pack: ReturnType<typeof packProgress>): string {
  const stats = studyStats(pack, ctx.now());
  if (stats.sessions === 0 && stats.longestStreakDays === 0)
    return 'Study log: nothing logged yet. After studying, choose "Log study time" below.';
  return describeStudy(stats, pack.plan?.hoursPerWeek);
}

/** "Where to now?", with what it offers now: from "My progress" also the study plan and backups. */
function whereNowQuestion(ctx: Context, progressScreen: boolean) {
  const backups = progressScreen ? ctx.store.inspect().backups : [];
  const hasPlan = progressScreen ? packProgress(ctx.store.read(), ctx.roadmap.id).plan !== undefined : false;
  return {
    backups,
    config: {
      message: 'Where to now?',
      choices: [
        { value: 'menu', name: 'Back to the menu' },
        { value: 'steps', name: 'Open a step to change its status or add a note' },
        ...(progressScreen ? [{ value: 'plan', name: hasPlan ? 'Change my study plan' : 'Make a study plan' }] : []),
        ...(progressScreen ? [{ value: 'log', name: 'Log study time' }] : []),
        ...(backups.length > 0 ? [{ value: 'restore', name: 'Restore my progress from a backup' }] : []),
      ],
      theme: promptTheme(ctx),
    },
  };
}

/**
 * Ends a part whose last words matter (progress, ratings) with a short question, so the menu does not
 * push them off a small screen: back to the menu, into the list of steps, and from "My progress" making
 * or changing the study plan and restoring a backup. `show` puts those words on screen, keeping the
 * rows the question takes free below them; it is called again when the learner comes back here from
 * the list of steps (Esc), which has taken the screen.
 */
async function askWhereNow(ctx: Context, part: { progress?: boolean; show: (reserve: number) => Promise<void> }): Promise<void> {
  let shown = false;
  for (;;) {
    const { backups, config } = whereNowQuestion(ctx, part.progress === true);
    if (!shown) await part.show(rowsOf(ctx, config));
    shown = true;
    const move = await ctx.prompts.select(config, { clearPromptOnDone: true });
    // Making a plan or restoring a backup comes back here (Esc in them too), so what they say stays in view.
    if (move === 'plan') await orBack(() => makeStudyPlan(ctx));
    else if (move === 'log')
      await orBack(async () => {
        await logStudy(ctx);
      });
    else if (move === 'restore') await orBack(() => restoreBackup(ctx, backups));
    else if (move === 'steps') {
      // "Back to the menu" in the list goes there; Esc comes back here, one level up.
      let toMenu = false;
      await orBack(async () => {
        await browseSteps(ctx);
        toMenu = true;
      });
      if (toMenu) return;
      shown = false;
    } else return;
  }
}

/** Asks for the hours a week and saves a plan over the open steps, as `mlroadmap plan --hours-per-week` does. */
async function makeStudyPlan(ctx: Context): Promise<void> {
  const typed = await ctx.prompts.input(
    {
      message: `How many hours a week can you study (${MIN_HOURS_PER_WEEK} to ${MAX_HOURS_PER_WEEK})?`,
      validate: (value: string) =>
        parseHoursPerWeek(value) === undefined
          ? `Give a number of hours from ${MIN_HOURS_PER_WEEK} to ${MAX_HOURS_PER_WEEK}, such as 10`
          : true,
    },
    { clearPromptOnDone: true },
  );
  const hours = parseHoursPerWeek(typed) as number;
  const plan = makePlan(ctx.roadmap, ctx.store.read(), hours, localDate(ctx.now()));
  if (plan.steps.length === 0) return say(ctx, 'Every step is done or skipped: there is nothing left to plan.');
  const saved = await ctx.store.update((progress) => setPlan(progress, ctx.roadmap.id, plan));
  const schedule = scheduleOf(ctx.roadmap, saved, plan);
  say(
    ctx,
    `Plan saved: ${plural(hours, 'hour')} a week from today, ${schedule.totalHours} hours over ${plural(schedule.steps.length, 'step')}; finish by ${schedule.finish} (${describeDays(schedule.days)}).`,
  );
  ctx.out('');
}

/** Lets the learner pick a backup (newest first) and puts it back; the current file becomes a backup itself. */
async function restoreBackup(ctx: Context, backups: readonly string[]): Promise<void> {
  const names = backupNames(backups);
  const choices = [
    ...[...backups].reverse().map((backup) => ({ value: backup, name: names.get(backup) ?? backup })),
    { value: '', name: 'Keep my progress as it is' },
  ];
  const picked = await ctx.prompts.select(
    {
      message: 'Restore which backup? (what is saved now is kept as a backup)',
      choices,
      theme: promptTheme(ctx),
    },
    { clearPromptOnDone: true },
  );
  if (picked === '') return;
  // This roadmap's progress alone: work on other roadmaps since that backup stays.
  const kept = await ctx.store.restore(picked, ctx.roadmap.id);
  say(ctx, `Restored your progress from ${names.get(picked) ?? picked}.${kept ? ' What was saved before is kept as a backup too.' : ''}`);
  ctx.out('');
}

/**
 * Backup files' names as the learner's local times: progress.json.bak-2026-03-01T09-30-00-000Z is
 * "Backup of 2026-03-01 10:30:00" in Paris. Two made in the same second get their milliseconds too,
 * so no two choices read the same.
 */
export function backupNames(paths: readonly string[]): Map<string, string> {
  const at = (path: string) => {
    const match = /bak-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-(\d{3}))?Z/.exec(path);
    return match ? new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5] ?? '000'}Z`) : undefined;
  };
  const reasons = { reset: ' (before a reset)', moved: ' (a damaged file moved aside)', restore: ' (before a restore)' };
  const names = new Map(paths.map((path) => [path, at(path)] as const));
  const label = (time: Date | undefined, path: string) => (time ? `Backup of ${localTime(time, true)}` : path);
  const counts = new Map<string, number>();
  for (const [path, time] of names) counts.set(label(time, path), (counts.get(label(time, path)) ?? 0) + 1);
  return new Map(
    [...names].map(([path, time]) => {
      const name = label(time, path);
      // Made in the same second: their milliseconds, and the number an older mlroadmap gave ("...Z-2").
      const copy = /Z-(\d+)$/.exec(path)?.[1];
      const exact = `${name}.${String(time?.getMilliseconds() ?? 0).padStart(3, '0')}${copy ? ` (${copy})` : ''}`;
      const why = describeBackup(path).why;
      return [path, `${time && (counts.get(name) ?? 0) > 1 ? exact : name}${why ? reasons[why] : ''}`];
    }),
  );
}

/** "Rate my skills": the ratings walk, where to build the weak skills, then where to go. */
async function runRateSkills(ctx: Context): Promise<void> {
  const advice = await rateSkills(ctx);
  // The advice again, on its own page, when the learner comes back from the list of steps.
  let first = true;
  await askWhereNow(ctx, {
    show: async (reserve) => {
      if (!first) await showPage(ctx, advice.join('\n'), reserve);
      first = false;
    },
  });
}

/**
 * Quizzes: pick one, answer its questions, see the score; a finished quiz is recorded. After a low
 * score, the part of the guide it checks can be opened from here.
 */
async function runQuizzes(ctx: Context): Promise<void> {
  const { pickQuiz, readingFor, runQuiz } = await import('./quiz.js');
  let last: string | undefined;
  for (;;) {
    ctx.clear();
    const quiz = await pickQuiz(ctx, ctx.prompts, last);
    if (!quiz) return;
    last = quiz.id;
    ctx.clear();
    // Esc in the middle leaves the quiz unscored and comes back here.
    await orBack(async () => {
      await runQuiz(ctx, ctx.prompts, quiz);
    });
    ctx.out('');
    const reading = readingFor(ctx, quiz);
    const move = await ctx.prompts.select(
      {
        message: 'What next?',
        choices: [
          ...(reading ? [{ value: 'read', name: `Read "${reading.title}"` }] : []),
          { value: 'again', name: 'Another quiz' },
          { value: 'menu', name: 'Back to the menu' },
        ],
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    if (move === 'menu') return;
    if (move === 'read' && reading) {
      if (reading.kind === 'phases') await orBack(() => runPhases(ctx));
      else if (reading.kind === 'certs') await orBack(() => runCertifications(ctx));
      else await orBack(() => readSection(ctx, reading.id as string));
    }
  }
}

/** A review session, then what to do after it (log the time), so its summary stays on screen. */
async function runReviewPart(ctx: Context): Promise<void> {
  const { runReview } = await import('./review.js');
  await runReview(ctx, { inTutor: true });
  await afterReview(ctx);
}

const PARTS: Record<Exclude<Part, 'quit'>, (ctx: Context) => void | Promise<void>> = {
  continue: continueSteps,
  review: runReviewPart,
  projects: runProjects,
  exercises: async (ctx) => (await import('./exercises.js')).runExercisesPart(ctx),
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
 * The interactive walk-through: a welcome, then the main menu until the learner quits. Escape goes
 * back one level (at the main menu it leaves, exit code 0); Ctrl+C leaves from anywhere (exit code
 * 130). Every change is saved the moment it is made; "Progress saved." is said on leaving only when
 * something was saved in this session.
 */
export async function runTutor(base: Context): Promise<void> {
  const session = trackSaves(base);
  const ctx = session.ctx;
  try {
    await offerSync(base, 'start');
    const welcome = await showWelcome(ctx);
    let headline = welcome.headline;
    // The first menu's choices as the welcome worked them out; each later menu's afresh.
    let choices: (MenuChoice | Separator)[] | undefined = welcome.choices;
    let last: Part | undefined;
    let changed = false;
    for (;;) {
      const summary = summarize(ctx.roadmap, ctx.store.read());
      const question = menuQuestion(ctx, summary, last, changed, headline, choices);
      choices = undefined;
      let part: Part;
      try {
        part = await ctx.prompts.select<Part>(question, { clearPromptOnDone: true });
      } catch (error) {
        if (error instanceof LeaveError) break;
        throw error;
      }
      if (part === 'quit') break;
      headline = undefined;
      const saves = session.saves();
      try {
        await PARTS[part](ctx);
      } catch (error) {
        // Escape from the part's own first level: back to the menu.
        if (!(error instanceof LeaveError)) throw error;
      }
      last = part;
      changed = session.saves() > saves;
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') {
      await session.settled();
      if (session.saves() > 0) ctx.out('Progress saved.');
      throw new InterruptedError();
    }
    throw error;
  }
  await session.settled();
  if (session.saves() > 0) {
    ctx.out('Progress saved.');
    await offerSync(base, 'end');
  }
}

/**
 * The context with a store that counts the saves made through it and keeps the ones still being
 * written, so leaving (even with Ctrl+C) waits for them and says "Progress saved." only when true.
 * A save that waited too long for another mlroadmap's lock does not end the tutor: between prompts,
 * the learner is asked to retry it or go on without it (Esc too goes on); made while a prompt is
 * open (a tick in the checklist), it fails back to that prompt, which says it was not saved.
 */
/** How long a save between prompts waits for another mlroadmap's lock before the learner is asked. */
const TUTOR_LOCK_WAIT_MS = 5000;

function trackSaves(ctx: Context): { ctx: Context; saves: () => number; settled: () => Promise<void> } {
  let saves = 0;
  const pending = new Set<Promise<unknown>>();
  let open = 0;
  const prompts = Object.fromEntries(
    Object.entries(ctx.prompts ?? {}).map(([name, prompt]) => [
      name,
      async (...args: unknown[]) => {
        open++;
        try {
          return await (prompt as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          open--;
        }
      },
    ]),
  ) as unknown as Context['prompts'];
  const updateOrAsk = async (change: Parameters<Context['store']['update']>[0]) => {
    for (;;) {
      try {
        // Between prompts the learner is asked after a few seconds, not after the commands' 30.
        return await ctx.store.update(change, open > 0 ? undefined : { lockWaitMs: TUTOR_LOCK_WAIT_MS });
      } catch (error) {
        if (!(error instanceof ProgressBusyError) || open > 0) throw error;
        const retry = await ctx.prompts
          .select(
            {
              message: wrapLine(`Saving is waiting for ${error.holder}; retry or go on?`, ctx.width - 2).join('\n'),
              choices: [
                { value: true, name: 'Retry the save' },
                { value: false, name: 'Go on without saving this change' },
              ],
              theme: promptTheme(ctx),
            },
            { clearPromptOnDone: true },
          )
          .catch((left: unknown) => {
            if (left instanceof LeaveError) return false;
            throw left;
          });
        if (!retry) {
          say(ctx, 'Not saved; the tutor goes on.');
          throw new LeaveError();
        }
      }
    }
  };
  const store: Context['store'] = {
    ...ctx.store,
    path: ctx.store.path,
    read: () => ctx.store.read(),
    inspect: () => ctx.store.inspect(),
    update: (change) => {
      const saving = updateOrAsk(change).then((progress) => {
        saves++;
        return progress;
      });
      pending.add(saving);
      saving.then(
        () => pending.delete(saving),
        () => pending.delete(saving),
      );
      return saving;
    },
    reset: async (keep, pack) => {
      const backup = await ctx.store.reset(keep, pack);
      saves++;
      return backup;
    },
    repair: () => ctx.store.repair(),
    restore: async (backup, pack) => {
      const kept = await ctx.store.restore(backup, pack);
      saves++;
      return kept;
    },
  };
  return {
    ctx: {
      ...ctx,
      store,
      prompts,
      get roadmap() {
        return ctx.roadmap;
      },
      // The window's size as it is now: it changes when the learner resizes the terminal.
      get width() {
        return ctx.width;
      },
      get height() {
        return ctx.height;
      },
    } as Context,
    saves: () => saves,
    settled: async () => {
      await Promise.allSettled([...pending]);
    },
  };
}
