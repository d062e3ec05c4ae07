import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanup, readProgressFile, runBin, STACK_TRACE, stepId, tempDir, writePack } from './support.js';

// Ctrl+C (SIGINT) and SIGTERM at random moments of many concurrent `check`s: whatever was finished
// is saved, the file always parses, and no lock is left behind.
const PROCESSES = 24;
const ROUNDS = 3;
const dirs: string[] = [];
let pack: string;

beforeAll(() => {
  assertBuilt();
  pack = writePack(PROCESSES + 1);
  dirs.push(pack);
});
afterAll(() => cleanup(...dirs));

describe('signals in the middle of a change', () => {
  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    `round %i: ${PROCESSES} checks killed at random moments leave a valid file with every finished change`,
    async () => {
      const config = tempDir('signals');
      dirs.push(config);
      // Progress from before, which no interrupted process may lose.
      expect((await runBin(['check', stepId(PROCESSES + 1)], { config, content: pack })).code).toBe(0);

      const runs = await Promise.all(
        Array.from({ length: PROCESSES }, (_, index) => {
          const signal: NodeJS.Signals = Math.random() < 0.5 ? 'SIGTERM' : 'SIGINT';
          // A check takes a few tens of milliseconds, and this process's timers wait while it spawns
          // the others, so a signal at a random moment of 900 ms mostly comes after the check finished:
          // a third get theirs at a random moment of the first 150 ms, while it starts and changes, and
          // one in six at once, as it starts, so some are always interrupted (with random delays alone,
          // a round with none was likely).
          const delay = index % 6 === 0 ? 0 : Math.random() * (index % 3 === 0 ? 150 : 900);
          return runBin(['check', stepId(index + 1)], {
            config,
            content: pack,
            onSpawn: (child) => {
              if (delay === 0) child.kill(signal);
              else setTimeout(() => child.kill(signal), delay);
            },
          });
        }),
      );

      const finished = runs.flatMap((run, index) => (run.code === 0 ? [stepId(index + 1)] : []));
      // Interrupted: killed by the signal, or ended by mlroadmap's own handler (130, 143) while it held the lock.
      const killed = runs.filter((run) => run.signal !== null || run.code === 130 || run.code === 143).length;
      for (const run of runs) {
        expect(run.signal !== null || run.code === 0 || run.code === 130 || run.code === 143).toBe(true);
        expect(run.stderr).not.toMatch(STACK_TRACE);
      }
      // Both outcomes must occur, or the test proved nothing about interruption.
      expect(killed).toBeGreaterThan(0);

      const progress = readProgressFile(config);
      expect(progress.version).toBe(5);
      const done = Object.keys(progress.packs.big?.steps ?? {});
      expect(done).toContain(stepId(PROCESSES + 1));
      for (const id of finished) expect(done).toContain(id);
      expect(readdirSync(config).filter((name) => name.includes('.tmp-'))).toEqual([]);

      // The lock is removed as a signalled process exits. A kill in the instant between making the lock
      // and registering it for clean-up leaves it behind; then it goes stale after 10 s and the next
      // writer takes it over.
      expect(await runBin(['check', stepId(1)], { config, content: pack })).toMatchObject({ code: 0, stderr: '' });
      expect(existsSync(join(config, 'progress.json.lock'))).toBe(false);
      expect(Object.keys(readProgressFile(config).packs.big?.steps ?? {})).toContain(stepId(1));
    },
    120_000,
  );
});
