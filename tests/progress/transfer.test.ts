import { describe, expect, it } from 'vitest';
import { addAssessment } from '../../src/progress/assess.js';
import { addNote, emptyProgress, type PackProgress, type Progress, packProgress, setStatus } from '../../src/progress/model.js';
import { makePlan, setPlan } from '../../src/progress/plan.js';
import { recordQuizAttempt } from '../../src/progress/quiz.js';
import { diffImport, EXPORT_FORMAT, exportJson, exportMarkdown, MAX_IMPORT_BYTES, parseImport } from '../../src/progress/transfer.js';
import { shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const ids = roadmap.steps.map((step) => step.id);
const at = (day: number) => new Date(Date.UTC(2026, 0, day, 9));
const now = at(20);

/** Progress with something of everything: statuses, notes, a rating, a quiz result and a plan. */
function fullProgress(): Progress {
  let progress = setStatus(emptyProgress(), roadmap.id, [ids[0] as string], 'done', at(3));
  progress = setStatus(progress, roadmap.id, [ids[1] as string], 'doing', at(4));
  progress = setStatus(progress, roadmap.id, [ids[4] as string], 'skipped', at(5));
  progress = addNote(progress, roadmap.id, ids[0] as string, 'Finished the maths course', at(2));
  progress = addNote(progress, roadmap.id, ids[1] as string, 'line one\nline two', at(6));
  progress = addAssessment(progress, roadmap.id, 'python-and-r', 2, at(7));
  progress = recordQuizAttempt(progress, roadmap.id, roadmap.quizzes[0] as never, 4, at(8));
  return setPlan(progress, roadmap.id, makePlan(roadmap, progress, 10, '2026-01-01'));
}

const wrap = (progress: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: EXPORT_FORMAT, version: 1, pack: roadmap.id, exportedAt: now.toISOString(), progress, ...extra });

describe('exportMarkdown', () => {
  const markdown = exportMarkdown(roadmap, fullProgress(), now);

  it('is a checklist: [x] for done steps, [ ] for the rest, each with its status and date', () => {
    expect(markdown).toContain(`- [x] **1. ${roadmap.steps[0]?.title}**: done on 2026-01-03`);
    expect(markdown).toContain(`- [ ] **2. ${roadmap.steps[1]?.title}**: in progress since 2026-01-04`);
    expect(markdown).toContain(`- [ ] ~~**5. ${roadmap.steps[4]?.title}**~~: skipped on 2026-01-05`);
    expect(markdown).toContain(`- [ ] **6. ${roadmap.steps[5]?.title}**: to do`);
    expect(markdown.match(/^- \[[x ]\]/gm)).toHaveLength(roadmap.steps.length);
    expect(markdown).toContain(`1 of ${ids.length} steps done (${Math.floor(100 / ids.length)}%), 1 in progress, 1 skipped`);
  });

  it('lists notes under their step, a note of several lines kept inside the list item', () => {
    expect(markdown).toContain('  - Note, 2026-01-02: Finished the maths course');
    expect(markdown).toContain('  - Note, 2026-01-06: line one\n    line two');
  });

  it('adds the self-ratings, quiz scores and plan', () => {
    expect(markdown).toContain('| Python and R programming | 2/5 (know the basics) | 2026-01-07 |');
    expect(markdown).toContain(
      `- ${roadmap.quizzes[0]?.title}: best 4/${roadmap.quizzes[0]?.questions.length} (1 attempt, last on 2026-01-08)`,
    );
    expect(markdown).toMatch(/## Plan\n\n10 hours a week from 2026-01-01; finish by \d{4}-\d{2}-\d{2}\./);
  });

  it('writes a note line that starts like a list item, a heading or a quote as text: no ticked box the learner never ticked', () => {
    const note = 'first line\n- [x] looks ticked\n# Looks like a heading\n12. looks numbered\n> looks quoted';
    const text = exportMarkdown(roadmap, addNote(emptyProgress(), roadmap.id, ids[0] as string, note, at(2)), now);
    expect(text).toContain(
      '  - Note, 2026-01-02: first line\n    \\- [x] looks ticked\n    \\# Looks like a heading\n    12\\. looks numbered\n    \\> looks quoted',
    );
    expect(text.match(/^\s*- \[x\]/gm)).toBeNull();
  });

  it('strips escape sequences and HTML from notes', () => {
    const progress = addNote(emptyProgress(), roadmap.id, ids[0] as string, '\u001b[2J\u001b]52;c;aGk=\u0007wiped <img src=x>', at(2));
    const text = exportMarkdown(roadmap, progress, now);
    expect(text).toContain('Note, 2026-01-02: wiped &lt;img src=x>');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('leaves out the sections the learner has nothing in', () => {
    const empty = exportMarkdown(roadmap, emptyProgress(), now);
    expect(empty).toContain(`0 of ${ids.length} steps done (0%).`);
    expect(empty).not.toMatch(/Self-assessment|Quizzes|## Plan|Note,/);
  });
});

describe('parseImport', () => {
  const pack = packProgress(fullProgress(), roadmap.id);

  it('reads back what exportJson wrote, unknown keys included', () => {
    const withExtra = { ...pack, futureKey: { kept: true } };
    const text = JSON.stringify(exportJson(roadmap, { version: 1, packs: { [roadmap.id]: withExtra } }, now));
    expect(parseImport(text, roadmap)).toEqual({ progress: withExtra, exportedAt: now.toISOString() });
  });

  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  it.each<[string, string, RegExp]>([
    ['not JSON', 'steps: done', /not JSON/],
    ['truncated JSON', wrap(pack).slice(0, 40), /not JSON/],
    ['larger than 32 MB', `"${'x'.repeat(MAX_IMPORT_BYTES)}"`, /larger than 32 MB/],
    ['deeply nested', wrap({ steps: {}, extra: JSON.parse(deep(100)) }), /nested more than/],
    ['a bare deep array', deep(100_000), /nested more than/],
    [
      'a step "constructor" that is not a step record',
      wrap({ steps: { constructor: { prototype: {} } } }),
      /step "constructor" is not a valid step record/,
    ],
    ['JSON that is not an export', JSON.stringify({ version: 1, packs: {} }), /not an mlroadmap progress export/],
    ['an array', '[]', /not an mlroadmap progress export/],
    ['an export from a newer mlroadmap', wrap(pack, { version: 2 }), /newer mlroadmap/],
    ['an export of another roadmap', wrap(pack, { pack: 'data-scientist' }), /another roadmap \("data-scientist"\)/],
    ['no progress', wrap(undefined), /"progress\.steps" is not an object/],
    [
      'a bad status',
      wrap({ steps: { [ids[0] as string]: { status: 'finished', updatedAt: '2026-01-15T10:00:00.000Z' } } }),
      /step ".*" is not a valid step record/,
    ],
    [
      'a rating out of range',
      wrap({ steps: {}, assessments: { 'python-and-r': [{ at: 'x', rating: 9 }] } }),
      /ratings of skill "python-and-r"/,
    ],
    ['a bad quiz record', wrap({ steps: {}, quizzes: { phases: { best: -1, total: 6, attempts: [] } } }), /results of quiz "phases"/],
    ['a bad plan', wrap({ steps: {}, plan: { hoursPerWeek: 0, start: '2026-01-01', steps: [] } }), /plan" is not/],
    ['bad notes', wrap({ steps: {}, notes: { x: 'text' } }), /notes for step "x"/],
  ])('refuses %s', (_name, text, problem) => {
    const result = parseImport(text, roadmap);
    expect(result).toEqual({ problem: expect.stringMatching(problem) });
  });

  it('does not let a __proto__ key reach any prototype', () => {
    parseImport('{"__proto__":{"polluted":true}}', roadmap);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("takes ids named like Object.prototype's properties as plain keys, as the progress file does", () => {
    const names = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];
    const record = { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z' };
    const steps = `{${names.map((name) => `"${name}":${JSON.stringify(record)}`).join(',')}}`;
    const result = parseImport(wrap({ steps: {} }).replace('"steps":{}', `"steps":${steps},"__proto__":{"polluted":true}`), roadmap);
    if ('problem' in result) throw new Error(result.problem);
    expect(Object.keys(result.progress.steps).sort()).toEqual([...names].sort());
    expect(Object.hasOwn(result.progress, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result.progress.steps)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('diffImport', () => {
  it('names steps added, changed and removed, notes, ratings, quizzes and the plan', () => {
    const current: PackProgress = {
      steps: {
        [ids[2] as string]: { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z', completedAt: '2026-01-15T10:00:00.000Z' },
        [ids[1] as string]: { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z', completedAt: '2026-01-15T10:00:00.000Z' },
      },
      notes: { [ids[1] as string]: [{ at: '2025-06-01T08:00:00.000Z', text: 'an old note' }] },
    };
    const incoming = packProgress(fullProgress(), roadmap.id);
    const diff = diffImport(roadmap, current, incoming);
    expect(diff).toMatchObject({ stepsAdded: 2, stepsChanged: 1, stepsRemoved: 1, notesAdded: 2, notesRemoved: 1, ratingsAdded: 1 });
    expect(diff.lines).toContain(`step 1. ${roadmap.steps[0]?.title}: to do → done`);
    expect(diff.lines).toContain(`step 2. ${roadmap.steps[1]?.title}: done → in progress`);
    expect(diff.lines).toContain(`step 3. ${roadmap.steps[2]?.title}: done → to do`);
    expect(diff.lines).toContain(`note added on step 2. ${roadmap.steps[1]?.title}: "line one line two"`);
    expect(diff.lines).toContain(`note removed from step 2. ${roadmap.steps[1]?.title}: "an old note"`);
    expect(diff.lines).toContain('self-rating of Python and R programming: not rated → 2/5');
    expect(diff.lines.some((line) => line.startsWith(`quiz ${roadmap.quizzes[0]?.title}: not taken → best 4/`))).toBe(true);
    expect(diff.lines).toContain('plan: none → 10 h a week from 2026-01-01');
  });

  it('names topics and projects by their number and title, not as "other saved data"', () => {
    const topic = roadmap.steps[0]?.topics?.[0];
    const project = roadmap.projects[0];
    const phase = roadmap.phases[0];
    if (!topic || !project || !phase) throw new Error('the guide has topics, projects and phases');
    const incoming: PackProgress = {
      steps: {},
      topics: { [topic.id]: { status: 'doing', updatedAt: '2026-01-15T10:00:00.000Z' } },
      projects: { [project.id]: { started: '2026-01-15T10:00:00.000Z', milestones: { [phase.id]: { at: '2026-01-15T10:00:00.000Z' } } } },
    };
    const lines = diffImport(roadmap, { steps: {} }, incoming).lines;
    expect(lines).toEqual([
      `topic 1.1 ${topic.title}: to do → in progress`,
      `project ${project.title}: not started → started, 1 milestone done`,
    ]);
  });

  it('names a note brought back, not the record of its deletion kept for sync', () => {
    const step = roadmap.steps[0];
    if (!step) throw new Error('the guide has steps');
    const note = { at: '2026-01-10T10:00:00.000Z', text: 'kept in the backup' };
    const current: PackProgress = {
      steps: {},
      deleted: { 'note:2026-01-10T10:00:00.000Z': '2026-01-12T10:00:00.000Z' },
      stamps: { 'settings.newCardsPerDay': '2026-01-11T10:00:00.000Z' },
    };
    const backup: PackProgress = { steps: {}, notes: { [step.id]: [note] } };
    const lines = diffImport(roadmap, current, backup).lines;
    expect(lines).toEqual([`note added on step 1. ${step.title}: "kept in the backup"`]);
  });

  it('is empty when nothing would change', () => {
    const pack = packProgress(fullProgress(), roadmap.id);
    expect(diffImport(roadmap, pack, structuredClone(pack)).lines).toEqual([]);
  });

  it('strips escape sequences from what the file says', () => {
    const incoming: PackProgress = {
      steps: { '\u001b]0;pwned\u0007evil': { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z' } },
      notes: { [ids[0] as string]: [{ at: '2026-01-15T10:00:00.000Z', text: '\u001b[31mred' }] },
    };
    const lines = diffImport(roadmap, { steps: {} }, incoming).lines.join('\n');
    expect(lines).toContain('step evil (a step this roadmap does not have): to do → done');
    expect(lines).toContain('"red"');
    expect(lines).not.toContain('\u001b');
  });
});
