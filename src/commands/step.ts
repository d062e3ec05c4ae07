import { resolveItem } from '../content/lookup.js';
import type { Context } from '../context.js';
import { notesOf, packProgress, statusOf } from '../progress/model.js';
import { fitLines, type LinkOptions, renderBlock, renderNotes, renderResources, renderStatus } from '../render/step.js';
import { renderHeading } from '../render/text.js';
import { listOptions, printJson, printMarkdown } from './shared.js';

/** What the step renderers need from the context. */
export function linkOptions(ctx: Context): LinkOptions {
  return { ...listOptions(ctx), hyperlinks: ctx.hyperlinks === true };
}

/**
 * `mlroadmap step <step>`: one step in full: its status, what it is about, what "done" looks like,
 * its resources, the skills it builds, its effort and the learner's notes on it. `hints: false` leaves
 * out the line naming the commands that mark it and add a note (the tutor offers those itself).
 */
export async function showStep(ctx: Context, input: string, options: { json?: boolean; hints?: boolean }): Promise<void> {
  const step = resolveItem(ctx.roadmap.steps, input, 'step', 'roadmap');
  const number = ctx.roadmap.steps.indexOf(step) + 1;
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  const status = statusOf(pack, step.id);
  const record = Object.hasOwn(pack.steps, step.id) ? pack.steps[step.id] : undefined;
  const notes = notesOf(pack, step.id);
  if (options.json) {
    return printJson(ctx, { number, ...step, status, updatedAt: record?.updatedAt, completedAt: record?.completedAt, notes });
  }
  const view = linkOptions(ctx);
  const skills = step.skills.map((id) => ctx.roadmap.skills.find((skill) => skill.id === id)?.title ?? id);
  ctx.out(fitLines(renderHeading(`${number}. ${step.title} (${step.id})`, view), view));
  ctx.out(`Status: ${renderStatus(status, status === 'done' ? record?.completedAt : record?.updatedAt, view)}`);
  ctx.out(`Effort: about ${step.effortHours} hours`);
  if (skills.length > 0) ctx.out(fitLines(`Builds: ${skills.join(', ')}`, view));
  ctx.out('');
  await printMarkdown(ctx, step.description.trim());
  ctx.out(`\n${ctx.tty ? ctx.style.bold('What "done" looks like') : 'What "done" looks like:'}`);
  await printMarkdown(ctx, step.done.trim());
  if (step.resources.length > 0) ctx.out(`\n${renderBlock('Resources', renderResources(step.resources, view), view)}`);
  if (notes.length > 0) ctx.out(`\n${renderBlock(`Your notes (${notes.length})`, renderNotes(notes, view), view)}`);
  if (ctx.tty && options.hints !== false) {
    ctx.out(
      `\n${fitLines(ctx.style.dim(`Mark it: mlroadmap mark ${number} doing|done|skipped · Add a note: mlroadmap note ${number} <text>`), view)}`,
    );
  }
}
