import { stripVTControlCharacters } from 'node:util';
import chalk, { Chalk } from 'chalk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightCode, isHighlighted } from '../../src/render/highlight.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { sanitizeText } from '../../src/render/sanitize.js';
import { shippedRoadmap } from '../helpers.js';

const style = new Chalk({ level: 1 });
const roadmap = await shippedRoadmap();

/** The language of every fenced code block in the shipped guide's markdown. */
function fenceLanguages(): Set<string> {
  const texts = [
    ...roadmap.cards.flatMap((card) => [card.question, card.answer, card.explanation]),
    ...roadmap.sections.map((section) => JSON.stringify(section)),
    ...roadmap.faqs.map((faq) => faq.answer),
  ];
  return new Set(texts.flatMap((text) => [...text.matchAll(/^\s*```(\S+)/gm)].map((match) => match[1] as string)));
}

const SAMPLES: [string, string][] = [
  ['python', 'import numpy as np\ndef f(x: int) -> str:\n    # why\n    return f"{x} <b> & \'q\'"\n'],
  ['sql', "SELECT a, COUNT(*) FROM t WHERE b <> 'x' GROUP BY a;"],
  ['bash', 'for f in *.csv; do echo "$f" > out && wc -l < "$f"; done'],
  ['r', 'x <- c(1, 2); if (x[1] > 0 && TRUE) print("<ok>")'],
  ['dockerfile', 'FROM python:3.12-slim\nRUN pip install -r requirements.txt && echo $HOME'],
  ['yaml', 'model:\n  name: "bert" # base\n  layers: 12'],
  ['json', '{"a": [1, true, null], "b": "<&>"}'],
  ['shell', '$ python train.py --epochs 3\nepoch 1 loss 0.3'],
];

describe('highlightCode', () => {
  it('colours every language the shipped guide fences code in', () => {
    const languages = [...fenceLanguages()];
    expect(languages.length).toBeGreaterThan(3);
    expect(languages.filter((language) => !isHighlighted(language))).toEqual([]);
  });

  it.each(SAMPLES)('keeps %s code exactly, adding only colour', (language, code) => {
    const coloured = highlightCode(code, language, style);
    expect(coloured).toMatch(/\u001b\[3\dm/);
    expect(stripVTControlCharacters(coloured ?? '')).toBe(code);
  });

  // What terminal.ts hands it is sanitized: no escape character is left to start a sequence.
  it('keeps any text exactly, in every language, whatever other characters it holds', () => {
    const languages = ['python', 'sql', 'bash', 'r', 'dockerfile', 'yaml', 'json', 'shell', 'ini', 'diff', 'julia'];
    fc.assert(
      fc.property(fc.constantFrom(...languages), fc.string({ unit: 'binary', maxLength: 200 }), (language, code) => {
        // As terminal.ts hands it over: sanitized, so no control character but newline and tab is left.
        const clean = sanitizeText(code);
        expect(stripVTControlCharacters(highlightCode(clean, language, style) ?? '')).toBe(clean);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['py', true],
    ['sh', true],
    ['zsh', true],
    ['yml', true],
    ['toml', true],
    ['console', true],
    ['text', true],
    ['Python', true],
    ['cobol', false],
    ['', false],
  ])('knows %j: %s', (language, known) => {
    expect(isHighlighted(language)).toBe(known);
    expect(highlightCode('x = 1', language, style) === undefined).toBe(!known);
  });

  it('colours a keyword as a keyword and a comment as a comment', () => {
    expect(highlightCode('import os  # why', 'python', style)).toBe('\u001b[34mimport\u001b[39m os  \u001b[90m# why\u001b[39m');
  });
});

describe('code blocks in rendered markdown', () => {
  // The renderer styles at the level main.ts gives the program's chalk.
  const before = chalk.level;
  beforeAll(() => {
    chalk.level = 1;
  });
  afterAll(() => {
    chalk.level = before;
  });

  it('are indented, and in the plain code colour in a language that is not highlighted', async () => {
    const page = await renderMarkdown('Before.\n\n```cobol\nDISPLAY "HI".\n```\n\nAfter.', { width: 80, color: true });
    expect(page).toContain('\n  \u001b[33mDISPLAY "HI".\u001b[39m\n');
  });

  it('print the code unchanged without colour', async () => {
    const code = 'def f(x):\n    return x < 1 and "&"';
    const page = await renderMarkdown(`\`\`\`python\n${code}\n\`\`\``, { width: 80, color: false });
    expect(page).toBe(code.replace(/^/gm, '  '));
  });

  it('cannot carry escape sequences from a pack into the terminal', async () => {
    const page = await renderMarkdown('```python\nx = 1\u001b]52;c;cGF5bG9hZA==\u0007\u001b[2J\n```', { width: 80, color: true });
    expect(page).not.toContain(']52;');
    expect(page).not.toContain('\u001b[2J');
  });
});
