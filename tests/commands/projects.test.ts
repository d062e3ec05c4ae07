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
    expect(result.out).toContain('git init && git add . && git commit -m');
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
    ] as const) {
      const result = await runCli(ctx, ['project', 'start', first.id, dir]);
      expect(result.code, dir).toBe(1);
      expect(result.err).toMatch(message);
    }
    expect(readdirSync(parent).sort()).toEqual(['full', 'link']);
    expect(readdirSync(full)).toEqual(['keep.txt']);
    expect(packProgress(ctx.store.current, ctx.roadmap.id).projects).toBeUndefined();
  });

  it('uses an empty folder that exists', async () => {
    const dir = folder();
    const ctx = await makeContext();
    expect((await runCli(ctx, ['project', 'start', '2', dir])).code).toBe(0);
    expect(readdirSync(dir)).toContain('README.md');
  });
});
