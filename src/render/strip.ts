import { stripVTControlCharacters } from 'node:util';

/**
 * `text` without its escape codes, as `stripVTControlCharacters` (node:util) gives it. That function's
 * pattern is compiled on its first use, about 1.8 ms of a print command's start on a terminal, where
 * every styled line is measured for wrapping. Text whose every escape code is a colour or style (SGR:
 * ESC [ digits and semicolons m, each number of at most four digits) and which holds no character
 * that could end another kind of code (BEL, ST, ESC \) is stripped here, code by code: the pattern
 * strips exactly those codes from such text. Anything else goes to `stripVTControlCharacters`
 * (tests/render/strip.test.ts holds the two to the same result over random text).
 */
export function stripStyles(text: string): string {
  let at = text.indexOf('\u001b');
  if (at === -1) return text.includes('\u009b') ? stripVTControlCharacters(text) : text;
  // A character that ends an operating-system or device code makes the pattern read differently: its
  // codes may run over the text between them. So does a CSI, a code of its own.
  if (text.includes('\u0007') || text.includes('\u009c') || text.includes('\u001b\\') || text.includes('\u009b'))
    return stripVTControlCharacters(text);
  let out = '';
  let from = 0;
  while (at !== -1) {
    const end = styleEnd(text, at);
    if (end === -1) return stripVTControlCharacters(text);
    out += text.slice(from, at);
    from = end;
    at = text.indexOf('\u001b', end);
  }
  return out + text.slice(from);
}

/** Where the SGR code at `at` (ESC [ ... m) ends, or -1 when there is none there as `stripStyles` takes them. */
function styleEnd(text: string, at: number): number {
  if (text.charCodeAt(at + 1) !== 0x5b) return -1;
  let digits = 0;
  for (let i = at + 2; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      digits++;
      if (digits > 4) return -1;
    } else if (code === 0x3b) {
      // A semicolon right after the bracket is read by the pattern's prefix; later, between numbers.
      digits = 0;
    } else if (code === 0x6d) {
      return i + 1;
    } else return -1;
  }
  return -1;
}
