import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack, readPack } from '../../src/content/load.js';
import { resolveTarget } from '../../src/content/lookup.js';
import { FIXTURE_DIR } from '../helpers.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The tiny fixture pack with two topics on its second step; `alpha` and `beta` get the extra lines given. */
function packWithTopics(alpha: string, beta = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-topics-'));
  made.push(dir);
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  const path = join(dir, 'roadmap.yaml');
  const text = readFileSync(path, 'utf8');
  const topic = (id: string, extra: string) =>
    `    - id: ${id}\n      title: T ${id}\n      why: W\n      done: [D]\n      resources: [{title: R, url: "https://example.com", type: docs}]\n      effortHours: 2\n      skills: []\n${extra}`;
  const second = text.indexOf('- id: second-step');
  const rest = text.slice(second).replace('  effortHours: 5\n', '');
  writeFileSync(path, `${text.slice(0, second)}${rest.trimEnd()}\n  topics:\n${topic('alpha', alpha)}${topic('beta', beta)}`);
  return dir;
}

describe('optional topics and former ids in the content format', () => {
  it('loads a topic that is optional and one that names former ids', async () => {
    const dir = packWithTopics('      optional: true\n', '      formerly: [old-beta, older-beta]\n');
    expect((await readPack(dir)).problems).toEqual([]);
    const roadmap = await loadPack(dir);
    const [alpha, beta] = roadmap.steps[1]?.topics ?? [];
    expect(alpha?.optional).toBe(true);
    expect(beta?.optional).toBeUndefined();
    expect(beta?.formerly).toEqual(['old-beta', 'older-beta']);
    // A former id still names its topic where the learner types one.
    const target = resolveTarget(roadmap, 'older-beta');
    expect(target.kind === 'topic' && target.topic.id).toBe('beta');
  });

  it.each([
    ['optional that is not true or false', '      optional: "yes"\n', '', '[1].topics[0].optional: must be true or false'],
    ['an empty formerly', '      formerly: []\n', '', '[1].topics[0].formerly: must be a list of at least one former topic id'],
    ['a former id that is not kebab-case', '      formerly: [Old_Id]\n', '', '[1].topics[0].formerly[0]: must be a kebab-case id'],
    ['a topic naming its own id', '      formerly: [alpha]\n', '', `[1].topics[0].formerly[0]: "alpha" is this topic's own id`],
    ['a former id that is a live topic', '      formerly: [beta]\n', '', '[1].topics[0].formerly[0]: "beta" is the id of a live topic'],
    ['a former id that is a step', '      formerly: [first-step]\n', '', '"first-step" is the id of a step'],
    [
      'one former id on two topics',
      '      formerly: [gone]\n',
      '      formerly: [gone]\n',
      '[1].topics[1].formerly[0]: "gone" is already a former id of alpha',
    ],
  ])('reports %s', async (_name, alpha, beta, message) => {
    const { problems } = await readPack(packWithTopics(alpha, beta));
    expect(problems).toEqual([expect.stringContaining(message)]);
    expect(problems[0]).toMatch(/^roadmap\.yaml:\d+:\d+: /);
  });

  it('refuses a card on a former id: cards move to the new topic', async () => {
    const dir = packWithTopics('      formerly: [gone]\n');
    writeFileSync(join(dir, 'cards.yaml'), '- {id: c, topic: gone, kind: concept, question: Q, answer: A, explanation: E}\n');
    expect((await readPack(dir)).problems).toEqual([expect.stringContaining('[0].topic: unknown topic "gone"')]);
  });
});
