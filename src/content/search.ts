import { UserError } from '../errors.js';
import { ACRONYMS } from './acronyms.js';
import { quote, resolveItem, suggest } from './lookup.js';
import type { Faq, Roadmap } from './schema.js';
import { foldText, isAsciiText, stemWord, typoAllowance, typoDistance, wordPattern, wordsOf } from './words.js';

export { wordsOf } from './words.js';

/** What a search result is; `section-item` is one item inside a section (an algorithm family, a tool). */
export type SearchKind = 'section' | 'section-item' | 'step' | 'topic' | 'skill' | 'phase' | 'certification' | 'faq' | 'project';

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
  /** The words of the item that matched, folded (lower case, no accents), for `highlightWords`. */
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
  for (const project of roadmap.projects) {
    documents.push({
      kind: 'project',
      id: project.id,
      title: project.title,
      command: `mlroadmap project ${project.id}`,
      fields: [
        field(project.title, 5, false),
        idField(project.id),
        field(project.summary, 3),
        field(project.dataset.name, 2, false),
        field(project.goal, 1),
        field(project.milestones.map((milestone) => `${milestone.title}. ${milestone.criteria.join(' ')}`).join(' '), 1),
        field(project.stretch.join(' '), 1),
      ],
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

/** How well a word of the text matches a query term; a better match counts for more. */
export const MATCH_QUALITY = {
  /** The same word, whatever its case or accents: "RESUME" and "résumé" are "resume". */
  exact: 3,
  /** Another form of it: "salaries" for "salary", "learning" for "learn". */
  stem: 2.5,
  /** A word the term begins: "stat" for "statistics". */
  prefix: 2,
  /** A likely typo of it: "nueral" for "neural". Tried only for a term that matches nothing better. */
  typo: 1,
} as const;

/**
 * How well `word` matches `term` (both folded, as `wordsOf` gives them): a `MATCH_QUALITY`, or 0.
 * Search tries the typo match only when no word of the pack matches the term better.
 */
export function matchQuality(term: string, word: string): number {
  return qualityOf(term, stemWord(term), word, stemWord(word)) || typoQuality(term, word);
}

function qualityOf(term: string, termStem: string, word: string, wordStem: string): number {
  if (word === term) return MATCH_QUALITY.exact;
  if (wordStem === termStem) return MATCH_QUALITY.stem;
  if (term.length >= 2 && word.startsWith(term)) return MATCH_QUALITY.prefix;
  return 0;
}

function typoQuality(term: string, word: string): number {
  const allowance = typoAllowance(term.length);
  return allowance > 0 && typoDistance(term, word, allowance) <= allowance ? MATCH_QUALITY.typo : 0;
}

/**
 * A pack's index: every word in the order first met, each with its postings (where it occurs, three
 * numbers a place: the document, its field, and how often there), and the documents. Built in the
 * process (`buildIndex`), or read from the build's files, where only the words and the documents'
 * titles are parsed up front and a word's postings or a document's texts are read when first needed.
 */
interface SearchIndex {
  words: readonly string[];
  /** The postings of `words[i]`. */
  postings(i: number): readonly number[];
  /** How many documents. */
  size: number;
  /** A document without its fields' texts: enough to score and list it. */
  head(d: number): DocumentHead;
  /** A document whole, for its snippet. */
  document(d: number): SearchDocument;
  /** Stems of the words, worked out as they are first compared. */
  stems: (string | undefined)[];
}

/** A document as a search scores and lists it: each field's weight and whether it is prose, no texts. */
export interface DocumentHead {
  kind: SearchKind;
  id: string;
  title: string;
  command: string;
  /** Each field's weight, and a 1 where it is prose worth quoting, a 0 where not (in the fields' order). */
  weights: number[];
  quotes: (0 | 1)[];
}

const headOf = (document: SearchDocument): DocumentHead => ({
  kind: document.kind,
  id: document.id,
  title: document.title,
  command: document.command,
  weights: document.fields.map((field) => field.weight),
  quotes: document.fields.map((field) => (field.quote ? 1 : 0)),
});

function memoryIndex(documents: SearchDocument[], words: string[], postings: number[][]): SearchIndex {
  const heads: (DocumentHead | undefined)[] = [];
  return {
    words,
    postings: (i) => postings[i] ?? [],
    size: documents.length,
    head: (d) => {
      heads[d] ??= headOf(documents[d] as SearchDocument);
      return heads[d];
    },
    document: (d) => documents[d] as SearchDocument,
    stems: [],
  };
}

// A loaded pack is never changed, so its index is built once per pack and process: the tutor searches
// again on every key typed.
const indexes = new WeakMap<Roadmap, SearchIndex>();

/** Where a pack's index may be kept between runs (search-cache.ts): read before building it, written after. */
export interface IndexSource {
  read(): { data: SearchIndexData; read: (from: number, to: number) => string } | undefined;
  write(data: SearchIndexData, blob: Buffer): void;
}
const sources = new WeakMap<Roadmap, IndexSource>();

/** Searches of `roadmap` take its index from `source` when it has it, and keep it there when they build it. */
export function useIndexSource(roadmap: Roadmap, source: IndexSource): void {
  sources.set(roadmap, source);
}

function indexOf(roadmap: Roadmap): SearchIndex {
  const index = indexes.get(roadmap);
  if (index) return index;
  const kept = sources.get(roadmap)?.read();
  if (kept && useSearchIndex(roadmap, kept.data, kept.read)) return indexes.get(roadmap) as SearchIndex;
  return rebuiltIndex(roadmap);
}

/** Each acronym's expansions as folded words ("retrieval-augmented generation": retrieval, augmented, generation). */
let expansions: { acronym: string; words: string[] }[] | undefined;

/**
 * The words a field is also found by: for an acronym in it ("RAG", "LLMs"), the words of its
 * expansions; for an expansion in it, its acronym. So `search RAG` finds "retrieval-augmented
 * generation" and `search principal component analysis` finds "PCA". See acronyms.ts.
 */
export function aliasWords(words: readonly string[]): string[] {
  expansions ??= Object.entries(ACRONYMS).flatMap(([acronym, list]) => list.map((text) => ({ acronym, words: wordsOf(text) })));
  const present = new Set(words);
  const found = new Set<string>();
  for (const word of present) {
    const acronym = Object.hasOwn(ACRONYMS, word)
      ? word
      : word.endsWith('s') && Object.hasOwn(ACRONYMS, word.slice(0, -1))
        ? word.slice(0, -1)
        : '';
    for (const expansion of acronym ? (ACRONYMS[acronym] ?? []) : []) for (const alias of wordsOf(expansion)) found.add(alias);
  }
  for (const { acronym, words: phrase } of expansions) {
    if (present.has(acronym) || !present.has(phrase[0] as string)) continue;
    // The expansion's words in a row, the last perhaps plural: "large language models".
    const first = phrase[0] as string;
    for (let i = words.indexOf(first); i !== -1; i = words.indexOf(first, i + 1)) {
      const tail = phrase.length - 1;
      const matches = phrase.every((word, k) => words[i + k] === word || (k === tail && stemWord(words[i + k] ?? '') === stemWord(word)));
      if (matches) {
        found.add(acronym);
        break;
      }
    }
  }
  return [...found].filter((word) => !present.has(word));
}

/**
 * A pack's search index as the build keeps it (scripts/build.mjs), so `search` in the shipped guide
 * starts from it instead of reading the whole guide and indexing it on every run (`useSearchIndex`).
 * Most of an index is postings and prose, of which a search reads a few words' and ten documents':
 * those are kept in a file of their own (`blob`), read by position, and only the words and the
 * documents' heads are parsed up front. Positions are byte offsets in the blob, in base 36, joined by
 * commas: one a word or document and the end of the last, so item i is from at[i] to at[i + 1].
 */
export interface SearchIndexData {
  /** Every word, in the index's order, joined by line feeds. */
  words: string;
  /** Where each word's postings are in the blob: their numbers joined by commas. */
  postingsAt: string;
  documents: DocumentHead[];
  /** Where each document's fields' texts are in the blob: a JSON array of strings. */
  textsAt: string;
}

/** The index of `roadmap` as the build keeps it: the data, and the blob it points into. */
export function searchIndexData(roadmap: Roadmap): { data: SearchIndexData; blob: Buffer } {
  const index = indexOf(roadmap);
  const parts: Buffer[] = [];
  let length = 0;
  const place = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(bytes);
    const at = length.toString(36);
    length += bytes.length;
    return at;
  };
  const postingsAt = index.words.map((_, i) => place(index.postings(i).join(',')));
  postingsAt.push(length.toString(36));
  const documents: DocumentHead[] = [];
  const textsAt: string[] = [];
  for (let d = 0; d < index.size; d++) {
    documents.push(index.head(d));
    textsAt.push(place(JSON.stringify(index.document(d).fields.map((field) => field.text))));
  }
  textsAt.push(length.toString(36));
  return {
    data: { words: index.words.join('\n'), postingsAt: postingsAt.join(','), documents, textsAt: textsAt.join(',') },
    blob: Buffer.concat(parts),
  };
}

/**
 * A kept index (the build's, or a pack's from the cache) whose parts, read when first needed, do not
 * hold together: a search then builds the index from the pack instead (see `search`).
 */
class KeptIndexError extends Error {}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** `count` + 1 offsets as SearchIndexData keeps them (base 36, comma-joined), each at or after the one before; undefined if not. */
function offsetsOf(text: unknown, count: number): number[] | undefined {
  // The form checked once over the whole text, not part by part: a search reads thousands of offsets
  // once a process, before the engine has optimised anything. Ten base-36 digits stay below 2^53.
  if (typeof text !== 'string' || /[^0-9a-z,]/.test(text)) return undefined;
  const parts = text.split(',');
  if (parts.length !== count + 1) return undefined;
  const offsets: number[] = new Array(parts.length);
  let previous = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part.length === 0 || part.length > 10) return undefined;
    const offset = Number.parseInt(part, 36);
    if (offset < previous) return undefined;
    offsets[i] = previous = offset;
  }
  return offsets;
}

/** Whether `value` is a document's head; in loops, as it runs over every document of a pack (4,000 in a large one), cold. */
function isHead(value: unknown): value is DocumentHead {
  if (typeof value !== 'object' || value === null) return false;
  const head = value as Record<string, unknown>;
  if (typeof head.kind !== 'string' || typeof head.id !== 'string' || typeof head.title !== 'string' || typeof head.command !== 'string')
    return false;
  const { weights, quotes } = head;
  if (!Array.isArray(weights) || !Array.isArray(quotes) || quotes.length !== weights.length) return false;
  for (let i = 0; i < weights.length; i++) {
    const weight: unknown = weights[i];
    if (typeof weight !== 'number' || !Number.isFinite(weight)) return false;
    const quote: unknown = quotes[i];
    if (quote !== 0 && quote !== 1) return false;
  }
  return true;
}

/**
 * Makes `data` (from `searchIndexData` of the same pack) the index searches of `roadmap` use;
 * `read(from, to)` gives the blob's text between two byte offsets. Returns false, and uses nothing,
 * when `data` is not an index's (a kept copy damaged or made by hand: its checksum is no guard
 * against that). What is read later is checked as it is read (`KeptIndexError`).
 */
export function useSearchIndex(roadmap: Roadmap, data: SearchIndexData, read: (from: number, to: number) => string): boolean {
  if (typeof data !== 'object' || data === null || typeof data.words !== 'string' || !Array.isArray(data.documents)) return false;
  for (const head of data.documents) if (!isHead(head)) return false;
  const words = data.words.split('\n');
  const postingsAt = offsetsOf(data.postingsAt, words.length);
  const textsAt = offsetsOf(data.textsAt, data.documents.length);
  if (!postingsAt || !textsAt) return false;
  const heads = data.documents;
  const between = (at: number[], i: number) => {
    try {
      return read(at[i] as number, at[i + 1] as number);
    } catch (error) {
      throw new KeptIndexError(`the kept search index could not be read: ${(error as Error).message}`);
    }
  };
  const postings: (number[] | undefined)[] = [];
  const documents: (SearchDocument | undefined)[] = [];
  indexes.set(roadmap, {
    words,
    postings: (i) => {
      if (postings[i] === undefined) {
        const text = between(postingsAt, i);
        const numbers = text === '' ? [] : text.split(',').map(Number);
        // Places of three numbers: a document there is, one of its fields, and a count. (Read by
        // index: a common word of a large pack has thousands of places, checked by cold code.)
        for (let k = 0; k < numbers.length; k += 3) {
          const d = numbers[k];
          const f = numbers[k + 1];
          const count = numbers[k + 2];
          const ok =
            isCount(d) && d < heads.length && isCount(f) && f < (heads[d] as DocumentHead).weights.length && isCount(count) && count > 0;
          if (!ok) throw new KeptIndexError('the kept search index names a place no document has');
        }
        postings[i] = numbers;
      }
      return postings[i];
    },
    size: heads.length,
    head: (d) => heads[d] as DocumentHead,
    document: (d) => {
      if (documents[d] === undefined) {
        const head = heads[d] as DocumentHead;
        let texts: unknown;
        try {
          texts = JSON.parse(between(textsAt, d));
        } catch (error) {
          if (error instanceof KeptIndexError) throw error;
        }
        if (!Array.isArray(texts) || texts.length !== head.weights.length || !texts.every((text) => typeof text === 'string'))
          throw new KeptIndexError('the kept search index holds no texts for a document');
        documents[d] = {
          kind: head.kind as SearchKind,
          id: head.id,
          title: head.title,
          command: head.command,
          fields: texts.map((text: string, f) => ({ text, weight: head.weights[f] as number, quote: head.quotes[f] === 1 })),
        };
      }
      return documents[d];
    },
    stems: [],
  });
  return true;
}

/** The index of `roadmap` built from the pack itself, in place of a kept one that did not hold together (and kept again). */
function rebuiltIndex(roadmap: Roadmap): SearchIndex {
  const index = buildIndex(searchDocuments(roadmap));
  indexes.set(roadmap, index);
  const source = sources.get(roadmap);
  if (source) {
    const { data, blob } = searchIndexData(roadmap);
    source.write(data, blob);
  }
  return index;
}

function buildIndex(documents: SearchDocument[]): SearchIndex {
  const positions = new Map<string, number>();
  const words: string[] = [];
  const postings: number[][] = [];
  documents.forEach((document, d) => {
    document.fields.forEach((field, f) => {
      const own = wordsOf(field.text);
      for (const word of [...own, ...aliasWords(own)]) {
        const position = positions.get(word);
        const list = position === undefined ? undefined : postings[position];
        const at = list ? list.length - 3 : -1;
        if (list && list[at] === d && list[at + 1] === f) list[at + 2] = (list[at + 2] as number) + 1;
        else if (list) list.push(d, f, 1);
        else {
          positions.set(word, words.length);
          words.push(word);
          postings.push([d, f, 1]);
        }
      }
    });
  });
  return memoryIndex(documents, words, postings);
}

/**
 * The words of the index that match `term`, with how well; typos only when nothing matches better.
 * A stem keeps the first two letters of its word (see stemWord), so a word that begins otherwise
 * can match only as a typo.
 */
function wordsMatching(index: SearchIndex, term: string): { word: number; quality: number }[] {
  const stem = stemWord(term);
  const start = term.slice(0, 2);
  const found = [];
  const { words, stems } = index;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!word.startsWith(start)) continue;
    stems[i] ??= stemWord(word);
    const quality = qualityOf(term, stem, word, stems[i] as string);
    if (quality > 0) found.push({ word: i, quality });
  }
  if (found.length > 0) return found;
  for (let i = 0; i < words.length; i++) {
    const quality = typoQuality(term, words[i] as string);
    if (quality > 0) found.push({ word: i, quality });
  }
  return found;
}

/**
 * Finds what a query names, best first. Case and accents never matter; another form of a word
 * ("salaries", "learning") matches it, and a word that matches nothing is read as a likely typo
 * ("nueral"). An item must match every term of the query when any item does; otherwise the items
 * matching the most terms are kept. Within those, a match in a title outweighs one in a body, the
 * same word outweighs another form of it, which outweighs a prefix or a typo, and repeats add a little.
 */
export function search(roadmap: Roadmap, query: string, options: { snippetWidth?: number } = {}): SearchResult[] {
  try {
    return searchIn(roadmap, indexOf(roadmap), query, options);
  } catch (error) {
    if (!(error instanceof KeptIndexError)) throw error;
    return searchIn(roadmap, rebuiltIndex(roadmap), query, options);
  }
}

function searchIn(roadmap: Roadmap, index: SearchIndex, query: string, options: { snippetWidth?: number }): SearchResult[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const width = options.snippetWidth ?? 100;
  // By document, in arrays rather than Maps: a common word of a large pack ("topic" in 2,000 steps)
  // has thousands of places, scored once a process by code the engine has not optimised yet (Maps
  // and a Set a document took 17 ms there). `words[d]` lists what document d matched, in the order
  // met; a document that matched nothing has none.
  const size = index.size;
  const score = new Float64Array(size);
  const termsMatched = new Int32Array(size);
  const words: (string[] | undefined)[] = new Array(size);
  /** The term (1, 2, ...) that last touched each document, so each term counts it once. */
  const touchedBy = new Int32Array(size);
  const best = new Float64Array(size);
  const count = new Float64Array(size);
  let most = 0;
  for (let t = 0; t < terms.length; t++) {
    const mark = t + 1;
    const touched: number[] = [];
    for (const { word, quality } of wordsMatching(index, terms[t] as string)) {
      const postings = index.postings(word);
      const text = index.words[word] as string;
      for (let i = 0; i + 2 < postings.length; i += 3) {
        const document = postings[i] as number;
        if (!(document < size)) throw new KeptIndexError('the search index names a document it does not have');
        const points = quality * (index.head(document).weights[postings[i + 1] as number] ?? 0);
        if (touchedBy[document] !== mark) {
          touchedBy[document] = mark;
          touched.push(document);
          best[document] = Math.max(0, points);
          count[document] = postings[i + 2] as number;
        } else {
          best[document] = Math.max(best[document] as number, points);
          count[document] = (count[document] as number) + (postings[i + 2] as number);
        }
        const seen = words[document];
        if (seen === undefined) words[document] = [text];
        else if (seen[seen.length - 1] !== text && !seen.includes(text)) seen.push(text);
      }
    }
    for (const document of touched) {
      const matched = (termsMatched[document] as number) + 1;
      termsMatched[document] = matched;
      // Added as one amount, as the scores have always been summed: floating point is not associative,
      // and a tie within a rounding error orders results.
      score[document] = (score[document] as number) + ((best[document] as number) + Math.min(count[document] as number, 5) * 0.2);
      if (matched > most) most = matched;
    }
  }
  if (most === 0) return [];
  const kept: { order: number; score: number }[] = [];
  for (let d = 0; d < size; d++) if (termsMatched[d] === most) kept.push({ order: d, score: score[d] as number });
  return (
    kept
      // Ties in the guide's order: the same in every locale, and no collator to load (ICU's first use
      // costs more than the whole search).
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map(({ order, score }) => {
        const head = index.head(order);
        const matched = new Set(words[order]);
        let snippet: string | undefined;
        return {
          kind: head.kind,
          id: head.id,
          title: head.title,
          command: head.command,
          score: Math.round(score * 100) / 100,
          // Cut when read: a query may match dozens of items, of which ten are shown (and only their
          // texts are read, from an index the build kept).
          get snippet() {
            snippet ??= snippetOf(documentOf(roadmap, index, order), matched, width);
            return snippet;
          },
          matched: [...matched],
        };
      })
  );
}

/** Document `d` of `index`, or of the index built again when a kept one does not hold it. */
function documentOf(roadmap: Roadmap, index: SearchIndex, d: number): SearchDocument {
  try {
    return index.document(d);
  } catch (error) {
    if (!(error instanceof KeptIndexError)) throw error;
    return rebuiltIndex(roadmap).document(d);
  }
}

/** Every distinct word of 4 letters or more across the pack, folded, for suggesting a spelling. */
export function vocabulary(roadmap: Roadmap): string[] {
  return indexOf(roadmap).words.filter((word) => word.length >= 4);
}

/**
 * For a query that matches nothing: the words of the pack nearest to its first word that has any
 * near it, nearest first, one form of a word each, at most three. Empty when no word is near.
 */
export function suggestWords(roadmap: Roadmap, query: string): string[] {
  const known = vocabulary(roadmap);
  for (const term of queryTerms(query)) {
    const stems = new Set<string>();
    const close = suggest(term, known).filter((word) => {
      const stem = stemWord(word);
      if (word === term || stems.has(stem)) return false;
      stems.add(stem);
      return true;
    });
    if (close.length > 0) return close.slice(0, 3);
  }
  return [];
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
  const inAscii = asciiWordsFinder(matched);
  for (const field of prose) {
    const found = matchedWordsIn(field.text, matched, inAscii);
    for (const { at } of found) {
      const start = Math.max(0, at - lead);
      // Distinct words wholly inside the window, so a word repeated in a list of titles does not
      // outweigh prose that uses them all.
      const inside = found.filter((f) => f.at >= at && f.at + f.length <= start + width - 2);
      const hits = new Set(inside.map((f) => f.word)).size;
      if (!best || hits > best.hits) best = { text: field.text, start, first: at, hits };
    }
  }
  if (!best) return cut(prose[0]?.text ?? '', 0, 0, width);
  return cut(best.text, best.start, best.first, width);
}

/** A matched word's place in a text: its folded form, where it starts and its length as written. */
export interface FoundWord {
  word: string;
  at: number;
  length: number;
}

/**
 * The words of `text` whose folded form is in `matched`, in order. Folded to compare, measured as
 * written: the text's own "Résumé" is what is quoted. In ASCII text, where folding is lower case,
 * `inAscii` (one regular expression of the matched words) finds them without a match object and a
 * folded copy of every word of a long answer, which took milliseconds for the ten results shown.
 */
export function matchedWordsIn(text: string, matched: ReadonlySet<string>, inAscii = asciiWordsFinder(matched)): FoundWord[] {
  const found: FoundWord[] = [];
  if (isAsciiText(text)) {
    if (!inAscii) return found;
    inAscii.lastIndex = 0;
    for (let m = inAscii.exec(text); m !== null; m = inAscii.exec(text))
      found.push({ word: m[0].toLowerCase(), at: m.index, length: m[0].length });
    return found;
  }
  for (const m of text.matchAll(wordPattern(text))) {
    const word = foldText(m[0]);
    if (matched.has(word)) found.push({ word, at: m.index ?? 0, length: m[0].length });
  }
  return found;
}

/**
 * A pattern that finds, in ASCII text, each whole word (a run of ASCII letters and digits, as
 * `wordPattern` reads ASCII text) whose lower case is in `matched`; undefined when no matched word
 * could be one.
 */
function asciiWordsFinder(matched: ReadonlySet<string>): RegExp | undefined {
  const words = [...matched].filter((word) => /^[a-z0-9]+$/.test(word));
  if (words.length === 0) return undefined;
  // Longest first, so that the alternation never stops at a shorter word the longer one begins with.
  words.sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![A-Za-z0-9])(?:${words.join('|')})(?![A-Za-z0-9])`, 'gi');
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

/** Wraps each word of `text` whose folded form is in `matched` with `mark`, the word as written. */
export function highlightWords(text: string, matched: ReadonlySet<string>, mark: (word: string) => string): string {
  return text.replace(wordPattern(text), (word) => (matched.has(foldText(word)) ? mark(word) : word));
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
  project: 'project',
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
