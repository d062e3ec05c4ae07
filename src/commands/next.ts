import type { Context } from '../context.js';
import { weakSkillSteps } from '../progress/assess.js';
import { nextStep, notesOf, packProgress, type Summary, summarize } from '../progress/model.js';
import { fitLines, renderBlock, renderNotes, renderResources, STATUS_WORDS } from '../render/step.js';
import { renderHeading } from '../render/text.js';
import { weakSkillAdvice } from './assess.js';
import { printJson, printMarkdown } from './shared.js';
import { linkOptions } from './step.js';

/** Why a step comes next, for the learner and for scripts. */
export type NextReason = 'in-progress' | 'after-last-done' | 'wrapped' | 'first';

/** Why a step comes next, in words; `next` and the tutor's "continue" say it. */
export const NEXT_REASONS: Record<NextReason, string> = {
  'in-progress': 'You are working on this step.',
  'after-last-done': 'The next open step after the last one you finished.',
  wrapped: 'The steps after your last finished one are done or skipped, so back to the first open one.',
  first: 'Start here: the first step of the roadmap.',
};

/** Says why `nextStep` picked the step numbered `number`. */
export function nextReason(summary: Summary, number: number): NextReason {
  const step = summary.steps[number - 1];
  if (step?.status === 'doing') return 'in-progress';
  const lastDone = summary.steps.findLastIndex((s) => s.status === 'done');
  if (lastDone === -1) return 'first';
  return number - 1 > lastDone ? 'after-last-done' : 'wrapped';
}

/**
 * `mlroadmap next`: the step to work on (the rule is `nextStep` in progress/model.ts), what "done"
 * looks like for it, its resources and the learner's notes on it.
 */
export async function showNext(ctx: Context, options: { json?: boolean }): Promise<void> {
  const progress = ctx.store.read();
  const summary = summarize(ctx.roadmap, progress);
  const entry = nextStep(summary);
  const step = entry ? ctx.roadmap.steps[entry.number - 1] : undefined;
  if (!entry || !step) {
    if (options.json) return printJson(ctx, null);
    const skipped = summary.steps.filter((s) => s.status === 'skipped');
    ctx.out(
      skipped.length > 0
        ? `Every step is done or skipped. Skipped: ${skipped.map((s) => s.number).join(', ')}; take one up with: mlroadmap mark <number> doing`
        : 'Every step is done. Well done!',
    );
    return;
  }
  const reason = nextReason(summary, entry.number);
  const notes = notesOf(packProgress(progress, ctx.roadmap.id), step.id);
  const weak = weakSkillSteps(ctx.roadmap, progress);
  if (options.json) {
    return printJson(ctx, {
      number: entry.number,
      id: step.id,
      title: step.title,
      status: entry.status,
      reason,
      done: step.done,
      resources: step.resources,
      notes,
      weakSkills: weak.map((w) => ({ id: w.skill.id, title: w.skill.title, rating: w.rating, openSteps: w.openSteps.map((o) => o.id) })),
    });
  }
  const view = linkOptions(ctx);
  ctx.out(fitLines(renderHeading(`Next: ${entry.number}. ${step.title} (${step.id}), ${STATUS_WORDS[entry.status]}`, view), view));
  ctx.out(fitLines(NEXT_REASONS[reason], view));
  ctx.out('');
  ctx.out(ctx.tty ? ctx.style.bold('What "done" looks like') : 'What "done" looks like:');
  await printMarkdown(ctx, step.done.trim());
  if (step.resources.length > 0) ctx.out(`\n${renderBlock('Resources', renderResources(step.resources, view), view)}`);
  if (notes.length > 0) ctx.out(`\n${renderBlock(`Your notes (${notes.length})`, renderNotes(notes, view), view)}`);
  // Skills the learner rated weak ('mlroadmap assess') point at the steps that build them.
  for (const w of weak) {
    const lines = weakSkillAdvice(w).map((line) => `  ${line}`);
    ctx.out(`\n${fitLines(`You rated ${w.skill.title} ${w.rating}/5; to build it, work on:`, view)}\n${lines.join('\n')}`);
  }
  if (ctx.tty) {
    const mark = entry.status === 'doing' ? `mlroadmap mark ${entry.number} done` : `mlroadmap mark ${entry.number} doing`;
    ctx.out(`\n${fitLines(ctx.style.dim(`Read it all: mlroadmap step ${entry.number} · Mark it: ${mark}`), view)}`);
  }
}
