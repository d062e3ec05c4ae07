import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote, emptyProgress, type Progress, packProgress, setTopicStatus } from '../../src/progress/model.js';
import { projectStanding } from '../../src/progress/projects.js';
import { reviewsOf, setNewCardsPerDay } from '../../src/progress/review.js';
import { addSession, sessionsOf } from '../../src/progress/studylog.js';
import { runTutor } from '../../src/tutor/tutor.js';
import { shippedRoadmap } from '../helpers.js';
import { choose, escapeOut, press, printed, screen, tutorContext, until } from './screen.js';

const roadmap = await shippedRoadmap();
const step = roadmap.steps[0];
const topic = step?.topics?.[0];
if (!step || !topic) throw new Error('step 1 has topics');
const project = roadmap.projects[0];
if (!project) throw new Error('the roadmap has projects');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Topic 1.1 started yesterday, two new cards a day, a note so the welcome is "welcome back". */
function learner(): Progress {
  let progress = setTopicStatus(emptyProgress(), roadmap, step as never, [topic?.id as string], 'doing', new Date('2026-01-14T09:00:00Z'));
  progress = setNewCardsPerDay(progress, roadmap.id, 2);
  progress = addSession(progress, roadmap.id, { date: '2026-01-14', minutes: 60 }, new Date('2026-01-14T20:00:00Z'));
  return addNote(progress, roadmap.id, step?.id as string, 'started', new Date('2026-01-14T09:00:00Z'));
}

describe('the learning loop in the tutor', () => {
  it('greets with the week, the streak and the cards to review, and offers "Review (N waiting)"', async () => {
    const ctx = await tutorContext({ progress: learner() });
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    const said = printed(ctx).replace(/\s+/g, ' ');
    expect(said).toContain(`Today: review 2 cards ("Review"), then go on with 1.1 ${topic.title} ("Continue").`);
    expect(said).toContain('This week: 1 h logged, a 1-day streak.');
    expect(menu).toContain('Review (2 waiting)');
    await escapeOut(tutor);
  });

  it('runs a review from the menu, saves each grade, then logs study time from "Where to now?"', async () => {
    const ctx = await tutorContext({ progress: learner(), height: 60 });
    const tutor = runTutor(ctx);
    await choose('Review (2 waiting)');
    await until(/show the answer|Your answer/);
    press('escape');
    await until('Where to now?');
    expect(printed(ctx)).toContain('Reviewed 0 cards. Every grade is saved.');
    await choose('Log study time');
    await until('How long did you study today?');
    screen.type('90');
    press('enter');
    expect(await until('has no unit')).toContain('How long did you study today?');
    // Clear the line and type a duration readline accepts.
    for (let i = 0; i < 2; i++) press('backspace');
    screen.type('45m');
    press('enter');
    await until('A few words on what you did');
    screen.type('spaced review');
    press('enter');
    await until('What would you like to do?');
    expect(printed(ctx)).toContain('Logged 45 min.');
    expect(sessionsOf(packProgress(ctx.store.current, roadmap.id)).at(-1)).toMatchObject({
      minutes: 45,
      note: 'spaced review',
      date: '2026-01-15',
    });
    expect(Object.keys(reviewsOf(packProgress(ctx.store.current, roadmap.id)))).toEqual([]);
    await escapeOut(tutor);
  });

  it('Ctrl+C at the note logs the time already given, says so, and still exits 130', async () => {
    const ctx = await tutorContext({ height: 60 });
    const tutor = runTutor(ctx);
    await choose('Continue: step 1');
    await choose('Log time studied on this topic');
    await until('How long did you study');
    screen.type('45m');
    press('enter');
    await until('A few words on what you did');
    press({ name: 'c', ctrl: true });
    await expect(tutor).rejects.toMatchObject({ name: 'InterruptedError' });
    expect(sessionsOf(packProgress(ctx.store.current, roadmap.id)).at(-1)).toMatchObject({ minutes: 45 });
    expect(printed(ctx)).toMatch(/Logged 45 min on 1\.1 .* \(without a note\)\./);
    expect(ctx.stdout.at(-1)).toBe('Progress saved.');
  });

  it('logs time on a topic from its page', async () => {
    const ctx = await tutorContext({ progress: learner(), height: 60 });
    const tutor = runTutor(ctx);
    await choose('Search the guide');
    await until('Search');
    screen.type(topic.title.split(' ')[0] as string);
    await choose(topic.title);
    await choose('Log time studied on this topic');
    await until(`How long did you study 1.1 ${topic.title} today?`);
    screen.type('1h30m');
    press('enter');
    await until('A few words');
    press('enter');
    // The topic's question again, under what was logged.
    await until('Topic 1.1: what now?');
    expect(printed(ctx)).toContain(`Logged 1 h 30 min on 1.1 ${topic.title}.`);
    expect(sessionsOf(packProgress(ctx.store.current, roadmap.id)).at(-1)).toMatchObject({ minutes: 90, topic: topic.id });
    expect(sessionsOf(packProgress(ctx.store.current, roadmap.id)).at(-1)).not.toHaveProperty('note');
    await escapeOut(tutor);
  });
});

describe('Projects in the tutor', () => {
  it('opens a brief, ticks a milestone with Space (saved at once), starts it in a new folder, and checks that folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'mlroadmap-tutor-project-'));
    dirs.push(parent);
    const folder = join(parent, 'houses');
    const ctx = await tutorContext({ height: 200 });
    const tutor = runTutor(ctx);
    await choose('Projects');
    await choose(`1. ${project.title.split(' ').slice(0, 3).join(' ')}`);
    await until('What now?');
    expect(printed(ctx)).toContain(`Project 1: ${project.title}`);
    await choose('Tick the milestones I have done');
    await until('Milestones: Space ticks one');
    press('space');
    await until('Ticked and saved.');
    expect(projectStanding(packProgress(ctx.store.current, roadmap.id), project)).toMatchObject({ milestonesDone: 1 });
    press('enter');
    await until('1 of 5 milestones done. What now?');
    await choose('Start it in a new folder');
    await until('Make it in which new folder?');
    // What is typed replaces the suggested folder.
    screen.type(folder);
    press('enter');
    await until('Back to the project');
    expect(printed(ctx)).toContain(`Made ${folder}`);
    expect(readdirSync(folder)).toContain('README.md');
    press('enter');
    await choose('Check my folder as a reviewer would');
    await until('Done reading?');
    expect(printed(ctx)).toMatch(/things a reviewer would miss in/);
    expect(printed(ctx)).toContain('The folder is not a git repository');
    expect(existsSync(join(folder, '.git'))).toBe(false);
    await escapeOut(tutor);
  });
});
