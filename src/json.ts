/**
 * JSON as mlroadmap reads and writes it: files from outside are checked for what `JSON.parse`
 * silently accepts (a key given twice loses the first; nesting deep enough to overflow the stack
 * of whatever walks it later), and JSON we print escapes the characters that would change how a
 * terminal shows the text around them.
 */

/**
 * After `JSON.parse(text)` succeeded: a sentence naming the first key that appears twice in one
 * object, or nesting deeper than `maxDepth`; undefined when there is neither. Linear in the text.
 */
export function jsonStructureProblem(text: string, maxDepth: number, parsed?: unknown): string | undefined {
  // With the parsed value at hand, most files are cleared by counting: the keys written in the text
  // are the keys parsed unless one was given twice (JSON.parse keeps the last). Only when the counts
  // differ, or the text nests too deeply, is the text read again to name the problem.
  if (parsed !== undefined && quickCheck(text, maxDepth, parsed)) return undefined;
  return preciseCheck(text, maxDepth);
}

/** The keys written in `text` and the deepest nesting, by one pass over it without building anything. */
function scanKeys(text: string): { keys: number; depth: number } {
  // true for an open object, false for an array.
  const open: boolean[] = [];
  let keys = 0;
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      let end = i + 1;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 0x5c) end += 2;
        else if (c === 0x22) break;
        else end++;
      }
      if (expectKey) keys++;
      expectKey = false;
      i = end;
    } else if (code === 0x7b || code === 0x5b) {
      open.push(code === 0x7b);
      if (open.length > depth) depth = open.length;
      expectKey = code === 0x7b;
    } else if (code === 0x7d || code === 0x5d) {
      open.pop();
      expectKey = false;
    } else if (code === 0x2c) {
      expectKey = open[open.length - 1] === true;
    }
  }
  return { keys, depth };
}

/** The own keys of every object in a parsed JSON value. */
function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item);
    return count;
  }
  for (const key of Object.keys(value)) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}

function quickCheck(text: string, maxDepth: number, parsed: unknown): boolean {
  const { keys, depth } = scanKeys(text);
  // countKeys recurses: only once the depth is known to be bounded.
  return depth <= maxDepth && keys === countKeys(parsed);
}

function preciseCheck(text: string, maxDepth: number): string | undefined {
  // One entry per open object (its keys so far) or array (null).
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      let end = i + 1;
      let escaped = false;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 0x5c) {
          escaped = true;
          end += 2;
          continue;
        }
        if (c === 0x22) break;
        end++;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const raw = text.slice(i, end + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.has(key)) return `the key ${JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key)} appears twice in one object`;
        top.add(key);
        expectKey = false;
      }
      i = end;
    } else if (code === 0x7b || code === 0x5b) {
      stack.push(code === 0x7b ? new Set() : null);
      if (stack.length > maxDepth) return `it is nested more than ${maxDepth} levels deep`;
      expectKey = code === 0x7b;
    } else if (code === 0x7d || code === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (code === 0x2c) {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/**
 * Characters that are invisible or reorder the text around them (bidi embeddings, overrides and
 * isolates, zero-width spaces and joiners, the byte order mark) and C1 controls. A note holding
 * U+202E would print the rest of its line backwards.
 */
export const INVISIBLE = /[\u0080-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** `char` (one UTF-16 unit) as a JSON \u escape. */
const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `JSON.stringify(value, null, 2)` with the `INVISIBLE` characters written as \u escapes: still the same JSON value. */
export function toJson(value: unknown, indent = 2): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(INVISIBLE, escaped);
}

/**
 * JSON text with every character past ASCII written as a \u escape (one beyond the BMP as its two
 * surrogates): the same value, for the files mlroadmap writes for itself to read (the build's guide
 * and slices, a content pack compiled and kept). Node decodes ASCII on a fast path into a string of
 * one byte a character; the guide's dashes and quotes sent its 750 kB down the slow path, into a
 * string of 1.5 MB, about 3 ms of every command the whole program runs.
 */
export function asciiText(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, escaped);
}

/**
 * Sets `target[key]` as data, so that a key from a file such as "__proto__" stays a key and never
 * becomes the object's prototype (only that key needs more than an assignment).
 */
export function put<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
