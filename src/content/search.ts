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
  /** The postings of `words[i]`: whole numbers, three a place (a kept index's are checked as they are scored, see `searchIn`). */
  postings(i: number): readonly number[];
  /** How many documents. */
  size: number;
  /**
   * Where each document's fields' weights are (all a search needs of a document to score it): in the
   * documents, or in a kept index's kinds of fields and the kind of each document (`shapeOf`, `width`
   * base-36 digits a document, checked to be digits and lowercase letters). Read in the loop over a
   * word's places (tallyPlaces), not through a function: a small function called at each of a common
   * word's thousands of places was hot enough for V8 to compile it optimised on a background thread
   * (4-7 ms of CPU, which the process also waits for at exit).
   */
  weights: { documents: readonly SearchDocument[] } | { shapeOf: string; width: number; shapes: readonly { weights: number[] }[] };
  /** A document without its fields' texts: enough to list it. */
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
  const head = (d: number): DocumentHead => {
    heads[d] ??= headOf(documents[d] as SearchDocument);
    return heads[d];
  };
  return {
    words,
    postings: (i) => postings[i] ?? [],
    size: documents.length,
    weights: { documents },
    head,
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
 * Most of an index is postings and documents, of which a search reads a few words' postings and the
 * ten documents it shows: those are kept in a file of their own (`blob`), read by position, and only
 * the words, the fields' weights and the positions are parsed up front. Positions are byte offsets in
 * the blob, each `width` base-36 digits, end to end: one a word or document and the end of the last,
 * so item i is from offset i to offset i + 1, and offset i is read alone, when item i is.
 */
export interface SearchIndexData {
  /** Every word, in the index's order, joined by line feeds. */
  words: string;
  /** The base-36 digits of each position and shape number below. */
  width: number;
  /** Where each word's postings are in the blob: their numbers joined by commas. */
  postingsAt: string;
  /** The documents' kinds of fields: their weights, and which are prose worth quoting, each kind once. */
  shapes: { weights: number[]; quotes: (0 | 1)[] }[];
  /** Each document's shape: its place in `shapes`. */
  shapeOf: string;
  /** Where each document is in the blob: `{ kind, id, title, command, texts }`, JSON, `texts` its fields' texts. */
  documentsAt: string;
}

/** The index of `roadmap` as the build keeps it: the data, and the blob it points into. */
export function searchIndexData(roadmap: Roadmap): { data: SearchIndexData; blob: Buffer } {
  const index = indexOf(roadmap);
  const parts: Buffer[] = [];
  let length = 0;
  const postingsAt: number[] = [];
  const documentsAt: number[] = [];
  const place = (list: number[], text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(bytes);
    list.push(length);
    length += bytes.length;
  };
  for (let i = 0; i < index.words.length; i++) place(postingsAt, index.postings(i).join(','));
  postingsAt.push(length);
  const shapes: SearchIndexData['shapes'] = [];
  const shapeNumbers = new Map<string, number>();
  const shapeOf: number[] = [];
  for (let d = 0; d < index.size; d++) {
    const { kind, id, title, command, weights, quotes } = index.head(d);
    const shape = JSON.stringify([weights, quotes]);
    if (!shapeNumbers.has(shape)) {
      shapeNumbers.set(shape, shapes.length);
      shapes.push({ weights, quotes });
    }
    shapeOf.push(shapeNumbers.get(shape) as number);
    place(documentsAt, JSON.stringify({ kind, id, title, command, texts: index.document(d).fields.map((field) => field.text) }));
  }
  documentsAt.push(length);
  const width = Math.max(length, shapes.length).toString(36).length;
  const fixed = (numbers: number[]) => numbers.map((n) => n.toString(36).padStart(width, '0')).join('');
  return {
    data: {
      words: index.words.join('\n'),
      width,
      postingsAt: fixed(postingsAt),
      shapes,
      shapeOf: fixed(shapeOf),
      documentsAt: fixed(documentsAt),
    },
    blob: Buffer.concat(parts),
  };
}

/**
 * A kept index (the build's, or a pack's from the cache) whose parts, read when first needed, do not
 * hold together: a search then builds the index from the pack instead (see `search`).
 */
class KeptIndexError extends Error {}

/**
 * `count` numbers of `width` base-36 digits each, end to end, as SearchIndexData keeps them: a
 * function that reads number i, or undefined when `text` is not that. Each is read when first
 * needed (a large pack has thousands, of which a search reads a few), and what it points at is
 * checked then.
 */
function fixedNumbers(text: unknown, width: number, count: number): ((i: number) => number) | undefined {
  if (typeof text !== 'string' || text.length !== width * count || /[^0-9a-z]/.test(text)) return undefined;
  return (i) => Number.parseInt(text.slice(i * width, (i + 1) * width), 36);
}

/** Whether `value` is the weights and quotes of a kind of document (SearchIndexData's shapes). */
function isShape(value: unknown): value is SearchIndexData['shapes'][number] {
  if (typeof value !== 'object' || value === null) return false;
  const { weights, quotes } = value as Record<string, unknown>;
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
  if (typeof data !== 'object' || data === null || typeof data.words !== 'string' || !Array.isArray(data.shapes)) return false;
  const { width, shapes } = data;
  if (!Number.isSafeInteger(width) || width < 1 || width > 10 || !shapes.every(isShape)) return false;
  const words = data.words.split('\n');
  const size = typeof data.shapeOf === 'string' ? data.shapeOf.length / width : Number.NaN;
  if (!Number.isSafeInteger(size)) return false;
  const shapeAt = fixedNumbers(data.shapeOf, width, size);
  const postingsAt = fixedNumbers(data.postingsAt, width, words.length + 1);
  const documentsAt = fixedNumbers(data.documentsAt, width, size + 1);
  if (!shapeAt || !postingsAt || !documentsAt) return false;
  const between = (at: (i: number) => number, i: number) => {
    const from = at(i);
    const to = at(i + 1);
    if (!(from <= to)) throw new KeptIndexError('the kept search index has its parts out of order');
    try {
      return read(from, to);
    } catch (error) {
      throw new KeptIndexError(`the kept search index could not be read: ${(error as Error).message}`);
    }
  };
  // Made as long as it will be: an array filled at scattered places from empty becomes a slow dictionary.
  const shapesOf: (SearchIndexData['shapes'][number] | undefined)[] = new Array(size);
  /** Document d's kind of fields, checked when first asked for. */
  const shapeOf = (d: number): SearchIndexData['shapes'][number] => {
    let found = shapesOf[d];
    if (found === undefined) {
      found = shapes[shapeAt(d)];
      if (found === undefined) throw new KeptIndexError('the kept search index gives a document no kind of fields');
      shapesOf[d] = found;
    }
    return found;
  };
  const postings: (number[] | undefined)[] = [];
  const documents: (SearchDocument | undefined)[] = [];
  const heads: (DocumentHead | undefined)[] = [];
  const documentOf = (d: number): SearchDocument => {
    let document = documents[d];
    if (document === undefined) {
      let found: unknown;
      try {
        found = JSON.parse(between(documentsAt, d));
      } catch (error) {
        if (error instanceof KeptIndexError) throw error;
      }
      const { kind, id, title, command, texts } = (typeof found === 'object' && found !== null ? found : {}) as Record<string, unknown>;
      const shape = shapeOf(d);
      if (
        typeof kind !== 'string' ||
        typeof id !== 'string' ||
        typeof title !== 'string' ||
        typeof command !== 'string' ||
        !Array.isArray(texts) ||
        texts.length !== shape.weights.length ||
        !texts.every((text) => typeof text === 'string')
      )
        throw new KeptIndexError('the kept search index holds no document there');
      document = {
        kind: kind as SearchKind,
        id,
        title,
        command,
        fields: texts.map((text: string, f) => ({ text, weight: shape.weights[f] as number, quote: shape.quotes[f] === 1 })),
      };
      documents[d] = document;
    }
    return document;
  };
  indexes.set(roadmap, {
    words,
    postings: (i) => {
      if (postings[i] === undefined) {
        const text = between(postingsAt, i);
        // Whole numbers, three a place; that each place is a document's field is checked where the
        // places are scored (searchIn), rather than in a loop of its own over thousands of them.
        if (!/^(?:\d{1,15},\d{1,15},\d{1,15}(?:,\d{1,15},\d{1,15},\d{1,15})*)?$/.test(text))
          throw new KeptIndexError('the kept search index holds postings that are not places');
        postings[i] = text === '' ? [] : text.split(',').map(Number);
      }
      return postings[i];
    },
    size,
    weights: { shapeOf: data.shapeOf as string, width, shapes },
    head: (d) => {
      let head = heads[d];
      if (head === undefined) {
        const { kind, id, title, command } = documentOf(d);
        const { weights, quotes } = shapeOf(d);
        head = { kind, id, title, command, weights, quotes };
        heads[d] = head;
      }
      return head;
    },
    document: documentOf,
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
  // and a Set a document took 17 ms there).
  const size = index.size;
  const score = new Float64Array(size);
  const termsMatched = new Int32Array(size);
  const tally: TermTally = {
    size,
    words: new Array(size),
    touchedBy: new Int32Array(size),
    weights: new Array(size),
    mark: 0,
    touched: [],
    best: new Float64Array(size),
    count: new Float64Array(size),
  };
  let most = 0;
  for (let t = 0; t < terms.length; t++) {
    tally.mark = t + 1;
    tally.touched = [];
    for (const { word, quality } of wordsMatching(index, terms[t] as string))
      tallyPlaces(tally, index, index.postings(word), quality, index.words[word] as string);
    for (const document of tally.touched) {
      const matched = (termsMatched[document] as number) + 1;
      termsMatched[document] = matched;
      // Added as one amount, as the scores have always been summed: floating point is not associative,
      // and a tie within a rounding error orders results.
      score[document] =
        (score[document] as number) + ((tally.best[document] as number) + Math.min(tally.count[document] as number, 5) * 0.2);
      if (matched > most) most = matched;
    }
  }
  const words = tally.words;
  if (most === 0) return [];
  const kept: { order: number; score: number }[] = [];
  for (let d = 0; d < size; d++) if (termsMatched[d] === most) kept.push({ order: d, score: score[d] as number });
  return (
    kept
      // Ties in the guide's order: the same in every locale, and no collator to load (ICU's first use
      // costs more than the whole search).
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map(({ order, score }): SearchResult => {
        const matched = new Set(words[order]);
        let snippet: string | undefined;
        // The item's kind, id, title and command, read when first asked for: a query may match
        // thousands of items of a large pack, of which ten are shown (and only theirs are read, from
        // an index the build kept).
        let head: DocumentHead | undefined;
        const listed = () => {
          head ??= fromIndex(roadmap, index, (found) => found.head(order));
          return head;
        };
        return {
          get kind() {
            return listed().kind as SearchKind;
          },
          get id() {
            return listed().id;
          },
          get title() {
            return listed().title;
          },
          get command() {
            return listed().command;
          },
          score: Math.round(score * 100) / 100,
          // Cut when read, as the rest.
          get snippet() {
            snippet ??= snippetOf(
              fromIndex(roadmap, index, (found) => found.document(order)),
              matched,
              width,
            );
            return snippet;
          },
          matched: [...matched],
        };
      })
  );
}

/** What one term of a query found so far, by document (see `tallyPlaces`). */
interface TermTally {
  size: number;
  /** What each document matched, in the order met, over every term; none for a document that matched nothing. */
  words: (string[] | undefined)[];
  /** The term (1, 2, ...) that last touched each document, so each term counts it once. */
  touchedBy: Int32Array;
  /** Each document's fields' weights, read from the index (`SearchIndex.weights`) at the first place met in it. */
  weights: (readonly number[] | undefined)[];
  /** This term's number. */
  mark: number;
  /** The documents this term touched. */
  touched: number[];
  /** This term's best match in each document (a quality times its field's weight), and how often it occurs there. */
  best: Float64Array;
  count: Float64Array;
}

/**
 * Adds the places of one word (`postings`) that matches a term with `quality` to the term's tally.
 * A function of its own, and small: a common word's thousands of places make it hot enough for the
 * engine to optimise it while it runs, and a process waits, as it exits, for any such work under
 * way, which for a large function (all of searchIn) took longer than the search.
 */
function tallyPlaces(tally: TermTally, index: SearchIndex, postings: readonly number[], quality: number, text: string): void {
  const { size, words, touchedBy, mark, touched, best, count, weights } = tally;
  const source = index.weights;
  for (let i = 0; i + 2 < postings.length; i += 3) {
    const document = postings[i] as number;
    let fields = document < size ? weights[document] : undefined;
    if (fields === undefined && document < size) {
      if ('documents' in source) {
        const list = (source.documents[document] as SearchDocument).fields;
        fields = new Array<number>(list.length);
        for (let f = 0; f < list.length; f++) (fields as number[])[f] = (list[f] as SearchDocument['fields'][number]).weight;
      } else {
        let shape = 0;
        for (let c = document * source.width; c < (document + 1) * source.width; c++) {
          const code = source.shapeOf.charCodeAt(c);
          shape = shape * 36 + (code <= 57 ? code - 48 : code - 87);
        }
        fields = source.shapes[shape]?.weights;
      }
      weights[document] = fields;
    }
    const weight = fields?.[postings[i + 1] as number];
    const times = postings[i + 2] as number;
    if (weight === undefined || !(times > 0)) throw new KeptIndexError('the search index names a place no document has');
    const points = quality * weight;
    if (touchedBy[document] !== mark) {
      touchedBy[document] = mark;
      touched.push(document);
      best[document] = Math.max(0, points);
      count[document] = times;
    } else {
      best[document] = Math.max(best[document] as number, points);
      count[document] = (count[document] as number) + times;
    }
    const seen = words[document];
    if (seen === undefined) words[document] = [text];
    else if (seen[seen.length - 1] !== text && !seen.includes(text)) seen.push(text);
  }
}

/**
 * What `read` gives of `index`, or of the index that replaced it when it is a kept one that does not
 * hold together: the one built in its place already, or built now.
 */
function fromIndex<T>(roadmap: Roadmap, index: SearchIndex, read: (index: SearchIndex) => T): T {
  try {
    return read(index);
  } catch (error) {
    if (!(error instanceof KeptIndexError)) throw error;
    const current = indexes.get(roadmap);
    return read(current !== undefined && current !== index ? current : rebuiltIndex(roadmap));
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
