import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import colors from '@colors/colors/safe.js';
import chalk from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { phaseMarkdown, sectionMarkdown, skillMarkdown } from '../../src/render/pages.js';
import { makeContext, shippedRoadmap } from '../helpers.js';

// The bundle swaps modules marked-terminal imports for stand-ins (scripts/build.mjs) and may serve
// renders from a cache; what a learner reads must still be exactly what marked-terminal renders
// from the sources. The bundled renderer (dist/render.js, built by `npm run build`) runs in a
// child process, as the CLI would, with its colour set by FORCE_COLOR; the sources run here.

const RENDER = new URL('../../dist/render.js', import.meta.url);
const roadmap = await shippedRoadmap();
const ctx = await makeContext();

/** Every section, FAQ, phase and skill as the commands build it, and markdown the guide does not use yet. */
const pages: [string, string][] = [
  ...roadmap.sections.map((s): [string, string] => [`section ${s.id}`, sectionMarkdown(s)]),
  ...roadmap.faqs.map((f): [string, string] => [`faq ${f.id}`, `# ${f.question}\n\n${f.answer.trim()}`]),
  ...roadmap.phases.map((p, i): [string, string] => [`phase ${p.id}`, phaseMarkdown(p, i + 1, roadmap.phases.length)]),
  ...roadmap.skills.map((s): [string, string] => [`skill ${s.id}`, skillMarkdown(ctx.roadmap, s)]),
  ...roadmap.cards.map((c): [string, string] => [`card ${c.id}`, [c.question, c.answer, c.explanation].join('\n\n')]),
  [
    'a table, code and a quote',
    [
      '# Extras',
      '| Model | Loss |\n| :--- | ---: |\n| linear | **0.31** |\n| tree | `0.12` |',
      '```python\nimport numpy as np\nprint(np.zeros(3))\n```',
      '> A quote with code:\n>\n> ```js\n> const x = 1;\n> ```',
      '    indented code',
      'Text with [a link](https://example.com/a+b) and <https://example.com>, ~~struck~~ and *em*.',
      '1. one\n2. two\n   - nested **bold**\n\n---\n\nLast line.',
    ].join('\n\n'),
  ],
];

/** Renders every page with the bundled renderer in a fresh Node.js process. */
function renderBundled(width: number, color: boolean): string[] {
  const script = `
    const { renderMarkdown } = await import(${JSON.stringify(RENDER.href)});
    const { width, color, pages } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const out = [];
    for (const markdown of pages) out.push(await renderMarkdown(markdown, { width, color }));
    process.stdout.write(JSON.stringify(out));`;
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: color ? '3' : '0' };
  delete env.NO_COLOR;
  const stdout = execFileSync(process.execPath, ['--input-type=commonjs', '-e', `(async () => {${script}})()`], {
    env,
    input: JSON.stringify({ width, color, pages: pages.map(([, markdown]) => markdown) }),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(String(stdout)) as string[];
}

beforeAll(() => {
  if (!existsSync(RENDER)) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
}, 120_000);

describe.each([
  [80, true],
  [80, false],
  [120, true],
  [120, false],
])('the bundled renderer at %i columns, colour %s', (width, color) => {
  it('prints exactly what marked-terminal renders from the sources', async () => {
    const bundled = renderBundled(width, color);
    const before = chalk.level;
    chalk.level = color ? 3 : 0;
    try {
      for (const [index, [name, markdown]] of pages.entries()) {
        const expected = await renderMarkdown(markdown, { width, color });
        expect(bundled[index], name).toBe(expected);
      }
    } finally {
      chalk.level = before;
    }
  });
});

it('renders colour, highlighted code and a drawn table when colour is on (so the comparison above means something)', async () => {
  const [extras] = renderBundled(80, true).slice(-1);
  expect(extras).toMatch(/\u001b\[/);
  expect(extras).toContain('┌');
  expect(extras).toContain('linear');
  // highlight.ts colours Python's `import` (a keyword, blue) differently from the plain code colour (yellow).
  expect(extras).toContain('\u001b[34mimport\u001b[39m');
});

it('colours tables and code at the level main.ts decided, whatever cli-table3 sniffs from CI or TERM', async () => {
  // cli-table3's @colors/colors looks at the environment itself; here it is told "no colour" while
  // the page is rendered in colour.
  colors.disable();
  const before = chalk.level;
  chalk.level = 3;
  try {
    const page = await renderMarkdown('| Model |\n| --- |\n| tree |\n\n```python\nimport numpy\n```', { width: 80, color: true });
    // cli-table3 draws its borders in grey (SGR 90); highlight.ts colours Python's `import`.
    expect(page).toMatch(/\u001b\[90m┌/);
    expect(page).toContain('\u001b[34mimport\u001b[39m');
  } finally {
    chalk.level = before;
  }
});
