import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_MARKER } from '../../src/progress/history.js';
import { type Progress, packProgress } from '../../src/progress/model.js';
import { GRADES, reviewsOf } from '../../src/progress/review.js';
import { examineProgressBytes } from '../../src/progress/store.js';
import { EXPORT_FORMAT } from '../../src/progress/transfer.js';
import { shippedRoadmap } from '../helpers.js';
import { assertBuilt, cleanup, type Run, runBin, STACK_TRACE, tempDir } from './support.js';

// The review history lives in the same file as the rest (format 4, history.ts), written by one
// rename: a process killed at any point of a save leaves the file as it was or as the change made it,
// every acknowledged grade in it. Killed by inject.cjs at the moments of a save: half-way through the
// temp file, just before the rename, just after it.

const INJECT = fileURLToPath(new URL('./inject.cjs', import.meta.url));
const roadmap = await shippedRoadmap();
const dirs: string[] = [];
const folder = (name: string) => {
  const dir = tempDir(name);
  dirs.push(dir);
  return dir;
};
const DAY = 86_400_000;
const END = Date.parse('2026-11-30T20:00:00.000Z');
const cards = roadmap.cards.slice(0, 60).map((card) => card.id);

/** A pack with `perCard` grades on each card, a day apart from `start` days before END. */
function graded(perCard: number, start: number) {
  const reviews = Object.fromEntries(
    cards.map((card, i) => [
      card,
      {
        log: Array.from({ length: perCard }, (_, k) => ({
          at: new Date(END - (start - k) * DAY - i * 60_000).toISOString(),
          grade: GRADES[(i + k) % 4],
        })),
      },
    ]),
  );
  return { steps: {}, reviews };
}

let base: string;
let exportFile: string;

beforeAll(async () => {
  assertBuilt();
  base = folder('history-base');
  writeFileSync(join(base, 'progress.json'), JSON.stringify({ version: 1, packs: { [roadmap.id]: graded(20, 300) } }));
  // One change writes it as format 4, its history apart.
  expect(await runBin(['check', '1'], { config: base })).toMatchObject({ code: 0, stderr: '' });
  expect(readFileSync(join(base, 'progress.json'), 'utf8')).toContain(HISTORY_MARKER);
  exportFile = join(folder('history-export'), 'other-machine.json');
  writeFileSync(exportFile, JSON.stringify({ format: EXPORT_FORMAT, version: 1, pack: roadmap.id, progress: graded(3, 10) }));
});
afterAll(() => cleanup(...dirs));

/** The file in `config` read whole, as a fresh mlroadmap would. */
function readWhole(config: string): Progress {
  const found = examineProgressBytes(readFileSync(join(config, 'progress.json')));
  if ('problem' in found) throw new Error(found.problem);
  return found.progress;
}

const grades = (progress: Progress) =>
  Object.entries(reviewsOf(packProgress(progress, roadmap.id)))
    .flatMap(([card, record]) => record.log.map((entry) => `${card}|${entry.at}|${entry.grade}`))
    .sort();

const changes: [string, string[]][] = [
  ['check (the history copied as it is)', ['check', '2']],
  ['log (the history copied as it is)', ['log', '30m']],
  ['import --merge (the history rewritten)', ['import', '--merge', '--yes', '']],
];

describe('a save killed at any point keeps the whole history', () => {
  it.each(changes)(
    '%s',
    async (_name, args) => {
      const before = readWhole(base);
      const done = folder('history-done');
      cpSync(base, done, { recursive: true });
      const command = args.map((arg) => (arg === '' ? exportFile : arg));
      const finished = await runBin(command, { config: done });
      expect(finished, finished.stderr).toMatchObject({ code: 0 });
      const after = readWhole(done);
      expect(grades(after)).toEqual(expect.arrayContaining(grades(before)));

      for (const fault of ['kill-mid-write', 'kill-before-rename', 'kill-after-rename']) {
        const config = folder(`history-${fault}`);
        cpSync(base, config, { recursive: true });
        const killed: Run = await runBin(command, { config, env: { NODE_OPTIONS: `--require ${INJECT}`, MLROADMAP_TEST_FAULTS: fault } });
        expect(killed.signal, `${fault}: ${killed.stderr}`).toBe('SIGKILL');
        const left = readWhole(config);
        // The old file or the new one, whole: before the rename the old, after it the new.
        expect(grades(left), fault).toEqual(grades(fault === 'kill-after-rename' ? after : before));
        const next = await runBin(['progress', '--json'], { config });
        expect(next, fault).toMatchObject({ code: 0, stderr: '' });
        const stats = await runBin(['review', '--stats'], { config });
        expect(stats.stderr).not.toMatch(STACK_TRACE);
        expect(stats.code, fault).toBe(0);
      }
    },
    120_000,
  );
});
