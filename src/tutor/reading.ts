import type { Faq } from '../content/schema.js';
import { foldText, wordsOf } from '../content/words.js';
import type { Context } from '../context.js';
import { LeaveError } from '../errors.js';
import { certMarkdown, faqMarkdown, phaseMarkdown, sectionMarkdown, skillMarkdown } from '../render/pages.js';
import { promptTheme, rowsOf, showMarkdown } from './view.js';

/** The five phases, one a screen: "Phase 2 of 5", then next / back / menu. */
export async function runPhases(ctx: Context): Promise<void> {
  const { phases } = ctx.roadmap;
  let index = 0;
  for (;;) {
    const phase = phases[index];
    if (!phase) return;
    const next = phases[index + 1];
    const previous = phases[index - 1];
    const choices = [
      ...(next ? [{ value: 1, name: `Next: phase ${index + 2}, ${next.title}` }] : []),
      ...(previous ? [{ value: -1, name: `Back: phase ${index}, ${previous.title}` }] : []),
      { value: 0, name: 'Menu' },
    ];
    const question = { message: `Phase ${index + 1} of ${phases.length}`, choices, theme: promptTheme(ctx) };
    await showMarkdown(ctx, phaseMarkdown(phase, index + 1, phases.length), rowsOf(ctx, question));
    const move = await ctx.prompts.select(question, { clearPromptOnDone: true });
    if (move === 0) return;
    index += move;
  }
}

interface Readable {
  id: string;
  /** The name in the list. */
  name: string;
  /** One line shown under the list for the item under the cursor. */
  description?: string;
  markdown: () => string;
}

/**
 * A list to pick from; the pick is shown in full, then "next", "back to the list" or "menu", so the
 * items can be read in order with Enter alone.
 */
async function browse(ctx: Context, message: string, kind: string, items: readonly Readable[]): Promise<void> {
  let current = items[0]?.id ?? '';
  for (;;) {
    ctx.clear();
    const choices = [
      ...items.map((item) => ({
        value: item.id,
        name: item.name,
        ...(item.description ? { description: item.description } : {}),
      })),
      { value: '', name: 'Back to the menu' },
    ];
    const picked = await ctx.prompts.select({ message, choices, default: current, theme: promptTheme(ctx) }, { clearPromptOnDone: true });
    if (picked === '') return;
    let index = items.findIndex((item) => item.id === picked);
    for (;;) {
      const item = items[index];
      if (!item) return;
      const next = items[index + 1];
      const question = {
        message: `${kind} ${index + 1} of ${items.length}`,
        choices: [
          ...(next ? [{ value: 'next', name: `Next: ${next.name}` }] : []),
          { value: 'list', name: `Back to the list of ${kind.toLowerCase()}s` },
          { value: 'menu', name: 'Menu' },
        ],
        theme: promptTheme(ctx),
      };
      await showMarkdown(ctx, item.markdown(), rowsOf(ctx, question));
      const move = await ctx.prompts.select(question, { clearPromptOnDone: true }).catch(backTo('list'));
      if (move === 'menu') return;
      if (move === 'list') {
        // Back on the one just read.
        current = item.id;
        break;
      }
      index += 1;
    }
  }
}

/** For a prompt's `.catch`: Escape picks `choice` (back one level); anything else goes on up. */
function backTo<T>(choice: T): (error: Error) => T {
  return (error) => {
    if (error instanceof LeaveError) return choice;
    throw error;
  };
}

/** One section of the guide on its own page (a quiz sends the learner here), then back. */
export async function readSection(ctx: Context, id: string): Promise<void> {
  const section = ctx.roadmap.sections.find((candidate) => candidate.id === id);
  if (!section) return;
  await showMarkdown(ctx, sectionMarkdown(section));
  await ctx.prompts.select(
    { message: 'Done reading?', choices: [{ value: 'back', name: 'Back' }], theme: promptTheme(ctx) },
    { clearPromptOnDone: true },
  );
}

export function runSections(ctx: Context): Promise<void> {
  const items = ctx.roadmap.sections.map((section) => ({
    id: section.id,
    name: section.title,
    description: section.summary,
    markdown: () => sectionMarkdown(section),
  }));
  return browse(ctx, 'Which part of the guide would you like to read?', 'Section', items);
}

export function runSkills(ctx: Context): Promise<void> {
  const items = ctx.roadmap.skills.map((skill) => ({ id: skill.id, name: skill.title, markdown: () => skillMarkdown(ctx.roadmap, skill) }));
  return browse(ctx, 'Which skill would you like to read about?', 'Skill', items);
}

export function runCertifications(ctx: Context): Promise<void> {
  const items = ctx.roadmap.certifications.map((cert) => ({
    id: cert.id,
    name: `${cert.title} (${cert.issuer})${cert.status === 'active' ? '' : `, ${cert.status}`}`,
    markdown: () => certMarkdown(cert, ctx.roadmap),
  }));
  return browse(ctx, 'Which certification would you like to read about?', 'Certification', items);
}

/** The FAQs whose question or answer holds every word typed (case and accents aside), in their order; all of them for no words. */
export function filterFaqs(faqs: readonly Faq[], term: string | undefined): Faq[] {
  const words = wordsOf(term ?? '');
  return faqs.filter((faq) => {
    const text = foldText(`${faq.question} ${faq.answer}`);
    return words.every((word) => text.includes(word));
  });
}

/**
 * FAQs: a search prompt that filters the questions as the learner types; the answer, then back to the
 * list, filtered by the same words, the cursor on the question just read.
 */
export async function runFaqs(ctx: Context): Promise<void> {
  const { faqs } = ctx.roadmap;
  let term = '';
  let read: string | undefined;
  for (;;) {
    ctx.clear();
    let typed = term;
    const picked = await ctx.prompts.search(
      {
        message: 'Type to filter the questions, or pick one:',
        source: (text) => {
          typed = text ?? '';
          return [
            ...filterFaqs(faqs, typed).map((faq) => ({ value: faq.id, name: faq.question })),
            { value: '', name: 'Back to the menu' },
          ];
        },
        ...(term ? { initialValue: term } : {}),
        ...(read ? { default: read } : {}),
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    const faq = faqs.find((candidate) => candidate.id === picked);
    if (!faq) return;
    term = typed;
    read = faq.id;
    await showMarkdown(ctx, faqMarkdown(faq));
    const move = await ctx.prompts
      .select(
        {
          message: 'Done reading?',
          choices: [
            { value: 'list', name: 'Back to the questions' },
            { value: 'menu', name: 'Menu' },
          ],
          theme: promptTheme(ctx),
        },
        { clearPromptOnDone: true },
      )
      .catch(backTo('list'));
    if (move === 'menu') return;
  }
}
