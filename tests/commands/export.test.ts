import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { addNote, emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlroadmap-export-'));
});

async function learner() {
  let progress = setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', new Date('2026-01-05T08:00:00Z'));
  progress = addNote(progress, roadmap.id, 'python-and-math', 'Khan Academy linear algebra was enough', new Date('2026-01-04T08:00:00Z'));
  return makeContext({ progress });
}

describe('mlroadmap export', () => {
  it('prints a markdown checklist by default, with statuses, dates and notes', async () => {
    const { code, out } = await runCli(await learner(), ['export']);
    expect(code).toBe(0);
    expect(out).toMatch(/^# My progress: Becoming a machine-learning engineer\n/);
    expect(out).toContain(
      `- [x] **1. ${roadmap.steps[0]?.title}**: done on 2026-01-05\n  - Note, 2026-01-04: Khan Academy linear algebra was enough`,
    );
    expect(out).toContain(`- [ ] **2. ${roadmap.steps[1]?.title}**: to do`);
  });

  it('--format json prints the whole progress of this roadmap, for import', async () => {
    const ctx = await learner();
    const data = JSON.parse((await runCli(ctx, ['export', '--format', 'json'])).out);
    expect(data).toEqual({
      format: 'mlroadmap-progress',
      version: 1,
      pack: roadmap.id,
      exportedAt: '2026-01-15T10:00:00.000Z',
      progress: ctx.store.current.packs[roadmap.id],
    });
  });

  it('--output writes the file and says where', async () => {
    const file = join(dir, 'progress.md');
    const { code, out } = await runCli(await learner(), ['export', '--output', file]);
    expect(code).toBe(0);
    expect(out).toBe(`Exported your progress on "${roadmap.title}" to ${file}.`);
    expect(readFileSync(file, 'utf8')).toMatch(/^# My progress: .*- \[x\] \*\*1\. /s);
  });

  it('refuses to overwrite a file unless --force is given', async () => {
    const file = join(dir, 'progress.json');
    writeFileSync(file, 'precious');
    const ctx = await learner();
    const refused = await runCli(ctx, ['export', '--format', 'json', '-o', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`mlroadmap: "${file}" already exists; pass --force to overwrite it, or choose another file`);
    expect(readFileSync(file, 'utf8')).toBe('precious');
    expect((await runCli(ctx, ['export', '--format', 'json', '-o', file, '--force'])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).pack).toBe(roadmap.id);
  });

  it.each([
    ['a missing folder', () => join(dir, 'nope', 'progress.md'), 'its folder does not exist'],
    ['a folder', () => dir, 'it is a folder'],
  ])('says so when the output is %s', async (_name, file, problem) => {
    const result = await runCli(await learner(), ['export', '-o', file()]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(problem);
  });

  it('refuses an unknown format with exit 2', async () => {
    const result = await runCli(await learner(), ['export', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.err).toBe("mlroadmap: unknown format 'xml' for --format: use md or json");
  });
});
