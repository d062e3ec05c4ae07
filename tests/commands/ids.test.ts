import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { emptyProgress, type Progress, parseProgress } from '../../src/progress/model.js';
import { createFileStore } from '../../src/progress/store.js';
import { CONTENT_DIR, makeContext, runCli, type TestContext } from '../helpers.js';

// One rule for ids: any kebab-case id is an id, "constructor" and "prototype" included, and every
// map keyed by an id (in the progress file, an export, the content) is read with Object.hasOwn, so
// an id named like a property of Object.prototype is data like any other. Keys of a progress file
// that are not kebab-case ("__proto__", "toString", written by hand) are kept as plain data too, and
// export → import carries them.
const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped guide with a step, a skill, a phase, a project, a card and a quiz renamed "constructor", a topic and a phase "prototype". */
function packWithObjectNames(): string {
  const pack = join(dir, 'pack');
  cpSync(CONTENT_DIR, pack, { recursive: true });
  // The exercises name the topics renamed below; this pack is about ids, not exercises.
  rmSync(join(pack, 'exercises'), { recursive: true, force: true });
  const renames: [RegExp, string][] = [
    [/\bpython-and-math\b/g, 'constructor'],
    [/\bpython-basics\b/g, 'prototype'],
    [/\bhouse-prices-api\b/g, 'constructor'],
    [/\bmodel-evaluation\b/g, 'constructor'],
    [/\bdata-collection-and-preprocessing\b/g, 'prototype'],
    [/\bpython-and-r\b/g, 'constructor'],
    [/\bpython-mutable-default-argument\b/g, 'constructor'],
    [/^- id: algorithms$/gm, '- id: constructor'],
  ];
  for (const name of readdirSync(pack).filter((file) => file.endsWith('.yaml'))) {
    const file = join(pack, name);
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of renames) text = text.replace(from, to);
    writeFileSync(file, text);
  }
  return pack;
}

const packDir = packWithObjectNames();
const roadmap = await loadPack(packDir);

async function fileContext(name: string, progress?: Progress): Promise<TestContext> {
  const store = createFileStore(join(dir, name));
  if (progress) await store.update(() => progress);
  return makeContext({ roadmap, store: store as TestContext['store'] });
}

describe('ids named like properties of Object.prototype', () => {
  it('pass validate, and every command that takes or records an id works with them; the export imports back', async () => {
    const ctx = await fileContext('config');
    const ok = async (args: string[]) => {
      const result = await runCli(ctx, args);
      expect(result, args.join(' ')).toMatchObject({ code: 0, err: '' });
      return result.out;
    };
    expect(await runCli(ctx, ['validate', packDir])).toMatchObject({ code: 0, out: expect.stringContaining('valid pack') });
    expect(await ok(['mark', 'prototype', 'doing'])).toContain('Started: 1.1');
    expect(await ok(['note', 'constructor', 'a note on the constructor step'])).toMatch(/note/i);
    expect(await ok(['check', 'constructor'])).toMatch(/constructor|Learn Python/);
    expect(await ok(['project', 'done', 'constructor', 'constructor', 'prototype'])).toContain('2 of 5 milestones done');
    expect(await ok(['project', 'undo', 'constructor', 'prototype'])).toContain('1 of 5 milestones done');
    expect(await ok(['project', 'constructor'])).toContain('[x] 3.');
    expect(await ok(['assess', 'constructor', '2'])).toContain('2/5');
    expect(await ok(['review', '--add', 'constructor'])).toMatch(/Added|already/);
    for (const args of [
      ['review', '--stats'],
      ['review', '--list'],
      ['progress'],
      ['roadmap'],
      ['step', 'constructor'],
      ['topics', 'constructor'],
      ['projects'],
      ['export'],
      ['next'],
      ['quiz', '--list'],
    ])
      await ok(args);

    const saved = ctx.store.read();
    const pack = saved.packs[roadmap.id] as Record<string, Record<string, unknown>>;
    expect(Object.keys(pack.steps ?? {})).toContain('constructor');
    expect(Object.keys(pack.notes ?? {})).toContain('constructor');
    expect(Object.keys(pack.assessments ?? {})).toContain('constructor');
    const projects = pack.projects as Record<string, { milestones?: object }>;
    const project = 'constructor';
    expect(Object.keys(projects[project]?.milestones ?? {})).toEqual(['constructor']);

    const file = join(dir, 'export.json');
    await ok(['export', '--format', 'json', '--output', file]);
    const other = await fileContext('other-config');
    expect(await runCli(other, ['import', file, '--yes'])).toMatchObject({ code: 0, err: '' });
    expect(other.store.read()).toEqual(saved);
  });

  it('keeps keys no content has ("__proto__", "toString", "hasOwnProperty") as plain data through every command and export → import', async () => {
    const record = { status: 'done', updatedAt: '2026-01-15T10:00:00.000Z' };
    const names = ['__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'constructor'];
    const steps = `{${names.map((name) => `"${name}":${JSON.stringify(record)}`).join(',')}}`;
    const notes = `{${names.map((name) => `"${name}":[{"at":"2026-01-15T10:00:00.000Z","text":"n"}]`).join(',')}}`;
    const milestones = `{${names.map((name) => `"${name}":{"at":"2026-01-15T10:00:00.000Z"}`).join(',')}}`;
    const text = `{"version":1,"packs":{"${roadmap.id}":{"steps":${steps},"topics":${steps},"notes":${notes},"projects":{"__proto__":{"milestones":${milestones}},"toString":{}},"reviews":{"__proto__":{"log":[]},"valueOf":{"log":[]}},"quizzes":{"__proto__":{"best":1,"total":2,"attempts":[{"at":"2026-01-15T10:00:00.000Z","score":1}]}},"assessments":{"__proto__":[{"at":"2026-01-15T10:00:00.000Z","rating":3}]}}}}`;
    const parsed = parseProgress(JSON.parse(text));
    if ('problem' in parsed) throw new Error(parsed.problem);
    const ctx = await fileContext('odd-config', parsed.progress);
    const before = ctx.store.read();
    expect(Object.keys(before.packs[roadmap.id]?.steps ?? {}).sort()).toEqual([...names].sort());
    for (const args of [
      ['progress'],
      ['roadmap'],
      ['review', '--stats'],
      ['review', '--list'],
      ['projects'],
      ['project', 'constructor'],
      ['quiz', '--list'],
      ['export'],
      ['next'],
      ['check', 'constructor'],
      ['project', 'done', 'constructor', '1'],
    ]) {
      expect(await runCli(ctx, args), args.join(' ')).toMatchObject({ code: 0, err: '' });
    }
    const after = ctx.store.read();
    expect(Object.keys(after.packs[roadmap.id]?.steps ?? {}).sort()).toEqual([...names].sort());
    expect(Object.getPrototypeOf(after.packs[roadmap.id]?.steps)).toBe(Object.prototype);

    const file = join(dir, 'odd-export.json');
    expect(await runCli(ctx, ['export', '--format', 'json', '--output', file])).toMatchObject({ code: 0 });
    const other = await fileContext('odd-other', emptyProgress());
    const imported = await runCli(other, ['import', file, '--yes']);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(other.store.read()).toEqual(after);
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });
});
