import { describe, expect, it } from 'vitest';
import { notesOf, packProgress } from '../../src/progress/model.js';
import { cells } from '../../src/render/text.js';
import { runTutor } from '../../src/tutor/tutor.js';
import type { TestContext } from '../helpers.js';
import {
  choose,
  chooseBelow,
  escapeOut,
  openStepPage,
  press,
  printed,
  progressWith,
  screen,
  tutorContext,
  until,
  watchScreen,
} from './screen.js';

/** Text as a learner reads it across wrapped lines: one space between words, the list's cursor and indents gone. */
function flat(text: string): string {
  return text.replace(/[❯]/g, ' ').replace(/\s+/g, ' ');
}

/** The rows of a list prompt's choices: from the first with the cursor's column up to the first line that is not (the description). */
function listRows(shown: string): string[] {
  const lines = shown.split('\n');
  const first = lines.findIndex((line) => /^(❯| {2}\S| ─)/.test(line));
  const end = lines.findIndex((line, index) => index > first && !/^(❯| {2}| ─)/.test(line));
  return lines.slice(first, end === -1 ? undefined : end);
}

/** Waits until the screen is no longer `before` (a key was handled). */
async function changed(before: string): Promise<void> {
  for (let i = 0; i < 40 && screen.getScreen() === before; i++) await screen.next();
}

describe('the top of a page stays in view', () => {
  it('at 80x24 the first-run welcome shows its title above the first question', async () => {
    const ctx = await tutorContext({ width: 80, height: 24 });
    const shown = watchScreen(ctx);
    const tutor = runTutor(ctx);
    // Whatever the first question is (the menu, or a pager before it), the page's top is on screen with it.
    await until(/What would you like to do\?|Lines 1-|The whole page is above/);
    expect(shown.page()[0]).toContain(ctx.roadmap.title);
    expect(shown.rows()).toBeLessThanOrEqual(24);
    await escapeOut(tutor);
  });

  it('at 80x24 "My progress" shows its title above the question that ends it', async () => {
    const ctx = await tutorContext({ width: 80, height: 24, progress: await progressWith({ 1: 'done' }) });
    const shown = watchScreen(ctx);
    const tutor = runTutor(ctx);
    await choose('My progress');
    await until(/Where to now\?|Lines 1-|The whole page is above/);
    expect(shown.page()[0]).toContain(ctx.roadmap.title);
    expect(shown.rows()).toBeLessThanOrEqual(24);
    await escapeOut(tutor);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'at 200x50 (text fitted to 120 columns there) "Continue" to step %i shows its next topic\'s title above the question under it',
    async (number) => {
      const before = Object.fromEntries(Array.from({ length: number - 1 }, (_, i) => [i + 1, 'done' as const]));
      const ctx = await tutorContext({ width: 120, height: 50, progress: await progressWith(before) });
      const shown = watchScreen(ctx);
      const tutor = runTutor(ctx);
      await choose(`Continue: step ${number}`);
      await until(new RegExp(`Topic ${number}\\.1: what now\\?|Lines 1-|The whole page is above`));
      // Where the learner is, then the topic's title, at the top.
      expect(shown.page()[0]).toContain(`Step ${number} of 10`);
      expect(shown.page().slice(0, 6).join('\n')).toContain(`${number}.1 ${ctx.roadmap.steps[number - 1]?.topics?.[0]?.title}`);
      expect(shown.rows()).toBeLessThanOrEqual(50);
      await escapeOut(tutor);
    },
  );
});

describe('text is wrapped at words, not cut', () => {
  it('the step view asks about the step by its whole title at 40 columns', async () => {
    const ctx = await tutorContext({ width: 40, progress: await progressWith({ 1: 'done', 2: 'done' }) });
    const step = ctx.roadmap.steps[2];
    const tutor = runTutor(ctx);
    await choose('Continue: step 3');
    await choose('All topics of step 3');
    await choose('Step 3 page');
    const shown = await until('Step 3 of');
    expect(flat(shown)).toContain(`Step 3 of 10: ${step?.title}`);
    expect(shown).not.toContain('…');
    await escapeOut(tutor);
  });

  it.each([
    ['Frequently asked questions', 'Type to filter', (ctx: TestContext) => ctx.roadmap.faqs.map((f) => f.question)],
    ['Read a section', 'Which part of the guide', (ctx: TestContext) => ctx.roadmap.sections.map((s) => s.title)],
    ['Quizzes', 'Which quiz?', (ctx: TestContext) => ctx.roadmap.quizzes.map((q) => `${q.title} (${q.questions.length} questions)`)],
  ])('"%s" at 40 columns shows every item whole, no line wider than 40 cells', async (part, question, texts) => {
    const ctx = await tutorContext({ width: 40 });
    const tutor = runTutor(ctx);
    await choose(part);
    const shown = await until(question);
    for (const text of texts(ctx)) expect(flat(shown)).toContain(text);
    for (const line of shown.split('\n')) expect(cells(line), line).toBeLessThanOrEqual(40);
    await escapeOut(tutor);
  });

  it('a search result too long for its line is cut after a word and shown whole under the list', async () => {
    const ctx = await tutorContext({ width: 40, height: 24, progress: await progressWith({ 1: 'doing' }) });
    const tutor = runTutor(ctx);
    await choose('Search the guide');
    await until('Search the guide:');
    screen.type('transformers');
    const shown = await until(/^❯ (?!Back)/m);
    const active = shown.split('\n').find((line) => line.startsWith('❯')) ?? '';
    for (const line of shown.split('\n')) expect(cells(line), line).toBeLessThanOrEqual(40);
    if (active.endsWith('…')) {
      // The words kept are whole ones: the whole title, shown below, starts with them.
      const kept = active.replace(/^❯\s+\S+\s+/, '').replace(/…$/, '');
      expect(
        flat(
          shown
            .split('\n')
            .slice(shown.split('\n').indexOf(active) + 1)
            .join(' '),
        ),
      ).toContain(`${kept} `);
    }
    expect(shown).toMatch(/…$/m);
    await escapeOut(tutor);
  });
});

describe('lists at 40x20', () => {
  it('the checklist shows each step on one whole line, as many as fit, and never half a step', async () => {
    const ctx = await tutorContext({ width: 40, height: 20, progress: await progressWith({ 3: 'doing' }) });
    const tutor = runTutor(ctx);
    await choose('Roadmap checklist');
    // From the step to continue (3) down to the last, then back up to the first.
    const moves = [...Array.from({ length: 7 }, () => 'down'), ...Array.from({ length: 9 }, () => 'up')];
    for (const move of [...moves, undefined]) {
      const shown = await until('Space ticks a step');
      expect(shown.split('\n').length, shown).toBeLessThanOrEqual(20);
      const rows = listRows(shown);
      // Every row is a step with its box: no line of a step carried over from the one above.
      for (const row of rows) expect(row, shown).toMatch(/^(❯| ) \[[ x]\] \d+\./);
      expect(rows.length).toBeGreaterThanOrEqual(8);
      if (move) {
        press(move);
        await changed(shown);
      }
    }
    await escapeOut(tutor);
  });

  it('the main menu shows every choice on whole lines, the menu inside 20 rows', async () => {
    const ctx = await tutorContext({ width: 40, height: 20, progress: await progressWith({ 1: 'doing' }) });
    const tutor = runTutor(ctx);
    for (let i = 0; i < 14; i++) {
      const shown = await until('What would you like to do?');
      expect(shown.split('\n').length, shown).toBeLessThanOrEqual(20);
      for (const row of listRows(shown)) expect(row, shown).toMatch(/^(❯ \S| {2}\S| ─)/);
      press('down');
      await changed(shown);
    }
    await escapeOut(tutor);
  });
});

describe('the checklist after a tick', () => {
  it('no longer says "(in progress)" of a step ticked done', async () => {
    const ctx = await tutorContext({ width: 80, progress: await progressWith({ 1: 'done', 2: 'doing' }) });
    const tutor = runTutor(ctx);
    await choose('Roadmap checklist');
    expect(await until('Space ticks a step')).toMatch(/^❯ \[ \] 2\. .*\(in progress\)$/m);
    press('space');
    const shown = await until('Ticked and saved');
    const active = shown.split('\n').find((line) => line.startsWith('❯')) ?? '';
    expect(active).toContain('[x] 2.');
    expect(active).not.toContain('in progress');
    await escapeOut(tutor);
  });
});

describe('Esc goes back one level', () => {
  it('from the list of steps opened from "My progress", back to "Where to now?"', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('My progress');
    await choose('Open a step');
    await until('Open a step to read it');
    press('escape');
    expect(await until(/Where to now\?|What would you like to do\?/)).toContain('Where to now?');
    // The page is shown again above it.
    expect(printed(ctx).split(ctx.roadmap.title).length).toBeGreaterThan(2);
    await choose('Back to the menu');
    expect(await until('What would you like to do?')).toMatch(/^❯ My progress/m);
    await escapeOut(tutor);
  });

  it('"Back to the menu" in that list still goes to the menu', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('My progress');
    await choose('Open a step');
    await choose('Back to the menu');
    expect(await until(/Where to now\?|What would you like to do\?/)).toContain('What would you like to do?');
    await escapeOut(tutor);
  });
});

describe('Ctrl+C while typing a note', () => {
  it('keeps the note, says so, and still exits 130', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await openStepPage(1, ctx.roadmap.steps[0]?.title as string);
    await choose('Add a note');
    await until('Your note on step 1');
    screen.type('read chapter 3');
    await until('read chapter 3');
    press({ name: 'c', ctrl: true });
    const error = await tutor.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    expect((error as Error).name).toBe('InterruptedError');
    const notes = notesOf(packProgress(ctx.store.current, ctx.roadmap.id), ctx.roadmap.steps[0]?.id as string);
    expect(notes.map((note) => note.text)).toEqual(['read chapter 3']);
    expect(printed(ctx)).toContain('Kept the note you were typing on step 1: "read chapter 3"');
    expect(ctx.stdout.at(-1)).toBe('Progress saved.');
  });
});

describe('back on the list after reading', () => {
  it('the Skills list has its cursor on the skill just read', async () => {
    const ctx = await tutorContext();
    const second = ctx.roadmap.skills[1];
    if (!second) throw new Error('the shipped guide has fewer than two skills');
    const tutor = runTutor(ctx);
    await choose('Skills an ML engineer needs');
    await choose(second.title);
    await choose('Back to the list of skills');
    expect(await until('Which skill would you like')).toMatch(new RegExp(`^❯ ${second.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    await escapeOut(tutor);
  });

  it('the FAQ list has its cursor on the question just read', async () => {
    const ctx = await tutorContext();
    const third = ctx.roadmap.faqs[2];
    if (!third) throw new Error('the shipped guide has fewer than three FAQs');
    const tutor = runTutor(ctx);
    await choose('Frequently asked questions');
    await until('Type to filter');
    press('down', 'down');
    await until(new RegExp(`^❯ ${third.question.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    press('enter');
    await choose('Back to the questions');
    expect(await until('Type to filter')).toMatch(
      new RegExp(`^❯ ${third.question.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'),
    );
    await escapeOut(tutor);
  });
});

describe('a topic found by search', () => {
  it('opens the topic, then goes back to the search', async () => {
    const ctx = await tutorContext();
    const step = ctx.roadmap.steps.find((candidate) => (candidate.topics?.length ?? 0) > 0);
    const topic = step?.topics?.[0];
    if (!step || !topic) throw new Error('the shipped guide has no topics');
    const tutor = runTutor(ctx);
    await choose('Search the guide');
    await until('Search the guide:');
    screen.type(topic.title);
    await choose(`${ctx.roadmap.steps.indexOf(step) + 1}.1 ${topic.title}`);
    const shown = await until(`Topic ${ctx.roadmap.steps.indexOf(step) + 1}.1: what now?`);
    expect(shown).toContain('Back to the search');
    expect(printed(ctx)).toContain('What "done" looks like');
    expect(flat(printed(ctx))).toContain(topic.done[0]);
    await choose('Back to the search');
    await until('Search the guide:');
    await escapeOut(tutor);
  });
});

describe('"Rate my skills" left with Esc', () => {
  it('gives the advice for what was rated, then asks where to go', async () => {
    const ctx = await tutorContext();
    const [first, second] = ctx.roadmap.skills;
    const tutor = runTutor(ctx);
    await choose('Rate my skills');
    await until('Skill 1 of');
    await choose('1  ');
    await until('Skill 2 of');
    press('escape');
    expect(await until(/Where to now\?|What would you like to do\?/)).toContain('Where to now?');
    expect(printed(ctx)).toContain('Saved 1 rating.');
    expect(flat(printed(ctx))).toContain(`To build up ${first?.title} (you rated it 1/5)`);
    expect(printed(ctx)).not.toContain(`${second?.title} (you rated`);
    await escapeOut(tutor);
  });

  it('says nothing was rated when Esc comes first', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('Rate my skills');
    await until('Skill 1 of');
    press('escape');
    expect(await until(/Where to now\?|What would you like to do\?/)).toContain('Where to now?');
    expect(printed(ctx)).toContain('no rating changed');
    await escapeOut(tutor);
  });
});

describe('a short window (80x12)', () => {
  it("a quiz's explanation stays on screen until the learner goes on", async () => {
    const ctx = await tutorContext({ width: 80, height: 12, progress: await progressWith({ 1: 'doing' }) });
    const shown = watchScreen(ctx);
    const quiz = ctx.roadmap.quizzes[0];
    const question = quiz?.questions[0];
    if (!quiz || !question) throw new Error('no quiz');
    const tutor = runTutor(ctx);
    await chooseBelow('What would you like to do?', 'Quizzes');
    await choose(quiz.title);
    await until('Question 1 of');
    press('enter');
    const pause = await until('Next question');
    const words = question.explanation
      .replace(/\*\*|`/g, '')
      .trim()
      .split(/\s+/);
    // Its first and last words are printed, and with the prompt under them fit the window.
    expect(flat(printed(ctx))).toContain(words.slice(0, 4).join(' '));
    expect(flat(printed(ctx))).toContain(words.slice(-3).join(' '));
    expect(shown.rows()).toBeLessThanOrEqual(12);
    expect(pause).toContain('Next question');
    press('enter');
    // The next question starts on a clean screen.
    await until('Question 2 of');
    expect(shown.rows()).toBeLessThanOrEqual(12);
    await escapeOut(tutor);
  });

  it('search keeps the line being typed on screen', async () => {
    const ctx = await tutorContext({ width: 80, height: 12, progress: await progressWith({ 1: 'doing' }) });
    const tutor = runTutor(ctx);
    await choose('Search the guide');
    await until('Search the guide:');
    screen.type('learning');
    const shown = await until(/^❯ (?!Back)/m);
    expect(shown.split('\n')[0]).toContain('Search the guide: learning');
    expect(shown.split('\n').length).toBeLessThanOrEqual(12);
    await escapeOut(tutor);
  });
});
