import { describe, expect, it } from 'vitest';
import { codeCacheName } from '../src/boot.js';
import { checksum } from '../src/checksum.js';
import { COMMANDS } from '../src/commands/index.js';

describe('codeCacheName', () => {
  it.each([
    [['roadmap'], 'roadmap'],
    [['faq', '3'], 'faq'],
    [['--no-color', 'check', '1'], 'check'],
    [['--content', 'my-pack', 'sections'], 'sections'],
    [['--content=my-pack', 'sections'], 'sections'],
    [['--help'], 'help'],
    [['check', '--help'], 'help'],
    [['help', 'check'], 'help'],
    [['-V'], 'version'],
    [[], 'default'],
    [['--content', 'my-pack'], 'default'],
    [['../x'], 'other'],
    [['Roadmap'], 'other'],
    [['chekc'], 'other'],
    [['--', 'roadmap'], 'roadmap'],
    [['--', '--help'], 'other'],
  ])('%j uses the cache named %s', (argv, name) => {
    expect(
      codeCacheName(
        argv,
        COMMANDS.map((command) => command.name),
      ),
    ).toBe(name);
  });
});

describe('the caches’ checksum', () => {
  /** The sum checksum.ts's WebAssembly computes, as its comment describes it, in BigInt arithmetic. */
  function reference(data: Uint8Array): number {
    const mask = (1n << 64n) - 1n;
    const padded = new Uint8Array(((data.length + 7) & ~7) + 8);
    padded.set(data);
    const view = new DataView(padded.buffer);
    view.setBigUint64(padded.length - 8, BigInt(data.length), true);
    let h = 0x9e3779b97f4a7c15n;
    for (let i = 0; i < padded.length; i += 8) {
      h = ((h ^ view.getBigUint64(i, true)) * 0x100000001b3n) & mask;
      h ^= h >> 29n;
    }
    return Number((h ^ (h >> 32n)) & 0xffffffffn);
  }

  it('is the sum its comment describes, for empty, short, unaligned and multi-page inputs', () => {
    let seed = 7;
    const bytes = (n: number) =>
      Uint8Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed & 0xff;
      });
    for (const n of [0, 1, 7, 8, 9, 100, 65_535, 65_536, 200_001]) {
      const data = bytes(n);
      expect(checksum(data), `${n} bytes`).toBe(reference(data));
    }
  });

  it('tells a changed byte, a cut end and trailing zeros from the original', () => {
    const data = new TextEncoder().encode('compiled code '.repeat(1000));
    const sum = checksum(data);
    const flipped = data.slice();
    flipped[5000] = (flipped[5000] as number) ^ 1;
    expect(checksum(flipped)).not.toBe(sum);
    expect(checksum(data.subarray(0, data.length - 1))).not.toBe(sum);
    const zeros = new Uint8Array(data.length + 3);
    zeros.set(data);
    expect(checksum(zeros)).not.toBe(sum);
  });
});
