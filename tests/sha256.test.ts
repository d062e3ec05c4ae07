import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noteId, sessionUid } from '../src/progress/track.js';
import { sha256Hex } from '../src/sha256.js';

const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256Hex', () => {
  it('gives the digests of FIPS 180-4 and of node:crypto', () => {
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    // Every length around the ends of one, two and three blocks, where the padding changes.
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      expect(sha256Hex(bytes), `${length} bytes`).toBe(reference(bytes));
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => sha256Hex(bytes) === reference(bytes)));
  });

  it('keeps the ids of notes and sessions what node:crypto made them, whatever their text', () => {
    const old = (prefix: string, ...parts: (string | number | undefined)[]) => {
      const hash = createHash('sha256');
      for (const part of parts) hash.update(`${part ?? ''}\u0000`);
      return `${prefix}${hash.digest('hex').slice(0, 16)}`;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), fc.integer({ min: 1, max: 1440 }), (text, topic, minutes) => {
        const at = '2026-12-07T10:00:00.000Z';
        expect(noteId('step-1', { at, text })).toBe(old('n', 'step-1', at, text));
        expect(sessionUid({ id: 1, date: '2026-12-07', minutes, topic, note: text, at })).toBe(
          old('s', '2026-12-07', minutes, topic, text, at),
        );
        expect(sessionUid({ id: 1, date: '2026-12-07', minutes, at })).toBe(old('s', '2026-12-07', minutes, undefined, undefined, at));
      }),
    );
  });
});
