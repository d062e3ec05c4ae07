import { stripVTControlCharacters } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripStyles } from '../../src/render/strip.js';

/** Pieces of terminal text: words, colour codes of every shape, and the codes and characters that make the pattern read otherwise. */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('plain', ' ', 'wörd', '█░', '日本', '12', 'm', ';', '[', '\\', 'x\u0007y') },
  {
    weight: 6,
    arbitrary: fc
      .array(fc.oneof(fc.nat({ max: 99_999 }).map(String), fc.constant('')), { maxLength: 4 })
      .map((numbers) => `\u001b[${numbers.join(';')}m`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u001b[',
      '\u001b',
      '\u001b[;m',
      '\u001b[?25l',
      '\u001b[2J',
      '\u001b]8;;https://example.org\u0007',
      '\u001b]8;;\u001b\\',
      '\u009b31m',
      '\u009c',
      '\u0007',
      '\u001b[38;5;123m',
      '\u001b[12345m',
      '\u001b[1;12345m',
      '\u001b(B',
      '\u001b[[32m',
    ),
  },
);

describe('stripStyles', () => {
  it('strips what stripVTControlCharacters strips, whatever the text holds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(stripStyles(text)).toBe(stripVTControlCharacters(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('strips the colour codes a styled line holds', () => {
    expect(stripStyles('\u001b[32m██\u001b[39m\u001b[2m░░\u001b[22m 3/10 steps done')).toBe('██░░ 3/10 steps done');
    expect(stripStyles('\u001b[1m\u001b[4mStep 2\u001b[24m\u001b[22m')).toBe('Step 2');
    expect(stripStyles('no codes at all')).toBe('no codes at all');
  });
});
