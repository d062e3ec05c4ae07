import { describe, expect, it } from 'vitest';
import { notesOf, packProgress, parseProgress } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap, type TestContext } from '../helpers.js';

const roadmap = await shippedRoadmap();
/** The 1-based number of a step, as the commands show it. */
const num = (id: string) => roadmap.steps.findIndex((step) => step.id === id) + 1;
const courses = num('courses-and-tutorials');
const projects = num('projects-and-open-source');

async function session() {
  const ctx = await makeContext();
  const run = (...args: string[]) => runCli(ctx, ['note', ...args]);
  const notes = (id: string) => notesOf(packProgress(ctx.store.current, ctx.roadmap.id), id);
  return { ctx, run, notes };
}

function later(ctx: TestContext, iso: string) {
  ctx.now = () => new Date(iso);
}

describe('mlroadmap note', () => {
  it('adds a dated note, joining the words', async () => {
    const { run, notes } = await session();
    expect(await run(String(courses), 'finished', 'week', '3')).toEqual({
      code: 0,
      out: `Added note 1 to ${courses}. Study machine learning with courses and tutorials`,
      err: '',
    });
    expect(notes('courses-and-tutorials')).toEqual([{ at: '2026-01-15T10:00:00.000Z', text: 'finished week 3', id: expect.any(String) }]);
  });

  it('lists a step’s notes numbered, oldest first, with their dates', async () => {
    const { ctx, run } = await session();
    await run('python', 'read chapter 1');
    later(ctx, '2026-02-01T08:00:00Z');
    await run('python', 'chapter 2 is hard');
    expect((await run('1')).out).toBe('1. 2026-01-15  read chapter 1\n2. 2026-02-01  chapter 2 is hard');
    expect(JSON.parse((await run('1', '--json')).out)).toEqual([
      { number: 1, at: '2026-01-15T10:00:00.000Z', text: 'read chapter 1' },
      { number: 2, at: '2026-02-01T08:00:00.000Z', text: 'chapter 2 is hard' },
    ]);
  });

  it('says how to add one when a step has none', async () => {
    const { run } = await session();
    expect((await run(String(projects))).out).toBe(
      `No notes on ${projects}. Build projects and contribute to open source yet. Add one with: mlroadmap note ${projects} <text>`,
    );
    expect((await run(String(projects), '--json')).out).toBe('[]');
  });

  it('deletes a note by its number and renumbers the rest', async () => {
    const { run, notes } = await session();
    await run('1', 'one');
    await run('1', 'two');
    await run('1', 'three');
    const result = await run('1', '--delete', '2');
    expect(result.code).toBe(0);
    expect(result.out).toBe('Deleted note 2 from 1. Learn Python and the maths foundations (2026-01-15: two)');
    expect(notes('python-and-math').map((n) => n.text)).toEqual(['one', 'three']);
    expect((await run('1')).out).toBe('1. 2026-01-15  one\n2. 2026-01-15  three');
  });

  it('drops the step’s key once its last note is deleted', async () => {
    const { ctx, run } = await session();
    await run('1', 'only');
    await run('1', '--delete', '1');
    expect(packProgress(ctx.store.current, ctx.roadmap.id).notes).toEqual({});
  });

  it.each([
    [['1', '--delete', '3'], 1, "1. Learn Python and the maths foundations has 1 note: give a number from 1 to 1 (see 'mlroadmap note 1')"],
    [[String(courses), '--delete', '1'], 1, `${courses}. Study machine learning with courses and tutorials has no notes to delete`],
    [['1', '--delete', '0'], 2, '--delete takes a note number from 1, as \'mlroadmap note <step>\' lists them; got "0"'],
    [['1', '--delete', 'two'], 2, '--delete takes a note number from 1, as \'mlroadmap note <step>\' lists them; got "two"'],
    [['1', 'more text', '--delete', '1'], 2, 'give note text or --delete <n>, not both (e.g. mlroadmap note 1 --delete 1)'],
  ])('refuses %j and changes nothing', async (args, code, message) => {
    const { run, notes } = await session();
    await run('1', 'keep me');
    expect(await run(...args)).toEqual({ code, out: '', err: `mlroadmap: ${message}` });
    expect(notes('python-and-math').map((n) => n.text)).toEqual(['keep me']);
  });

  it.each([[['   ']], [['', '']], [['\u001b[2J']]])('refuses an empty note %j with exit 2', async (words) => {
    const { ctx, run } = await session();
    const result = await run('1', ...words);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^mlroadmap: the note is empty/);
    expect(ctx.store.current.packs).toEqual({});
  });

  it('rejects an unknown step with a did-you-mean', async () => {
    const { run } = await session();
    const result = await run('github-portfolo', 'text');
    expect(result.code).toBe(1);
    expect(result.err).toContain('did you mean github-portfolio?');
  });

  it('strips escape sequences and control characters from what it stores and prints', async () => {
    const { ctx, run, notes } = await session();
    ctx.store.current.packs[ctx.roadmap.id] = {
      steps: {},
      notes: { 'python-and-math': [{ at: '2026-01-01T00:00:00Z', text: 'evil\u001b]52;c;cGF5bG9hZA==\u0007 note\u001b[2J' }] },
    };
    expect((await run('1')).out).toBe('1. 2026-01-01  evil note');
    await run('1', 'bell\u0007 and \u001b[31mred');
    expect(notes('python-and-math')[1]?.text).toBe('bell and red');
  });

  it('keeps notes when the step’s status changes', async () => {
    const { ctx, run, notes } = await session();
    await run('1', 'a note');
    await runCli(ctx, ['check', '1']);
    await runCli(ctx, ['uncheck', '1']);
    expect(notes('python-and-math')).toHaveLength(1);
  });

  it('prints the added note as JSON', async () => {
    const { run } = await session();
    expect(JSON.parse((await run('1', 'hello', '--json')).out)).toEqual({
      step: 'python-and-math',
      number: 1,
      at: '2026-01-15T10:00:00.000Z',
      text: 'hello',
    });
  });
});

describe('notes in the progress file', () => {
  it.each([
    [{ steps: {}, notes: [] }, '"packs.p.notes" is not an object'],
    [{ steps: {}, notes: { a: 'text' } }, 'the notes for step "a" are not a list of { at, text }'],
    [{ steps: {}, notes: { a: [{ at: 1, text: 'x' }] } }, 'the notes for step "a" are not a list of { at, text }'],
  ])('reports a notes entry of the wrong shape: %j', (pack, problem) => {
    expect(parseProgress({ version: 1, packs: { p: pack } })).toEqual({ problem });
  });

  it('reads files without notes and with valid ones', () => {
    expect(parseProgress({ version: 1, packs: { p: { steps: {} } } })).toHaveProperty('progress');
    expect(
      parseProgress({ version: 1, packs: { p: { steps: {}, notes: { a: [{ at: '2026-01-15T10:00:00.000Z', text: 'y' }] } } } }),
    ).toHaveProperty('progress');
  });
});
