import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack, loadPackCached, readPack } from '../../src/content/load.js';
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
      'roadmap.yaml:12:7: [1].id: "first-step" is used twice',
    ],
    [
      'a step naming a skill that does not exist',
      replace('roadmap.yaml', 'skills: [thinking]', 'skills: [thinking, dreaming]'),
      'roadmap.yaml:10:22: [0].skills[1]: "dreaming" is not the id of any item in skills.yaml',
    ],
    [
      'a skill naming a step that does not exist',
      replace('skills.yaml', 'steps: [first-step]', 'steps: [first-step, third-step]'),
      'skills.yaml:5:23: [0].steps[1]: "third-step" is not the id of any item in roadmap.yaml',
    ],
    [
      'empty text',
      replace('roadmap.yaml', 'description: Do the second thing.', 'description: "  "'),
      'roadmap.yaml:14:16: [1].description: must be non-empty text',
    ],
    [
      'missing text',
      replace('sections.yaml', '  summary: What this tiny pack is\n', ''),
      // Missing: placed at the item that lacks it.
      'sections.yaml:1:3: [0].summary: must be non-empty text',
    ],
    [
      'an id that is not kebab-case',
      replace('roadmap.yaml', 'id: first-step', 'id: First_Step'),
      'roadmap.yaml:1:7: [0].id: must be a kebab-case id such as "linear-algebra"',
    ],
    [
      'a bad pack id',
      replace('pack.yaml', 'id: tiny', 'id: "tiny pack"'),
      'pack.yaml:2:5: id: must be a kebab-case id such as "linear-algebra"',
    ],
    [
      'a resource URL that is not https',
      replace('roadmap.yaml', 'url: https://example.com/docs', 'url: http://example.com/docs'),
      'roadmap.yaml:8:12: [0].resources[0].url: must be a URL starting with https://',
    ],
    [
      'a resource of an unknown type',
      replace('roadmap.yaml', 'type: docs', 'type: podcast'),
      'roadmap.yaml:9:13: [0].resources[0].type: must be one of course, docs, book, practice, article, video',
    ],
    [
      'a format version from a newer mlroadmap',
      replace('pack.yaml', 'formatVersion: 1', 'formatVersion: 3'),
      'pack.yaml:1:16: formatVersion: 3 means the pack is made for a newer mlroadmap (this version reads formats 1 and 2); update mlroadmap to use it',
    ],
    [
      'a format version that is not one',
      replace('pack.yaml', 'formatVersion: 1', 'formatVersion: "1"'),
      'pack.yaml:1:16: formatVersion: must be 1 or 2 (this version of mlroadmap reads formats 1 and 2)',
    ],
    ['a missing pack.yaml', remove('pack.yaml'), 'pack.yaml: missing (a pack needs pack.yaml, sections.yaml and roadmap.yaml)'],
    ['a missing roadmap.yaml', remove('roadmap.yaml'), 'roadmap.yaml: missing (a pack needs pack.yaml, sections.yaml and roadmap.yaml)'],
    [
      'invalid YAML',
      write('roadmap.yaml', '- id: first-step\n  title: [unclosed\n'),
      'roadmap.yaml:3:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'a duplicate YAML key',
      replace('pack.yaml', 'id: tiny', 'id: tiny\nid: tiny-again'),
      'pack.yaml:3:1: not valid YAML: Map keys must be unique',
    ],
    ['a list that is a mapping', write('sections.yaml', 'id: intro\n'), 'sections.yaml:1:1: (top level): must be a list'],
    ['an empty roadmap', write('roadmap.yaml', '[]\n'), 'roadmap.yaml:1:1: (top level): must have at least one item'],
    [
      'a non-positive effort',
      replace('roadmap.yaml', 'effortHours: 5', 'effortHours: 0'),
      'roadmap.yaml:19:16: [1].effortHours: must be a positive number',
    ],
    [
      'a certification without an https URL',
      write('certifications.yaml', '- id: cert\n  title: A cert\n  issuer: Someone\n  summary: Proves things.\n  url: ftp://example.com\n'),
      'certifications.yaml:5:8: [0].url: must be a URL starting with https://',
    ],
    [
      'a FAQ with an empty answer',
      write('faqs.yaml', '- id: why\n  question: Why?\n  answer: ""\n'),
      'faqs.yaml:3:11: [0].answer: must be non-empty text',
    ],
    [
      'a section item with a duplicate id',
      replace(
        'sections.yaml',
        '    This pack has **two** steps.\n',
        '    Two steps.\n  items:\n    - {id: a, title: A, text: One.}\n    - {id: a, title: B, text: Two.}\n',
      ),
      'sections.yaml:8:12: [0].items[1].id: "a" is used twice',
    ],
  ])('reports %s with its file, line, column and field', async (_what, edit, expected) => {
    const dir = packWith(edit);
    const { problems } = await readPack(dir);
    expect(problems).toContain(expected);
    await expect(loadPack(dir)).rejects.toThrow(ContentError);
  });

  it.each<[string, (dir: string) => void, string]>([
    [
      'pack.yaml',
      replace('pack.yaml', 'id: tiny', 'id: tiny\ncolour: red'),
      'pack.yaml:3:1: colour: unknown key; the keys of pack.yaml are formatVersion, id, title, welcome, reviewed',
    ],
    [
      'a step',
      replace('roadmap.yaml', '  resources:\n    - title', '  resorces:\n    - title'),
      'roadmap.yaml:6:3: [0].resorces: unknown key; did you mean resources?',
    ],
    [
      'a step, with a slip of case',
      replace('roadmap.yaml', 'effortHours: 5', 'EffortHours: 5'),
      'roadmap.yaml:19:3: [1].EffortHours: unknown key; did you mean effortHours?',
    ],
    [
      'a resource',
      replace('roadmap.yaml', '      type: docs\n', '      type: docs\n      free: true\n'),
      'roadmap.yaml:10:7: [0].resources[0].free: unknown key; the keys of a resource are title, url, type',
    ],
    [
      'a topic',
      replace(
        'roadmap.yaml',
        '  resources: []\n  skills: []\n  effortHours: 5\n',
        '  resources: []\n  skills: []\n  topics:\n    - id: only-topic\n      title: T\n      why: W\n      done: [D]\n      resources: [{title: R, url: "https://example.com", type: docs}]\n      efortHours: 5\n      skills: []\n',
      ),
      'roadmap.yaml:25:7: [1].topics[0].efortHours: unknown key; did you mean effortHours?',
    ],
    [
      'a section item',
      replace(
        'sections.yaml',
        '    This pack has **two** steps.\n',
        '    Two steps.\n  items:\n    - {id: a, title: A, text: One., exampels: [x]}\n',
      ),
      'sections.yaml:7:37: [0].items[0].exampels: unknown key; did you mean examples?',
    ],
    [
      'a skill',
      replace('skills.yaml', 'how: Practise.', 'how: Practise.\n  topcis: []'),
      'skills.yaml:5:3: [0].topcis: unknown key; did you mean topics?',
    ],
    [
      'a phase',
      write('phases.yaml', '- {id: p, title: P, summary: S, body: B, order: 1}\n'),
      'phases.yaml:1:42: [0].order: unknown key; the keys of a phase are id, title, summary, body',
    ],
    [
      'a certification',
      write('certifications.yaml', '- id: c\n  title: C\n  issuer: I\n  summary: S\n  url: https://example.com\n  retired: 2026-01-01\n'),
      'certifications.yaml:6:3: [0].retired: unknown key; did you mean retires?',
    ],
    ['a FAQ', write('faqs.yaml', '- id: f\n  question: Q?\n  answr: A.\n'), 'faqs.yaml:3:3: [0].answr: unknown key; did you mean answer?'],
    [
      'a quiz',
      write('quizzes.yaml', '- id: q\n  titel: Q\n  questions:\n    - {id: a, prompt: P?, choices: [Y, N], answer: 0, explanation: E}\n'),
      'quizzes.yaml:2:3: [0].titel: unknown key; did you mean title?',
    ],
    [
      "a quiz's question",
      write('quizzes.yaml', '- id: q\n  title: Q\n  questions:\n    - {id: a, prompt: P?, choices: [Y, N], answer: 0, explaination: E}\n'),
      'quizzes.yaml:4:55: [0].questions[0].explaination: unknown key; did you mean explanation?',
    ],
    [
      'a card',
      write('cards.yaml', '- {id: c, topic: t, kind: concept, question: Q, answer: A, explanation: E, hint: H}\n'),
      'cards.yaml:1:76: [0].hint: unknown key; the keys of a card are id, topic, kind, question, answer, explanation, choices',
    ],
    ...['project', "a project's dataset", "a project's milestone"].map((what, i): [string, (dir: string) => void, string] => {
      const project = [
        '- id: p',
        '  title: P',
        '  level: first',
        '  summary: S',
        '  goal: G',
        `  dataset: {name: D, url: "https://example.com"${i === 1 ? ', licence: CC0' : ''}}`,
        '  topics: []',
        `  ${i === 0 ? 'effort' : 'effortHours'}: 3`,
        `  milestones: [{phase: x, title: T, criteria: [C]${i === 2 ? ', due: soon' : ''}}]`,
        '  stretch: []',
        '',
      ].join('\n');
      const expected = [
        'projects.yaml:8:3: [0].effort: unknown key; did you mean effortHours?',
        "projects.yaml:6:50: [0].dataset.licence: unknown key; the keys of a project's dataset are name, url",
        "projects.yaml:9:52: [0].milestones[0].due: unknown key; the keys of a project's milestone are phase, title, criteria",
      ][i] as string;
      return [what, write('projects.yaml', project), expected];
    }),
    [
      'a key that is not a word',
      replace('roadmap.yaml', 'effortHours: 5', 'effortHours: 5\n  "two\\nwords": 1'),
      'roadmap.yaml:20:3: [1]["two\\nwords"]: unknown key; the keys of a step are id, title, description, done, resources, skills, effortHours, topics, fromGuide',
    ],
  ])('reports an unknown key of %s, with the closest known key when one is close', async (_what, edit, expected) => {
    const { problems } = await readPack(packWith(edit));
    expect(problems).toContain(expected);
  });

  it.each([
    ['[pandas, "scikit-learn==1.7"]', '[0].requirements[1]: must be a package name as pip takes it'],
    ['[pandas, Pandas]', '[0].requirements[1]: "Pandas" is listed twice'],
    ['["numpy; rm -rf ~"]', '[0].requirements[0]: must be a package name as pip takes it'],
    ['[]', '[0].requirements: must be a list of Python package names'],
  ])("reports a project's requirements %s that a requirements.txt could not take", async (list, expected) => {
    const project = [
      '- id: p',
      '  title: P',
      '  level: first',
      '  summary: S',
      '  goal: G',
      '  dataset: {name: D, url: "https://example.com"}',
      '  topics: []',
      '  effortHours: 3',
      '  milestones: [{phase: x, title: T, criteria: [C]}]',
      '  stretch: []',
      `  requirements: ${list}`,
      '',
    ].join('\n');
    const { problems } = await readPack(packWith(write('projects.yaml', project)));
    expect(problems.some((problem) => problem.includes(expected))).toBe(true);
    const good = project.replace(`requirements: ${list}`, 'requirements: [pandas, scikit-learn, "uvicorn[standard]"]');
    expect((await readPack(packWith(write('projects.yaml', good)))).problems.filter((problem) => problem.includes('requirements'))).toEqual(
      [],
    );
  });

  it('reads files that start with a UTF-8 byte order mark, and counts columns after it', async () => {
    const bom = (dir: string) => {
      for (const file of readdirSync(dir)) writeFileSync(join(dir, file), `\uFEFF${readFileSync(join(dir, file), 'utf8')}`);
    };
    const dir = packWith(bom);
    expect(readFileSync(join(dir, 'pack.yaml')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect((await readPack(dir)).problems).toEqual([]);
    expect((await loadPack(dir)).steps.map((step) => step.id)).toEqual(['first-step', 'second-step']);
    const cache = mkdtempSync(join(tmpdir(), 'mlroadmap-bom-cache-'));
    made.push(cache);
    expect((await loadPackCached(dir, cache)).id).toBe('tiny');

    const broken = packWith((d) => {
      bom(d);
      replace('pack.yaml', 'id: tiny', 'id: Tiny')(d);
    });
    expect((await readPack(broken)).problems).toEqual(['pack.yaml:2:5: id: must be a kebab-case id such as "linear-algebra"']);
  });

  it('reads files with Windows line endings, lines and columns as an editor shows them', async () => {
    const dir = packWith((d) => {
      replace('roadmap.yaml', 'type: docs', 'type: podcast')(d);
      for (const file of readdirSync(d)) writeFileSync(join(d, file), readFileSync(join(d, file), 'utf8').replaceAll('\n', '\r\n'));
    });
    expect((await readPack(dir)).problems).toEqual([
      'roadmap.yaml:9:13: [0].resources[0].type: must be one of course, docs, book, practice, article, video',
    ]);
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
