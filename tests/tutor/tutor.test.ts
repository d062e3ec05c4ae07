import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the scripts, without types.
import { writeYearProgress } from '../../scripts/fixtures.mjs';
import { reportError } from '../../src/main.js';
import { isUnreadSection } from '../../src/progress/history.js';
import { emptyProgress, packProgress, setStatus, summarize } from '../../src/progress/model.js';
import { reviewStats } from '../../src/progress/review.js';
import { createFileStore, useVerifiedStamps } from '../../src/progress/store.js';
import { studyStats } from '../../src/progress/studylog.js';
import { menuCursor, type Part, runTutor } from '../../src/tutor/tutor.js';
import { requiredTopics, shippedRoadmap, type TestContext } from '../helpers.js';
import { cleanup, tempDir } from '../robustness/support.js';
import { choose, escapeOut, press, printed, progressWith, screen, tutorContext, until } from './screen.js';

const ALL_PARTS: Part[] = [
  'continue',
  'checklist',
  'progress',
  'search',
  'phases',
  'skills',
  'sections',
  'certs',
  'faqs',
  'quizzes',
  'assess',
  'quit',
];

describe('welcome', () => {
  it('on a first run says what the tutor covers and how to move, then quits from the menu', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    expect(menu).toContain(`❯ Continue: step 1 of ${ctx.roadmap.steps.length}, ${ctx.roadmap.steps[0]?.title}`);
    expect(menu).toContain('esc leave');
    expect(printed(ctx)).toContain(ctx.roadmap.title);
    expect(printed(ctx)).toMatch(/How to move around:.*Enter/s);
    expect(printed(ctx)).toMatch(/Esc goes\s+back/);
    await choose('Quit');
    await tutor;
    // Nothing was saved, so nothing is said about saving.
    expect(ctx.stdout).not.toContain('Progress saved.');
    expect(ctx.store.current).toEqual(emptyProgress());
  });

  it('on a later run says welcome back, with done/total, a bar and the step in progress', async () => {
    const ctx = await tutorContext({ progress: await progressWith({ 1: 'done', 2: 'doing' }) });
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    const total = ctx.roadmap.steps.length;
    expect(printed(ctx)).toContain('Welcome back');
    const topics = ctx.roadmap.steps.reduce((sum, step) => sum + requiredTopics(step).length, 0);
    expect(printed(ctx)).toContain(`${requiredTopics(ctx.roadmap.steps[0]).length}/${topics} topics done`);
    expect(printed(ctx)).toContain('█');
    // Wrapped to the width: compare the words.
    expect(printed(ctx).replace(/\s+/g, ' ')).toContain(`You are on step 2 of ${total}: ${ctx.roadmap.steps[1]?.title} (in progress).`);
    expect(printed(ctx)).not.toContain('How to move around');
    expect(menu).toContain(`❯ Continue: step 2 of ${total}`);
    await escapeOut(tutor);
  });

  it('on a year of use, says welcome back without parsing the study log or the cards', async () => {
    const dir = tempDir('tutor-year');
    const caches = tempDir('tutor-year-caches');
    try {
      useVerifiedStamps(caches);
      const ctx = await tutorContext();
      writeYearProgress(ctx.roadmap, {}, join(dir, 'progress.json'));
      // Saved once as this mlroadmap writes it (stamped), read once (its sections' places kept), and
      // its digests worked out once (kept), as a learner's file is after a day's use.
      const steps = [ctx.roadmap.steps[0]?.id as string];
      await createFileStore(dir).update((p) => setStatus(p, ctx.roadmap.id, steps, 'doing', new Date('2026-12-01T09:00:00Z')));
      const once = packProgress(createFileStore(dir).read(), ctx.roadmap.id);
      studyStats(once, new Date());
      reviewStats(ctx.roadmap, once, new Date());
      ctx.store = createFileStore(dir) as TestContext['store'];
      // A week after the year's last review (the test context's clock is set earlier).
      ctx.now = () => new Date('2026-12-07T10:00:00Z');
      const tutor = runTutor(ctx);
      const menuShown = await until('What would you like to do?');
      expect(printed(ctx)).toContain('Welcome back');
      expect(menuShown).toMatch(/Review \(\d+ waiting\)/);
      // The same version of the file, so the same progress the tutor read: its long sections unread.
      const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
      expect(isUnreadSection(pack, 'studyLog')).toBe(true);
      expect(isUnreadSection(pack, 'reviews')).toBe(true);
      await escapeOut(tutor);
    } finally {
      useVerifiedStamps(undefined);
      cleanup(dir, caches);
    }
  });

  it('on a narrow terminal, wraps the welcome back at spaces, no line wider than the terminal', async () => {
    const ctx = await tutorContext({ progress: await progressWith({ 1: 'done' }), width: 40 });
    const tutor = runTutor(ctx);
    await until('What would you like to do?');
    const welcome = printed(ctx).split('\n');
    expect(welcome[0]).toBe('Welcome back to Becoming a');
    expect(welcome[1]).toBe('machine-learning engineer!');
    for (const line of welcome) expect(line.length).toBeLessThanOrEqual(40);
    await escapeOut(tutor);
  });
});

describe('main menu', () => {
  it.each<[Part | undefined, boolean, Part]>([
    [undefined, false, 'continue'],
    ['continue', false, 'continue'],
    ['checklist', false, 'checklist'],
    ['checklist', true, 'continue'],
    ['phases', false, 'phases'],
    ['skills', false, 'skills'],
    ['quizzes', false, 'quizzes'],
    ['quizzes', true, 'continue'],
    ['assess', false, 'assess'],
    ['progress', false, 'progress'],
    ['search', false, 'search'],
  ])('after %s (progress changed: %s) puts the cursor on %s, never on a part not asked for', (last, changed, expected) => {
    expect(menuCursor(last, changed, ALL_PARTS)).toBe(expected);
  });

  it.each<[Part | undefined, boolean, Part[], Part]>([
    [undefined, false, ['checklist', 'phases', 'quit'], 'checklist'],
    ['checklist', true, ['checklist', 'phases', 'quit'], 'checklist'],
    ['faqs', false, ['continue', 'faqs', 'progress', 'quit'], 'faqs'],
    ['quizzes', false, ['checklist', 'faqs', 'assess', 'quit'], 'checklist'],
  ])('after %s (changed: %s), with only %j offered, puts the cursor on %s', (last, changed, offered, expected) => {
    expect(menuCursor(last, changed, offered)).toBe(expected);
  });

  it('offers no "continue" once every step is done, and starts on the checklist', async () => {
    const roadmap = await shippedRoadmap();
    const all = Object.fromEntries(roadmap.steps.map((_, index) => [index + 1, 'done' as const]));
    const ctx = await tutorContext({ progress: await progressWith(all) });
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    expect(menu).not.toContain('Continue');
    expect(menu).toContain(`❯ Roadmap checklist (${roadmap.steps.length}/${roadmap.steps.length} done)`);
    expect(printed(ctx)).toContain('Every step is done or skipped. Well done!');
    await escapeOut(tutor);
  });

  it('comes back after a part with the cursor on the part chosen, or on Continue after progress changed', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('My progress');
    await choose('Back to the menu');
    const menu = await until('What would you like to do?');
    expect(menu).toMatch(/^❯ My progress/m);
    // The bar counts topics.
    expect(printed(ctx)).toMatch(/ 0\/\d+ topics done \(0%\)/);
    expect(printed(ctx)).toContain(`Next: step 1, ${ctx.roadmap.steps[0]?.title}`);
    await choose('The 5 phases');
    await until('Phase 1 of 5');
    await choose('Menu');
    expect(await until('What would you like to do?')).toMatch(/^❯ The 5 phases/m);
    // Tick step 1 in the checklist, then Esc back: progress changed, so the cursor is on Continue (now step 2).
    await choose('Roadmap checklist');
    await until('Space ticks a step');
    press('space');
    await until('Ticked and saved');
    press('escape');
    expect(await until('What would you like to do?')).toMatch(/^❯ Continue: step 2/m);
    await escapeOut(tutor);
  });
});

describe('roadmap checklist', () => {
  it('ticks the done steps, and saves each tick and untick the moment it is made; Esc keeps them', async () => {
    const ctx = await tutorContext({ progress: await progressWith({ 1: 'done', 2: 'doing' }) });
    const tutor = runTutor(ctx);
    await choose('Roadmap checklist');
    const list = await until('Space ticks a step');
    expect(list).toContain(`[x] 1. ${ctx.roadmap.steps[0]?.title}`);
    expect(list).toContain(`[ ] 2. ${ctx.roadmap.steps[1]?.title} (in progress)`);
    expect(list).toContain('space tick');
    expect(list).toContain('esc back');
    // The cursor starts on the step to do next: the one in progress.
    expect(list).toMatch(/^❯ \[ \] 2\./m);
    const [first, second, third] = ctx.roadmap.steps.map((step) => step.id);
    // Untick step 1, tick step 3: each saved as it is made.
    press('up', 'space');
    await until('Unticked and saved');
    expect(ctx.store.current.packs[ctx.roadmap.id]?.steps[first as string]).toBeUndefined();
    press('down', 'down', 'space');
    await until('Ticked and saved');
    const pack = ctx.store.current.packs[ctx.roadmap.id];
    expect(pack?.steps[second as string]?.status).toBe('doing');
    expect(pack?.steps[third as string]?.status).toBe('done');
    press('escape');
    await until('What would you like to do?');
    expect(ctx.store.current.packs[ctx.roadmap.id]?.steps[third as string]?.status).toBe('done');
    await escapeOut(tutor);
    expect(ctx.stdout.at(-1)).toBe('Progress saved.');
  });

  it('does not tick every step when "a" is pressed', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('Roadmap checklist');
    await until('Space ticks a step');
    press('a');
    expect(screen.getScreen()).not.toContain('[x]');
    press('i');
    expect(screen.getScreen()).not.toContain('[x]');
    press('escape');
    await until('What would you like to do?');
    expect(ctx.store.current).toEqual(emptyProgress());
    await escapeOut(tutor);
  });
});

describe('step view', () => {
  it('shows a step in full and marks it done from the checklist', async () => {
    const ctx = await tutorContext({ progress: await progressWith({ 1: 'done' }) });
    const step = ctx.roadmap.steps[1];
    if (!step) throw new Error('the shipped roadmap has fewer than 2 steps');
    const tutor = runTutor(ctx);
    await choose('Roadmap checklist');
    await until('Space ticks a step');
    // Enter opens the step under the cursor, the next one to do: its topics, and from there its page.
    press('enter');
    await choose('Step 2 page');
    const actions = await until(`Step 2 of ${ctx.roadmap.steps.length}: ${step.title}`);
    expect(actions).toMatch(/^❯ Mark as done/m);
    expect(printed(ctx)).toContain('What "done" looks like');
    expect(printed(ctx)).toContain(step.resources[0]?.title);
    expect(printed(ctx)).toMatch(/^Status: \[ \] to do/m);
    press('enter');
    await until('Topics: Space ticks');
    expect(ctx.store.current.packs[ctx.roadmap.id]?.steps[step.id]?.status).toBe('done');
    expect(printed(ctx)).toContain(`Saved: "${step.title}" is now done.`);
    const topics = ctx.roadmap.steps.reduce((sum, one) => sum + requiredTopics(one).length, 0);
    const done = requiredTopics(ctx.roadmap.steps[0]).length + requiredTopics(step).length;
    expect(printed(ctx)).toContain(`${done}/${topics} topics done`);
    expect(
      printed(ctx)
        .split('\n')
        .filter((line) => line.length > 80),
    ).toEqual([]);
    await escapeOut(tutor);
  });

  it('"continue" opens the step in progress at its next topic, its page one key away; a done step can be marked not done', async () => {
    const ctx = await tutorContext({ progress: await progressWith({ 1: 'done', 4: 'doing' }) });
    const [first, , , fourth] = ctx.roadmap.steps;
    const tutor = runTutor(ctx);
    await choose('Continue: step 4');
    await until('Topic 4.1: what now?');
    expect(printed(ctx)).toContain(`4.1 ${fourth?.topics?.[0]?.title}`);
    await choose('All topics of step 4');
    await choose('Step 4 page');
    const actions = await until(`Step 4 of ${ctx.roadmap.steps.length}`);
    expect(actions).not.toContain('Mark as in progress');
    expect(printed(ctx)).toMatch(/^Status: \[~\] in progress/m);
    await choose('Mark as done');
    await until('Topics: Space ticks');
    press('escape');
    await until('Topic 4.1: what now?');
    press('escape');
    // The next step after the last done one (4) is 5.
    expect(await until('What would you like to do?')).toMatch(/^❯ Continue: step 5/m);
    expect(ctx.store.current.packs[ctx.roadmap.id]?.steps[fourth?.id as string]?.status).toBe('done');
    await choose('Roadmap checklist');
    await until('Space ticks a step');
    await choose(`1. ${first?.title}`);
    await choose('Step 1 page');
    const done = await until('Step 1 of');
    expect(done).toMatch(/^❯ Back/m);
    await choose('Mark as not done');
    await until('Topics: Space ticks');
    expect(ctx.store.current.packs[ctx.roadmap.id]?.steps[first?.id as string]).toBeUndefined();
    await escapeOut(tutor);
  });
});

describe('phases', () => {
  it('shows one phase a screen: next, back and menu', async () => {
    const ctx = await tutorContext();
    const [one, two] = ctx.roadmap.phases;
    const total = ctx.roadmap.phases.length;
    const tutor = runTutor(ctx);
    await choose('phases of an ML project');
    const first = await until(`Phase 1 of ${total}`);
    expect(first).not.toContain('Back:');
    expect(first).toMatch(/^❯ Next: phase 2/m);
    expect(printed(ctx)).toContain(`Phase 1 of ${total}: ${one?.title}`);
    press('enter');
    const second = await until(`Phase 2 of ${total}`);
    expect(second).toContain(`Back: phase 1, ${one?.title}`);
    expect(printed(ctx)).toContain(`Phase 2 of ${total}: ${two?.title}`);
    await choose('Back: phase 1');
    await until(`Phase 1 of ${total}`);
    for (let phase = 1; phase < total; phase++) {
      press('enter');
      await until(`Phase ${phase + 1} of ${total}`);
    }
    expect(screen.getScreen()).not.toContain('Next:');
    await choose('Menu');
    await until('What would you like to do?');
    await escapeOut(tutor);
  });
});

describe('FAQs', () => {
  it('filters the questions as you type, shows the answer, and goes back to the list', async () => {
    const ctx = await tutorContext();
    const howLong = ctx.roadmap.faqs.find((faq) => faq.id === 'how-long');
    const industries = ctx.roadmap.faqs.find((faq) => faq.id === 'industries');
    const tutor = runTutor(ctx);
    await choose('Frequently asked questions');
    const all = await until('Type to filter the questions');
    expect(all).toContain(industries?.question);
    screen.type('how long');
    const filtered = await until(/^❯ How long/m);
    expect(filtered).not.toContain(industries?.question);
    expect(filtered).toContain('Back to the menu');
    press('enter');
    await until('Done reading?');
    expect(printed(ctx)).toContain(howLong?.question);
    expect(printed(ctx)).toContain(howLong?.answer.trim().split(/\s+/).slice(0, 3).join(' '));
    press('enter');
    // Back on the list as it was left: the same words typed, the cursor on the question just read.
    const again = await until('Type to filter the questions');
    expect(again).toContain('how long');
    expect(again).toMatch(/^❯ How long/m);
    expect(again).not.toContain(industries?.question);
    await choose('Back to the menu');
    expect(await until('What would you like to do?')).toMatch(/^❯ Frequently asked questions/m);
    await escapeOut(tutor);
  });
});

describe('reading sections, skills and certifications', () => {
  it.each([80, 200])('reads the sections in order, every line fitting %i columns', async (width) => {
    const ctx = await tutorContext({ width });
    const [first, second] = ctx.roadmap.sections;
    const total = ctx.roadmap.sections.length;
    const tutor = runTutor(ctx);
    await choose('Read a section of the guide');
    expect(await until('Which part of the guide')).toMatch(new RegExp(`^❯ ${first?.title}`, 'm'));
    press('enter');
    await until(`Section 1 of ${total}`);
    expect(printed(ctx)).toContain(first?.title);
    press('enter');
    await until(`Section 2 of ${total}`);
    expect(printed(ctx)).toContain(second?.title);
    await choose('Back to the list of sections');
    // The list comes back on the section just read.
    expect(await until('Which part of the guide')).toMatch(/^❯ /m);
    expect(
      screen
        .getScreen()
        .split('\n')
        .find((line) => line.startsWith('❯')),
    ).toContain(second?.title);
    await escapeOut(tutor);
    const lines = stripVTControlCharacters(ctx.stdout.join('\n')).split('\n');
    expect(lines.filter((line) => line.length > width)).toEqual([]);
  });

  it('reads a skill and a certification, then goes back to the menu', async () => {
    const ctx = await tutorContext();
    const skill = ctx.roadmap.skills[0];
    const cert = ctx.roadmap.certifications[1];
    const tutor = runTutor(ctx);
    await choose('Skills an ML engineer needs');
    await until('Which skill');
    press('enter');
    await until(`Skill 1 of ${ctx.roadmap.skills.length}`);
    expect(printed(ctx)).toContain(skill?.title);
    expect(printed(ctx)).toContain('Why it matters');
    await choose('Menu');
    expect(await until('What would you like to do?')).toMatch(/^❯ Skills an ML engineer needs/m);
    await choose('Certifications');
    await choose(cert?.title as string);
    await until(`Certification 2 of ${ctx.roadmap.certifications.length}`);
    expect(printed(ctx)).toContain(`Issued by: ${cert?.issuer}`);
    await escapeOut(tutor);
    expect(ctx.stdout).not.toContain('Progress saved.');
  });
});

describe('quizzes', () => {
  it('takes a quiz from the menu, records it, and comes back to the menu', async () => {
    const ctx = await tutorContext();
    const quiz = ctx.roadmap.quizzes[0];
    if (!quiz) throw new Error('the shipped roadmap has no quiz');
    const tutor = runTutor(ctx);
    await choose('Quizzes');
    await until('Which quiz?');
    press('enter');
    for (let question = 1; question <= quiz.questions.length; question++) {
      await until(`Question ${question} of ${quiz.questions.length}`);
      press('enter');
    }
    await choose('Back to the menu');
    // A finished quiz is saved, so the cursor goes back to Continue.
    expect(await until('What would you like to do?')).toMatch(/^❯ Continue/m);
    expect(printed(ctx)).toMatch(new RegExp(`You scored \\d+/${quiz.questions.length}`));
    expect(ctx.store.current.packs[ctx.roadmap.id]?.quizzes?.[quiz.id]?.attempts).toHaveLength(1);
    await escapeOut(tutor);
  });
});

describe('leaving', () => {
  it('Escape goes back one level at a time (step view, checklist, menu), then leaves; what was saved stays saved', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('Roadmap checklist');
    await until('Space ticks a step');
    press('space');
    await until('Ticked and saved');
    press('down', 'enter');
    await choose('Step 2 page');
    await until('Mark as done');
    press('escape');
    await until('Topics: Space ticks');
    press('escape');
    await until('Space ticks a step');
    press('escape');
    await until('What would you like to do?');
    press('escape');
    await expect(tutor).resolves.toBeUndefined();
    expect(ctx.stdout.at(-1)).toBe('Progress saved.');
    expect(summarize(ctx.roadmap, ctx.store.current).done).toBe(1);
  });

  it('Ctrl+C leaves from anywhere with exit code 130, saying "Progress saved." only when something was saved', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await until('What would you like to do?');
    press({ name: 'c', ctrl: true });
    const error = await tutor.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    expect((error as Error).name).toBe('InterruptedError');
    const err: string[] = [];
    expect(reportError(error, (text) => err.push(text))).toBe(130);
    expect(err).toEqual([]);
    expect(ctx.stdout).not.toContain('Progress saved.');
  });

  it('Ctrl+C in the checklist keeps the ticks, says "Progress saved." and exits 130', async () => {
    const saved = await tutorContext();
    const second = runTutor(saved);
    await choose('Roadmap checklist');
    await until('Space ticks a step');
    press('space');
    await until('Ticked and saved');
    press({ name: 'c', ctrl: true });
    expect(((await second.catch((rejected: unknown) => rejected)) as Error).name).toBe('InterruptedError');
    expect(saved.stdout.at(-1)).toBe('Progress saved.');
    expect(summarize(saved.roadmap, saved.store.current).done).toBe(1);
  });
});
