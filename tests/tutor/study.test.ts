import { describe, expect, it } from 'vitest';
import { addAssessment } from '../../src/progress/assess.js';
import { addNote, emptyProgress, type Progress, type Status } from '../../src/progress/model.js';
import { setPlan } from '../../src/progress/plan.js';
import { stepActions } from '../../src/tutor/steps.js';
import { runTutor } from '../../src/tutor/tutor.js';
import { fittedQuestion } from '../../src/tutor/view.js';
import { shippedRoadmap } from '../helpers.js';
import { choose, escapeOut, press, printed, progressWith, screen, tutorContext, until } from './screen.js';

const WRITTEN = '2026-01-10T09:00:00Z';

/** Progress with the given skills (by id) rated, on top of `progress`. */
async function rated(ratings: Record<string, number>, progress: Progress = emptyProgress()): Promise<Progress> {
  const roadmap = await shippedRoadmap();
  let result = progress;
  for (const [skill, rating] of Object.entries(ratings)) {
    result = addAssessment(result, roadmap.id, skill, rating, new Date(WRITTEN));
  }
  return result;
}

/** The choices of the list on screen, one a line, without the cursor. */
function listed(shown: string): string[] {
  return shown
    .split('\n')
    .filter((line) => /^(❯| {2}\S)/.test(line))
    .map((line) => line.slice(2));
}

describe('step view: statuses', () => {
  it.each<[Status, number, string[]]>([
    ['todo', 0, ['done', 'doing', 'skipped', 'note', 'back']],
    ['doing', 1, ['done', 'skipped', 'todo', 'note', 'delete-note', 'back']],
    ['done', 0, ['back', 'todo', 'doing', 'skipped', 'note']],
    ['skipped', 2, ['back', 'todo', 'doing', 'done', 'note', 'delete-note']],
  ])('a step %s with %i notes offers %j', (status, notes, expected) => {
    expect(stepActions(status, notes)).toEqual(expected);
  });

  it('skips a step from the step view: saved at once, shown as skipped in the checklist and the list of steps', async () => {
    const ctx = await tutorContext();
    const [first, second] = ctx.roadmap.steps;
    const tutor = runTutor(ctx);
    await choose('Continue: step 1');
    // Continue opens the next topic; the step's own page is two keys away, through its topics.
    await choose('All topics of step 1');
    await choose('Step 1 page');
    const actions = await until(`Step 1 of ${ctx.roadmap.steps.length}`);
    expect(listed(actions)).toEqual([
      'Mark as done',
      "Mark as in progress (I'm working on it)",
      'Skip this step (mark as skipped)',
      'Add a note',
      'Back',
    ]);
    // The tutor offers these itself: no hint naming the plain commands.
    expect(printed(ctx)).not.toContain('mlroadmap mark');
    // Each resource with its type (course, docs, book, ...) before its title.
    for (const resource of first?.resources ?? []) {
      expect(printed(ctx)).toMatch(new RegExp(`^ {2}${resource.type} +${resource.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    }
    await choose('Skip this step');
    // Back in the step's topics, then on the topic's page, then in the menu.
    await until('Topics: Space ticks');
    press('escape');
    await until('Topic 1.1: what now?');
    press('escape');
    // Skipped steps are passed over: "continue" moves on to step 2.
    expect(await until('What would you like to do?')).toMatch(new RegExp(`^❯ Continue: step 2 of \\d+, ${second?.title}`, 'm'));
    expect(ctx.store.current.packs[ctx.roadmap.id]?.steps[first?.id as string]?.status).toBe('skipped');
    expect(printed(ctx)).toContain(`Saved: "${first?.title}" is now skipped.`);
    await choose('Roadmap checklist');
    expect(await until('Space ticks a step')).toContain(`[ ] 1. ${first?.title} (skipped)`);
    await choose(`1. ${first?.title}`);
    await choose('Step 1 page');
    const skipped = await until('Step 1 of');
    expect(printed(ctx)).toMatch(/^Status: \[-\] skipped/m);
    expect(skipped).toMatch(/^❯ Back/m);
    await choose('Take it up again');
    // Back in the step's topics, then in the checklist, on the step just changed.
    await until('Topics: Space ticks');
    press('escape');
    expect(await until('Space ticks a step')).toMatch(new RegExp(`^❯ \\[ \\] 1\\. ${first?.title}$`, 'm'));
    expect(ctx.store.current.packs[ctx.roadmap.id]?.steps[first?.id as string]).toBeUndefined();
    await escapeOut(tutor);
  });
});

describe('step view: notes', () => {
  it('adds a note, saved at once with the date, then deletes it', async () => {
    const ctx = await tutorContext();
    const step = ctx.roadmap.steps[0];
    const tutor = runTutor(ctx);
    await choose('Continue: step 1');
    await choose('All topics of step 1');
    await choose('Step 1 page');
    await choose('Add a note');
    await until('Your note on step 1');
    screen.type('  Finished chapter 3 of the tutorial  ');
    press('enter');
    const actions = await until('Step 1 of');
    expect(ctx.store.current.packs[ctx.roadmap.id]?.notes?.[step?.id as string]).toEqual([
      { at: ctx.now().toISOString(), text: 'Finished chapter 3 of the tutorial', id: expect.any(String) },
    ]);
    expect(printed(ctx)).toContain('Saved note 1 on step 1.');
    expect(printed(ctx)).toContain('1. 2026-01-15  Finished chapter 3 of the tutorial');
    // The choice comes back, now with a way to delete it.
    expect(listed(actions)).toContain('Delete a note');
    await choose('Delete a note');
    const which = await until('Delete which note on step 1?');
    // The cursor starts on keeping them, so Enter alone deletes nothing.
    expect(which).toMatch(/^❯ Keep them all/m);
    await choose('1. 2026-01-15  Finished chapter 3');
    expect(listed(await until('Step 1 of'))).not.toContain('Delete a note');
    expect(ctx.store.current.packs[ctx.roadmap.id]?.notes?.[step?.id as string]).toBeUndefined();
    expect(printed(ctx)).toContain('Deleted note 1 on step 1 (2026-01-15: Finished chapter 3 of the tutorial).');
    await escapeOut(tutor);
  });

  it('shows the notes already written in the step view; an empty note adds nothing', async () => {
    const roadmap = await shippedRoadmap();
    const step = roadmap.steps[1];
    const progress = addNote(await progressWith({ 1: 'done' }), roadmap.id, step?.id as string, 'ask about fast.ai', new Date(WRITTEN));
    const ctx = await tutorContext({ progress });
    const tutor = runTutor(ctx);
    await choose('Continue: step 2');
    await choose('All topics of step 2');
    await choose('Step 2 page');
    await until('Step 2 of');
    expect(printed(ctx)).toMatch(/Your notes \(1\)\n\s+1\. 2026-01-10 {2}ask about fast\.ai/);
    await choose('Add a note');
    await until('Your note on step 2');
    press('enter');
    await until('Step 2 of');
    expect(printed(ctx)).toContain('No note added.');
    expect(ctx.store.current).toEqual(progress);
    await escapeOut(tutor);
  });
});

describe('continue where I left off', () => {
  it('says why the step is next and which weak skill it builds', async () => {
    const roadmap = await shippedRoadmap();
    const skill = roadmap.skills.find((s) => s.steps.includes(roadmap.steps[2]?.id as string));
    if (!skill) throw new Error('no skill is built by step 3');
    const ctx = await tutorContext({ progress: await rated({ [skill.id]: 2 }, await progressWith({ 1: 'done', 2: 'done' })) });
    const tutor = runTutor(ctx);
    await choose('Continue: step 3');
    await until('Topic 3.1: what now?');
    const text = printed(ctx).replace(/\s+/g, ' ');
    expect(text).toContain('Why this step: The next open step after the last one you finished.');
    expect(text).toContain(`This step builds ${skill.title} (2/5): a skill you rated 2 or lower.`);
    await escapeOut(tutor);
  });

  it('says so when it goes back to the first step in progress', async () => {
    const ctx = await tutorContext({ progress: await progressWith({ 1: 'done', 3: 'done', 2: 'doing' }) });
    const tutor = runTutor(ctx);
    await choose('Continue: step 2');
    await until('Topic 2.1: what now?');
    expect(printed(ctx)).toContain('Why this step: You are working on this step.');
    await escapeOut(tutor);
  });
});

describe('welcome back', () => {
  it('points skills rated 2 or lower at the open steps that build them', async () => {
    const roadmap = await shippedRoadmap();
    const [weak, strong] = roadmap.skills;
    if (!weak || !strong) throw new Error('the shipped roadmap has fewer than 2 skills');
    const numbers = weak.steps.map((id) => roadmap.steps.findIndex((step) => step.id === id) + 1).sort((a, b) => a - b);
    const ctx = await tutorContext({ progress: await rated({ [weak.id]: 1, [strong.id]: 4 }) });
    const tutor = runTutor(ctx);
    await until('What would you like to do?');
    const text = printed(ctx).replace(/\s+/g, ' ');
    expect(text).toContain('Welcome back');
    const where = numbers.length === 1 ? `step ${numbers[0]},` : `steps ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}.`;
    expect(text).toContain(`To build up ${weak.title} (you rated it 1/5): ${where}`);
    expect(text).not.toContain(strong.title);
    await escapeOut(tutor);
  });
});

describe('weak skills, many of them', () => {
  it('the welcome names two and sends to My progress for the rest, which lists them all', async () => {
    const roadmap = await shippedRoadmap();
    const skills = roadmap.skills.slice(0, 3);
    if (skills.length < 3) throw new Error('the shipped roadmap has fewer than 3 skills');
    const ctx = await tutorContext({ progress: await rated(Object.fromEntries(skills.map((skill) => [skill.id, 1]))) });
    const tutor = runTutor(ctx);
    await until('What would you like to do?');
    const welcome = printed(ctx).replace(/\s+/g, ' ');
    expect(welcome.match(/To build up /g)).toHaveLength(2);
    expect(welcome).toContain('And 1 more skill rated 2 or lower: see "My progress".');
    await choose('My progress');
    await until('Where to now?');
    const progress = printed(ctx).replace(/\s+/g, ' ').slice(welcome.length);
    for (const skill of skills) expect(progress).toContain(`To build up ${skill.title} (you rated it 1/5)`);
    await escapeOut(tutor);
  });
});

describe('questions that stay on screen once answered', () => {
  it.each([40, 80, 120])('are wrapped at words to %i columns, the answer on a line of its own when it would not fit', async (width) => {
    const ctx = await tutorContext({ width });
    const question = 'Question 2 of 6: K-means clustering is an example of which kind of learning?';
    const answers = ['Supervised learning', 'Unsupervised learning'];
    const { message, theme } = fittedQuestion(ctx, question, answers);
    const lines = message.split('\n');
    expect(lines.join(' ')).toBe(question);
    expect(lines.every((line) => line.length <= width - 2)).toBe(true);
    const done = theme.style.message(message, 'done');
    const answered = `? ${done} ${answers[1]}`.split('\n');
    expect(answered.every((line) => line.length <= width)).toBe(true);
    // While the question is asked, nothing is added after it.
    expect(theme.style.message(message, 'idle')).toBe(message);
  });
});

describe('search the guide', () => {
  it('finds as you type, opens a result, and comes back to the same search', async () => {
    const ctx = await tutorContext();
    const index = ctx.roadmap.phases.findIndex((phase) => phase.id === 'deployment');
    const phase = ctx.roadmap.phases[index];
    if (!phase) throw new Error('the shipped roadmap has no deployment phase');
    const tutor = runTutor(ctx);
    await choose('Search the guide');
    const empty = await until('Search the guide:');
    expect(empty).toContain('Type a word or two');
    expect(empty).toMatch(/^❯ Back to the menu/m);
    screen.type('deployment');
    const found = await until(/^❯ phase\s+Deployment/m);
    // The words matched, in context, under the list.
    expect(found).toMatch(/deploy/i);
    expect(found).toContain('esc back');
    press('enter');
    await until('Done reading?');
    expect(printed(ctx)).toContain(`Phase ${index + 1} of ${ctx.roadmap.phases.length}: ${phase.title}`);
    await choose('Back to the search');
    expect(await until('Search the guide: deployment')).toMatch(/^❯ phase\s+Deployment/m);
    // Esc goes back from the search to the menu.
    press('escape');
    await until('What would you like to do?');
    await escapeOut(tutor);
  });

  it('opens a step in the step view, where it can be marked', async () => {
    const ctx = await tutorContext();
    const step = ctx.roadmap.steps.find((s) => s.id === 'github-portfolio');
    if (!step) throw new Error('the shipped roadmap has no github-portfolio step');
    const tutor = runTutor(ctx);
    await choose('Search the guide');
    await until('Type a word or two');
    const number = ctx.roadmap.steps.indexOf(step) + 1;
    screen.type('portfolio github');
    await choose(`[ ] ${number}. ${step.title}`);
    await choose('Mark as in progress');
    // Back in the search, the step shows its new mark.
    expect(await until('Search the guide: portfolio github')).toContain(`[~] ${number}. ${step.title}`);
    expect(ctx.store.current.packs[ctx.roadmap.id]?.steps[step.id]?.status).toBe('doing');
    await escapeOut(tutor);
  });

  it('says when nothing matches', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('Search the guide');
    await until('Type a word or two');
    screen.type('qqqzzx');
    const nothing = await until('Nothing matches');
    expect(nothing).toContain('Nothing matches "qqqzzx": try other words');
    expect(nothing).toMatch(/^❯ Back to the menu/m);
    await escapeOut(tutor);
  });

  it('reads a typo as the word meant, and suggests the nearest word when nothing matches', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('Search the guide');
    await until('Type a word or two');
    screen.type('nueral');
    expect(await until(/^❯ topic\s+4\.1 How neural networks learn/m)).toMatch(/neural/);
    for (let i = 0; i < 'nueral'.length; i++) press('backspace');
    screen.type('certifcashun');
    expect(await until('Nothing matches')).toContain('Nothing matches "certifcashun": did you mean "certification"?');
    await escapeOut(tutor);
  });
});

describe('rate my skills', () => {
  it('rates every skill, saves each rating, and points the weak ones at their steps', async () => {
    const ctx = await tutorContext();
    const { skills } = ctx.roadmap;
    const tutor = runTutor(ctx);
    await choose('Rate my skills');
    // Rate the first skill 4 and the rest 1 (the cursor starts on 1 for a skill never rated).
    const first = await until(`Skill 1 of ${skills.length}`);
    expect(first).toContain('esc back');
    await choose('4  confident');
    for (let n = 2; n <= skills.length; n++) {
      await until(`Skill ${n} of ${skills.length}`);
      press('enter');
    }
    await choose('Back to the menu');
    expect(await until('What would you like to do?')).toMatch(/^❯ Continue/m);
    const pack = ctx.store.current.packs[ctx.roadmap.id];
    expect(pack?.assessments?.[skills[0]?.id as string]).toEqual([{ at: ctx.now().toISOString(), rating: 4 }]);
    for (const skill of skills.slice(1)) expect(pack?.assessments?.[skill.id]?.at(-1)?.rating).toBe(1);
    const text = printed(ctx).replace(/\s+/g, ' ');
    expect(text).toContain(`Saved ${skills.length} ratings.`);
    expect(text).toContain(`To build up ${skills[1]?.title} (you rated it 1/5)`);
    expect(text).not.toContain(`To build up ${skills[0]?.title}`);
    await escapeOut(tutor);
  });
});

describe('my progress', () => {
  it('shows each step with its status, the plan standing and where to export; back to the menu or into the steps', async () => {
    const roadmap = await shippedRoadmap();
    const planned = setPlan(await progressWith({ 1: 'done', 2: 'doing', 3: 'skipped' }), roadmap.id, {
      hoursPerWeek: 10,
      start: '2025-06-01',
      steps: roadmap.steps.map((step) => step.id),
    });
    const ctx = await tutorContext({ progress: planned });
    const tutor = runTutor(ctx);
    await choose('My progress');
    await until('Where to now?');
    const text = printed(ctx);
    expect(text).toMatch(/1\. \[x\] /);
    expect(text).toMatch(/2\. \[~\] /);
    expect(text).toMatch(/3\. \[-\] /);
    // The bar counts topics: step 3's, skipped with it.
    expect(text).toContain(`${roadmap.steps[2]?.topics?.length} skipped`);
    expect(text.replace(/\s+/g, ' ')).toMatch(/Plan: .*(behind|ahead|on track)/);
    expect(text).toContain('mlroadmap export --format md');
    expect(text).not.toContain('mlroadmap check');
    await choose('Open a step');
    await until('Open a step to read it');
    await choose('Back to the menu');
    await until('What would you like to do?');
    await escapeOut(tutor);
  });
});

describe('the main menu at 80 by 24', () => {
  it('fits in 24 rows with its description and key hints, every part on screen', async () => {
    const ctx = await tutorContext({ progress: await progressWith({ 1: 'done' }) });
    const tutor = runTutor(ctx);
    const menu = await until('What would you like to do?');
    expect(menu.split('\n').length).toBeLessThanOrEqual(22);
    expect(listed(menu)).toEqual([
      expect.stringMatching(/^Continue: step 2 of/),
      expect.stringMatching(/^Roadmap checklist/),
      'My progress',
      // Step 1 done: its topics' cards are in the deck, today's new ones due.
      'Review (10 waiting)',
      'Projects',
      'Search the guide',
      expect.stringMatching(/phases of an ML project$/),
      'Skills an ML engineer needs',
      'Read a section of the guide',
      'Certifications',
      'Frequently asked questions',
      'Quizzes',
      'Rate my skills',
      'Quit',
    ]);
    expect(menu.split('\n').every((line) => line.length <= 80)).toBe(true);
    await escapeOut(tutor);
  });
});

describe('quizzes', () => {
  it('show the way out on every question', async () => {
    const ctx = await tutorContext();
    const tutor = runTutor(ctx);
    await choose('Quizzes');
    expect(await until('Which quiz?')).toContain('esc back');
    press('enter');
    expect(await until('Question 1 of')).toContain('esc back');
    await escapeOut(tutor);
    // Nothing was saved: the tutor leaves without saying it saved.
    expect(ctx.stdout).not.toContain('Progress saved.');
  });
});
