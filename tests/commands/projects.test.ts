import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packProgress } from '../../src/progress/model.js';
import { projectStanding } from '../../src/progress/projects.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-projects-'));
  dirs.push(dir);
  return dir;
}
const first = roadmap.projects[0];
if (!first) throw new Error('the shipped roadmap has projects');

describe('the shipped project briefs', () => {
  const topics = new Set(roadmap.steps.flatMap((step) => (step.topics ?? []).map((topic) => topic.id)));
  const phases = roadmap.phases.map((phase) => phase.id);

  it('are at least 8, from a first project to portfolio pieces, each on a public dataset with an https page', () => {
    expect(roadmap.projects.length).toBeGreaterThanOrEqual(8);
    expect(new Set(roadmap.projects.map((project) => project.level))).toEqual(new Set(['first', 'intermediate', 'portfolio']));
    for (const project of roadmap.projects) {
      expect(project.dataset.url, project.id).toMatch(/^https:\/\/[^\s]+$/);
      expect(
        project.topics.every((id) => topics.has(id)),
        project.id,
      ).toBe(true);
      expect(project.effortHours, project.id).toBeGreaterThan(0);
      expect(project.stretch.length, project.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('take the five phases of the guide as milestones, in order, each with acceptance criteria', () => {
    for (const project of roadmap.projects) {
      expect(
        project.milestones.map((milestone) => milestone.phase),
        project.id,
      ).toEqual(phases);
      for (const milestone of project.milestones)
        expect(milestone.criteria.length, `${project.id} ${milestone.phase}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('cover what employers look for: an API, a recommender, transfer learning, text or LLMs, Spark, monitoring', () => {
    const text = roadmap.projects
      .map((project) => `${project.title} ${project.summary} ${project.goal} ${project.topics.join(' ')}`.toLowerCase())
      .join('\n');
    for (const word of ['api', 'recommend', 'transfer learning', 'llm', 'spark', 'monitor']) expect(text).toContain(word);
    expect(roadmap.projects.map((project) => project.dataset.url).join(' ')).toContain('grouplens.org');
  });

  it('are listed on the project step of the roadmap', async () => {
    const ctx = await makeContext();
    const step = roadmap.steps.findIndex((s) => s.id === 'projects-and-open-source') + 1;
    const { out } = await runCli(ctx, ['step', String(step)]);
    for (const project of roadmap.projects) expect(out).toContain(project.id);
  });
});

describe('mlroadmap projects and project', () => {
  it('lists the briefs with their status, in text and JSON, an item the same in the list and alone', async () => {
    const ctx = await makeContext();
    const list = await runCli(ctx, ['projects']);
    const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(list.out.split('\n')[0]).toMatch(
      new RegExp(`^1\\. ${first.id} +${escaped(first.title)} \\(${first.level}, about ${first.effortHours} h\\)$`),
    );
    const items = JSON.parse((await runCli(ctx, ['projects', '--json'])).out);
    expect(items).toHaveLength(roadmap.projects.length);
    const alone = JSON.parse((await runCli(ctx, ['project', first.id, '--json'])).out);
    expect(alone).toEqual(items[0]);
    expect(alone).toMatchObject({ number: 1, id: first.id, state: 'not-started', milestonesDone: 0, milestonesTotal: 5 });
    expect(alone.milestones[0]).toMatchObject({ number: 1, phase: 'data-collection-and-preprocessing', done: false, doneAt: null });
  });

  it('shows a brief with its goal, data, topics, milestones and stretch goals', async () => {
    const ctx = await makeContext();
    const { out } = await runCli(ctx, ['project', '1']);
    expect(out).toContain(`Project 1: ${first.title}`);
    expect(out).toContain(first.dataset.url);
    expect(out).toContain(`[ ] 1. ${first.milestones[0]?.title}`);
    expect(out).toContain('Stretch goals');
    expect(out).toContain(`Start it with: mlroadmap project start ${first.id} <new folder>`);
  });

  it('marks milestones done by number or phase name, and undoes them', async () => {
    const ctx = await makeContext();
    const done = await runCli(ctx, ['project', 'done', first.id, '1', 'training']);
    expect(done).toMatchObject({ code: 0, err: '' });
    expect(done.out).toBe(
      `Done: 1. ${first.milestones[0]?.title}; 2. ${first.milestones[1]?.title} (${first.title}).\n2 of 5 milestones done.`,
    );
    const pack = () => packProgress(ctx.store.current, ctx.roadmap.id);
    expect(projectStanding(pack(), first)).toMatchObject({ state: 'started', milestonesDone: 2 });
    await runCli(ctx, ['project', 'done', first.id, '3', '4', 'monitoring']);
    expect(projectStanding(pack(), first).state).toBe('done');
    expect((await runCli(ctx, ['projects'])).out.split('\n')[0]).toMatch(/: done$/);
    await runCli(ctx, ['project', 'undo', first.id, 'deployment']);
    expect(projectStanding(pack(), first)).toMatchObject({ state: 'started', milestonesDone: 4 });
    expect((await runCli(ctx, ['project', '1'])).out).toContain(`[x] 1. ${first.milestones[0]?.title}`);
  });

  it.each([
    [['project', 'nope'], 1, /unknown project "nope"/],
    [['project', 'done', first.id], 2, /name the milestones/],
    [['project', 'done', first.id, '6'], 2, /"6" is not a milestone/],
    [['project', 'done'], 2, /needs a project/],
    [['project', 'start', first.id], 2, /give the folder to make/],
    [['project', first.id, 'extra'], 2, /to show a project give only its id/],
  ])('refuses %j with one line', async (args, code, message) => {
    const ctx = await makeContext();
    const result = await runCli(ctx, args);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(packProgress(ctx.store.current, ctx.roadmap.id).projects).toBeUndefined();
  });
});

describe('mlroadmap project start', () => {
  it('makes a folder ready to push, writes nothing outside it, says what to do next, and marks the project started', async () => {
    const parent = folder();
    const dir = join(parent, 'house-prices');
    const ctx = await makeContext();
    const result = await runCli(ctx, ['project', 'start', first.id, dir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(readdirSync(parent)).toEqual(['house-prices']);
    expect(readdirSync(dir).sort()).toEqual([
      '.gitignore',
      'README.md',
      'data',
      'notebooks',
      'pyproject.toml',
      'requirements.txt',
      'src',
      'tests',
    ]);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const heading of ['## Problem', '## Data', '## Approach', '## Results', '## How to run', '## Milestones'])
      expect(readme).toContain(heading);
    for (const milestone of first.milestones)
      expect(readme).toContain(`- [ ] **${first.milestones.indexOf(milestone) + 1}. ${milestone.title}**`);
    expect(readme).toContain(first.dataset.url);
    const ignore = readFileSync(join(dir, '.gitignore'), 'utf8');
    for (const line of ['__pycache__/', '.venv/', '.env', 'data/*']) expect(ignore).toContain(line);
    expect(result.out).toContain('\n  git init\n  git add .\n  git commit -m');
    expect(result.out).toContain(`mlroadmap portfolio check ${dir}`);
    expect(projectStanding(packProgress(ctx.store.current, ctx.roadmap.id), first)).toMatchObject({ state: 'started', folder: dir });
  });

  it('refuses a folder that exists and is not empty, a link, or one whose parent is missing, writing nothing', async () => {
    const parent = folder();
    const full = join(parent, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    symlinkSync(parent, join(parent, 'link'));
    const ctx = await makeContext();
    for (const [dir, message] of [
      [full, /exists and is not empty/],
      [join(parent, 'link'), /is a link/],
      [join(parent, 'missing', 'deeper'), /does not exist; make it first/],
      [join(full, 'keep.txt'), /exists and is not a folder/],
      [join(parent, 'two\nlines'), /may not hold control characters/],
      [join(parent, 'esc\u001b[2J'), /may not hold control characters/],
    ] as const) {
      const result = await runCli(ctx, ['project', 'start', first.id, dir]);
      expect(result.code, dir).toBe(1);
      expect(result.err).toMatch(message);
    }
    expect(readdirSync(parent).sort()).toEqual(['full', 'link']);
    expect(readdirSync(full)).toEqual(['keep.txt']);
    expect(packProgress(ctx.store.current, ctx.roadmap.id).projects).toBeUndefined();
  });

  it.skipIf(process.platform !== 'linux')(
    'says in one line why a folder could not be made (a place where nobody may make one)',
    async () => {
      const ctx = await makeContext();
      const result = await runCli(ctx, ['project', 'start', first.id, '/sys/mlroadmap-project']);
      expect(result.code).toBe(1);
      expect(result.err).toBe('mlroadmap: could not make /sys/mlroadmap-project: permission denied');
      expect(packProgress(ctx.store.current, ctx.roadmap.id).projects).toBeUndefined();
    },
  );

  it('uses an empty folder that exists', async () => {
    const dir = folder();
    const ctx = await makeContext();
    expect((await runCli(ctx, ['project', 'start', '2', dir])).code).toBe(0);
    expect(readdirSync(dir)).toContain('README.md');
  });
});

describe('what project start says and writes', () => {
  /** The commands printed: the lines indented by two spaces. */
  const commandsOf = (out: string) =>
    out
      .split('\n')
      .filter((line) => line.startsWith('  ') && !line.startsWith('   '))
      .map((line) => line.slice(2));

  it.skipIf(spawnSync('git', ['--version']).status !== 0)(
    'prints git steps that, run as printed on a git with no configuration, push a main branch',
    async () => {
      const parent = folder();
      const dir = join(parent, 'house prices');
      const ctx = await makeContext();
      const result = await runCli(ctx, ['project', 'start', first.id, dir]);
      expect(result.code).toBe(0);
      const remote = join(parent, 'remote.git');
      execFileSync('git', ['init', '-q', '--bare', remote]);
      const home = join(parent, 'home');
      mkdirSync(home);
      // A learner's machine with git installed and nothing configured: no identity, no default branch name.
      const env = {
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_'))),
        HOME: home,
        XDG_CONFIG_HOME: home,
        GIT_CONFIG_NOSYSTEM: '1',
        EMAIL: '',
      };
      const script = commandsOf(result.out)
        .filter((command) => !command.startsWith('mlroadmap '))
        .map((command) => command.replace('<its URL>', `'${remote}'`))
        .join('\n');
      expect(script).toContain('git push -u origin main');
      const run = spawnSync('sh', ['-e', '-c', script], { cwd: parent, env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(execFileSync('git', ['-C', remote, 'log', '--format=%s', 'main'], { encoding: 'utf8' })).toBe(`Start ${first.id}\n`);
    },
  );

  it.each([80, 40])('prints each command whole on a line of its own at %i columns, however long the folder', async (width) => {
    const parent = folder();
    const dir = join(parent, 'a folder name long enough to pass the edge of the window', 'x'.repeat(30));
    mkdirSync(dir, { recursive: true });
    const ctx = await makeContext({ width });
    const result = await runCli(ctx, ['project', 'start', first.id, dir]);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    for (const command of [
      `cd '${dir}'`,
      'git init',
      'git add .',
      `git commit -m "Start ${first.id}"`,
      'git branch -M main',
      'git config --global user.name "Your Name"',
      'git remote add origin <its URL>',
      'git push -u origin main',
      `mlroadmap portfolio check '${dir}'`,
      `mlroadmap project done ${first.id} <1-5>`,
    ])
      expect(lines).toContain(`  ${command}`);
    // Prose wraps at words; only commands may pass the edge.
    for (const line of lines.filter((line) => !line.startsWith('  '))) expect(line.length, line).toBeLessThanOrEqual(width);
  });

  it('names every file it made, the count matching', async () => {
    const dir = join(folder(), 'p');
    const ctx = await makeContext();
    const json = JSON.parse((await runCli(ctx, ['project', 'start', first.id, dir, '--json'])).out);
    const ctx2 = await makeContext();
    const out = (await runCli(ctx2, ['project', 'start', first.id, join(folder(), 'q')])).out.replace(/\n/g, ' ');
    expect(json.files).toHaveLength(8);
    expect(out).toContain(`with ${json.files.length} files:`);
    for (const file of json.files) expect(out).toContain(file);
  });

  /** Libraries a milestone may name, and the package that provides each. */
  const NAMED: [RegExp, string[]][] = [
    [/\bFastAPI\b/, ['fastapi', 'uvicorn']],
    [/\bPydantic\b/, ['fastapi']],
    [/\bpytest\b/, ['pytest']],
    [/\bscikit-learn\b|\bcross-validation\b|\blogistic regression\b|\bTF-IDF\b/i, ['scikit-learn']],
    [/\bMLflow\b/, ['mlflow']],
    [/\bGradio\b/, ['gradio']],
    [/\bPyTorch\b/, ['torch']],
    [/\btorchvision\b/, ['torchvision']],
    [/\btimm\b/, ['timm']],
    [/\bHugging Face datasets\b/, ['datasets']],
    [/\bTrainer API\b/, ['transformers', 'accelerate']],
    [/\bHugging Face Hub\b/, ['huggingface-hub']],
    [/\bPySpark\b|\bSpark ML\b/, ['pyspark']],
    [/\bParquet\b/, ['pyarrow']],
    [/\bKaggle CLI\b/, ['kaggle']],
    [/\bEvidently\b/, ['evidently']],
    [/\bPrefect\b/, ['prefect']],
    [/\bFAISS\b/, ['faiss-cpu']],
    [/\bBM25\b/, ['rank-bm25']],
    [/\bembedding model\b/, ['sentence-transformers']],
    [/\bresampling\b/, ['imbalanced-learn']],
    [/\bnotebook\b/i, ['jupyter']],
    [/\bplots?\b|\bchart\b/i, ['matplotlib']],
  ];

  it.each(roadmap.projects.map((project) => [project.id, project] as const))(
    '%s: requirements.txt lists every library its milestones name',
    async (_id, project) => {
      const dir = join(folder(), 'p');
      const ctx = await makeContext();
      expect((await runCli(ctx, ['project', 'start', project.id, dir])).code).toBe(0);
      const listed = readFileSync(join(dir, 'requirements.txt'), 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'));
      const text = project.milestones.flatMap((milestone) => [milestone.title, ...milestone.criteria]).join(' ');
      for (const [named, packages] of NAMED)
        if (named.test(text)) expect(listed, `${project.id}: ${named}`).toEqual(expect.arrayContaining(packages));
      expect(listed).toContain('pytest');
    },
  );
});
