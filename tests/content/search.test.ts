import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { highlightWords, matchQuality, plainText, queryTerms, search, searchDocuments } from '../../src/content/search.js';
import { FIXTURE_DIR, shippedRoadmap } from '../helpers.js';

const shipped = await shippedRoadmap();
const tiny = await loadPack(FIXTURE_DIR);

describe('plainText', () => {
  it.each([
    ['**bold** and _em_ and `code`', 'bold and em and code'],
    ['see [PyTorch](https://pytorch.org/) now', 'see PyTorch now'],
    ['- one\n- two\n\n1. three', 'one two three'],
    ['# Heading\n\ntext', 'Heading text'],
    ['snake_case_name stays', 'snake_case_name stays'],
  ])('turns %j into %j', (markdown, text) => {
    expect(plainText(markdown)).toBe(text);
  });
});

describe('queryTerms', () => {
  it.each([
    ['How long does it take?', ['long', 'take']],
    ['Python python PYTHON', ['python']],
    ['the', ['the']],
    ['!!! ...', []],
  ])('reads %j as %j', (query, terms) => {
    expect(queryTerms(query)).toEqual(terms);
  });
});

describe('matchQuality', () => {
  it.each([
    ['python', 'python', 3],
    ['stat', 'statistics', 2],
    ['pyton', 'python', 1],
    ['models', 'model', 1],
    ['tensorflw', 'tensorflow', 1],
    ['cat', 'cut', 0],
    ['python', 'java', 0],
    ['s', 'salary', 0],
  ])('%s against %s is %i', (term, word, quality) => {
    expect(matchQuality(term, word)).toBe(quality);
  });
});

describe('highlightWords', () => {
  it('marks whole matched words whatever their case, and nothing inside other words', () => {
    expect(highlightWords('Python and python-ish, not pythonic', new Set(['python']), (w) => `<${w}>`)).toBe(
      '<Python> and <python>-ish, not pythonic',
    );
  });
});

describe('search', () => {
  it('indexes every kind of item in the pack', () => {
    const kinds = new Set(searchDocuments(shipped).map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['certification', 'faq', 'phase', 'section', 'section-item', 'skill', 'step', 'topic']);
  });

  it('ranks a title match above a body match', () => {
    const results = search(tiny, 'first');
    expect(results[0]).toMatchObject({ kind: 'step', id: 'first-step' });
  });

  it('keeps only the items matching every word when some do', () => {
    const ids = search(tiny, 'second thing').map((r) => r.id);
    expect(ids).toEqual(['second-step']);
  });

  it('returns nothing for words the pack does not hold', () => {
    expect(search(tiny, 'quantum')).toEqual([]);
  });

  it('cuts snippets to about the width asked for, marking the cuts', () => {
    for (const result of search(shipped, 'model', { snippetWidth: 60 })) {
      expect(result.snippet.length).toBeLessThanOrEqual(62);
      expect(result.snippet).not.toMatch(/\s{2}|\n/);
    }
    const cut = search(shipped, 'salary', { snippetWidth: 40 }).find((r) => r.snippet.startsWith('…'));
    expect(cut?.snippet).toMatch(/salary/i);
  });

  it('quotes the stretch of prose holding the most of the query’s words', () => {
    const [first] = search(shipped, 'neural networks', { snippetWidth: 100 });
    // "network" is a word "networks" begins: the stretch quoted holds both words, as the text has them.
    expect(first?.snippet).toMatch(/neural networks?/);
  });
});
