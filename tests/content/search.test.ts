import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACRONYMS } from '../../src/content/acronyms.js';
import { loadPack } from '../../src/content/load.js';
import {
  aliasWords,
  highlightWords,
  MATCH_QUALITY,
  matchedWordsIn,
  matchQuality,
  plainText,
  queryTerms,
  search,
  searchDocuments,
  searchIndexData,
  suggestWords,
  useSearchIndex,
  vocabulary,
} from '../../src/content/search.js';
import { foldText, stemWord, typoDistance, wordPattern, wordsOf } from '../../src/content/words.js';
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

describe('foldText', () => {
  it.each([
    ['Résumé', 'resume'],
    ['RESUME', 'resume'],
    ['re\u0301sume\u0301', 'resume'],
    ['NAÏVE Bayes', 'naive bayes'],
    ['Ångström', 'angstrom'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('keeps a word written with combining marks one word', () => {
    expect(queryTerms('re\u0301sume\u0301 tips')).toEqual(['resume', 'tips']);
  });
});

describe('stemWord', () => {
  it.each([
    ['salaries', 'salary'],
    ['networks', 'network'],
    ['learning', 'learn'],
    ['learned', 'learns'],
    ['models', 'model'],
    ['modelling', 'model'],
    ['modeling', 'modelled'],
    ['studied', 'study'],
    ['classes', 'class'],
    ['boxes', 'box'],
    ['scoring', 'score'],
    ['running', 'run'],
    ['installing', 'install'],
    ['biases', 'bias'],
    ['features', 'feature'],
  ])('gives %s and %s one stem', (a, b) => {
    expect(stemWord(a)).toBe(stemWord(b));
  });

  it.each([
    ['status', 'stat'],
    ['string', 'str'],
    ['need', 'ne'],
    ['analysis', 'analy'],
    ['bus', 'bu'],
    ['gas', 'ga'],
    ['engineer', 'engine'],
  ])('does not stem %s to %s', (a, b) => {
    expect(stemWord(a)).not.toBe(stemWord(b));
  });

  it.each(['bus', 'gas', 'is', 'red', 'ml', 'gpt4', 'x86'])('leaves %s alone', (word) => {
    expect(stemWord(word)).toBe(word);
  });

  it('keeps the first two letters of every word (search skips words on them)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,14}$/), (word) => {
        expect(stemWord(word).slice(0, 2)).toBe(word.slice(0, 2));
      }),
    );
    for (const word of vocabulary(shipped)) expect(stemWord(word).slice(0, 2)).toBe(word.slice(0, 2));
  });
});

describe('typoDistance', () => {
  it.each([
    ['neural', 'neural', 1, 0],
    ['nueral', 'neural', 1, 1],
    ['pyton', 'python', 1, 1],
    ['tensorflw', 'tensorflow', 2, 1],
    ['regresion', 'regression', 2, 1],
    ['abcd', 'wxyz', 1, 2],
    ['a', 'abcdef', 2, 3],
  ])('%s to %s within %i is %i', (a, b, max, distance) => {
    expect(typoDistance(a, b, max)).toBe(distance);
  });
});

describe('matchQuality', () => {
  it.each([
    ['python', 'python', MATCH_QUALITY.exact],
    ['salaries', 'salary', MATCH_QUALITY.stem],
    ['learning', 'learn', MATCH_QUALITY.stem],
    ['models', 'model', MATCH_QUALITY.stem],
    ['stat', 'statistics', MATCH_QUALITY.prefix],
    ['pyton', 'python', MATCH_QUALITY.typo],
    ['nueral', 'neural', MATCH_QUALITY.typo],
    ['tensorflw', 'tensorflow', MATCH_QUALITY.typo],
    ['data', 'date', MATCH_QUALITY.typo],
    ['cat', 'cut', 0],
    ['python', 'java', 0],
    ['s', 'salary', 0],
    ['neural', 'natural', 0],
  ])('%s against %s is %d', (term, word, quality) => {
    expect(matchQuality(term, word)).toBe(quality);
  });

  it('ranks the same word above another form of it, above a prefix, above a typo', () => {
    expect(MATCH_QUALITY.exact).toBeGreaterThan(MATCH_QUALITY.stem);
    expect(MATCH_QUALITY.stem).toBeGreaterThan(MATCH_QUALITY.prefix);
    expect(MATCH_QUALITY.prefix).toBeGreaterThan(MATCH_QUALITY.typo);
  });
});

describe('highlightWords', () => {
  it('marks whole matched words whatever their case, and nothing inside other words', () => {
    expect(highlightWords('Python and python-ish, not pythonic', new Set(['python']), (w) => `<${w}>`)).toBe(
      '<Python> and <python>-ish, not pythonic',
    );
  });

  it('marks a word with accents as written when its folded form matched', () => {
    expect(highlightWords('Résumé, RESUME and re\u0301sume\u0301', new Set(['resume']), (w) => `<${w}>`)).toBe(
      '<Résumé>, <RESUME> and <re\u0301sume\u0301>',
    );
  });
});

describe('search', () => {
  it('indexes every kind of item in the pack', () => {
    const kinds = new Set(searchDocuments(shipped).map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['certification', 'faq', 'phase', 'project', 'section', 'section-item', 'skill', 'step', 'topic']);
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

  it('finds the Salary section for "salaries", its title outranking the word in a body', () => {
    expect(search(shipped, 'salaries')[0]).toMatchObject({ kind: 'section', id: 'salary' });
    expect(search(shipped, 'Salaries')[0]).toMatchObject({ kind: 'section', id: 'salary' });
  });

  it.each(['résumé', 'RESUME', 'Résumé', 're\u0301sume\u0301'])('finds the résumé section and topic for %j', (query) => {
    const found = search(shipped, query)
      .slice(0, 2)
      .map((r) => `${r.kind}:${r.id}`);
    expect(found.sort()).toEqual(['section:resume', 'topic:ml-resume']);
  });

  it('reads a word that matches nothing as a typo of the nearest one', () => {
    const results = search(shipped, 'nueral');
    expect(results.map((r) => r.id)).toContain('neural-network-basics');
    for (const result of results) expect(result.matched).toContain('neural');
  });

  it('looks for typos only of a word that matches nothing better', () => {
    // "data" is in the guide: "date" (one letter off) is not read as a typo of it.
    for (const result of search(shipped, 'data')) expect(result.matched).not.toContain('date');
  });

  it('ranks the same word above another form of it', () => {
    const pack = {
      ...tiny,
      faqs: [
        { id: 'one', question: 'Models', answer: 'About one.' },
        { id: 'two', question: 'Model', answer: 'About two.' },
      ],
    };
    expect(search(pack, 'model').map((r) => r.id)).toEqual(['two', 'one']);
    expect(search(pack, 'models').map((r) => r.id)).toEqual(['one', 'two']);
  });

  it('quotes and highlights the text as written when it matched folded', () => {
    const pack = { ...tiny, faqs: [{ id: 'cv', question: 'What goes on a CV?', answer: 'Keep your Résumé to one page.' }] };
    const [result] = search(pack, 'resume');
    expect(result).toMatchObject({ kind: 'faq', id: 'cv', snippet: 'Keep your Résumé to one page.', matched: ['resume'] });
    expect(highlightWords(result?.snippet ?? '', new Set(result?.matched), (w) => `<${w}>`)).toBe('Keep your <Résumé> to one page.');
  });

  it('finds nothing for a word far from every word of the guide, and suggests nothing', () => {
    expect(search(shipped, 'zzzzqqq')).toEqual([]);
    expect(suggestWords(shipped, 'zzzzqqq')).toEqual([]);
  });

  it('suggests the nearest words of the guide, one form of each, for a word too far to be read as a typo', () => {
    expect(search(shipped, 'certifcashun')).toEqual([]);
    expect(suggestWords(shipped, 'certifcashun')).toEqual(['certification']);
    expect(suggestWords(shipped, 'dta')[0]).toBe('data');
    expect(suggestWords(shipped, 'zzzzqqq certifcashun')).toEqual(['certification']);
  });
});

describe('aliasWords', () => {
  it.each([
    ['RAG pipelines', ['retrieval', 'augmented', 'generation']],
    ['fine-tune LLMs', ['large', 'language', 'model']],
    ['retrieval-augmented generation', ['rag']],
    ['how large language models work', ['llm']],
    ['principal component analysis', ['pca']],
    // The words of an expansion apart are not the expansion.
    ['a large model of language', []],
    ['RAG and retrieval-augmented generation', []],
  ])('%j is also found by %j', (text, words) => {
    expect(aliasWords(wordsOf(text)).sort()).toEqual([...words].sort());
  });

  it('lists only acronyms the shipped guide uses, in either form', async () => {
    const roadmap = await shippedRoadmap();
    const guide = new Set(searchDocuments(roadmap).flatMap((doc) => doc.fields.flatMap((field) => wordsOf(field.text))));
    const all = searchDocuments(roadmap)
      .flatMap((doc) => doc.fields.map((field) => wordsOf(field.text).join(' ')))
      .join(' | ');
    const unused = Object.entries(ACRONYMS).filter(
      ([acronym, expansions]) =>
        !guide.has(acronym) && !guide.has(`${acronym}s`) && !expansions.some((expansion) => all.includes(wordsOf(expansion).join(' '))),
    );
    expect(unused).toEqual([]);
  });
});

describe('the index the build keeps', () => {
  // The shipped guide's index as the build writes it, put to use on a copy of the guide (an index is
  // kept per guide object), read by position from its bytes as dist/fast/search.index is.
  const { data, blob } = searchIndexData(shipped);
  const keptIndex = () => {
    const roadmap = { ...shipped };
    const reads: [number, number][] = [];
    useSearchIndex(roadmap, JSON.parse(JSON.stringify(data)), (from, to) => {
      reads.push([from, to]);
      return blob.subarray(from, to).toString('utf8');
    });
    return { roadmap, reads };
  };
  const results = (roadmap: typeof shipped, query: string) =>
    search(roadmap, query, { snippetWidth: 80 }).map((result) => ({ ...result, snippet: result.snippet }));

  it('finds the same, in the same order, with the same snippets and scores, as the index built in the process', () => {
    const { roadmap: kept } = keptIndex();
    const words = vocabulary(shipped);
    const queries = [
      ...words.filter((_, i) => i % 9 === 0),
      ...words.filter((_, i) => i % 31 === 0).map((word) => `${word.slice(0, 3)}`),
      ...words.filter((_, i) => i % 37 === 0).map((word) => `${word[1]}${word[0]}${word.slice(2)}`),
      'neural networks',
      'RAG',
      'principal component analysis',
      'salaries',
      'the',
      's',
      'zzzzqqq',
    ];
    expect(queries.length).toBeGreaterThan(150);
    for (const query of queries) expect(results(kept, query), query).toEqual(results(shipped, query));
    expect(vocabulary(kept)).toEqual(words);
    expect(suggestWords(kept, 'nueral netwrks')).toEqual(suggestWords(shipped, 'nueral netwrks'));
  });

  it('reads only the postings of the words a query matches and the texts of the results whose snippets are read', () => {
    const { roadmap: kept, reads } = keptIndex();
    const found = search(kept, 'gradient descent');
    const postingsRead = reads.length;
    expect(postingsRead).toBeGreaterThan(0);
    expect(postingsRead).toBeLessThan(40);
    for (const result of found.slice(0, 3)) expect(result.snippet.length).toBeGreaterThan(0);
    expect(reads.length - postingsRead).toBe(3);
    const bytes = reads.reduce((sum, [from, to]) => sum + (to - from), 0);
    expect(bytes).toBeLessThan(blob.length / 10);
  });
});

describe('words in ASCII text', () => {
  const unicodeWords = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? [];
  it('are found without Unicode properties exactly as with them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), (text) => {
        expect(text.match(wordPattern(text)) ?? []).toEqual(unicodeWords(text));
        expect(wordsOf(text)).toEqual(unicodeWords(foldText(text)));
      }),
      { numRuns: 2000 },
    );
    for (const document of searchDocuments(shipped))
      for (const { text } of document.fields) expect(text.match(wordPattern(text)) ?? []).toEqual(unicodeWords(text));
  });
});

describe('the matched words of a snippet', () => {
  /** Every word of `text` as wordPattern reads it, folded, kept where `matched` has it: what a snippet looks for. */
  const reference = (text: string, matched: ReadonlySet<string>) =>
    [...text.matchAll(wordPattern(text))]
      .map((m) => ({ word: foldText(m[0]), at: m.index ?? 0, length: m[0].length }))
      .filter(({ word }) => matched.has(word));

  it('are every word whose folded form was matched, where it is written, in ASCII text and in any other', () => {
    const letters = fc.constantFrom(..."aAbBnNeEtTrRuUlLsS019 -,.'_".split(''), 'é', 'É', 'ß', 'İ', 'ﬁ', '\u0301', 'K');
    const text = fc.array(letters, { maxLength: 80 }).map((chars) => chars.join(''));
    const words = fc.array(fc.constantFrom('neural', 'net', 'nets', 'a', 'ab', '1', '10', 'resume', 'résumé', 'e', 'sterne', 'ss'), {
      maxLength: 5,
    });
    fc.assert(
      fc.property(text, words, (value, chosen) => {
        const matched = new Set(chosen);
        expect(matchedWordsIn(value, matched)).toEqual(reference(value, matched));
      }),
      { numRuns: 3000 },
    );
    const answer = 'Neural nets: a NEURAL-network (neural_net) learns; "neurals" and net10 are other words. Résumé, resume.';
    expect(matchedWordsIn(answer, new Set(['neural', 'net', 'resume'])).map(({ word, at }) => [word, at])).toEqual(
      reference(answer, new Set(['neural', 'net', 'resume'])).map(({ word, at }) => [word, at]),
    );
  });
});

const referenceCache = new WeakMap<object, { ids: string[]; documents: { weight: number; words: string[] }[][]; everyWord: Set<string> }>();

/** Each item's id and its fields' weights and words, as the index takes them (aliases too). */
function referenceDocuments(roadmap: Parameters<typeof search>[0]) {
  let found = referenceCache.get(roadmap);
  if (!found) {
    const all = searchDocuments(roadmap);
    const documents = all.map((document) =>
      document.fields.map((field) => {
        const own = wordsOf(field.text);
        return { weight: field.weight, words: [...own, ...aliasWords(own)] };
      }),
    );
    found = { ids: all.map((document) => document.id), documents, everyWord: new Set(documents.flat().flatMap((field) => field.words)) };
    referenceCache.set(roadmap, found);
  }
  return found;
}

/**
 * Search as its comments define it, written the plain way, from the documents and `matchQuality`
 * alone, with none of the index: each term's best match in an item (a quality times its field's
 * weight), plus a fifth for each time it occurs, up to five; typos only for a term nothing matches
 * better anywhere; the items matching the most terms, best first, ties in the guide's order.
 */
function referenceSearch(roadmap: Parameters<typeof search>[0], query: string): { id: string; score: number; matched: string[] }[] {
  const { ids, documents, everyWord } = referenceDocuments(roadmap);
  const totals = documents.map(() => ({ score: 0, terms: 0, matched: new Set<string>() }));
  for (const term of queryTerms(query)) {
    // The same word, another form of it or a word it begins (MATCH_QUALITY) anywhere in the guide.
    const typosOnly = ![...everyWord].some(
      (word) => word === term || stemWord(word) === stemWord(term) || (term.length >= 2 && word.startsWith(term)),
    );
    const quality = (word: string) => {
      const found = matchQuality(term, word);
      return typosOnly || found > MATCH_QUALITY.typo ? found : 0;
    };
    documents.forEach((fields, d) => {
      let best = 0;
      let count = 0;
      let any = false;
      for (const field of fields) {
        for (const word of field.words) {
          const q = quality(word);
          if (q === 0) continue;
          any = true;
          best = Math.max(best, q * field.weight);
          count++;
          (totals[d] as { matched: Set<string> }).matched.add(word);
        }
      }
      if (!any) return;
      const total = totals[d] as { score: number; terms: number };
      total.terms++;
      total.score += best + Math.min(count, 5) * 0.2;
    });
  }
  const most = Math.max(0, ...totals.map((total) => total.terms));
  if (most === 0) return [];
  return totals
    .map((total, d) => ({ ...total, d }))
    .filter((total) => total.terms === most)
    .sort((a, b) => b.score - a.score || a.d - b.d)
    .map((total) => ({ id: ids[total.d] as string, score: Math.round(total.score * 100) / 100, matched: [...total.matched].sort() }));
}

describe('search against its plain definition', () => {
  const words = vocabulary(shipped);
  const asFound = (query: string) =>
    search(shipped, query).map((result) => ({ id: result.id, score: result.score, matched: [...result.matched].sort() }));

  it.each([
    'learning machine',
    'neural networks',
    'gradient descent',
    'RAG',
    'nueral netwrok',
    'stat',
    'salaries python',
    'the',
    'docker kubernetes cloud',
  ])('%s: every item, in the same order, with the same score and words', (query) => {
    expect(asFound(query)).toEqual(referenceSearch(shipped, query));
  });

  it('for queries of the guide’s own words, cut and misspelt', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...words), fc.integer({ min: 2, max: 12 }), fc.boolean()).map(([word, keep, swap]) => {
            const cut = word.slice(0, keep);
            return swap && cut.length > 3 ? `${cut.slice(0, 2)}${cut[3]}${cut[2]}${cut.slice(4)}` : cut;
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (terms) => {
          const query = terms.join(' ');
          expect(asFound(query)).toEqual(referenceSearch(shipped, query));
        },
      ),
      { numRuns: 20 },
    );
  });
});
