import { quote, resolveItem, suggest } from '../content/lookup.js';
import type { Faq } from '../content/schema.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { renderRows } from '../render/text.js';
import { listOptions, printJson, printList, printMarkdown } from './shared.js';

/** Words too common to tell questions apart. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'do',
  'does',
  'i',
  'to',
  'is',
  'it',
  'of',
  'what',
  'how',
  'become',
  'machine',
  'learning',
  'engineer',
  'engineers',
  'ml',
]);

/**
 * Finds the FAQ a learner means: by number, id or id prefix, else by the words of the question,
 * the one sharing the most words with it. Throws when nothing matches or two match equally.
 */
export function findFaq(faqs: readonly Faq[], input: string): Faq {
  const trimmed = input.trim();
  if (/^[+-]?\d+$/.test(trimmed) || /^[a-z0-9-]+$/.test(trimmed)) {
    try {
      return resolveItem(faqs, trimmed, 'FAQ', 'faq');
    } catch (error) {
      if (/^[+-]?\d+$/.test(trimmed)) throw error;
    }
  }
  const words = wordsOf(trimmed).filter((word) => !STOP_WORDS.has(word));
  const scored = faqs
    .map((faq) => {
      const text = new Set(wordsOf(`${faq.question} ${faq.id.replaceAll('-', ' ')}`));
      return { faq, score: words.filter((word) => text.has(word) || [...text].some((t) => t.startsWith(word) && word.length >= 4)).length };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (best && best.score > (scored[1]?.score ?? 0)) return best.faq;
  if (best) {
    const tied = scored.filter(({ score }) => score === best.score).map(({ faq }) => faq.id);
    throw new UserError(`${quote(trimmed)} matches more than one FAQ: ${tied.join(', ')}; give its number or id`);
  }
  const close = suggest(
    trimmed,
    faqs.map((faq) => faq.id),
  );
  const hint = close.length > 0 ? `did you mean ${close[0]}? ` : '';
  throw new UserError(`no FAQ matches ${quote(trimmed)}: ${hint}give a number from 1 to ${faqs.length} or an id (see 'mlroadmap faq')`);
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The markdown of one FAQ: the question as a heading, then the answer. */
export function faqMarkdown(faq: Faq): string {
  return `# ${faq.question}\n\n${faq.answer.trim()}`;
}

/** `mlroadmap faq [n | id | words]`: the numbered questions, or one answer. */
export async function showFaq(ctx: Context, query: string[], options: { json?: boolean }): Promise<void> {
  const { faqs } = ctx.roadmap;
  const asJson = (faq: Faq) => ({
    number: faqs.indexOf(faq) + 1,
    id: faq.id,
    title: faq.question,
    question: faq.question,
    answer: faq.answer,
  });
  if (query.length === 0) {
    if (options.json) return printJson(ctx, faqs.map(asJson));
    printList(
      ctx,
      renderRows(
        faqs.map((faq, i) => [`${i + 1}.`, faq.question]),
        listOptions(ctx),
        'Frequently asked questions',
        'Read an answer with: mlroadmap faq <number>',
      ),
    );
    return;
  }
  const faq = findFaq(faqs, query.join(' '));
  if (options.json) return printJson(ctx, asJson(faq));
  await printMarkdown(ctx, faqMarkdown(faq));
}
