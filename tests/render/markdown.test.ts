import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { phaseMarkdown, sectionMarkdown, skillMarkdown } from '../../src/render/pages.js';
import { makeContext, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const ctx = await makeContext();

/** Every page of the shipped guide as the commands build it. */
const pages: [string, string][] = [
  ...roadmap.sections.map((s): [string, string] => [`section ${s.id}`, sectionMarkdown(s)]),
  ...roadmap.skills.map((s): [string, string] => [`skill ${s.id}`, skillMarkdown(ctx.roadmap, s)]),
  ...roadmap.phases.map((p, i): [string, string] => [`phase ${p.id}`, phaseMarkdown(p, i + 1, roadmap.phases.length)]),
  ...roadmap.steps.map((s): [string, string] => [`step ${s.id}`, `# ${s.title}\n\n${s.description}\n\n## Done when\n\n${s.done}`]),
  ...roadmap.faqs.map((f): [string, string] => [`faq ${f.id}`, `# ${f.question}\n\n${f.answer}`]),
];

describe.each([40, 80, 100])('renderMarkdown at %i columns', (width) => {
  it.each(pages)('fits %s into the width', async (_name, markdown) => {
    for (const color of [true, false]) {
      const text = stripVTControlCharacters(await renderMarkdown(markdown, { width, color }));
      const long = text.split('\n').filter((line) => line.length > width);
      expect(long).toEqual([]);
    }
  });
});

describe('renderMarkdown', () => {
  it('renders bold and links inside list items instead of printing them raw', async () => {
    const text = await renderMarkdown('Intro:\n\n- **Bold** item with a [link](https://example.com)\n- plain *item*\n', {
      width: 80,
      color: false,
    });
    expect(text).not.toContain('**');
    expect(text).not.toContain('](');
    expect(text).toContain('Bold item with a link');
    expect(text).toContain('https://example.com');
  });

  it('prints no raw inline markdown anywhere in the shipped guide', async () => {
    for (const [name, markdown] of pages) {
      const text = await renderMarkdown(markdown, { width: 80, color: false });
      expect(text, name).not.toMatch(/\*\*|__|\]\(/);
    }
  });

  it('joins a list item written over several source lines into one wrapped paragraph', async () => {
    const text = await renderMarkdown('- one two three\n  four five six seven eight\n', { width: 20, color: false });
    expect(text.split('\n')).toEqual(['  * one two three', '    four five six', '    seven eight']);
  });

  it('prints no escape sequences without colour', async () => {
    for (const [name, markdown] of pages) {
      expect(await renderMarkdown(markdown, { width: 80, color: false }), name).not.toMatch(/\u001b|\u009b/);
    }
  });

  it('keeps the text of the page', async () => {
    const salary = roadmap.sections.find((s) => s.id === 'salary');
    if (!salary) throw new Error('no salary section');
    const text = await renderMarkdown(sectionMarkdown(salary), { width: 40, color: false });
    expect(text.replace(/\s+/g, ' ')).toContain('$80,000 to more than $150,000');
  });
});

describe('links', () => {
  const link = 'See [Coursera](https://www.coursera.org/) for courses.';

  it('are clickable OSC 8 hyperlinks only where main.ts decided the terminal shows them', async () => {
    const clickable = await renderMarkdown(link, { width: 80, color: true, hyperlinks: true });
    expect(clickable).toContain('\u001b]8;;https://www.coursera.org/');
    const plain = await renderMarkdown(link, { width: 80, color: true, hyperlinks: false });
    expect(plain).not.toContain('\u001b]8;;');
    expect(stripVTControlCharacters(plain)).toContain('Coursera (https://www.coursera.org/)');
  });

  it('keep their URL as text without colour, even on a terminal with hyperlinks (NO_COLOR)', async () => {
    // Asked for hyperlinks but no colour: escape codes are stripped, so the URL must not live inside one.
    const text = await renderMarkdown(link, { width: 80, color: false, hyperlinks: false });
    expect(text).toContain('Coursera (https://www.coursera.org/)');
  });
});

describe('links the pack check refuses', () => {
  it.each([
    ['[t](<file:///etc/passwd x>)', 'file:'],
    ['> [see it][x]\n>\n> [x]: file:///etc/shadow', 'file:'],
    ['[docs.python.org](<https://evil.example/x>)', 'evil.example'],
    ['- item with [a page](javascript:alert(1))', 'javascript'],
  ])('%s is printed as its words, without its target, even with hyperlinks on', async (markdown, target) => {
    for (const hyperlinks of [true, false]) {
      const text = await renderMarkdown(markdown, { width: 80, color: true, hyperlinks });
      expect(text).not.toContain(target);
      expect(text).not.toContain('\u001b]8;');
    }
  });

  it('a link the check accepts is still an OSC 8 hyperlink to its target', async () => {
    const text = await renderMarkdown('[The tutorial](https://docs.python.org/3/tutorial/)', { width: 80, color: true, hyperlinks: true });
    expect(text).toContain('\u001b]8;;https://docs.python.org/3/tutorial/');
  });
});
