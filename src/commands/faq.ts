import type { CommandSpec } from '../command.js';
import type { Faq } from '../content/schema.js';
import { findFaq } from '../content/search.js';
import { listOptions, markdown } from '../output.js';
import { faqMarkdown } from '../render/pages.js';
import { renderRows } from '../render/text.js';

/** `mlroadmap faq [n | id | words]`: the numbered questions, or one answer. */
export const command: CommandSpec = {
  name: 'faq',
  group: 'Learn',
  summary: 'list the frequently asked questions, or answer one',
  arguments: [
    { name: 'question', description: "a question's number, id, or some of its words", required: false, variadic: true, completes: 'faq' },
  ],
  json: true,
  fast: { content: ['faqs'], progress: false },
  examples: ['mlroadmap faq', 'mlroadmap faq 3', 'mlroadmap faq how long'],
  run(ctx, { args }) {
    const { faqs } = ctx.roadmap;
    const item = (faq: Faq) => ({
      number: faqs.indexOf(faq) + 1,
      id: faq.id,
      title: faq.question,
      question: faq.question,
      answer: faq.answer,
    });
    const query = args[0] as string[];
    if (query.length === 0) {
      return {
        data: faqs.map(item),
        text: () =>
          renderRows(
            faqs.map((faq, i) => [`${i + 1}.`, faq.question]),
            listOptions(ctx),
            'Frequently asked questions',
            'Read an answer with: mlroadmap faq <number>',
          ),
      };
    }
    const faq = findFaq(faqs, query.join(' '));
    return { data: item(faq), text: () => markdown(ctx, faqMarkdown(faq)) };
  },
};
