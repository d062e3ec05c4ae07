import { showStep as printStep } from '../commands/step.js';
import type { Context } from '../context.js';
import { nextStep, type Progress, type Status, type Summary, setStatus, summarize } from '../progress/model.js';
import { STATUS_WORDS } from '../render/step.js';
import { renderMark, renderProgressBar } from '../render/text.js';
import { fitLine, pageSize, promptTheme, say, tutorListOptions } from './view.js';

/** Which steps a submitted checklist changes: ticked ones become done, unticked done ones go back to to-do. */
export function checklistChanges(summary: Summary, ticked: readonly string[]): { done: string[]; undone: string[] } {
  const chosen = new Set(ticked);
  return {
    done: summary.steps.filter((step) => chosen.has(step.id) && step.status !== 'done').map((step) => step.id),
    undone: summary.steps.filter((step) => !chosen.has(step.id) && step.status === 'done').map((step) => step.id),
  };
}

async function save(ctx: Context, change: (progress: Progress) => Progress): Promise<Summary> {
  return summarize(ctx.roadmap, await ctx.store.update(change));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The roadmap checklist: every step in a checkbox, the done ones ticked. Submitting saves at once and
 * shows the new progress; then a step can be opened to read it.
 */
export async function runChecklist(ctx: Context): Promise<void> {
  const before = summarize(ctx.roadmap, ctx.store.read());
  const ticked = await ctx.prompts.checkbox(
    {
      message: 'Roadmap checklist: tick the steps you have done (Space), then press Enter',
      choices: before.steps.map((step) => ({
        value: step.id,
        name: fitLine(ctx, `${step.number}. ${step.title}${step.status === 'doing' ? ' (in progress)' : ''}`, 8),
        checked: step.status === 'done',
      })),
      pageSize: pageSize(before.steps.length),
      loop: false,
      // "a" would tick every step at once, "i" flip them all: too easy to hit by mistake.
      shortcuts: { all: null, invert: null },
      theme: promptTheme(ctx, { select: 'tick', submit: 'save' }),
    },
    { clearPromptOnDone: true },
  );
  const { done, undone } = checklistChanges(before, ticked);
  let after = before;
  if (done.length + undone.length > 0) {
    const now = ctx.now();
    after = await save(ctx, (progress) => {
      const marked = setStatus(progress, ctx.roadmap.id, done, 'done', now);
      return setStatus(marked, ctx.roadmap.id, undone, 'todo', now);
    });
  }
  const changes = [
    ...(done.length > 0 ? [`${plural(done.length, 'step')} ticked`] : []),
    ...(undone.length > 0 ? [`${plural(undone.length, 'step')} unticked`] : []),
  ];
  ctx.out(changes.length > 0 ? `Saved: ${changes.join(', ')}.` : 'No changes.');
  ctx.out(renderProgressBar(after, tutorListOptions(ctx)));
  ctx.out('');
  await browseSteps(ctx);
}

/** A list of the steps with their marks; opening one shows it. Ends when the learner goes back. */
export async function browseSteps(ctx: Context): Promise<void> {
  let current: string | undefined;
  for (;;) {
    const summary = summarize(ctx.roadmap, ctx.store.read());
    // The cursor starts on the step to work on next, then stays on the one last opened.
    current ??= nextStep(summary)?.id;
    const options = tutorListOptions(ctx);
    const choices = [
      ...summary.steps.map((step) => ({
        value: step.id,
        name: `${renderMark(step.status, options)} ${fitLine(ctx, `${step.number}. ${step.title}`, 10)}`,
      })),
      { value: '', name: 'Back to the menu' },
    ];
    const picked = await ctx.prompts.select(
      {
        message: 'Open a step to read it and mark it done',
        choices,
        default: current ?? '',
        pageSize: pageSize(choices.length),
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    if (picked === '') return;
    await showStep(ctx, picked);
    current = picked;
  }
}

/** One step in full, then: mark it done, in progress or not done, or go back. Every mark is saved at once. */
export async function showStep(ctx: Context, stepId: string): Promise<void> {
  const index = ctx.roadmap.steps.findIndex((step) => step.id === stepId);
  const step = ctx.roadmap.steps[index];
  if (!step) return;
  const total = ctx.roadmap.steps.length;
  const status = summarize(ctx.roadmap, ctx.store.read()).steps[index]?.status ?? 'todo';
  // The step as `mlroadmap step <n>` shows it: status, effort, text, resources and the learner's notes.
  await printStep(ctx, step.id, {});
  ctx.out('');
  type Action = Status | 'back';
  const choices: { value: Action; name: string }[] =
    status === 'done'
      ? [
          { value: 'back', name: 'Back' },
          { value: 'todo', name: 'Mark as not done' },
        ]
      : [
          { value: 'done', name: 'Mark as done' },
          ...(status === 'doing' ? [] : [{ value: 'doing' as const, name: "Mark as in progress (I'm working on it)" }]),
          { value: 'back', name: 'Back' },
        ];
  const action = await ctx.prompts.select(
    { message: fitLine(ctx, `Step ${index + 1} of ${total}: ${step.title}`, 4), choices, theme: promptTheme(ctx) },
    { clearPromptOnDone: true },
  );
  if (action === 'back') return;
  const after = await save(ctx, (progress) => setStatus(progress, ctx.roadmap.id, [step.id], action, ctx.now()));
  say(ctx, `Saved: "${step.title}" is now ${STATUS_WORDS[action]}.`);
  ctx.out(renderProgressBar(after, tutorListOptions(ctx)));
  ctx.out('');
}

/** "Continue where I left off": opens the step `nextStep` picks. */
export async function continueSteps(ctx: Context): Promise<void> {
  const next = nextStep(summarize(ctx.roadmap, ctx.store.read()));
  if (!next) {
    ctx.out('Every step is done or skipped. Well done!');
    ctx.out('');
    return;
  }
  await showStep(ctx, next.id);
}
