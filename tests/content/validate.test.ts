import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack, readPack } from '../../src/content/load.js';
import { ContentError } from '../../src/errors.js';
import { FIXTURE_DIR } from '../helpers.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the tiny fixture pack in a temp folder, changed by `edit(dir)`. */
function packWith(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-pack-'));
  made.push(dir);
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Replaces `from` with `to` in one file of the pack; fails loudly if `from` is not there. */
const replace = (file: string, from: string, to: string) => (dir: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture ${file} has no ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
};
const write = (file: string, text: string) => (dir: string) => writeFileSync(join(dir, file), text);
const remove = (file: string) => (dir: string) => rmSync(join(dir, file));

describe('the content validator', () => {
  it('accepts the tiny fixture pack', async () => {
    expect((await readPack(FIXTURE_DIR)).problems).toEqual([]);
    const roadmap = await loadPack(FIXTURE_DIR);
    expect(roadmap.steps.map((s) => s.id)).toEqual(['first-step', 'second-step']);
    expect(roadmap.faqs).toEqual([]);
  });

  it.each([
    [
      'a duplicate step id',
      replace('roadmap.yaml', 'id: second-step', 'id: first-step'),
      'roadmap.yaml: [1].id: "first-step" is used twice',
    ],
    [
      'a step naming a skill that does not exist',
      replace('roadmap.yaml', 'skills: [thinking]', 'skills: [thinking, dreaming]'),
      'roadmap.yaml: [0].skills: "dreaming" is not the id of any item in skills.yaml',
    ],
    [
      'a skill naming a step that does not exist',
      replace('skills.yaml', 'steps: [first-step]', 'steps: [first-step, third-step]'),
      'skills.yaml: [0].steps: "third-step" is not the id of any item in roadmap.yaml',
    ],
    [
      'empty text',
      replace('roadmap.yaml', 'description: Do the second thing.', 'description: "  "'),
      'roadmap.yaml: [1].description: must be non-empty text',
    ],
    [
      'missing text',
      replace('sections.yaml', '  summary: What this tiny pack is\n', ''),
      'sections.yaml: [0].summary: must be non-empty text',
    ],
    [
      'an id that is not kebab-case',
      replace('roadmap.yaml', 'id: first-step', 'id: First_Step'),
      'roadmap.yaml: [0].id: must be a kebab-case id',
    ],
    ['a bad pack id', replace('pack.yaml', 'id: tiny', 'id: "tiny pack"'), 'pack.yaml: id: must be a kebab-case id'],
    [
      'a resource URL that is not https',
      replace('roadmap.yaml', 'url: https://example.com/docs', 'url: http://example.com/docs'),
      'roadmap.yaml: [0].resources[0].url: must be a URL starting with https://',
    ],
    [
      'a resource of an unknown type',
      replace('roadmap.yaml', 'type: docs', 'type: podcast'),
      'roadmap.yaml: [0].resources[0].type: must be one of course, docs, book',
    ],
    [
      'a format version from a newer mlroadmap',
      replace('pack.yaml', 'formatVersion: 1', 'formatVersion: 3'),
      'pack.yaml: formatVersion: 3 means the pack is made for a newer mlroadmap',
    ],
    [
      'a format version that is not one',
      replace('pack.yaml', 'formatVersion: 1', 'formatVersion: "1"'),
      'pack.yaml: formatVersion: must be 1 or 2',
    ],
    ['a missing pack.yaml', remove('pack.yaml'), 'pack.yaml: missing'],
    ['a missing roadmap.yaml', remove('roadmap.yaml'), 'roadmap.yaml: missing'],
    ['invalid YAML', write('roadmap.yaml', '- id: first-step\n  title: [unclosed\n'), 'roadmap.yaml: not valid YAML'],
    ['a duplicate YAML key', replace('pack.yaml', 'id: tiny', 'id: tiny\nid: tiny-again'), 'pack.yaml: not valid YAML'],
    ['a list that is a mapping', write('sections.yaml', 'id: intro\n'), 'sections.yaml: (top level): must be a list'],
    ['an empty roadmap', write('roadmap.yaml', '[]\n'), 'roadmap.yaml: (top level): must have at least one item'],
    [
      'a non-positive effort',
      replace('roadmap.yaml', 'effortHours: 5', 'effortHours: 0'),
      'roadmap.yaml: [1].effortHours: must be a positive number',
    ],
    [
      'a certification without an https URL',
      write('certifications.yaml', '- id: cert\n  title: A cert\n  issuer: Someone\n  summary: Proves things.\n  url: ftp://example.com\n'),
      'certifications.yaml: [0].url: must be a URL starting with https://',
    ],
    [
      'a FAQ with an empty answer',
      write('faqs.yaml', '- id: why\n  question: Why?\n  answer: ""\n'),
      'faqs.yaml: [0].answer: must be non-empty text',
    ],
    [
      'a section item with a duplicate id',
      replace(
        'sections.yaml',
        '    This pack has **two** steps.\n',
        '    Two steps.\n  items:\n    - {id: a, title: A, text: One.}\n    - {id: a, title: B, text: Two.}\n',
      ),
      'sections.yaml: [0].items[1].id: "a" is used twice',
    ],
  ])('reports %s with its file and field', async (_what, edit, expected) => {
    const dir = packWith(edit);
    const { problems } = await readPack(dir);
    expect(
      problems.some((problem) => problem.startsWith(expected)),
      `${expected}\nnot in:\n${problems.join('\n')}`,
    ).toBe(true);
    await expect(loadPack(dir)).rejects.toThrow(ContentError);
  });

  it('reports every problem at once, not only the first', async () => {
    const dir = packWith((d) => {
      replace('roadmap.yaml', 'id: second-step', 'id: first-step')(d);
      replace('roadmap.yaml', 'type: docs', 'type: podcast')(d);
    });
    const { problems } = await readPack(dir);
    expect(problems).toHaveLength(2);
    const error = await loadPack(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toMatch(/and 1 more/);
    expect((error as ContentError).message).not.toContain('\n');
  });

  it('reports a folder that does not exist', async () => {
    const { problems } = await readPack(join(tmpdir(), 'mlroadmap-no-such-pack'));
    expect(problems).toEqual([expect.stringMatching(/no such folder/)]);
  });
});
