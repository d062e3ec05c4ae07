import type { Step } from '../content/schema.js';
import type { Context } from '../context.js';
import { LeaveError } from '../errors.js';
import { linkOptions } from '../output.js';
import {
  addNote,
  deleteNote,
  NEXT_REASONS,
  nextReason,
  nextStep,
  nextTopic,
  noteProblem,
  notesOf,
  type Progress,
  packProgress,
  STATUS_WORDS,
  STATUSES,
  type Status,
  setStepStatus,
  setTopicStatus,
  stepStatusOf,
  summarize,
  topicRows,
  topicStatusOf,
} from '../progress/model.js';
import { deckOf } from '../progress/review.js';
import { sanitizeText } from '../render/sanitize.js';
import {
  exercisesFor,
  noteDate,
  noteText,
  renderBlock,
  renderExercisesBlock,
  renderNotes,
  renderResources,
  renderStepPage,
} from '../render/step.js';
import { renderMark, renderProgressBar, wrapLine } from '../render/text.js';
import { topicChangeLine } from '../render/topic.js';
import { HINTED_SKILLS, weakSkillLines } from './assess.js';
import { logStudy } from './study.js';
import { fitLine, promptTheme, rowsOf, say, separator, showPage, tutorListOptions } from './view.js';

async function save(ctx: Context, change: (progress: Progress) => Progress): Promise<Progress> {
  return ctx.store.update(change);
}

/** A step's line in a list: its number and title, cut to fit, with "(in progress)" or "(skipped)" kept whole. */
function stepLine(step: { number: number; title: string; status: Status }): string {
  // Whole: the prompts wrap it to the width at words (prompts.ts), the status with it.
  const suffix = step.status === 'doing' || step.status === 'skipped' ? ` (${STATUS_WORDS[step.status]})` : '';
  return `${step.number}. ${step.title}${suffix}`;
}

/**
 * The roadmap checklist: every step with a check box, the done ones ticked. Space ticks or unticks
 * the step under the cursor and saves it at once, so leaving by any key keeps every tick; Enter opens
 * the step; Esc goes back to the menu.
 */
export async function runChecklist(ctx: Context): Promise<void> {
  let current: string | undefined;
  for (;;) {
    const summary = summarize(ctx.roadmap, ctx.store.read());
    current ??= nextStep(summary)?.id;
    // No bar above it: it would not follow the ticks made below it.
    ctx.clear();
    const { open } = await ctx.prompts.checklist(
      {
        message: wrapLine('Roadmap checklist: Space ticks a step you have done (saved at once), Enter opens it', ctx.width - 2).join('\n'),
        items: summary.steps.map((step) => ({
          value: step.id,
          name: stepLine(step),
          // A tick makes it done, an untick to do: neither is said after the title.
          toggledName: stepLine({ ...step, status: 'todo' }),
          checked: step.status === 'done',
        })),
        ...(current ? { default: current } : {}),
        onToggle: async (id, checked) => {
          await save(ctx, (progress) => setStepStatus(progress, ctx.roadmap, [id], checked ? 'done' : 'todo', ctx.now()));
        },
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    current = open;
    const step = ctx.roadmap.steps.find((candidate) => candidate.id === open);
    await orBack(() => (step?.topics?.length ? runTopicChecklist(ctx, step) : showStep(ctx, open)));
  }
}

/** The item of a topic checklist that opens the step's own page (status, notes, resources). */
const STEP_PAGE = '';

/**
 * A step's topics with check boxes, as the roadmap checklist has steps: Space ticks a topic (saved at
 * once; the step follows its topics), Enter opens a topic's page, the first line opens the step's own
 * page; Esc goes back to the roadmap checklist.
 */
async function runTopicChecklist(ctx: Context, step: Step): Promise<void> {
  const number = ctx.roadmap.steps.indexOf(step) + 1;
  let current: string | undefined;
  for (;;) {
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const rows = topicRows(number, step, pack);
    current ??= nextTopic(pack, step)?.topic.id;
    ctx.clear();
    say(ctx, ctx.style.bold(`${number}. ${step.title}`));
    ctx.out('');
    const { open } = await ctx.prompts.checklist(
      {
        message: wrapLine('Topics: Space ticks one you have done (saved at once), Enter opens it', ctx.width - 2).join('\n'),
        items: [
          { value: STEP_PAGE, name: `Step ${number} page: status, notes, resources`, checked: false, tickable: false },
          ...rows.map((row) => ({
            value: row.id,
            name: `${row.number} ${row.title}${row.status === 'doing' || row.status === 'skipped' ? ` (${STATUS_WORDS[row.status]})` : ''}`,
            toggledName: `${row.number} ${row.title}`,
            checked: row.status === 'done',
            description: `About ${row.effortHours} hours`,
          })),
        ],
        ...(current ? { default: current } : {}),
        onToggle: async (id, checked) => {
          await save(ctx, (progress) => setTopicStatus(progress, ctx.roadmap, step, [id], checked ? 'done' : 'todo', ctx.now()));
        },
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    current = open;
    if (open === STEP_PAGE) await orBack(() => showStep(ctx, step.id));
    else await orBack(() => showTopic(ctx, step, open));
  }
}

type TopicAction = 'start' | 'done' | 'todo' | 'log' | 'next' | 'topics' | 'back';

/**
 * What a topic's page offers, by its status: start it or mark it done while it is to do, mark it done
 * or put it back to to-do once started; log time on it; go on to the step's next topic once it is
 * done; the step's topics (`topics`, from "Continue"); and back, first for a topic done.
 */
export function topicActions(status: Status, options: { next?: boolean; topics?: boolean } = {}): TopicAction[] {
  const more: TopicAction[] = [...(options.topics ? (['topics'] as const) : []), 'back'];
  if (status === 'done') return [...(options.next ? (['next'] as const) : []), 'log', 'todo', ...more];
  if (status === 'doing') return ['log', 'done', 'todo', ...more];
  return ['start', 'done', 'log', ...more];
}

/** How a topic's page was opened: what "back" goes back to, and what "Continue" adds. */
export interface TopicPageOptions {
  /** The label of the way back ("Back to the topics"). */
  back?: string;
  /** Offer the step's topics, one key away (from "Continue", which opens no checklist first). */
  topics?: boolean;
  /** Lines said under the page the first time it is shown ("Why this step: ..."). */
  intro?: readonly string[];
}

/** The number and the sizes a topic's page shows: "1.1", its place among the step's topics. */
function topicAt(ctx: Context, step: Step, topicId: string) {
  const index = (step.topics ?? []).findIndex((topic) => topic.id === topicId);
  const topic = step.topics?.[index];
  return topic ? { topic, number: `${ctx.roadmap.steps.indexOf(step) + 1}.${index + 1}` } : undefined;
}

/** A topic's page: why it matters, what "done" looks like, its resources, its exercises and how far the learner is with them. */
function topicPage(ctx: Context, step: Step, topicId: string, status: Status): string {
  const found = topicAt(ctx, step, topicId);
  if (!found) return '';
  const { topic, number } = found;
  const view = linkOptions(ctx);
  const mark = status === 'todo' ? '' : ` ${ctx.style.dim(`(${STATUS_WORDS[status]})`)}`;
  const exercises = exercisesFor(ctx.roadmap, step, packProgress(ctx.store.read(), ctx.roadmap.id), topicId);
  return [
    `${ctx.style.bold(`${number} ${topic.title}`)} ${ctx.style.dim(`(about ${topic.effortHours} hours)`)}${mark}`,
    '',
    wrapLine(topic.why.trim(), ctx.width).join('\n'),
    '',
    ctx.style.bold('What "done" looks like'),
    ...topic.done.map((criterion) => wrapLine(`  - ${criterion}`, ctx.width).join('\n')),
    '',
    renderBlock('Resources', renderResources(topic.resources, view), view),
    ...(exercises.length > 0 ? ['', renderExercisesBlock(exercises, view, 'Run their checks from "Exercises" in the menu.')] : []),
  ].join('\n');
}

/**
 * One topic's page (why it matters, what "done" looks like, its resources), then what to do with it:
 * start it, mark it done or back to to-do (saved at once, saying what that did to the review deck),
 * log time on it (which starts a topic still to do), go on to the step's next topic once it is done,
 * open the step's topics, or go back (to where `options.back` says).
 */
export async function showTopic(ctx: Context, step: Step, firstId: string, options: TopicPageOptions = {}): Promise<void> {
  const back = options.back ?? 'Back to the topics';
  const stepNumber = ctx.roadmap.steps.indexOf(step) + 1;
  let topicId = firstId;
  // Where the learner is ("Continue") heads the page the first time it is shown.
  let intro: readonly string[] = options.intro ?? [];
  let onScreen = false;
  for (;;) {
    const found = topicAt(ctx, step, topicId);
    if (!found) return;
    const { topic, number } = found;
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const status = topicStatusOf(pack, step, topic.id);
    const next = nextTopic(pack, step);
    const following = next && next.topic.id !== topic.id ? next : undefined;
    const labels: Record<TopicAction, string> = {
      start: 'Start this topic',
      done: 'Mark as done',
      todo: 'Back to to-do',
      log: 'Log time studied on this topic',
      next: `Next topic: ${stepNumber}.${following?.number} ${following?.topic.title}`,
      topics: `All topics of step ${stepNumber}`,
      back,
    };
    const question = {
      message: `Topic ${number}: what now?`,
      choices: topicActions(status, { next: following !== undefined, topics: options.topics === true }).map((action) => ({
        value: action,
        name: labels[action],
      })),
      theme: promptTheme(ctx),
    };
    if (!onScreen) {
      const wrapped = (lines: readonly string[]) => lines.map((line) => wrapLine(line, ctx.width).join('\n'));
      const head = intro.length > 0 ? [...wrapped(intro).map((line) => ctx.style.dim(line)), ''] : [];
      await showPage(ctx, [...head, topicPage(ctx, step, topic.id, status)].join('\n'), rowsOf(ctx, question));
      onScreen = true;
      intro = [];
    }
    const move = await ctx.prompts.select<TopicAction>(question, { clearPromptOnDone: true });
    if (move === 'back') return;
    if (move === 'log') {
      // What was logged stays on screen, under the page, with the question asked again below it.
      await orBack(async () => {
        await logStudy(ctx, topic.id, `${number} ${topic.title}`);
      });
      continue;
    }
    if (move === 'topics') {
      await orBack(() => runTopicChecklist(ctx, step));
      onScreen = false;
      continue;
    }
    if (move === 'next' && following) {
      topicId = following.topic.id;
      onScreen = false;
      continue;
    }
    const to: Status = move === 'start' ? 'doing' : move === 'done' ? 'done' : 'todo';
    const before = deckOf(ctx.roadmap, pack).length;
    const after = await save(ctx, (progress) => setTopicStatus(progress, ctx.roadmap, step, [topic.id], to, ctx.now()));
    const change = deckOf(ctx.roadmap, packProgress(after, ctx.roadmap.id)).length - before;
    // Said under the page, the question asked again below it: no page to go through again.
    say(ctx, topicChangeLine(`${number} ${topic.title}`, to, change));
    ctx.out('');
  }
}

/** Runs one level of the tutor; Escape inside it comes back here instead of leaving further. */
export async function orBack(level: () => Promise<void>): Promise<void> {
  try {
    await level();
  } catch (error) {
    if (!(error instanceof LeaveError)) throw error;
  }
}

/** A list of the steps with their status marks; opening one shows it. Ends when the learner goes back. */
export async function browseSteps(ctx: Context): Promise<void> {
  let current: string | undefined;
  for (;;) {
    const summary = summarize(ctx.roadmap, ctx.store.read());
    // The cursor starts on the step to work on next, then stays on the one last opened.
    current ??= nextStep(summary)?.id;
    // A list of its own: nothing of the page it was opened from stays above it.
    ctx.clear();
    const options = tutorListOptions(ctx);
    const choices = [
      ...summary.steps.map((step) => ({
        value: step.id,
        name: `${renderMark(step.status, options)} ${stepLine(step)}`,
        description: `Status: ${STATUS_WORDS[step.status]}`,
      })),
      { value: '', name: 'Back to the menu' },
    ];
    const picked = await ctx.prompts.select(
      {
        message: 'Open a step to read it, change its status or add a note',
        choices,
        default: current ?? '',
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    if (picked === '') return;
    await orBack(() => showStep(ctx, picked));
    current = picked;
  }
}

type StepAction = Status | 'note' | 'delete-note' | 'back';

const OTHER_LABELS: Record<Exclude<StepAction, Status>, string> = { note: 'Add a note', 'delete-note': 'Delete a note', back: 'Back' };

function isStatus(action: StepAction): action is Status {
  return (STATUSES as readonly string[]).includes(action);
}

/** Labels for setting each status from the step view, by the status the step has now. */
function statusLabel(to: Status, from: Status): string {
  switch (to) {
    case 'done':
      return 'Mark as done';
    case 'doing':
      return "Mark as in progress (I'm working on it)";
    case 'skipped':
      return 'Skip this step (mark as skipped)';
    default:
      return from === 'done' ? 'Mark as not done' : from === 'skipped' ? 'Take it up again (mark as to do)' : 'Mark as not started (to do)';
  }
}

/**
 * What the step view offers: every status the step is not in, adding a note, deleting one when there
 * are notes, and back. "Back" comes first for a finished (done or skipped) step, so Enter changes nothing.
 */
export function stepActions(status: Status, notes: number): StepAction[] {
  const order: Record<Status, Status[]> = {
    todo: ['done', 'doing', 'skipped'],
    doing: ['done', 'skipped', 'todo'],
    done: ['todo', 'doing', 'skipped'],
    skipped: ['todo', 'doing', 'done'],
  };
  const notesActions: StepAction[] = ['note', ...(notes > 0 ? (['delete-note'] as const) : [])];
  return status === 'done' || status === 'skipped'
    ? ['back', ...order[status], ...notesActions]
    : [...order[status], ...notesActions, 'back'];
}

/**
 * One step in full (as `mlroadmap step` prints it: status, resources by type, notes), then a choice:
 * set any other status, add a note, delete one, or go back. A new status is saved at once and ends the
 * view; a note is saved at once and the choice comes back. `intro` lines are said just above the choice.
 */
export async function showStep(ctx: Context, stepId: string, intro: readonly string[] = []): Promise<void> {
  const index = ctx.roadmap.steps.findIndex((step) => step.id === stepId);
  const step = ctx.roadmap.steps[index];
  if (!step) return;
  const total = ctx.roadmap.steps.length;
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  const status = stepStatusOf(pack, step);
  const record = Object.hasOwn(pack.steps, step.id) ? pack.steps[step.id] : undefined;
  const skillTitles = step.skills.map((id) => ctx.roadmap.skills.find((skill) => skill.id === id)?.title ?? id);
  const since = status === 'done' ? record?.completedAt : record?.updatedAt;
  const page = await renderStepPage(
    {
      number: index + 1,
      step,
      status,
      since,
      notes: notesOf(pack, step.id),
      skillTitles,
      hints: false,
      topics: topicRows(index + 1, step, pack),
      exercises: exercisesFor(ctx.roadmap, step, pack),
    },
    linkOptions(ctx),
  );
  const introLines = intro.length > 0 ? `\n${intro.map((line) => wrapLine(line, ctx.width).join('\n')).join('\n')}` : '';
  const question = (status: Status, notes: number) => {
    const label = (action: StepAction) => (isStatus(action) ? statusLabel(action, status) : OTHER_LABELS[action]);
    return {
      message: `Step ${index + 1} of ${total}: ${step.title}`,
      choices: stepActions(status, notes).flatMap((action) => [
        // A line sets the notes apart from the statuses.
        ...(action === 'note' ? [separator()] : []),
        { value: action, name: label(action) },
      ]),
      theme: promptTheme(ctx),
    };
  };
  // Its top in view, with the rows of the choice of what to do below it kept free.
  await showPage(ctx, `${page}${introLines}`, rowsOf(ctx, question(status, notesOf(pack, step.id).length)));
  for (;;) {
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const action = await ctx.prompts.select<StepAction>(question(stepStatusOf(pack, step), notesOf(pack, step.id).length), {
      clearPromptOnDone: true,
    });
    if (action === 'back') return;
    if (action === 'note') {
      await addNoteTo(ctx, step.id, index + 1);
      continue;
    }
    if (action === 'delete-note') {
      await deleteNoteFrom(ctx, step.id, index + 1);
      continue;
    }
    const after = await save(ctx, (progress) => setStepStatus(progress, ctx.roadmap, [step.id], action, ctx.now()));
    say(ctx, `Saved: "${step.title}" is now ${STATUS_WORDS[action]}.`);
    ctx.out(renderProgressBar(summarize(ctx.roadmap, after), tutorListOptions(ctx)));
    ctx.out('');
    return;
  }
}

/** Prints a step's notes under a heading, numbered as `mlroadmap note` numbers them. */
function printNotes(ctx: Context, stepId: string): void {
  const notes = notesOf(packProgress(ctx.store.read(), ctx.roadmap.id), stepId);
  const view = tutorListOptions(ctx);
  if (notes.length > 0) ctx.out(renderBlock(`Your notes (${notes.length})`, renderNotes(notes, view), view));
  ctx.out('');
}

/**
 * Asks for a note's text and saves it, dated, at once; nothing typed adds nothing. Esc with text
 * typed asks whether to keep it, and Ctrl+C keeps it (saying so as the tutor ends), so a half-written
 * note is never lost by accident.
 */
async function addNoteTo(ctx: Context, stepId: string, number: number): Promise<void> {
  let draft = '';
  const answer = await ctx.prompts
    .noteInput(
      {
        message: `Your note on step ${number} (Enter saves it; Esc goes back):`,
        problem: (value: string) => noteProblem(sanitizeText(value).trim()),
        onChange: (value: string) => {
          draft = value;
        },
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    )
    .catch(async (error: Error) => {
      const text = sanitizeText(draft).trim();
      if (error.name === 'ExitPromptError' && text !== '' && !noteProblem(text)) {
        await save(ctx, (progress) => addNote(progress, ctx.roadmap.id, stepId, text, ctx.now()));
        say(ctx, `Kept the note you were typing on step ${number}: "${text}"`);
      }
      throw error;
    });
  // As `mlroadmap note` stores it: the learner's words without control characters or escape sequences.
  const text = sanitizeText(answer.text).trim();
  if (text !== '' && answer.left) {
    const keep = await ctx.prompts
      .select(
        {
          message: `Keep the note you were typing? "${text}"`,
          choices: [
            { value: true, name: 'Keep it (save the note)' },
            { value: false, name: 'Discard it' },
          ],
          theme: promptTheme(ctx),
        },
        { clearPromptOnDone: true },
      )
      // Esc here too: keep it, the choice that loses nothing.
      .catch((error: Error) => {
        if (error instanceof LeaveError) return true;
        throw error;
      });
    if (!keep || noteProblem(text)) {
      say(ctx, noteProblem(text) ? `Not saved: ${noteProblem(text)}.` : 'Note discarded.');
      ctx.out('');
      return;
    }
  }
  if (text === '') {
    ctx.out('No note added.');
    ctx.out('');
    return;
  }
  const saved = await save(ctx, (progress) => addNote(progress, ctx.roadmap.id, stepId, text, ctx.now()));
  const count = notesOf(packProgress(saved, ctx.roadmap.id), stepId).length;
  ctx.out(`Saved note ${count} on step ${number}.`);
  printNotes(ctx, stepId);
}

/** Lets the learner pick one of the step's notes to delete (or none), and deletes it at once. */
async function deleteNoteFrom(ctx: Context, stepId: string, number: number): Promise<void> {
  const notes = notesOf(packProgress(ctx.store.read(), ctx.roadmap.id), stepId);
  const keep = -1;
  const choices = [
    ...notes.map((note, i) => ({ value: i, name: `${i + 1}. ${noteDate(note.at)}  ${noteText(note.text)}` })),
    { value: keep, name: 'Keep them all' },
  ];
  const picked = await ctx.prompts.select<number>(
    {
      message: `Delete which note on step ${number}?`,
      choices,
      default: keep,
      theme: promptTheme(ctx),
    },
    { clearPromptOnDone: true },
  );
  const note = notes[picked];
  if (!note) {
    ctx.out('No note deleted.');
    ctx.out('');
    return;
  }
  // Found again by date and text, in case the notes changed elsewhere while the list was on screen.
  await save(ctx, (progress) => {
    const now = notesOf(packProgress(progress, ctx.roadmap.id), stepId).findIndex((n) => n.at === note.at && n.text === note.text);
    return now === -1 ? progress : deleteNote(progress, ctx.roadmap.id, stepId, now);
  });
  ctx.out(`Deleted note ${picked + 1} on step ${number} (${noteDate(note.at)}: ${fitLine(ctx, noteText(note.text), 40)}).`);
  printNotes(ctx, stepId);
}

/**
 * "Continue where I left off": the step `nextStep` picks (the rule `mlroadmap next` follows), saying
 * why it is next and which weak skills it builds; a step with topics opens at its next topic (the
 * first in progress, else the first to do), where the learner starts it, studies, logs the time, and
 * has the step's topics one choice away.
 */
export async function continueSteps(ctx: Context): Promise<void> {
  const progress = ctx.store.read();
  const summary = summarize(ctx.roadmap, progress);
  const next = nextStep(summary);
  if (!next) {
    const skipped = summary.steps.filter((step) => step.status === 'skipped').map((step) => step.number);
    say(
      ctx,
      skipped.length > 0
        ? `Every step is done or skipped. Skipped: ${skipped.join(', ')}; open one from the checklist to take it up.`
        : 'Every step is done. Well done!',
    );
    ctx.out('');
    return;
  }
  const why = `Why this step: ${NEXT_REASONS[nextReason(summary, next.number)]}`;
  const weak = weakSkillLines(ctx, progress, { stepId: next.id, limit: HINTED_SKILLS });
  const step = ctx.roadmap.steps.find((candidate) => candidate.id === next.id);
  const topic = step ? nextTopic(packProgress(progress, ctx.roadmap.id), step) : undefined;
  if (!step || !topic) {
    await showStep(ctx, next.id, [why, ...weak]);
    return;
  }
  const where = `Step ${next.number} of ${summary.total}, ${next.title}: topic ${topic.number} of ${step.topics?.length}.`;
  await showTopic(ctx, step, topic.topic.id, { back: 'Back to the menu', topics: true, intro: [where, why, ...weak] });
}
