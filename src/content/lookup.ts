import { UserError } from '../errors.js';
import type { Faq } from './schema.js';

interface Item {
  id: string;
}

/** Edit distance between two strings (Levenshtein), for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The edit distance from `input` to the closest beginning of `candidate` of about the same length. */
function prefixDistance(input: string, candidate: string): number {
  return Math.min(...[-1, 0, 1].map((delta) => editDistance(input, candidate.slice(0, input.length + delta))));
}

/** The candidates close enough to `input` to be a likely typo, closest first. */
export function suggest(input: string, candidates: readonly string[]): string[] {
  const wanted = input.toLowerCase();
  if (wanted.length > 100) return [];
  // A typo of the whole id, or of its beginning ("pyton" for "python-and-math").
  return (
    candidates
      .map((candidate) => ({
        candidate,
        distance: Math.min(
          editDistance(wanted, candidate),
          wanted.length >= 3 ? prefixDistance(wanted, candidate) + 0.5 : Number.POSITIVE_INFINITY,
        ),
      }))
      // Two edits turn most short words into other short words ("nope" into "role"): allow one there.
      .filter(
        ({ candidate, distance }) =>
          distance <= (wanted.length <= 4 ? 1 : Math.max(2, Math.floor(Math.min(candidate.length, wanted.length) / 3))),
      )
      .sort((a, b) => a.distance - b.distance)
      .map(({ candidate }) => candidate)
  );
}

/** Shortens what the learner typed for an error message, so a huge argument cannot flood the terminal. */
export function quote(input: string): string {
  const clean = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return `"${clean.length > 60 ? `${clean.slice(0, 57)}...` : clean}"`;
}

/**
 * Finds an item by its 1-based number in `items`, its id, or an unambiguous id prefix.
 * `kind` names the items in errors ("step", "FAQ", ...); `listCommand` is where the learner sees them.
 */
export function resolveItem<T extends Item>(
  items: readonly T[],
  input: string,
  kind: string,
  listCommand: string,
  options: { prefix?: boolean } = {},
): T {
  const token = input.trim();
  if (/^[+-]?\d+$/.test(token)) {
    const n = Number(token);
    const item = items[n - 1];
    if (n >= 1 && item) return item;
    throw new UserError(
      `there is no ${kind} ${quote(token)}: ${kind} numbers go from 1 to ${items.length} (see 'mlroadmap ${listCommand}')`,
    );
  }
  const lower = token.toLowerCase();
  const exact = items.find((item) => item.id === lower);
  if (exact) return exact;
  if (options.prefix !== false && lower.length > 0) {
    const matches = items.filter((item) => item.id.startsWith(lower));
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) {
      throw new UserError(`${quote(token)} could mean more than one ${kind}: ${matches.map((m) => m.id).join(', ')}; type more of the id`);
    }
  }
  const ids = items.map((item) => item.id);
  const close = suggest(lower, ids);
  const hint = close.length > 0 ? `did you mean ${close.slice(0, 3).join(' or ')}?` : `valid ${kind} ids: ${ids.join(', ')}`;
  throw new UserError(`unknown ${kind} ${quote(token)}: ${hint} (see 'mlroadmap ${listCommand}')`);
}

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

/** `resolveItem` for each input, every one resolved before any is used, a repeated item once. */
export function resolveItems<T extends Item>(items: readonly T[], inputs: readonly string[], kind: string, listCommand: string): T[] {
  return [...new Set(inputs.map((input) => resolveItem(items, input, kind, listCommand)))];
}
