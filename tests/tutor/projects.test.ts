import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packProgress } from '../../src/progress/model.js';
import { projectStanding } from '../../src/progress/projects.js';
import { runTutor } from '../../src/tutor/tutor.js';
import { shippedRoadmap } from '../helpers.js';
import { choose, escapeOut, press, printed, screen, tutorContext, until } from './screen.js';

const roadmap = await shippedRoadmap();
const project = roadmap.projects[0];
if (!project) throw new Error('the roadmap has projects');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Deletes what the input line holds, as a learner would with Backspace. */
function clearLine(text: string): void {
  for (let i = 0; i < text.length; i++) press('backspace');
}

describe('starting a project in the tutor', () => {
  it('refuses a folder that is not empty under the question, and takes another at once, without showing the brief again', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'mlroadmap-tutor-start-'));
    dirs.push(parent);
    const full = join(parent, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const fresh = join(parent, 'houses');
    const ctx = await tutorContext({ height: 200 });
    const tutor = runTutor(ctx);
    await choose('Projects');
    await choose(`1. ${project.title.split(' ').slice(0, 3).join(' ')}`);
    await choose('Start it in a new folder');
    await until('Make it in which new folder?');
    const briefShown = printed(ctx).split(`Project 1: ${project.title}`).length - 1;
    const clears = ctx.clears;
    screen.type(full);
    press('enter');
    const refused = await until('exists and is not empty');
    expect(refused).toContain('Make it in which new folder?');
    expect(refused).toContain('Give another folder, or Esc to go back.');
    expect(readdirSync(full)).toEqual(['keep.txt']);
    clearLine(full);
    screen.type(fresh);
    press('enter');
    await until('Back to the project');
    expect(printed(ctx)).toContain(`Made ${fresh}`);
    expect(readdirSync(fresh)).toContain('README.md');
    expect(projectStanding(packProgress(ctx.store.current, roadmap.id), project)).toMatchObject({ state: 'started', folder: fresh });
    // Between the refusal and the start, the brief was not printed again, nor the screen cleared for it.
    expect(printed(ctx).split(`Project 1: ${project.title}`).length - 1).toBe(briefShown);
    expect(ctx.clears).toBe(clears + 1);
    await escapeOut(tutor);
  });

  it('refuses a folder whose parent is missing, and Esc goes back to the brief without starting', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'mlroadmap-tutor-start-'));
    dirs.push(parent);
    const ctx = await tutorContext({ height: 200 });
    const tutor = runTutor(ctx);
    await choose('Projects');
    await choose(`1. ${project.title.split(' ').slice(0, 3).join(' ')}`);
    await choose('Start it in a new folder');
    await until('Make it in which new folder?');
    screen.type(join(parent, 'missing', 'deeper'));
    press('enter');
    await until('does not exist; make it first');
    press('escape');
    await until('What now?');
    expect(projectStanding(packProgress(ctx.store.current, roadmap.id), project).state).toBe('not-started');
    expect(readdirSync(parent)).toEqual([]);
    await escapeOut(tutor);
  });

  it('prints the git steps with each command whole on its own line at 40 columns', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'mlroadmap-tutor-start-'));
    dirs.push(parent);
    const fresh = join(parent, 'a long folder name for a narrow window');
    const ctx = await tutorContext({ width: 40, height: 200 });
    const tutor = runTutor(ctx);
    await choose('Projects');
    await choose('1. ');
    await choose('Start it in a new folder');
    await until('Make it in which new folder?');
    screen.type(fresh);
    press('enter');
    await until('Back to the project');
    const lines = printed(ctx).split('\n');
    for (const command of [
      `cd '${fresh}'`,
      'git init',
      'git branch -M main',
      'git push -u origin main',
      `git commit -m "Start ${project.id}"`,
    ])
      expect(lines).toContain(`  ${command}`);
    await escapeOut(tutor);
  });
});
