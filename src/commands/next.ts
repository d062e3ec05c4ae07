import { CARD_OUTLINE, type CommandSpec, EXERCISE_OUTLINE, PROJECT_OUTLINE, STEPS_ON_DEMAND } from '../command.js';
import { linkOptions, markdown } from '../output.js';
import { weakSkillAdvice, weakSkillSteps } from '../progress/assess.js';
import { NEXT_REASONS, nextReason, nextStep, nextTopic, notesOf, packProgress, STATUS_WORDS, summarize } from '../progress/model.js';
import { stepJson } from '../progress/views.js';
import { fitLines, renderBlock, renderNotes, renderResources } from '../render/step.js';
import { renderHeading } from '../render/text.js';

/**
 * `mlroadmap next`: the step to work on (the rule is `nextStep` in progress/model.ts), what "done"
 * looks like for it, its resources and the learner's notes on it, and where to build weak skills.
 */
export const command: CommandSpec = {
  name: 'next',
  group: 'Tutor',
  summary: 'show the step to work on next, with its resources',
  json: true,
  fast: {
    content: [STEPS_ON_DEMAND, 'skills', CARD_OUTLINE, EXERCISE_OUTLINE, PROJECT_OUTLINE],
  },
  examples: ['mlroadmap next', 'mlroadmap next --json'],
  run(ctx) {
    const progress = ctx.store.read();
    const summary = summarize(ctx.roadmap, progress);
    const entry = nextStep(summary);
    const step = entry ? ctx.roadmap.steps[entry.number - 1] : undefined;
    if (!entry || !step) {
      const skipped = summary.steps.filter((s) => s.status === 'skipped');
      return {
        data: { next: null },
        text:
          skipped.length > 0
            ? `Every step is done or skipped. Skipped: ${skipped.map((s) => s.number).join(', ')}; take one up with: mlroadmap mark <number> doing`
            : 'Every step is done. Well done!',
      };
    }
    const reason = nextReason(summary, entry.number);
    const pack = packProgress(progress, ctx.roadmap.id);
    const notes = notesOf(pack, step.id);
    const topic = nextTopic(pack, step);
    const weak = weakSkillSteps(ctx.roadmap, progress);
    const data = {
      next: {
        ...stepJson(ctx.roadmap, pack, step),
        reason,
        topic: topic
          ? { number: `${entry.number}.${topic.number}`, id: topic.topic.id, title: topic.topic.title, status: topic.status }
          : null,
        weakSkills: weak.map((w) => ({ id: w.skill.id, title: w.skill.title, rating: w.rating, openSteps: w.openSteps.map((o) => o.id) })),
      },
    };
    const text = async () => {
      const view = linkOptions(ctx);
      const parts = [
        fitLines(renderHeading(`Next: ${entry.number}. ${step.title} (${step.id}), ${STATUS_WORDS[entry.status]}`, view), view),
        fitLines(NEXT_REASONS[reason], view),
        ...(topic
          ? [
              fitLines(`Next topic: ${entry.number}.${topic.number} ${topic.topic.title} (about ${topic.topic.effortHours} h)`, view),
              ...topic.topic.done.map((criterion) => fitLines(`  - ${criterion}`, view)),
              fitLines(`Tick it off with: mlroadmap check ${entry.number}.${topic.number}`, view),
            ]
          : []),
        '',
        ctx.tty ? ctx.style.bold('What "done" looks like') : 'What "done" looks like:',
        await markdown(ctx, step.done.trim()),
      ];
      if (step.resources.length > 0) parts.push(`\n${renderBlock('Resources', renderResources(step.resources, view), view)}`);
      if (notes.length > 0) parts.push(`\n${renderBlock(`Your notes (${notes.length})`, renderNotes(notes, view), view)}`);
      // Skills the learner rated weak ('mlroadmap assess') point at the steps that build them.
      for (const w of weak) {
        const lines = weakSkillAdvice(w).map((line) => `  ${line}`);
        parts.push(`\n${fitLines(`You rated ${w.skill.title} ${w.rating}/5; to build it, work on:`, view)}\n${lines.join('\n')}`);
      }
      if (ctx.tty) {
        const mark = entry.status === 'doing' ? `mlroadmap mark ${entry.number} done` : `mlroadmap mark ${entry.number} doing`;
        parts.push(`\n${fitLines(ctx.style.dim(`Read it all: mlroadmap step ${entry.number} · Mark it: ${mark}`), view)}`);
      }
      return parts.join('\n');
    };
    return { data, text };
  },
};
