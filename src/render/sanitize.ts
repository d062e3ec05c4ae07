/**
 * Makes text that did not come from our own code (content packs, notes, imported files, progress
 * files, names typed on the command line) safe to print on a terminal: such text must not be able
 * to clear the screen, move the cursor, rewrite the clipboard (OSC 52), forge hyperlinks (OSC 8),
 * change the window title or send device control strings.
 */

const ESC = 0x1b;
const BEL = 0x07;
const BACKSLASH = 0x5c;
/** C1 string terminator. */
const ST = 0x9c;
/** C1 controls that open a string ended by ST or BEL: DCS, SOS, OSC, PM, APC. */
const C1_STRING = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
/** Characters that follow ESC to open the same strings: `P` (DCS), `X` (SOS), `]` (OSC), `^` (PM), `_` (APC). */
const ESC_STRING = new Set([0x50, 0x58, 0x5d, 0x5e, 0x5f]);
const C1_CSI = 0x9b;
/**
 * Invisible characters that reorder or hide text: bidi embeddings, overrides and isolates (U+202E
 * prints the rest of a line backwards), zero-width spaces and the byte order mark. The left-to-right
 * and right-to-left marks, the zero-width joiner and non-joiner stay: right-to-left text, emoji
 * sequences and several scripts need them, and they move nothing beyond the character beside them.
 */
const REORDERING = new Set([
  0x061c, 0x200b, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
]);

/**
 * Returns `text` without control characters and escape sequences. Removed whole, so none of their
 * parameters is left behind as junk:
 * - OSC, DCS, SOS, PM and APC strings, up to their terminator (BEL, `ESC \` or ST); OSC 8
 *   hyperlinks, OSC 52 clipboard writes and window titles are OSC strings;
 * - CSI sequences (`ESC [` or C1 CSI): parameters, intermediates and the final byte;
 * - any other escape (`ESC c` resets the terminal, `ESC 7` saves the cursor);
 * - every other C0 control (BEL, backspace, carriage return, form feed, ...), DEL and the C1 controls;
 * - bidi controls, zero-width spaces and the byte order mark (`REORDERING`).
 * Newlines and tabs are kept; a CRLF line ending becomes LF. An unterminated string or CSI loses only
 * its introducer, and the rest prints as plain text. Runs in linear time, whatever the input.
 */
export function sanitizeText(text: string): string {
  // Fast path: most text has nothing to remove.
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/.test(text)) return text;
  const length = text.length;
  const parts: string[] = [];
  let start = 0;
  let index = 0;
  // From this index on no string terminator exists; remembered so many introducers stay linear.
  let noTerminatorFrom = length + 1;

  const skipString = (from: number): number => {
    if (from >= noTerminatorFrom) return from;
    for (let at = from; at < length; at++) {
      const code = text.charCodeAt(at);
      if (code === BEL || code === ST) return at + 1;
      if (code === ESC && text.charCodeAt(at + 1) === BACKSLASH) return at + 2;
    }
    noTerminatorFrom = from;
    return from;
  };
  const skipCsi = (from: number): number => {
    let at = from;
    while (at < length && inRange(text.charCodeAt(at), 0x30, 0x3f)) at++;
    while (at < length && inRange(text.charCodeAt(at), 0x20, 0x2f)) at++;
    return at < length && inRange(text.charCodeAt(at), 0x40, 0x7e) ? at + 1 : from;
  };

  while (index < length) {
    const code = text.charCodeAt(index);
    let next: number;
    if (code === ESC) {
      const after = text.charCodeAt(index + 1);
      if (ESC_STRING.has(after)) next = skipString(index + 2);
      else if (after === 0x5b) next = skipCsi(index + 2);
      else {
        next = index + 1;
        while (next < length && inRange(text.charCodeAt(next), 0x20, 0x2f)) next++;
        if (next < length && inRange(text.charCodeAt(next), 0x30, 0x7e)) next++;
      }
    } else if (C1_STRING.has(code)) {
      next = skipString(index + 1);
    } else if (code === C1_CSI) {
      next = skipCsi(index + 1);
    } else if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || inRange(code, 0x7f, 0x9f) || REORDERING.has(code)) {
      next = index + 1;
    } else {
      index++;
      continue;
    }
    if (index > start) parts.push(text.slice(start, index));
    start = next;
    index = next;
  }
  if (start < length) parts.push(text.slice(start));
  return parts.join('');
}

/**
 * Returns `value` with every string in it, at any depth, passed through `sanitizeText`: the same
 * objects where nothing changes, copies where something does. Keys are kept as they are; an own
 * `__proto__` key is copied as a plain property, never set as a prototype.
 */
export function sanitizeDeep<T>(value: T): T {
  return sanitizeValue(value, new Set()) as T;
}

/**
 * `ancestors` holds the objects being walked, so a cycle (YAML aliases can make one) ends instead of
 * recursing forever. Copy on write: an object or array none of whose strings changes is returned as
 * it is, so clean data (a year of progress) is walked, not copied.
 */
function sanitizeValue(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return sanitizeText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) return undefined;
  ancestors.add(value);
  let result: unknown = value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = sanitizeValue(value[i], ancestors);
      if (item !== value[i]) {
        if (result === value) result = value.slice();
        (result as unknown[])[i] = item;
      }
    }
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    let copy: Record<string, unknown> | undefined;
    // By index: unoptimised, an entries() iterator makes two arrays a key, over every record of a year.
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const item = record[key];
      const clean = sanitizeValue(item, ancestors);
      if (clean === item && !copy) continue;
      // The first change: a copy of the keys so far (unchanged), then this one and the rest.
      // Object.fromEntries defines properties, so "__proto__" stays an ordinary key.
      copy ??= Object.fromEntries(keys.slice(0, i).map((k) => [k, record[k]]));
      Object.defineProperty(copy, key, { value: clean, enumerable: true, writable: true, configurable: true });
    }
    if (copy) result = copy;
  }
  ancestors.delete(value);
  return result;
}

function inRange(code: number, low: number, high: number): boolean {
  return code >= low && code <= high;
}
