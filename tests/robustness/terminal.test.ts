import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load.js';
import { sanitizeDeep, sanitizeText } from '../../src/render/sanitize.js';
import { makeContext, runCli } from '../helpers.js';
import { assertBuilt, cleanup, runBin, tempDir } from './support.js';

describe('sanitizeText', () => {
  it.each([
    ['OSC 52 clipboard write, BEL-terminated', 'a\u001b]52;c;cGF5bG9hZA==\u0007b', 'ab'],
    ['OSC 52 clipboard write, ST-terminated', 'a\u001b]52;c;cGF5bG9hZA==\u001b\\b', 'ab'],
    ['OSC 8 hyperlink', '\u001b]8;;http://evil\u0007click me\u001b]8;;\u0007', 'click me'],
    ['OSC window title', '\u001b]0;pwned\u0007title', 'title'],
    ['clear screen', 'x\u001b[2Jy', 'xy'],
    ['cursor movement and SGR', '\u001b[1;1H\u001b[31;1mred\u001b[0m', 'red'],
    ['private-mode CSI', '\u001b[?1049h\u001b[?25l', ''],
    ['C1 CSI', '\u009b31mred', 'red'],
    ['C1 OSC with C1 string terminator', '\u009d52;c;eA==\u009cok', 'ok'],
    ['DCS string', '\u001bPq#0;2;0;0;0\u001b\\after', 'after'],
    ['APC and PM strings', '\u001b_apc\u001b\\\u001b^pm\u001b\\ok', 'ok'],
    ['terminal reset', '\u001bcreset', 'reset'],
    ['charset switch', '\u001b(0lqk\u001b(B', 'lqk'],
    ['BEL, backspace, carriage return, form feed, vertical tab, NUL, DEL', 'a\u0007b\bc\rd\fe\vf\u0000g\u007fh', 'abcdefgh'],
    ['other C1 controls', 'a\u0085b\u008dc\u0090', 'abc'],
    ['CRLF line ends', 'one\r\ntwo\r\n', 'one\ntwo\n'],
    ['an unterminated OSC keeps the text after it, as plain text', 'before \u001b]52;c;abc', 'before 52;c;abc'],
    ['a lone ESC at the end', 'end\u001b', 'end'],
  ])('removes %s', (_, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it.each([
    ['newlines and tabs', 'a\tb\nc\n\n'],
    ['unicode', 'é ü 日本語 🙂 שלום ‏٣'],
    ['markdown and brackets', '# Title\n- [x] `code` [link](https://example.com) ]52; [2J'],
  ])('keeps %s', (_, text) => {
    expect(sanitizeText(text)).toBe(text);
  });

  it('leaves no control character but newline and tab in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(sanitizeText(text)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent and never adds text', () => {
    const pieces = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('\u001b', '\u001b[', '\u001b]', '\u0007', '\u001b\\', '\u009b', '\u009c', ';', '2J'),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const once = sanitizeText(text);
        expect(sanitizeText(once)).toBe(once);
        expect(once.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on a flood of unterminated sequences', () => {
    const flood = '\u001b]'.repeat(200_000) + '\u001b['.repeat(200_000);
    expect(sanitizeText(flood)).toBe('');
  });
});

describe('sanitizeDeep', () => {
  it('cleans strings at any depth and keeps "__proto__" as a plain key', () => {
    const value = JSON.parse('{"a":["x\\u001b[2J",{"b":"\\u0007y"}],"__proto__":{"polluted":"\\u001b]52;c;eA==\\u0007"}}');
    const clean = sanitizeDeep(value);
    expect(clean.a).toEqual(['x', { b: 'y' }]);
    expect(Object.hasOwn(clean, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives back clean data as it is, and copies only what it changes', () => {
    const clean = { a: [{ b: 'x' }, 1], c: { d: 'y' } };
    expect(sanitizeDeep(clean)).toBe(clean);
    const dirty = { a: [{ b: 'x' }, 1], c: { d: 'y\u001b[2J', e: 'z' }, f: 'w' };
    const result = sanitizeDeep(dirty);
    expect(result).toEqual({ a: [{ b: 'x' }, 1], c: { d: 'y', e: 'z' }, f: 'w' });
    expect(Object.keys(result.c)).toEqual(['d', 'e']);
    expect(result.a).toBe(dirty.a);
    expect(dirty.c.d).toBe('y\u001b[2J');
  });

  it('ends on a cycle instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = { text: '\u001b[2Jok' };
    cyclic.self = cyclic;
    expect(sanitizeDeep(cyclic)).toEqual({ text: 'ok', self: undefined });
  });
});

// A content pack from somewhere else (MLROADMAP_CONTENT or --content) whose every text tries to take
// over the terminal.
const HOSTILE =
  'Clip\u001b]52;c;cGF5bG9hZA==\u0007 Clear\u001b[2J\u001b[H Link\u001b]8;;http://evil\u0007here\u001b]8;;\u0007 Title\u001b]0;pwned\u0007 Red\u009b31m Bell\u0007 Back\b\b Ret\r End';
const SAFE = 'Clip Clear Linkhere Title Red Bell Back Ret End';
const yamlString = (text: string) =>
  JSON.stringify(text).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

let pack: string;
const dirs: string[] = [];
beforeAll(() => {
  pack = tempDir('hostile');
  dirs.push(pack);
  const text = yamlString(HOSTILE);
  writeFileSync(join(pack, 'pack.yaml'), `formatVersion: 1\nid: hostile\ntitle: ${text}\nwelcome: ${text}\n`);
  writeFileSync(join(pack, 'sections.yaml'), `- id: intro\n  title: ${text}\n  summary: ${text}\n  body: ${text}\n`);
  writeFileSync(
    join(pack, 'roadmap.yaml'),
    `- id: first\n  title: ${text}\n  description: ${text}\n  done: ${text}\n  resources:\n    - title: ${text}\n      url: https://example.com/\n      type: docs\n  skills: []\n  effortHours: 1\n`,
  );
  writeFileSync(join(pack, 'faqs.yaml'), `- id: why\n  question: ${text}\n  answer: ${text}\n`);
});
afterAll(() => cleanup(...dirs));

describe('a content pack with escape sequences in its text', () => {
  it('is loaded with every string stripped of them', async () => {
    const roadmap = await loadPack(pack);
    expect(roadmap.title).toBe(SAFE);
    const strings = JSON.stringify(roadmap);
    expect(strings).not.toMatch(/\\u001b|\\u0007|\\u009b|\\b|\\r/);
    expect(roadmap.steps[0]?.resources[0]?.title).toBe(SAFE);
  });

  it('prints nothing that reaches the terminal as a control sequence (in-process, with colour)', async () => {
    const ctx = await makeContext({ roadmap: await loadPack(pack), tty: true, width: 100 });
    for (const args of [['roadmap'], ['sections'], ['read', 'intro'], ['faq'], ['faq', 'why'], ['progress'], ['check', 'first']]) {
      const run = await runCli(ctx, args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(`${run.out}${run.err}`).not.toMatch(/[\u001b\u0007\u009b\b\r]/);
    }
  });

  it('prints none of them from the built CLI, with colour forced on', async () => {
    assertBuilt();
    const config = tempDir('hostile-config');
    dirs.push(config);
    for (const args of [['roadmap'], ['sections'], ['read', 'intro'], ['faq', 'why'], ['roadmap', '--json'], ['--help']]) {
      const run = await runBin(args, { config, content: pack, env: { NO_COLOR: undefined, FORCE_COLOR: '3' } });
      expect(run, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
      // Our own colours are allowed; theirs are not.
      for (const hostile of [']52;', '[2J', ']8;;http://evil', ']0;pwned', '\u0007', '\u009b', '\b', '\r']) {
        expect(run.stdout, `${args.join(' ')} printed ${JSON.stringify(hostile)}`).not.toContain(hostile);
      }
    }
  });
});
