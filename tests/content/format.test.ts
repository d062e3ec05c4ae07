import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLexer } from '../../src/content/links.js';
import { loadPack, readPack } from '../../src/content/load.js';
import { assembleRoadmap, findProblems, findWarnings, type RawPack } from '../../src/content/validate.js';
import { FIXTURE_DIR } from '../helpers.js';

const lex = await loadLexer();

const EXAMPLE = fileURLToPath(new URL('../../examples/data-scientist', import.meta.url));

type Raw = Record<string, unknown>;

const resource = { title: 'Example docs', url: 'https://example.com/docs', type: 'docs' };
const topic = (id: string, effortHours: number, skills: string[]) => ({
  id,
  title: `Topic ${id}`,
  why: 'It matters.',
  done: ['You can do it.'],
  resources: [resource],
  effortHours,
  skills,
});
const cert = (id: string, fields: Raw = {}) => ({
  id,
  title: `Cert ${id}`,
  issuer: 'Someone',
  summary: 'Proves things.',
  url: 'https://example.com/cert',
  ...fields,
});

/** A valid format-2 pack that uses every new field: steps with and without topics, skills' topics, certification status. */
function basePack(): RawPack {
  const step = (id: string, fields: Raw) => ({ id, title: `Step ${id}`, description: 'Do it.', done: '- Done.', resources: [], ...fields });
  const skill = (id: string, topics: string[]) => ({ id, title: id, why: 'It helps.', how: 'Practise.', steps: ['first-step'], topics });
  return {
    meta: { formatVersion: 2, id: 'tiny', title: 'A tiny roadmap', welcome: 'Hello.', reviewed: '2026-06-01' },
    lists: {
      sections: [{ id: 'intro', title: 'Introduction', summary: 'What it is', body: 'Text.' }],
      skills: [skill('thinking', ['warm-up', 'deep-dive']), skill('writing', ['deep-dive'])],
      steps: [
        step('first-step', {
          skills: ['thinking', 'writing'],
          fromGuide: 'The guide names this in its *tools* section.',
          topics: [topic('warm-up', 2, ['thinking']), topic('deep-dive', 3, ['thinking', 'writing'])],
        }),
        step('second-step', { skills: [], effortHours: 5, topics: [topic('practice', 5, [])] }),
        step('third-step', { skills: [], effortHours: 4 }),
      ],
      certifications: [
        cert('cert-a', { status: 'retiring', statusAsOf: '2026-01-10', retires: '2026-12-31', replacedBy: 'cert-b' }),
        cert('cert-b', { status: 'active', statusAsOf: '2026-01-10' }),
        cert('cert-c'),
      ],
    },
  };
}

/** The base pack changed by `edit`, which gets the parsed files to mutate. */
function packWith(edit: (files: { meta: Raw; steps: Raw[]; skills: Raw[]; certs: Raw[] }) => void): RawPack {
  const pack = structuredClone(basePack());
  const lists = pack.lists as Record<string, Raw[]>;
  edit({ meta: pack.meta as Raw, steps: lists.steps as Raw[], skills: lists.skills as Raw[], certs: lists.certifications as Raw[] });
  return pack;
}
const topicOf = (steps: Raw[], step: number, index: number) => ((steps[step] as Raw).topics as Raw[])[index] as Raw;

describe('format 2 of the content pack', () => {
  it('accepts a pack that uses every new field', () => {
    expect(findProblems(basePack(), lex)).toEqual([]);
  });

  it.each<[string, Parameters<typeof packWith>[0], string[]]>([
    [
      'a topic id equal to a step id',
      ({ steps }) => {
        topicOf(steps, 1, 0).id = 'third-step';
      },
      [
        'roadmap.yaml: [1].topics[0].id: "third-step" is also the id of a step; a topic\'s id must differ from every step\'s, so "check third-step" names one thing',
      ],
    ],
    [
      'a topic id used in two steps',
      ({ steps }) => {
        topicOf(steps, 1, 0).id = 'warm-up';
      },
      ['roadmap.yaml: [1].topics[0].id: "warm-up" is used twice (first at [0].topics[0]); topic ids are unique across all steps'],
    ],
    [
      'a topic id that is not kebab-case',
      ({ steps }) => {
        topicOf(steps, 1, 0).id = 'Practice';
      },
      ['roadmap.yaml: [1].topics[0].id: must be a kebab-case id such as "linear-algebra"'],
    ],
    [
      'a topic with no done criteria',
      ({ steps }) => {
        topicOf(steps, 0, 0).done = [];
      },
      ['roadmap.yaml: [0].topics[0].done: must list 1 to 3 outcomes the learner can check, not 0'],
    ],
    [
      'a topic with four done criteria',
      ({ steps }) => {
        topicOf(steps, 0, 0).done = ['One.', 'Two.', 'Three.', 'Four.'];
      },
      ['roadmap.yaml: [0].topics[0].done: must list 1 to 3 outcomes the learner can check, not 4'],
    ],
    [
      'a topic whose done is one text, not a list',
      ({ steps }) => {
        topicOf(steps, 0, 0).done = '- You can do it.';
      },
      ['roadmap.yaml: [0].topics[0].done: must be a list of 1 to 3 outcomes the learner can check'],
    ],
    [
      'an empty done criterion',
      ({ steps }) => {
        topicOf(steps, 0, 0).done = ['You can do it.', '  '];
      },
      ['roadmap.yaml: [0].topics[0].done[1]: must be non-empty text'],
    ],
    [
      'a topic with no resources',
      ({ steps }) => {
        topicOf(steps, 0, 1).resources = [];
      },
      ['roadmap.yaml: [0].topics[1].resources: must list at least one resource'],
    ],
    [
      'a topic without a resources list',
      ({ steps }) => {
        delete topicOf(steps, 0, 1).resources;
      },
      ['roadmap.yaml: [0].topics[1].resources: must be a list of at least one resource'],
    ],
    [
      'a topic resource that is not https',
      ({ steps }) => {
        topicOf(steps, 0, 1).resources = [{ ...resource, url: 'http://example.com/docs', type: 'podcast' }];
      },
      [
        'roadmap.yaml: [0].topics[1].resources[0].url: must be a URL starting with https://',
        'roadmap.yaml: [0].topics[1].resources[0].type: must be one of course, docs, book, practice, article, video',
      ],
    ],
    [
      'a topic with an empty why',
      ({ steps }) => {
        topicOf(steps, 0, 0).why = '';
      },
      ['roadmap.yaml: [0].topics[0].why: must be non-empty text'],
    ],
    [
      'a topic with no hours',
      ({ steps }) => {
        topicOf(steps, 1, 0).effortHours = 0;
      },
      ['roadmap.yaml: [1].topics[0].effortHours: must be a positive number'],
    ],
    [
      'a topic naming a skill that does not exist',
      ({ steps }) => {
        topicOf(steps, 0, 0).skills = ['thinking', 'dreaming'];
      },
      ['roadmap.yaml: [0].topics[0].skills[1]: unknown skill "dreaming" (no item of skills.yaml has this id)'],
    ],
    [
      "a step's hours that differ from its topics' sum",
      ({ steps }) => {
        (steps[1] as Raw).effortHours = 6;
      },
      ["roadmap.yaml: [1].effortHours: is 6, but the step's topics add up to 5 hours; give 5 or leave it out"],
    ],
    [
      'a step with neither topics nor hours',
      ({ steps }) => {
        delete (steps[2] as Raw).effortHours;
      },
      ['roadmap.yaml: [2].effortHours: must be a positive number'],
    ],
    [
      'an empty topics list',
      ({ steps }) => {
        (steps[1] as Raw).topics = [];
      },
      ['roadmap.yaml: [1].topics: must be a list of at least one topic, or be left out'],
    ],
    [
      'an empty fromGuide',
      ({ steps }) => {
        (steps[0] as Raw).fromGuide = ' ';
      },
      ['roadmap.yaml: [0].fromGuide: must be non-empty text'],
    ],
    [
      'a skill listing a topic that does not build it',
      ({ skills }) => {
        (skills[1] as Raw).topics = ['deep-dive', 'warm-up'];
      },
      ['skills.yaml: [1].topics[1]: topic "warm-up" does not build this skill: its skills in roadmap.yaml do not name "writing"'],
    ],
    [
      'a topic building a skill that does not list it',
      ({ skills }) => {
        (skills[0] as Raw).topics = ['warm-up'];
      },
      ['skills.yaml: [0].topics: misses topic "deep-dive", which builds this skill (its skills in roadmap.yaml name "thinking")'],
    ],
    [
      'a skill with no topics list that topics build',
      ({ skills }) => {
        delete (skills[0] as Raw).topics;
      },
      ['skills.yaml: [0].topics: lists no topics, but topics warm-up, deep-dive build it (its id is in their skills in roadmap.yaml)'],
    ],
    [
      'a skill naming a topic that does not exist',
      ({ skills }) => {
        (skills[1] as Raw).topics = ['deep-dive', 'nothing'];
      },
      ['skills.yaml: [1].topics[1]: unknown topic "nothing" (no topic in roadmap.yaml has this id)'],
    ],
    [
      'a skill listing a topic twice',
      ({ skills }) => {
        (skills[1] as Raw).topics = ['deep-dive', 'deep-dive'];
      },
      ['skills.yaml: [1].topics[1]: "deep-dive" is listed twice'],
    ],
    [
      'a retired certification without retires',
      ({ certs }) => {
        Object.assign(certs[0] as Raw, { status: 'retired', statusAsOf: '2027-01-10' });
        delete (certs[0] as Raw).retires;
      },
      ['certifications.yaml: [0].retires: is required for a retired certification: the day it retires, written YYYY-MM-DD'],
    ],
    [
      'a status without statusAsOf',
      ({ certs }) => {
        delete (certs[1] as Raw).statusAsOf;
      },
      ['certifications.yaml: [1].statusAsOf: is required with status: the day the status was last checked, written YYYY-MM-DD'],
    ],
    [
      'an unknown status',
      ({ certs }) => {
        (certs[1] as Raw).status = 'expired';
      },
      ['certifications.yaml: [1].status: must be one of active, retiring, retired'],
    ],
    [
      'a statusAsOf that is not a real date',
      ({ certs }) => {
        (certs[1] as Raw).statusAsOf = '2026-02-30';
      },
      ['certifications.yaml: [1].statusAsOf: must be a real date written YYYY-MM-DD, such as 2026-03-31'],
    ],
    [
      'a statusAsOf written in words',
      ({ certs }) => {
        (certs[1] as Raw).statusAsOf = 'last spring';
      },
      ['certifications.yaml: [1].statusAsOf: must be a real date written YYYY-MM-DD, such as 2026-03-31'],
    ],
    [
      'a retires date on an active certification',
      ({ certs }) => {
        (certs[2] as Raw).retires = '2027-01-01';
      },
      ['certifications.yaml: [2].retires: only a retiring or retired certification has a retires date; this one is active'],
    ],
    [
      'a retiring certification whose retires date is before its statusAsOf',
      ({ certs }) => {
        (certs[0] as Raw).retires = '2025-12-31';
      },
      [
        'certifications.yaml: [0].retires: 2025-12-31 is not after statusAsOf 2026-01-10: a certification that has already retired is "retired"',
      ],
    ],
    [
      'a replacedBy that is unknown',
      ({ certs }) => {
        (certs[0] as Raw).replacedBy = 'cert-z';
      },
      ['certifications.yaml: [0].replacedBy: unknown certification "cert-z"'],
    ],
    [
      'a replacedBy that is the certification itself',
      ({ certs }) => {
        (certs[0] as Raw).replacedBy = 'cert-a';
      },
      ['certifications.yaml: [0].replacedBy: "cert-a" is this certification itself'],
    ],
    [
      'replacedBy going round in a loop',
      ({ certs }) => {
        (certs[1] as Raw).replacedBy = 'cert-c';
        (certs[2] as Raw).replacedBy = 'cert-a';
      },
      ['certifications.yaml: [0].replacedBy: following replacedBy comes back here: cert-a -> cert-b -> cert-c -> cert-a'],
    ],
    [
      'a format version from a newer mlroadmap',
      ({ meta }) => {
        meta.formatVersion = 3;
      },
      [
        'pack.yaml: formatVersion: 3 means the pack is made for a newer mlroadmap (this version reads formats 1 and 2); update mlroadmap to use it',
      ],
    ],
    [
      'a format version of 0',
      ({ meta }) => {
        meta.formatVersion = 0;
      },
      ['pack.yaml: formatVersion: must be 1 or 2 (this version of mlroadmap reads formats 1 and 2)'],
    ],
    [
      'a resource titled with one address and linked to another (it prints as a hyperlink with that title)',
      ({ steps }) => {
        topicOf(steps, 0, 0).resources = [{ title: 'docs.python.org', url: 'https://evil.example/x', type: 'docs' }];
      },
      [
        'roadmap.yaml: [0].topics[0].resources[0].title: the link text "docs.python.org" is an address, but the link goes to "https://evil.example/x"',
      ],
    ],
    [
      'a reviewed date that does not exist',
      ({ meta }) => {
        meta.reviewed = '2026-13-01';
      },
      ['pack.yaml: reviewed: must be a real date written YYYY-MM-DD, such as 2026-03-31'],
    ],
  ])('reports %s, and nothing else', (_what, edit, expected) => {
    expect(findProblems(packWith(edit), lex)).toEqual(expected);
  });

  it('fills in a step’s hours from its topics, and keeps hours that were given', () => {
    const roadmap = assembleRoadmap(basePack());
    expect(roadmap.steps.map((step) => [step.id, step.effortHours])).toEqual([
      ['first-step', 5],
      ['second-step', 5],
      ['third-step', 4],
    ]);
    const fractional = packWith(({ steps }) => {
      topicOf(steps, 0, 0).effortHours = 0.1;
      topicOf(steps, 0, 1).effortHours = 0.2;
      (steps[1] as Raw).effortHours = 5.0;
    });
    expect(findProblems(fractional, lex)).toEqual([]);
    expect(assembleRoadmap(fractional).steps[0]?.effortHours).toBe(0.3);
  });

  it('accepts hours given as the exact sum of fractional topics', () => {
    const pack = packWith(({ steps }) => {
      topicOf(steps, 0, 0).effortHours = 0.1;
      topicOf(steps, 0, 1).effortHours = 0.2;
      (steps[0] as Raw).effortHours = 0.3;
    });
    expect(findProblems(pack, lex)).toEqual([]);
  });

  it('gives a certification without a status the status active, and keeps the others', () => {
    const roadmap = assembleRoadmap(basePack());
    expect(roadmap.certifications.map((c) => [c.id, c.status])).toEqual([
      ['cert-a', 'retiring'],
      ['cert-b', 'active'],
      ['cert-c', 'active'],
    ]);
    expect(roadmap.certifications[0]).toMatchObject({ retires: '2026-12-31', replacedBy: 'cert-b', statusAsOf: '2026-01-10' });
    expect(roadmap.reviewed).toBe('2026-06-01');
  });
});

describe('a pack written in format 1', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('loads and assembles as before: the files as written, certifications marked active', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-format-1-'));
    made.push(dir);
    cpSync(FIXTURE_DIR, dir, { recursive: true });
    writeFileSync(
      join(dir, 'certifications.yaml'),
      '- id: cert\n  title: A cert\n  issuer: Someone\n  summary: Proves things.\n  url: https://example.com/cert\n',
    );
    const data = await readPack(dir);
    expect(data.problems).toEqual([]);
    expect(findWarnings(data, new Date('2026-12-01T00:00:00Z'))).toEqual([]);
    const roadmap = await loadPack(dir);
    expect(roadmap).toStrictEqual({
      formatVersion: 1,
      id: 'tiny',
      title: 'A tiny roadmap',
      welcome: 'A two-step roadmap used by the tests.',
      sections: data.lists.sections,
      skills: data.lists.skills,
      steps: data.lists.steps,
      phases: [],
      certifications: [{ ...(data.lists.certifications as Raw[])[0], status: 'active' }],
      faqs: [],
      quizzes: [],
      cards: [],
      projects: [],
    });
    expect(roadmap.steps.map((step) => step.effortHours)).toEqual([10, 5]);
  });

  it('may use the new fields too: they are checked as in format 2, and a warning asks for format 2', () => {
    const pack = packWith(({ meta }) => {
      meta.formatVersion = 1;
    });
    expect(findProblems(pack, lex)).toEqual([]);
    expect(findWarnings(pack, new Date('2026-07-01T00:00:00Z'))).toEqual([
      'pack.yaml: formatVersion: is 1, but the pack uses fields of format 2 (reviewed (pack.yaml), topics (roadmap.yaml), fromGuide (roadmap.yaml), topics (skills.yaml), status, statusAsOf, retires or replacedBy (certifications.yaml)); say formatVersion: 2',
    ]);
  });
});

describe('findWarnings', () => {
  const today = new Date('2026-12-01T15:30:00Z');
  const reviewed = (date: string | undefined) =>
    packWith(({ meta }) => {
      if (date === undefined) delete meta.reviewed;
      else meta.reviewed = date;
    });

  it.each([
    ['13 months ago', '2025-11-01', true],
    ['12 months and a day ago', '2025-11-30', true],
    ['exactly 12 months ago', '2025-12-01', false],
    ['11 months ago', '2026-01-01', false],
    ['today', '2026-12-01', false],
  ])('warns about a reviewed date %s: %s', (_when, date, warns) => {
    const expected = `pack.yaml: reviewed: ${date} is more than 12 months ago; check the facts that change (certifications, salaries) and update it`;
    expect(findWarnings(reviewed(date), today)).toEqual(warns ? [expected] : []);
  });

  it('does not warn about a pack that gives no reviewed date', () => {
    expect(findWarnings(reviewed(undefined), today)).toEqual([]);
  });

  it('warns about a reviewed date after today', () => {
    expect(findWarnings(reviewed('2027-01-05'), today)).toEqual([
      'pack.yaml: reviewed: 2027-01-05 is after today (2026-12-01); give the day the facts were last checked',
    ]);
  });

  it('warns about a certification still retiring after its retires date', () => {
    expect(findWarnings(basePack(), new Date('2026-12-31T23:00:00Z'))).toEqual([]);
    expect(findWarnings(basePack(), new Date('2027-01-02T00:00:00Z'))).toEqual([
      'certifications.yaml: [0].status: is "retiring", but its retires date 2026-12-31 has passed; check the official page and mark it "retired"',
    ]);
  });

  const questions = (longest: number, total: number) =>
    Array.from({ length: total }, (_, i) => ({
      id: `q${i}`,
      prompt: 'Which?',
      choices: ['a short one', i < longest ? 'the right and longest one' : 'the right one', 'a middling choice', 'another choice'],
      answer: 1,
      explanation: 'Because.',
    }));
  const cards = (longest: number, total: number) =>
    Array.from({ length: total }, (_, i) => ({
      id: `c${i}`,
      topic: 't',
      kind: 'choice',
      question: 'Which?',
      choices: ['one', 'two', 'three', i < longest ? 'fourth and longest' : 'four'],
      answer: i < longest ? 'fourth and longest' : 'four',
      explanation: 'Because.',
    }));

  it.each([
    ['quizzes', 4, 10, false],
    ['quizzes', 5, 10, true],
    ['cards', 4, 10, false],
    ['cards', 5, 10, true],
    ['cards', 4, 4, false],
  ])('warns when the answer is the longest choice in over 40%% of %s (%i of %i: %s)', (file, longest, total, warns) => {
    const pack = basePack();
    if (file === 'quizzes') pack.lists.quizzes = [{ id: 'quiz', title: 'A quiz', questions: questions(longest, total) }];
    else pack.lists.cards = cards(longest, total);
    const warning = `${file}.yaml: the right answer is the longest choice in ${longest} of ${total} multiple-choice questions (${Math.round((100 * longest) / total)}%); learners can guess by length, so vary which choice is longest (at most 40%)`;
    expect(findWarnings(pack, today)).toEqual(warns ? [warning] : []);
  });

  it('counts a tie for the longest choice as the longest', () => {
    const pack = basePack();
    pack.lists.cards = cards(0, 5).map((card) => ({ ...card, choices: ['1', '2', '3', '4'], answer: '4' }));
    expect(findWarnings(pack, today)).toHaveLength(1);
  });

  it('reads a broken pack without throwing', () => {
    expect(
      findWarnings(
        { meta: 'nonsense', lists: { certifications: [null, 3], cards: [null, { choices: 3 }], quizzes: [{ questions: 'x' }] } },
        today,
      ),
    ).toEqual([]);
  });
});

describe('the example pack', () => {
  it('validates, with no warnings on the day it was reviewed', async () => {
    const data = await readPack(EXAMPLE);
    expect(data.problems).toEqual([]);
    expect(findWarnings(data, new Date('2026-12-01T09:00:00Z'))).toEqual([]);
  });

  it('has steps with topics and steps without, and its hours add up', async () => {
    const roadmap = await loadPack(EXAMPLE);
    expect(roadmap.formatVersion).toBe(2);
    const withTopics = roadmap.steps.filter((step) => step.topics !== undefined);
    expect(withTopics.length).toBeGreaterThan(0);
    expect(withTopics.length).toBeLessThan(roadmap.steps.length);
    for (const step of withTopics) {
      expect(step.effortHours, step.id).toBe((step.topics ?? []).reduce((sum, t) => sum + t.effortHours, 0));
    }
    expect(roadmap.steps.find((step) => step.id === 'python-and-math')?.effortHours).toBe(120);
  });
});
