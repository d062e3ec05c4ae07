/**
 * Words as search compares them: folded (case and accents), stemmed (plurals and simple
 * inflections), and close (typos). Pure functions of strings; search.ts builds its index with them.
 */

// The patterns with Unicode properties are made when first used: making one costs V8 about 0.2 to
// 0.7 ms (the first loads ICU's property data), which a command that never splits words need not pay.
let word: RegExp | undefined;
let combiningMark: RegExp | undefined;

/**
 * A word: letters and digits, with any combining marks on them (text in NFD keeps "é" one word).
 * Global: use with match, matchAll or replace. For `text` all ASCII, a pattern that finds the same
 * words without Unicode properties (ASCII's only letters are A-Z and a-z, and it has no marks).
 */
export function wordPattern(text?: string): RegExp {
  if (text !== undefined && isAsciiText(text)) return ASCII_WORD;
  word ??= /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
  return word;
}

const ASCII_WORD = /[A-Za-z0-9]+/g;
const NOT_ASCII = /[^\u0000-\u007f]/;

/** Whether `text` is ASCII alone: its words are then runs of ASCII letters and digits, folded by lower case. */
export function isAsciiText(text: string): boolean {
  return !NOT_ASCII.test(text);
}

/** `text` in lower case without accents or other combining marks: "Résumé" → "resume". */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NOT_ASCII.test(lower)) return lower;
  combiningMark ??= /\p{M}/gu;
  return lower.normalize('NFD').replace(combiningMark, '');
}

/** The words of a text, folded (lower case, no accents). */
export function wordsOf(text: string): string[] {
  const folded = foldText(text);
  return folded.match(wordPattern(folded)) ?? [];
}

const VOWEL = /[aeiouy]/;
const DOUBLE_CONSONANT = /([b-df-hj-np-tv-xz])\1$/;

/**
 * A light English stem of a folded word, so that forms of one word compare equal: "salaries" and
 * "salary" → "salary", "learning" and "learned" → "learn", "models", "modelling" and "modeling" →
 * "model". Words of three letters or fewer, and words with digits, are left alone; an ending comes off
 * only when at least three letters with a vowel remain ("string", "need" and "bias" stay whole). Not
 * a dictionary form: two stems are only ever compared with each other. A stem always begins with
 * the first two letters of its word (search relies on it to skip the words that cannot match).
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let stem = word;
  // Plurals: libraries → library, boxes → box, classes → class, models → model; not loss, bias, status, analysis.
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (/(?:x|ch|sh|ss|zz)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(?:ss|us|is|as)$/.test(stem)) stem = stem.slice(0, -1);
  // Simple inflections: studied → study, trained → train, learning → learn.
  if (stem.endsWith('ied') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else {
    const base = stem.endsWith('ing') ? stem.slice(0, -3) : stem.endsWith('ed') ? stem.slice(0, -2) : undefined;
    if (base !== undefined && base.length >= 3 && VOWEL.test(base)) stem = base;
  }
  // What is left of "scoring", "scored" and "score" alike: "scor"; of "running" and "run": "run".
  if (stem.endsWith('e') && stem.length >= 5) stem = stem.slice(0, -1);
  if (stem.length >= 4 && DOUBLE_CONSONANT.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

/** How many typing mistakes a word of this length may have and still be recognised: none under 4 letters. */
export function typoAllowance(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * The number of edits (a letter inserted, deleted, replaced, or two neighbours swapped: "nueral" is one
 * from "neural") between `a` and `b`, or `max + 1` once it is known to be more than `max`.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, (before[j - 2] as number) + 1);
      current[j] = distance;
      smallest = Math.min(smallest, distance);
    }
    if (smallest > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] as number, max + 1);
}
