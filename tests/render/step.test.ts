import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../src/content/schema.js';
import { renderLink, renderResources } from '../../src/render/step.js';

const resources: Resource[] = [
  { type: 'docs', title: 'Short', url: 'https://example.com/a' },
  { type: 'practice', title: 'First Contributions (make your first open-source pull request)', url: 'https://example.com/first' },
];
const terminal = (width: number, hyperlinks = false) => ({ tty: true, width, style: new Chalk({ level: 1 }), hyperlinks });

describe('renderResources on a terminal', () => {
  it('keeps a resource on one line when it fits', () => {
    expect(stripVTControlCharacters(renderResources(resources, terminal(200)))).toBe(
      [
        '  docs      Short — https://example.com/a',
        '  practice  First Contributions (make your first open-source pull request) — https://example.com/first',
      ].join('\n'),
    );
  });

  it('on a narrow terminal, wraps a long title at spaces under itself, the URL whole below it', () => {
    const lines = stripVTControlCharacters(renderResources(resources, terminal(50))).split('\n');
    expect(lines).toEqual([
      '  docs      Short — https://example.com/a',
      '  practice  First Contributions (make your first',
      '            open-source pull request)',
      '            https://example.com/first',
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
  });

  it('makes each line of a wrapped title a link to the resource, where the terminal shows links', () => {
    const text = renderResources(resources, terminal(50, true));
    const links = [...text.matchAll(/\u001b\]8;;([^\u001b]*)\u001b\\([^\u001b]*)\u001b\]8;;\u001b\\/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['https://example.com/a', 'Short'],
      ['https://example.com/first', 'First Contributions (make your first'],
      ['https://example.com/first', 'open-source pull request)'],
    ]);
  });
});

describe('renderLink', () => {
  const options = { tty: true, hyperlinks: true, width: 80, style: new Chalk({ level: 1 }) };
  it('is an OSC 8 hyperlink to an https address', () => {
    expect(renderLink('The tutorial', 'https://docs.python.org/3/tutorial/', options)).toContain(
      '\u001b]8;;https://docs.python.org/3/tutorial/',
    );
  });
  it.each([
    ['docs.python.org', 'https://evil.example/x'],
    ['notes', 'file:///etc/passwd'],
  ])('stays plain text for a link the pack check refuses: %s to %s', (text, url) => {
    expect(renderLink(text, url, options)).toBe(text);
  });
});
