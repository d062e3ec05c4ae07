import { describe, expect, it } from 'vitest';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();

async function run(args: string[], overrides = {}) {
  const ctx = await makeContext(overrides);
  return runCli(ctx, args);
}

/** Parses JSON output and checks it is a list of objects with an id and a title. */
function idTitleList(out: string): { id: string; title: string }[] {
  const data = JSON.parse(out) as unknown;
  expect(Array.isArray(data)).toBe(true);
  for (const item of data as Record<string, unknown>[]) {
    expect(typeof item.id).toBe('string');
    expect(typeof item.title).toBe('string');
  }
  return data as { id: string; title: string }[];
}

describe('mlroadmap sections', () => {
  it('lists every section, one a line, id then title', async () => {
    const { code, out, err } = await run(['sections']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.split('\n');
    expect(lines).toHaveLength(roadmap.sections.length);
    expect(lines[0]).toMatch(/^overview +What ML engineers do/);
    expect(lines.at(-1)).toMatch(/^summary +Summary$/);
  });

  it('prints JSON with id, title and summary', async () => {
    const list = idTitleList((await run(['sections', '--json'])).out);
    expect(list.map((s) => s.id)).toEqual(roadmap.sections.map((s) => s.id));
    expect(list[0]).toHaveProperty('summary');
  });
});

describe('mlroadmap read', () => {
  it.each([['salary'], ['sal'], ['7'], ['SALARY']])('reads the salary section given %j', async (input) => {
    const { code, out } = await run(['read', input]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Salary');
    expect(out).toContain('$80,000 to more than $150,000');
  });

  it('renders a section with items as a list with their examples', async () => {
    const { out } = await run(['read', 'algorithms']);
    expect(out).toMatch(/\* Supervised learning: /);
    expect(out).toContain('Linear regression');
    expect(out).not.toContain('**');
  });

  it('prints the whole section as JSON', async () => {
    const data = JSON.parse((await run(['read', 'tools', '--json'])).out);
    expect(data.id).toBe('tools');
    expect(data.items.length).toBeGreaterThan(0);
  });

  it('wraps at the width it is given', async () => {
    const { out } = await run(['read', 'tools'], { width: 50 });
    expect(Math.max(...out.split('\n').map((line) => line.length))).toBeLessThanOrEqual(50);
  });
});

describe('mlroadmap skills', () => {
  it('lists the four skills, numbered', async () => {
    const { out } = await run(['skills']);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^1\. python-and-r +Python and R programming$/),
      expect.stringMatching(/^2\. algorithms-and-statistics +/),
      expect.stringMatching(/^3\. big-data-spark +Big data with Apache Spark$/),
      expect.stringMatching(/^4\. problem-solving +Problem solving$/),
    ]);
  });

  it('shows one skill: why, how, and the numbered steps that build it', async () => {
    const { code, out } = await run(['skills', 'big']);
    expect(code).toBe(0);
    expect(out).toContain('Big data with Apache Spark');
    expect(out).toContain('Why it matters');
    expect(out).toContain('How to build it');
    const skill = roadmap.skills.find((s) => s.id === 'big-data-spark');
    for (const id of skill?.steps ?? []) {
      const number = roadmap.steps.findIndex((step) => step.id === id) + 1;
      expect(out.replace(/\s+/g, ' ')).toMatch(new RegExp(`Step ${number}: [^*]*\\(${id}\\)`));
    }
  });

  it('prints JSON lists of skills with id and title', async () => {
    expect(idTitleList((await run(['skills', '--json'])).out)).toHaveLength(4);
    expect(JSON.parse((await run(['skills', '1', '--json'])).out).id).toBe('python-and-r');
  });
});

describe('mlroadmap phases', () => {
  it('lists the five phases in order with their summaries', async () => {
    const lines = (await run(['phases'])).out.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^1\. +Data collection and preprocessing: /);
    expect(lines[4]).toMatch(/^5\. +Continuous monitoring and improvement: /);
  });

  it.each([
    ['1', 'Phase 1 of 5: Data collection and preprocessing'],
    ['4', 'Phase 4 of 5: Deployment'],
    ['model-ev', 'Phase 3 of 5: Model evaluation'],
  ])('shows phase %j in full', async (input, heading) => {
    const { code, out } = await run(['phases', input]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(heading);
    expect(out.split('\n').length).toBeGreaterThan(2);
  });

  it('prints JSON with number, id and title', async () => {
    const list = idTitleList((await run(['phases', '--json'])).out) as unknown as { number: number }[];
    expect(list.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.parse((await run(['phases', '2', '--json'])).out)).toMatchObject({ number: 2, id: 'model-selection-and-training' });
  });
});

describe('mlroadmap certs', () => {
  it('lists every certification with its issuer, and says which are no longer current', async () => {
    const lines = (await run(['certs'])).out.split('\n');
    const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(lines).toEqual(
      roadmap.certifications.map((c) =>
        expect.stringMatching(new RegExp(`${escaped(c.title)} \\(${escaped(c.issuer)}\\)${c.status === 'active' ? '' : `: ${c.status}`}$`)),
      ),
    );
    // Current ones first: what a learner can take leads the list.
    expect(lines[0]).toMatch(/^1\. aws-ml-engineer-associate /);
    expect(lines.slice(-3)).toEqual([
      expect.stringMatching(/Google TensorFlow Developer Certificate \(Google\): retired$/),
      expect.stringMatching(/AWS Certified Machine Learning . Specialty \(Amazon Web Services\): retired$/),
      expect.stringMatching(/Microsoft Certified: Azure AI Engineer Associate \(Microsoft\): retired$/),
    ]);
  });

  it('shows one certification with its issuer and official page', async () => {
    const { out } = await run(['certs', 'aws-ml-spec']);
    expect(out).toContain('Issued by: Amazon Web Services');
    expect(out).toContain('https://aws.amazon.com/certification/');
  });

  it('prints JSON with id, title and issuer', async () => {
    const list = idTitleList((await run(['certs', '--json'])).out) as unknown as { issuer: string }[];
    expect(list.map((c) => c.issuer)).toEqual(roadmap.certifications.map((c) => c.issuer));
    expect(list.map((c) => c.issuer).slice(-3)).toEqual(['Google', 'Amazon Web Services', 'Microsoft']);
  });
});

describe('list commands on a terminal', () => {
  it.each([['sections'], ['skills'], ['phases'], ['certs'], ['faq']])(
    '%s shows a heading and a hint, and fits 40 columns',
    async (command) => {
      const { out } = await run([command], { tty: true, width: 40 });
      const lines = out.split('\n');
      expect(lines[1]).toBe('');
      expect(out.replace(/\s+/g, ' ')).toMatch(
        new RegExp(
          `Read (one|an answer) with: mlroadmap (${command} <number( or id)?>|read <section>)(\\. Statuses as checked on \\d{4}-\\d{2}-\\d{2})?$`,
        ),
      );
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(40);
    },
  );
});

describe('mlroadmap log (the list)', () => {
  it('shows each session on one row, a note of several lines joined', async () => {
    const ctx = await makeContext();
    expect((await runCli(ctx, ['log', '30m', '1.1', 'line one\nline two'])).code).toBe(0);
    expect((await runCli(ctx, ['log', '20m', 'another'])).code).toBe(0);
    const { out } = await runCli(ctx, ['log']);
    const rows = out.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^1 +\d{4}-\d{2}-\d{2} +30 min +1\.1 .*: line one line two$/);
    expect(rows[1]).toMatch(/^2 .*20 min +another$/);
  });
});
