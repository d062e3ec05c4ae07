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
export function jsonStructureProblem(text: string, maxDepth: number): string | undefined {
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

/** `JSON.stringify(value, null, 2)` with the `INVISIBLE` characters written as \u escapes: still the same JSON value. */
export function toJson(value: unknown, indent = 2): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(
    INVISIBLE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
