import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiText } from '../src/json.js';

describe('asciiText', () => {
  it('writes the same JSON value in ASCII alone, whatever the text holds', () => {
    expect(asciiText(JSON.stringify({ dash: 'a – b', brain: '🧠', kanji: '漢字', ok: 'plain' }))).toBe(
      '{"dash":"a \\u2013 b","brain":"\\ud83e\\udde0","kanji":"\\u6f22\\u5b57","ok":"plain"}',
    );
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'small' }), fc.string({ unit: 'binary' }), (value, text) => {
        for (const json of [JSON.stringify(value), JSON.stringify({ text })]) {
          const ascii = asciiText(json);
          expect(ascii).toMatch(/^[\x20-\x7e]*$/);
          expect(JSON.parse(ascii)).toEqual(JSON.parse(json));
        }
      }),
      { numRuns: 500 },
    );
  });
});
