import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, makeContext, runCli, shippedRoadmap } from '../helpers.js';

const shipped = await shippedRoadmap();
const EXAMPLE = fileURLToPath(new URL('../../examples/data-scientist', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mlroadmap-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the example pack with some files replaced. */
function brokenPack(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  cpSync(EXAMPLE, dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

async function validate(...args: string[]) {
  // A day after the packs' review date, so no warning says the date is in the future.
  return runCli(await makeContext({ now: () => new Date('2026-12-15T10:00:00Z') }), ['validate', ...args]);
}

describe('mlroadmap validate', () => {
  it.each([
    [
      'the example pack',
      EXAMPLE,
      /valid pack "data-scientist" \(Becoming a data scientist\): 3 sections, 5 steps, 5 topics, 3 skills, 3 FAQs, 1 quiz, 3 exercises$/,
    ],
    ['the shipped pack', CONTENT_DIR, new RegExp(`valid pack "ml-engineer" .*\\b${shipped.steps.length} steps`)],
  ])('accepts %s with a one-line summary, exit 0', async (_name, dir, summary) => {
    const { code, out, err } = await validate(dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.split('\n')).toHaveLength(1);
    expect(out).toMatch(summary);
  });

  it('lists every problem with its file and field, across files, and exits 1', async () => {
    const dir = brokenPack('fields', {
      'pack.yaml': 'formatVersion: 3\nid: Data Scientist\ntitle: ""\nwelcome: hi\n',
      'faqs.yaml': '- id: a\n  question: Why?\n  answer: ""\n- id: a\n  question: Again?\n  answer: Yes.\n',
    });
    const { code, out, err } = await validate(dir);
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      `${join(dir, 'pack.yaml')}:1:16: formatVersion: 3 means the pack is made for a newer mlroadmap (this version reads formats 1 and 2); update mlroadmap to use it`,
      `${join(dir, 'pack.yaml')}:2:5: id: must be a kebab-case id such as "linear-algebra"`,
      `${join(dir, 'pack.yaml')}:3:8: title: must be non-empty text`,
      `${join(dir, 'faqs.yaml')}:3:11: [0].answer: must be non-empty text`,
      `${join(dir, 'faqs.yaml')}:4:7: [1].id: "a" is used twice`,
    ]);
    expect(err).toBe(`mlroadmap: ${dir} is not a valid content pack: 5 problems (listed above)`);
  });

  it('still checks the other files when one is not valid YAML, without blaming them for it', async () => {
    const dir = brokenPack('yaml', {
      'skills.yaml': '- id: statistics\n  title: [unclosed\n',
      'faqs.yaml': '- id: need-a-degree\n  question: Do I?\n',
    });
    const { code, out } = await validate(dir);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `${join(dir, 'skills.yaml')}:3:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    );
    // A missing field is placed at the item that lacks it.
    expect(lines[1]).toBe(`${join(dir, 'faqs.yaml')}:1:3: [0].answer: must be non-empty text`);
    // roadmap.yaml's steps name skills from the broken skills.yaml: that is not reported as dangling.
    expect(out).not.toMatch(/is not the id of any item/);
  });

  it('reports a dangling reference with the file and field that hold it', async () => {
    const dir = brokenPack('refs', {
      'skills.yaml': '- id: statistics\n  title: Statistics\n  why: Because.\n  how: Practise.\n  steps: [python-and-math, no-such-step]\n',
    });
    const { code, out } = await validate(dir);
    expect(code).toBe(1);
    expect(out).toContain(`${join(dir, 'skills.yaml')}:5:28: [0].steps[1]: "no-such-step" is not the id of any item in roadmap.yaml`);
    expect(out).toContain(`${join(dir, 'roadmap.yaml')}:82:12: [1].skills[0]: "data-wrangling" is not the id of any item in skills.yaml`);
  });

  it('reports unknown keys with the line and column of the key and the key it likely meant', async () => {
    const roadmap = readFileSync(join(EXAMPLE, 'roadmap.yaml'), 'utf8');
    const dir = brokenPack('keys', {
      'roadmap.yaml': roadmap.replace('  resources:\n', '  resorces:\n').replace('  effortHours: 40\n', '  efortHours: 40\n'),
    });
    const { code, out } = await validate(dir);
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      `${join(dir, 'roadmap.yaml')}:9:3: [0].resorces: unknown key; did you mean resources?`,
      `${join(dir, 'roadmap.yaml')}:1:3: [0].resources: must be a list`,
      `${join(dir, 'roadmap.yaml')}:83:3: [1].efortHours: unknown key; did you mean effortHours?`,
      `${join(dir, 'roadmap.yaml')}:67:3: [1].effortHours: must be a positive number`,
    ]);
  });

  it('keeps a message that quotes an address whole', async () => {
    const dir = brokenPack('address', {
      'faqs.yaml': '- id: a\n  question: Why?\n  answer: See [https://example.com/a](https://example.com/b//c).\n',
    });
    const { out } = await validate(dir);
    expect(out).toBe(
      `${join(dir, 'faqs.yaml')}:3:11: [0].answer: the link text "https://example.com/a" is an address, but the link goes to "https://example.com/b//c"`,
    );
  });

  it('accepts a pack whose files start with a UTF-8 byte order mark', async () => {
    const dir = brokenPack('bom', {});
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.yaml'))) {
      writeFileSync(join(dir, file), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(dir, file))]));
    }
    const { code, out, err } = await validate(dir);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/valid pack "data-scientist"/);
  });

  it('gives warnings a line and column too', async () => {
    const { code, err } = await runCli(await makeContext({ now: () => new Date('2028-01-01T10:00:00Z') }), ['validate', EXAMPLE]);
    expect(code).toBe(0);
    expect(err).toBe(
      `warning: ${join(EXAMPLE, 'pack.yaml')}:7:11: reviewed: 2026-12-01 is more than 12 months ago; check the facts that change (certifications, salaries) and update it`,
    );
  });

  it('says when the folder does not exist or lacks the required files', async () => {
    const missing = await validate(join(work, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.out).toBe(`${join(work, 'nope')}: no such folder`);

    const empty = join(work, 'empty');
    cpSync(EXAMPLE, empty, { recursive: true, filter: (source) => !source.endsWith('.yaml') && !source.includes('exercises') });
    const { code, out } = await validate(empty);
    expect(code).toBe(1);
    expect(out.split('\n').map((line) => line.split(': ')[0])).toEqual(
      ['pack.yaml', 'sections.yaml', 'roadmap.yaml'].map((file) => join(empty, file)),
    );
  });

  it('prints the verdict as JSON with --json', async () => {
    const valid = await validate(EXAMPLE, '--json');
    expect(JSON.parse(valid.out)).toMatchObject({ valid: true, id: 'data-scientist', counts: { steps: 5, faqs: 3 }, problems: [] });
    const dir = brokenPack('json', { 'faqs.yaml': '- id: x\n' });
    const invalid = await validate(dir, '--json');
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.out)).toEqual({
      valid: false,
      id: null,
      title: null,
      formatVersion: null,
      counts: null,
      warnings: [],
      problems: [
        `${join(dir, 'faqs.yaml')}:1:3: [0].question: must be non-empty text`,
        `${join(dir, 'faqs.yaml')}:1:3: [0].answer: must be non-empty text`,
      ],
    });
  });
});
