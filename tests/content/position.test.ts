import { describe, expect, it } from 'vitest';
import yaml from 'yaml';
import { makeLocator, type Segment } from '../../src/content/position.js';

const text = [
  '- id: first', //                    1
  '  title: First', //                 2
  '  summary:', //                     3: an empty value
  '  dataset: {name: D}', //           4
  '  common: &links', //               5
  '    - url: https://example.com', // 6
  '  again: *links', //                7
  '- id: second', //                   8
  '',
].join('\n');
const lines = new yaml.LineCounter();
const locate = makeLocator(yaml, yaml.parseDocument(text, { lineCounter: lines }), lines);

describe('a locator', () => {
  it.each<[string, Segment[], boolean, [number, number]]>([
    ['the whole file', [], false, [1, 1]],
    ['a list item', [1], false, [8, 3]],
    ['a value', [0, 'title'], false, [2, 10]],
    ['a key', [0, 'title'], true, [2, 3]],
    ['an empty value, at its key', [0, 'summary'], false, [3, 3]],
    ['a missing field, at the item that lacks it', [1, 'title'], false, [8, 3]],
    ['a missing field of a mapping, at the key that holds the mapping', [0, 'dataset', 'url'], false, [4, 3]],
    ['a value in a flow mapping', [0, 'dataset', 'name'], false, [4, 19]],
    ['a missing item, at the key that holds the list', [0, 'common', 3], false, [5, 3]],
    ['a value behind an alias, where the anchor is', [0, 'again', 0, 'url'], false, [6, 12]],
  ])('places %s', (_what, path, onKey, [line, col]) => {
    expect(locate(path, onKey)).toEqual({ line, col });
  });

  it('places everything in an empty file at its start', () => {
    const empty = new yaml.LineCounter();
    expect(makeLocator(yaml, yaml.parseDocument('', { lineCounter: empty }), empty)([0, 'id'])).toEqual({ line: 1, col: 1 });
  });
});
