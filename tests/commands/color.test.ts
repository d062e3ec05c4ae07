import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const ESCAPE = /[\u001b\u009b]/;
const progress = setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', new Date('2026-01-02T00:00:00Z'));

const commands = [
  ['roadmap'],
  ['progress'],
  ['sections'],
  ['read', 'algorithms'],
  ['skills'],
  ['skills', '1'],
  ['phases'],
  ['phases', '2'],
  ['certs'],
  ['certs', 'aws-ml-specialty'],
  ['faq'],
  ['faq', '3'],
  ['check', '2'],
  ['uncheck', '2'],
  ['--help'],
  ['roadmap', '--json'],
];

describe('colour', () => {
  it.each(commands)('%s prints no escape codes into a pipe with colour off', async (...args) => {
    const ctx = await makeContext({ progress, tty: false, style: new Chalk({ level: 0 }) });
    const { code, out, err } = await runCli(ctx, args);
    expect(code).toBe(0);
    expect(out).not.toMatch(ESCAPE);
    expect(err).not.toMatch(ESCAPE);
  });

  it.each(commands.filter(([name]) => name !== '--help'))('%s prints no escape codes on a terminal with colour off', async (...args) => {
    const ctx = await makeContext({ progress, tty: true, style: new Chalk({ level: 0 }) });
    expect((await runCli(ctx, args)).out).not.toMatch(ESCAPE);
  });

  it('colours the roadmap on a terminal with colour on', async () => {
    const ctx = await makeContext({ progress, tty: true, style: new Chalk({ level: 1 }) });
    const { out } = await runCli(ctx, ['roadmap']);
    expect(out).toContain(new Chalk({ level: 1 }).green('[x]'));
    expect(out).toContain(new Chalk({ level: 1 }).bold(roadmap.title));
  });

  it('keeps JSON free of colour even with colour on', async () => {
    const ctx = await makeContext({ progress, tty: true, style: new Chalk({ level: 3 }) });
    const { out } = await runCli(ctx, ['progress', '--json']);
    expect(out).not.toMatch(ESCAPE);
    expect(JSON.parse(out).stepsDone).toBe(1);
  });
});
