import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderRows, wrapLine, wrapWords } from '../../src/render/text.js';

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
