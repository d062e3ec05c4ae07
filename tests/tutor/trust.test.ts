import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyProgress, notesOf, packProgress, setStatus } from '../../src/progress/model.js';
import { createFileStore } from '../../src/progress/store.js';
import { cells, cutAtWord, truncate } from '../../src/render/text.js';
import { shuffledOrder } from '../../src/tutor/quiz.js';
import { runTutor } from '../../src/tutor/tutor.js';
import { fitLine } from '../../src/tutor/view.js';
import type { TestContext } from '../helpers.js';
import { choose, escapeOut, openStepPage, press, printed, progressWith, screen, tutorContext, until } from './screen.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a half-typed note', () => {
  it.each([
    ['Keep it', 1],
    ['Discard it', 0],
  ])('Esc after typing asks whether to keep it: "%s" leaves %i notes', async (answer, kept) => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await openStepPage(1, ctx.roadmap.steps[0]?.title as string);
    await choose('Add a note');
    await until('Your note on step 1');
    screen.type('finished chapter 2');
    press('escape');
    expect(await until('Keep the note you were typing?')).toContain('finished chapter 2');
    await choose(answer);
    // Back in the step view, not out of the tutor.
    await until('Step 1 of');
    const notes = notesOf(packProgress(ctx.store.current, ctx.roadmap.id), ctx.roadmap.steps[0]?.id as string);
    expect(notes.map((note) => note.text)).toEqual(kept ? ['finished chapter 2'] : []);
    await escapeOut(tutor);
  });

  it('Esc with nothing typed goes back without asking', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await openStepPage(1, ctx.roadmap.steps[0]?.title as string);
    await choose('Add a note');
    await until('Your note on step 1');
    press('escape');
    await until('Step 1 of');
    expect(screen.getScreen()).not.toContain('Keep the note');
    await escapeOut(tutor);
    expect(ctx.stdout).not.toContain('Progress saved.');
  });
});

describe('every list has a way back', () => {
  it('Esc in the FAQ filter goes back to the menu, not out of the tutor', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('Frequently asked questions');
    await until('Type to filter the questions');
    screen.type('how');
    press('escape');
    expect(await until('What would you like to do?')).toMatch(/^❯ Frequently asked questions/m);
    await escapeOut(tutor);
  });

  it('the quiz picker offers "Back to the menu", and Esc goes back too', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('Quizzes');
    expect(await until('Which quiz?')).toContain('Back to the menu');
    await choose('Back to the menu');
    expect(await until('What would you like to do?')).toMatch(/^❯ Quizzes/m);
    await choose('Quizzes');
    await until('Which quiz?');
    press('escape');
    expect(await until('What would you like to do?')).toMatch(/^❯ Quizzes/m);
    await escapeOut(tutor);
  });

  it('after a low quiz score, the part of the guide it checks opens from the quiz', async () => {
    const ctx = await tutorContext();
    const quiz = ctx.roadmap.quizzes.find((candidate) => candidate.id === 'tools');
    const section = ctx.roadmap.sections.find((candidate) => candidate.id === 'tools');
    if (!quiz || !section) throw new Error('the shipped guide has no tools quiz or section');
    const tutor = runTutor(ctx);
    await choose('Quizzes');
    await choose(quiz.title);
    for (const [index, question] of quiz.questions.entries()) {
      await until(`Question ${index + 1} of`);
      // A wrong answer: the first choice that is not the right one (tests do not shuffle).
      const wrong = question.answer === 0 ? 1 : 0;
      press(...Array.from({ length: wrong }, () => 'down'), 'enter');
    }
    await until('What next?');
    expect(printed(ctx).replace(/\s+/g, ' ')).toContain(`Worth reading "${section.title}" again.`);
    await choose(`Read "${section.title}"`);
    await until('Done reading?');
    expect(printed(ctx)).toContain(section.title);
    await escapeOut(tutor);
  });
});

describe('what fits', () => {
  it('at 40 columns no line of the menu or the checklist is wider than 40 cells, and statuses stay whole', async () => {
    const ctx = await tutorContext({ width: 40, progress: await progressWith({ 1: 'skipped', 2: 'doing' }) });
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    for (const line of menu.split('\n')) expect(cells(line), line).toBeLessThanOrEqual(40);
    await choose('Roadmap checklist');
    const list = await until('Space ticks a step');
    for (const line of list.split('\n')) expect(cells(line), line).toBeLessThanOrEqual(40);
    expect(list).toMatch(/\(skipped\)$/m);
    expect(list).toMatch(/\(in progress\)$/m);
    await escapeOut(tutor);
  });

  it('counts width in terminal cells: a CJK title is cut to fit 50 columns, never mid-character', () => {
    const title = '機械学習エンジニアになるためのロードマップと学習計画の立て方について';
    expect(cells(title)).toBeGreaterThan(50);
    const cut = truncate(title, 50);
    expect(cells(cut)).toBeLessThanOrEqual(50);
    expect(cut.endsWith('…')).toBe(true);
    expect(cells(fitLine({ width: 50 } as TestContext, title))).toBeLessThanOrEqual(46);
  });

  it.each([
    ['Learn deep learning, transformers and LLMs', 30, 'Learn deep learning…'],
    ['AWS Certified Machine Learning – Specialty', 34, 'AWS Certified Machine Learning…'],
    ['Short enough', 20, 'Short enough'],
    ['Supercalifragilisticexpialidocious words', 12, 'Supercalifr…'],
  ])('cuts %j to %i cells after a whole word: %j', (text, width, cut) => {
    expect(cutAtWord(text, width)).toBe(cut);
    expect(cells(cutAtWord(text, width))).toBeLessThanOrEqual(width);
  });

  it('a window shorter than the menu (80x12) still shows the line under the cursor as it moves', async () => {
    const ctx = await tutorContext({ height: 12, progress: await progressWith({ 1: 'doing' }) });
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    // The whole prompt, question to key hints, in 12 rows.
    expect(menu.split('\n').length).toBeLessThanOrEqual(12);
    expect(menu).toMatch(/^❯ Continue/m);
    press('up');
    expect(await until(/^❯ Quit/m)).toContain('Quit');
    await escapeOut(tutor);
  });

  it('a step taller than a 24-row window shows its top first, the rest behind "More"', async () => {
    const ctx = await tutorContext({ height: 24, progress: await progressWith({ 1: 'doing' }) });
    const step = ctx.roadmap.steps[0];
    // Where each clean screen starts in what was printed.
    const pages: number[] = [];
    ctx.clear = () => {
      pages.push(ctx.stdout.length);
    };
    const tutor = runTutor(ctx);
    await openStepPage(1, step?.title as string);
    const first = await until(/Lines 1-\d+ of \d+/);
    expect(first).toContain('More');
    const page = ctx.stdout.slice(pages.at(-1)).join('\n').split('\n');
    // The page starts on a clean screen with the step's title, and stops short of the window's height.
    expect(page[0]).toContain(`1. ${step?.title}`);
    expect(page.length).toBeLessThanOrEqual(24 - 5);
    await choose('More');
    await escapeOut(tutor);
  });
});

describe('quiz answers', () => {
  it('come in a new order on each attempt (a Fisher-Yates shuffle)', () => {
    let calls = 0;
    const random = () => [0.1, 0.7, 0.3, 0.9, 0.5][calls++ % 5] as number;
    const orders = new Set(Array.from({ length: 6 }, () => shuffledOrder(4, random).join('')));
    expect(orders.size).toBeGreaterThan(1);
    for (const order of orders) expect([...order].sort().join('')).toBe('0123');
  });

  it('a shuffled answer is still marked right when the right one is chosen', async () => {
    const ctx = await tutorContext();
    ctx.random = () => 0;
    const quiz = ctx.roadmap.quizzes[0];
    const question = quiz?.questions[0];
    if (!quiz || !question) throw new Error('no quiz');
    const tutor = runTutor(ctx);
    await choose('Quizzes');
    await choose(quiz.title);
    await choose(question.choices[question.answer] as string);
    await until('Question 2 of');
    expect(printed(ctx)).toContain('✔ Right.');
    await escapeOut(tutor);
  });
});

describe('study tools in the tutor', () => {
  it('makes a study plan from My progress', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('My progress');
    await choose('Make a study plan');
    await until('How many hours a week');
    screen.type('12');
    press('enter');
    // Back at the question, with what was saved above it.
    await until('Where to now?');
    await choose('Back to the menu');
    await until('What would you like to do?');
    expect(packProgress(ctx.store.current, ctx.roadmap.id).plan).toMatchObject({ hoursPerWeek: 12 });
    expect(printed(ctx)).toMatch(/Plan saved: 12 hours a week/);
    await escapeOut(tutor);
  });

  it('restores a reset from its backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-restore-'));
    dirs.push(dir);
    const store = createFileStore(dir);
    const ctx = await tutorContext();
    const withStore = { ...ctx, store } as unknown as TestContext;
    const first = ctx.roadmap.steps[0]?.id as string;
    await store.update((progress) => setStatus(progress, ctx.roadmap.id, [first], 'done', new Date()));
    await store.reset(() => undefined);
    expect(store.read()).toEqual(emptyProgress());
    const tutor = runTutor(withStore);
    await choose('My progress');
    await choose('Restore my progress from a backup');
    await choose('Backup of');
    await until('Where to now?');
    expect(printed(withStore)).toContain('Restored your progress from Backup of');
    await choose('Back to the menu');
    await until('What would you like to do?');
    expect(packProgress(store.read(), ctx.roadmap.id).steps[first]?.status).toBe('done');
    await escapeOut(tutor);
    expect(withStore.stdout.at(-1)).toBe('Progress saved.');
  });
});
