import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { makeContext, runCli } from '../helpers.js';

async function search(args: string[], overrides = {}) {
  return runCli(await makeContext(overrides), ['search', ...args]);
}

describe('mlroadmap search', () => {
  it('lists results best first, one a line in a pipe: kind, id, title — snippet', async () => {
    const { code, out, err } = await search(['salary']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^section +salary +\S.* — .*salary/i);
    expect(out).not.toContain('\u001b');
  });

  it('finds steps, skills and section items, matching every word when it can', async () => {
    const data = JSON.parse((await search(['python', 'statistics', '--json'])).out) as { kind: string; id: string }[];
    // The step first, then the topic that matches both words (topics are searched too), then the skill.
    expect(data.slice(0, 3).map((r) => `${r.kind}:${r.id}`)).toEqual(['step:python-and-math', 'topic:statistics', 'skill:python-and-r']);
    const items = JSON.parse((await search(['supervised', '--json'])).out) as { kind: string; id: string }[];
    expect(items[0]).toMatchObject({ kind: 'section-item', id: 'algorithms/supervised-learning' });
  });

  it('prints JSON with kind, id, title, score, snippet and the command that shows the item', async () => {
    const data = JSON.parse((await search(['aws', '--json'])).out) as Record<string, unknown>[];
    expect(data[0]).toEqual({
      kind: 'certification',
      // Equal scores keep the guide's order, where current certifications come before retired ones.
      id: 'aws-ml-engineer-associate',
      title: expect.any(String),
      score: expect.any(Number),
      snippet: expect.stringMatching(/AWS/),
      command: 'mlroadmap certs aws-ml-engineer-associate',
    });
    const scores = data.map((r) => r.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds FAQs by the words of their question', async () => {
    const data = JSON.parse((await search(['how', 'long', 'does', 'it', 'take', '--json'])).out);
    expect(data[0]).toMatchObject({ kind: 'faq', id: 'how-long' });
  });

  it('forgives a typo', async () => {
    const data = JSON.parse((await search(['tensorflw', '--json'])).out) as { snippet: string }[];
    expect(data.length).toBeGreaterThan(0);
    expect(data[0]?.snippet).toMatch(/TensorFlow/);
  });

  it('finds the Salary section for "salaries", whatever the case', async () => {
    for (const word of ['salaries', 'SALARIES']) {
      const { code, out } = await search([word]);
      expect(code).toBe(0);
      expect(out.split('\n')[0]).toMatch(/^section +salary +Salary — /);
    }
  });

  it.each([['résumé'], ['RESUME'], ['Résumé']])('finds the résumé section and topic for %s', async (word) => {
    const data = JSON.parse((await search([word, '--json'])).out) as { kind: string; id: string }[];
    expect(
      data
        .slice(0, 2)
        .map((r) => `${r.kind}:${r.id}`)
        .sort(),
    ).toEqual(['section:resume', 'topic:ml-resume']);
  });

  it('reads "nueral" as "neural": finds the neural-network items and highlights the word as the guide spells it', async () => {
    const data = JSON.parse((await search(['nueral', '--json'])).out) as { id: string; snippet: string }[];
    expect(data.map((r) => r.id)).toContain('neural-network-basics');
    expect(data[0]?.snippet).toMatch(/neural/i);
    const { out } = await search(['nueral'], { tty: true, style: new Chalk({ level: 1 }), width: 100 });
    expect(out).toMatch(/\u001b\[33m[Nn]eural\u001b\[39m/);
  });

  it('highlights a word of the guide matched through another form of it', async () => {
    const { out } = await search(['salaries'], { tty: true, style: new Chalk({ level: 1 }), width: 100 });
    // The title "Salary" is what the learner sees marked, not only the body's "salaries".
    expect(out).toContain('\u001b[33mSalary\u001b[39m');
  });

  it('says nothing was found for a word unlike any, without a suggestion', async () => {
    const { code, out, err } = await search(['zzzzqqq']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^mlroadmap: nothing matches "zzzzqqq": try fewer or other words/);
  });

  it('suggests the nearest word of the guide for a near miss', async () => {
    const { code, err } = await search(['dta']);
    expect(code).toBe(1);
    expect(err).toMatch(/^mlroadmap: nothing matches "dta": did you mean "data"/);
  });

  it('highlights the matching words on a terminal', async () => {
    const { out } = await search(['deployment'], { tty: true, style: new Chalk({ level: 1 }), width: 100 });
    expect(out).toMatch(/^\u001b\[1m\d+ results? for "deployment"/);
    expect(out).toContain('\u001b[33mdeployment\u001b[39m');
    expect(out).toContain('mlroadmap phases deployment');
  });

  it('shows at most --limit results and says how many more there are', async () => {
    const { out } = await search(['model', '--limit', '2']);
    expect(out.split('\n')).toHaveLength(2);
    const tty = await search(['model', '--limit', '2'], { tty: true });
    expect(tty.out).toMatch(/results for "model", showing the first 2 \(more with --limit \d+\)/);
  });

  it('exits 1 with a spelling suggestion when nothing matches a misspelt word', async () => {
    const { code, out, err } = await search(['certifcashun']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^mlroadmap: nothing matches "certifcashun": did you mean "certification/);
  });

  it('exits 1 and points to the lists when nothing matches at all', async () => {
    // Not "plugh": it is two edits from "plus", a word the guide now has, so it would get a suggestion.
    const { code, err } = await search(['xyzzy', 'frobozz']);
    expect(code).toBe(1);
    expect(err).toBe(
      "mlroadmap: nothing matches \"xyzzy frobozz\": try fewer or other words, or browse with 'mlroadmap sections', 'mlroadmap roadmap' and 'mlroadmap faq'",
    );
    expect((await search(['xyzzy', '--json'])).out).toBe('[]');
  });

  it.each([[['!!!']], [['--limit', '0', 'python']], [['--limit', 'ten', 'python']]])('refuses %j with exit 2', async (args) => {
    expect((await search(args)).code).toBe(2);
  });

  it('needs words', async () => {
    const { code, err } = await search([]);
    expect(code).toBe(2);
    expect(err).toContain("missing required argument 'words'");
  });
});

describe('mlroadmap search: project briefs and acronyms', () => {
  it.each([
    [['fraud'], 'fraud-detection'],
    [['house prices'], 'house-prices-api'],
    [['house', 'prices'], 'house-prices-api'],
  ])('finds the project brief first for %j, with the command that shows it', async (words, id) => {
    const data = JSON.parse((await search([...words, '--json'])).out) as { kind: string; id: string; command: string }[];
    expect(data[0]).toMatchObject({ kind: 'project', id, command: `mlroadmap project ${id}` });
    expect((await search(words)).out.split('\n')[0]).toMatch(new RegExp(`^project +${id} `));
  });

  // Each pair: the acronym finds an item that writes only the expansion, and the expansion one that writes only the acronym.
  it.each([
    ['RAG', 'retrieval-augmented generation'],
    ['LLM', 'large language model'],
    ['PCA', 'principal component analysis'],
  ])('finds %s and "%s" both ways', async (acronym, expansion) => {
    const roadmap = (await makeContext()).roadmap;
    const { searchDocuments } = await import('../../src/content/search.js');
    const { wordsOf } = await import('../../src/content/words.js');
    const documents = searchDocuments(roadmap);
    const text = (id: string) => wordsOf((documents.find((doc) => doc.id === id)?.fields ?? []).map((field) => field.text).join(' '));
    const found = async (query: string) =>
      (JSON.parse((await search([query, '--json', '--limit', '200'])).out) as { id: string }[]).map((result) => result.id);
    const byAcronym = await found(acronym);
    const byExpansion = await found(expansion);
    const short = acronym.toLowerCase();
    const long = wordsOf(expansion);
    const spells = (id: string, words: string[]) => text(id).join(' ').includes(words.join(' '));
    // Items found by the acronym that spell only the expansion, and the other way round.
    expect(
      byAcronym.filter((id) => !text(id).includes(short) && !text(id).includes(`${short}s`) && spells(id, long)).length,
    ).toBeGreaterThan(0);
    expect(
      byExpansion.filter((id) => (text(id).includes(short) || text(id).includes(`${short}s`)) && !spells(id, long)).length,
    ).toBeGreaterThan(0);
  });

  it('finds what says "CI" by "continuous integration"', async () => {
    const data = JSON.parse((await search(['continuous', 'integration', '--json'])).out) as { id: string }[];
    // "...so it runs the same on your laptop, in CI and in the cloud."
    expect(data.map((r) => r.id)).toContain('docker-containers');
  });

  it('finds the RAG brief and the retrieval-augmented topics by "RAG"', async () => {
    const data = JSON.parse((await search(['RAG', '--json'])).out) as { kind: string; id: string }[];
    expect(data.map((r) => r.id)).toContain('docs-rag-assistant');
    expect(data.length).toBeGreaterThan(1);
  });
});
