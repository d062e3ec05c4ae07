import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import stringWidth from 'fast-string-width';
import { describe, expect, it } from 'vitest';
import { cells, renderRows, wrapLine, wrapWords } from '../../src/render/text.js';

const widest = (lines: string[]) => Math.max(...lines.map((line) => stripVTControlCharacters(line).length));

describe('wrapLine', () => {
  it.each([
    ['short', 10, ['short']],
    ['one two three four', 9, ['one two', 'three', 'four']],
    [
      '  * Supervised learning: the model learns from labelled examples',
      30,
      ['  * Supervised learning: the', '    model learns from labelled', '    examples'],
    ],
    ['  1. First thing to do, then the second', 20, ['  1. First thing to', '     do, then the', '     second']],
    ['see https://example.com/a/very/long/path now', 16, ['see', 'https://example.', 'com/a/very/long/', 'path now']],
  ])('wraps %j at %i columns', (line, width, expected) => {
    expect(wrapLine(line, width)).toEqual(expected);
  });

  it('keeps colour codes and counts only visible characters', () => {
    const bold = new Chalk({ level: 1 }).bold;
    const lines = wrapLine(`${bold('Bold words here')} and more plain words after`, 12);
    expect(widest(lines)).toBeLessThanOrEqual(12);
    expect(lines.join('\n')).toContain('\u001b[1m');
    expect(stripVTControlCharacters(lines.join(' '))).toBe('Bold words here and more plain words after');
  });
});

describe('wrapWords', () => {
  it('groups word indexes into lines that fit', () => {
    expect(wrapWords(['aa', 'bb', 'cc', 'dddddd'], 5)).toEqual([[0, 1], [2], [3]]);
  });
});

describe('renderRows on a terminal', () => {
  const options = { tty: true, width: 40, style: new Chalk({ level: 0 }) };

  it('wraps long text under itself instead of cutting it off', () => {
    const out = renderRows([['1.', 'AWS Certified Machine Learning – Specialty (Amazon Web Services)']], options).split('\n');
    expect(widest(out)).toBeLessThanOrEqual(40);
    expect(out.join(' ')).toContain('(Amazon Web Services)');
    expect(out[1]).toMatch(/^ {6}\S/);
  });

  it('puts the text below its key when the key leaves too little room', () => {
    const out = renderRows([['ml-engineer-vs-data-scientist', 'ML engineer vs data scientist']], options).split('\n');
    expect(out).toEqual(['  ml-engineer-vs-data-scientist', '    ML engineer vs data scientist']);
  });

  it('prints one whole row a line in a pipe', () => {
    const text = 'A long line of text that is much wider than forty columns, kept whole';
    expect(renderRows([['key', text]], { ...options, tty: false })).toBe(`key  ${text}`);
  });
});

describe('long lists', () => {
  it('pads 200,000 rows to one key width without overflowing the stack (no Math.max(...rows))', () => {
    const rows = Array.from({ length: 200_000 }, (_, i): [string, string] => [`k${i}`, 'text']);
    const lines = renderRows(rows, { tty: false, width: 80, style: new Chalk({ level: 0 }) }).split('\n');
    expect(lines).toHaveLength(200_000);
    expect(lines[0]).toBe('k0       text');
  });
});

describe('cells', () => {
  it('counts plain and coloured ASCII as the width library does, without it', () => {
    const chalk = new Chalk({ level: 3 });
    const texts = [
      '',
      'plain words',
      chalk.bold.yellow('bold yellow'),
      `${chalk.rgb(10, 200, 30)('rgb')} and ${chalk.bgAnsi256(200).dim('dim on 256')}`,
      '\u001b[12345m five digits',
      '\u001b[;;;m odd',
      '\u001b[1;2;3m\u001b[0m',
      '\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007',
      'tab\there',
      'résumé',
      '学习 🙂',
      'a\u001b',
      '\u001b[38;5;123mcolour\u001b[39m',
    ];
    for (const text of texts) expect(cells(text), JSON.stringify(text)).toBe(stringWidth(text));
    // Every character of the ranges counted without the library, and the ones around them.
    for (const [from, to] of [
      [0x7f, 0x100],
      [0x2000, 0x2070],
      [0x2180, 0x2200],
      [0x24f0, 0x2600],
      [0xfe00, 0xfe10],
    ] as const) {
      for (let code = from; code <= to; code++) {
        const text = `a${String.fromCodePoint(code)}b`;
        expect(cells(text), code.toString(16)).toBe(stringWidth(text));
      }
    }
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme-ascii' }),
            fc.constantFrom(
              '\u001b[1m',
              '\u001b[22m',
              '\u001b[38;5;9m',
              '\u001b[0m',
              '\u001b[',
              '\u001b',
              'm',
              ';',
              '12345',
              '█',
              '░',
              '…',
              '—',
              'é',
              '\ufe0f',
              '\u0301',
              '\u200d',
              '→',
              '#',
              '\u20e3',
              '▶',
            ),
          ),
          {
            maxLength: 8,
          },
        ),
        (parts) => {
          const text = parts.join('');
          expect(cells(text)).toBe(stringWidth(text));
        },
      ),
    );
  });
});
