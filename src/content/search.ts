import { UserError } from '../errors.js';
import { editDistance, quote, resolveItem, suggest } from './lookup.js';
import type { Faq, Roadmap } from './schema.js';

/** What a search result is; `section-item` is one item inside a section (an algorithm family, a tool). */
export type SearchKind = 'section' | 'section-item' | 'step' | 'topic' | 'skill' | 'phase' | 'certification' | 'faq';

interface Field {
  text: string;
  /** How much a match here counts: a title outweighs a body. */
  weight: number;
  /** Whether the field is prose worth quoting as a snippet. */
  quote: boolean;
}

/** One thing that can be found, with the command that shows it. */
export interface SearchDocument {
  kind: SearchKind;
  /** The item's id; a section item's is `<section id>/<item id>`. */
  id: string;
  title: string;
  /** The command that shows the whole item. */
  command: string;
  fields: Field[];
}

export interface SearchResult {
  kind: SearchKind;
  id: string;
  title: string;
  command: string;
  /** Higher is better; only comparable within one search. */
  score: number;
  /** Plain text around the best match, cut with "…"; no markup. */
  snippet: string;
  /** The words of the item (lower case) that matched, for highlighting. */
  matched: string[];
}

/** Words that say little on their own; dropped from a query unless the query has nothing else. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'can',
  'do',
  'does',
  'for',
  'from',
  'how',
  'i',
  'in',
  'is',
  'it',
  'my',
  'of',
  'on',
  'or',
  'the',
  'to',
  'what',
  'which',
  'with',
]);

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, in lower case. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Markdown reduced to one line of plain text: link text kept, URLs, emphasis and list markers dropped. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s?)/gm, '')
    .replace(/(\*\*|__|`+|~~)/g, '')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s.,;:!?)]|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Everything in a pack that search can find. */
export function searchDocuments(roadmap: Roadmap): SearchDocument[] {
  const field = (text: string, weight: number, quote = true): Field => ({ text: plainText(text), weight, quote });
  const idField = (id: string): Field => ({ text: id.replaceAll('-', ' '), weight: 2, quote: false });
  const documents: SearchDocument[] = [];
  for (const section of roadmap.sections) {
    documents.push({
      kind: 'section',
      id: section.id,
      title: section.title,
      command: `mlroadmap read ${section.id}`,
      fields: [field(section.title, 5, false), idField(section.id), field(section.summary, 3), field(section.body, 1)],
    });
    for (const item of section.items ?? []) {
      documents.push({
        kind: 'section-item',
        id: `${section.id}/${item.id}`,
        title: `${item.title} (${section.title})`,
        command: `mlroadmap read ${section.id}`,
        fields: [field(item.title, 5, false), idField(item.id), field(item.text, 2), field((item.examples ?? []).join(', '), 2)],
      });
    }
  }
  for (const step of roadmap.steps) {
    documents.push({
      kind: 'step',
      id: step.id,
      title: step.title,
      command: `mlroadmap step ${step.id}`,
      fields: [
        field(step.title, 5, false),
        idField(step.id),
        field(step.description, 1),
        field(step.done, 1),
        field(step.resources.map((resource) => resource.title).join('; '), 1),
      ],
    });
    const number = roadmap.steps.indexOf(step) + 1;
    for (const [index, topic] of (step.topics ?? []).entries()) {
      documents.push({
        kind: 'topic',
        id: topic.id,
        title: `${number}.${index + 1} ${topic.title}`,
        command: `mlroadmap topics ${number}`,
        fields: [
          field(topic.title, 5, false),
          idField(topic.id),
          field(topic.why, 1),
          field(topic.done.join(' '), 1),
          field(topic.resources.map((resource) => resource.title).join('; '), 1),
        ],
      });
    }
  }
  for (const skill of roadmap.skills) {
    documents.push({
      kind: 'skill',
      id: skill.id,
      title: skill.title,
      command: `mlroadmap skills ${skill.id}`,
      fields: [field(skill.title, 5, false), idField(skill.id), field(skill.why, 1), field(skill.how, 1)],
    });
  }
  for (const phase of roadmap.phases) {
    documents.push({
      kind: 'phase',
      id: phase.id,
      title: phase.title,
      command: `mlroadmap phases ${phase.id}`,
      fields: [field(phase.title, 5, false), idField(phase.id), field(phase.summary, 3), field(phase.body, 1)],
    });
  }
  for (const cert of roadmap.certifications) {
    documents.push({
      kind: 'certification',
      id: cert.id,
      title: cert.title,
      command: `mlroadmap certs ${cert.id}`,
      fields: [field(cert.title, 5, false), idField(cert.id), field(cert.issuer, 3, false), field(cert.summary, 1)],
    });
  }
  for (const faq of roadmap.faqs) {
    documents.push({
      kind: 'faq',
      id: faq.id,
      title: faq.question,
      command: `mlroadmap faq ${faq.id}`,
      fields: [field(faq.question, 5, false), idField(faq.id), field(faq.answer, 1)],
    });
  }
  return documents;
}

/** The words of a query worth searching for: stop words dropped unless nothing else is left; no repeats. */
export function queryTerms(query: string): string[] {
  const words = [...new Set(wordsOf(query))];
  const meaningful = words.filter((word) => !STOP_WORDS.has(word));
  return meaningful.length > 0 ? meaningful : words;
}

/**
 * How well a word of the text matches a query term: 3 the same word, 2 a word the term begins
 * ("stat" → "statistics"), 1 a likely typo or plural of a longer term, 0 no match.
 */
export function matchQuality(term: string, word: string): number {
  if (word === term) return 3;
  if (term.length >= 2 && word.startsWith(term)) return 2;
  if (term.length >= 5 && Math.abs(word.length - term.length) <= 1 && editDistance(term, word) <= (term.length >= 8 ? 2 : 1)) return 1;
  return 0;
}

/**
 * Finds what a query names, best first. An item must match every term of the query when any item
 * does; otherwise the items matching the most terms are kept. Within those, a match in a title
 * outweighs one in a body, a whole word outweighs a prefix or typo, and repeats add a little.
 */
export function search(roadmap: Roadmap, query: string, options: { snippetWidth?: number } = {}): SearchResult[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const width = options.snippetWidth ?? 100;
  const scored = searchDocuments(roadmap).map((document) => scoreDocument(document, terms));
  const most = Math.max(0, ...scored.map((entry) => entry.termsMatched));
  if (most === 0) return [];
  return scored
    .filter((entry) => entry.termsMatched === most)
    .sort((a, b) => b.score - a.score || a.document.title.localeCompare(b.document.title))
    .map(({ document, score, matched }) => ({
      kind: document.kind,
      id: document.id,
      title: document.title,
      command: document.command,
      score: Math.round(score * 100) / 100,
      snippet: snippetOf(document, matched, width),
      matched: [...matched],
    }));
}

/** Every distinct word across the pack, for suggesting a spelling when nothing matches. */
export function vocabulary(roadmap: Roadmap): string[] {
  const words = new Set<string>();
  for (const document of searchDocuments(roadmap)) {
    for (const field of document.fields) for (const word of wordsOf(field.text)) if (word.length >= 4) words.add(word);
  }
  return [...words];
}

function scoreDocument(document: SearchDocument, terms: string[]) {
  const matched = new Set<string>();
  let score = 0;
  let termsMatched = 0;
  for (const term of terms) {
    let best = 0;
    let count = 0;
    for (const field of document.fields) {
      for (const word of wordsOf(field.text)) {
        const quality = matchQuality(term, word);
        if (quality === 0) continue;
        matched.add(word);
        count++;
        best = Math.max(best, quality * field.weight);
      }
    }
    if (best > 0) {
      termsMatched++;
      score += best + Math.min(count, 5) * 0.2;
    }
  }
  return { document, score, termsMatched, matched };
}

/**
 * The stretch of an item's prose that holds the most matched words, about `width` characters long,
 * cut at word boundaries with "…" where it was cut. Falls back to the start of its first prose field.
 */
function snippetOf(document: SearchDocument, matched: ReadonlySet<string>, width: number): string {
  const prose = document.fields.filter((field) => field.quote && field.text.length > 0);
  // A few words of context before the first match.
  const lead = Math.min(20, Math.floor(width / 5));
  let best: { text: string; start: number; first: number; hits: number } | undefined;
  for (const field of prose) {
    const found = [...field.text.matchAll(WORD)]
      .map((m) => ({ word: (m[0] as string).toLowerCase(), at: m.index ?? 0 }))
      .filter(({ word }) => matched.has(word));
    for (const { at } of found) {
      const start = Math.max(0, at - lead);
      // Distinct words wholly inside the window, so a word repeated in a list of titles does not
      // outweigh prose that uses them all.
      const inside = found.filter((f) => f.at >= at && f.at + f.word.length <= start + width - 2);
      const hits = new Set(inside.map((f) => f.word)).size;
      if (!best || hits > best.hits) best = { text: field.text, start, first: at, hits };
    }
  }
  if (!best) return cut(prose[0]?.text ?? '', 0, 0, width);
  return cut(best.text, best.start, best.first, width);
}

/**
 * About `width` characters of `text` from `from`, never starting after `keep`: begun at a word and
 * ended at one, with "…" where text was left out.
 */
function cut(text: string, from: number, keep: number, width: number): string {
  let start = from;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < keep) start = space + 1;
  }
  if (text.length - start <= width) {
    // The end fits: show as much of the text before it as there is room for.
    start = Math.max(0, Math.min(start, text.length - width));
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space !== -1 && space < keep) start = space + 1;
    }
    return `${start > 0 ? '…' : ''}${text.slice(start)}`;
  }
  let end = text.lastIndexOf(' ', start + width);
  if (end <= start) end = start + width;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/[\s,;:]+$/, '')}…`;
}

/** Wraps each word of `text` that is in `matched` (compared in lower case) with `mark`. */
export function highlightWords(text: string, matched: ReadonlySet<string>, mark: (word: string) => string): string {
  return text.replace(WORD, (word) => (matched.has(word.toLowerCase()) ? mark(word) : word));
}

/** What each kind of result is called in a list of results. */
export const KIND_LABELS: Record<SearchResult['kind'], string> = {
  section: 'section',
  'section-item': 'item',
  step: 'step',
  topic: 'topic',
  skill: 'skill',
  phase: 'phase',
  certification: 'cert',
  faq: 'faq',
};

/** Words every question of a guide on becoming an ML engineer shares: they tell no FAQ from another. */
const FAQ_COMMON_WORDS = new Set(['become', 'machine', 'learning', 'engineer', 'engineers', 'ml']);

/**
 * Finds the FAQ a learner means: by number, id or id prefix, else by the words of the question,
 * the one sharing the most words with it (a word of 4 letters or more may be the start of one).
 * Throws when nothing matches or two match equally.
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
  const words = queryTerms(trimmed).filter((word) => !FAQ_COMMON_WORDS.has(word));
  const scored = faqs
    .map((faq) => {
      const text = wordsOf(`${faq.question} ${faq.id.replaceAll('-', ' ')}`);
      return { faq, score: words.filter((word) => text.some((t) => t === word || (word.length >= 4 && t.startsWith(word)))).length };
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
