import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
      /valid pack "data-scientist" \(Becoming a data scientist\): 3 sections, 5 steps, 5 topics, 3 skills, 3 FAQs, 1 quiz$/,
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
      `${join(dir, 'pack.yaml')}: formatVersion: 3 means the pack is made for a newer mlroadmap (this version reads formats 1 and 2); update mlroadmap to use it`,
      `${join(dir, 'pack.yaml')}: id: must be a kebab-case id such as "linear-algebra"`,
      `${join(dir, 'pack.yaml')}: title: must be non-empty text`,
      `${join(dir, 'faqs.yaml')}: [0].answer: must be non-empty text`,
      `${join(dir, 'faqs.yaml')}: [1].id: "a" is used twice`,
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
    expect(lines[0]).toMatch(new RegExp(`^${join(dir, 'skills.yaml')}: not valid YAML`));
    expect(lines[1]).toBe(`${join(dir, 'faqs.yaml')}: [0].answer: must be non-empty text`);
    // roadmap.yaml's steps name skills from the broken skills.yaml: that is not reported as dangling.
    expect(out).not.toMatch(/is not the id of any item/);
  });

  it('reports a dangling reference with the file and field that hold it', async () => {
    const dir = brokenPack('refs', {
      'skills.yaml': '- id: statistics\n  title: Statistics\n  why: Because.\n  how: Practise.\n  steps: [python-and-math, no-such-step]\n',
    });
    const { code, out } = await validate(dir);
    expect(code).toBe(1);
    expect(out).toContain(`${join(dir, 'skills.yaml')}: [0].steps: "no-such-step" is not the id of any item in roadmap.yaml`);
    expect(out).toContain(`${join(dir, 'roadmap.yaml')}: [1].skills: "data-wrangling" is not the id of any item in skills.yaml`);
  });

  it('says when the folder does not exist or lacks the required files', async () => {
    const missing = await validate(join(work, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.out).toBe(`${join(work, 'nope')}: no such folder`);

    const empty = join(work, 'empty');
    cpSync(EXAMPLE, empty, { recursive: true, filter: (source) => !source.endsWith('.yaml') });
    const { code, out } = await validate(empty);
    expect(code).toBe(1);
    expect(out.split('\n').map((line) => line.split(': ')[0])).toEqual(
      ['pack.yaml', 'sections.yaml', 'roadmap.yaml'].map((file) => join(empty, file)),
    );
  });

  it('prints the verdict as JSON with --json', async () => {
    const valid = await validate(EXAMPLE, '--json');
    expect(JSON.parse(valid.out)).toMatchObject({ valid: true, id: 'data-scientist', counts: { steps: 5, faqs: 3 } });
    const dir = brokenPack('json', { 'faqs.yaml': '- id: x\n' });
    const invalid = await validate(dir, '--json');
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.out)).toEqual({
      valid: false,
      problems: [
        `${join(dir, 'faqs.yaml')}: [0].question: must be non-empty text`,
        `${join(dir, 'faqs.yaml')}: [0].answer: must be non-empty text`,
      ],
    });
  });
});
