import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Quiz } from '../../src/content/schema.js';
import { emptyProgress, packProgress } from '../../src/progress/model.js';
import { quizRecordOf, recordQuizAttempt } from '../../src/progress/quiz.js';
import { BIN, makeContext, runCli, shippedRoadmap } from '../helpers.js';
import { press, printed, tutorContext, until } from '../tutor/screen.js';

const roadmap = await shippedRoadmap();
const phases = roadmap.quizzes.find((quiz) => quiz.id === 'phases') as Quiz;

/** Answers the question on screen: moves down to choice `index` and presses Enter. */
async function answer(number: number, index: number): Promise<void> {
  await until(`Question ${number} of`);
  press(...Array.from({ length: index }, () => 'down'), 'enter');
}

describe('mlroadmap quiz --list', () => {
  it('lists every quiz with its question count, and "not taken yet"', async () => {
    const ctx = await makeContext();
    const { code, out } = await runCli(ctx, ['quiz', '--list']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(roadmap.quizzes.length);
    expect(lines[0]).toMatch(/^1\. phases\s+The five phases of an ML project: 6 questions, not taken yet$/);
  });

  it('shows the best score and attempts once taken; --json for scripts', async () => {
    let progress = recordQuizAttempt(emptyProgress(), roadmap.id, phases, 3, new Date('2026-01-02T00:00:00Z'));
    progress = recordQuizAttempt(progress, roadmap.id, phases, 5, new Date('2026-01-03T00:00:00Z'));
    const ctx = await makeContext({ progress });
    expect((await runCli(ctx, ['quiz', '--list'])).out.split('\n')[0]).toContain('6 questions, best 5/6 (2 attempts)');
    const json = JSON.parse((await runCli(ctx, ['quiz', '--json'])).out);
    expect(json[0]).toMatchObject({ id: 'phases', questions: 6, best: 5, attempts: 2, lastTakenAt: '2026-01-03T00:00:00.000Z' });
    expect(json[1]).toMatchObject({ best: null });
  });

  it('refuses a topic together with --list (exit 2)', async () => {
    const result = await runCli(await makeContext(), ['quiz', 'phases', '--list']);
    expect(result.code).toBe(2);
  });
});

describe('mlroadmap quiz <topic>', () => {
  it('without a terminal exits 2 at once and says how to list the quizzes', async () => {
    const ctx = await makeContext();
    const result = await runCli(ctx, ['quiz', 'phases']);
    expect(result.code).toBe(2);
    expect(result.err).toContain("'mlroadmap quiz --list'");
    expect((await runCli(ctx, ['quiz'])).code).toBe(2);
  });

  it('refuses an unknown topic with exit 1 and a suggestion', async () => {
    const result = await runCli(await tutorContext(), ['quiz', 'phses']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('did you mean phases?');
  });

  it('asks each question, explains each answer at once, and records the score', async () => {
    const ctx = await tutorContext();
    const run = runCli(ctx, ['quiz', 'phases']);
    const count = phases.questions.length;
    const first = await until(`Question 1 of ${count}: ${phases.questions[0]?.prompt.split(' ').slice(0, 5).join(' ')}`);
    expect(first).toMatch(/Which phase of\s+the project comes first/);
    for (const choice of phases.questions[0]?.choices ?? []) expect(first).toContain(choice);
    // Right, then wrong, then right for the rest.
    await answer(1, phases.questions[0]?.answer as number);
    await answer(2, ((phases.questions[1]?.answer as number) + 1) % (phases.questions[1]?.choices.length as number));
    for (let n = 3; n <= count; n++) await answer(n, phases.questions[n - 1]?.answer as number);
    const result = await run;
    expect(result.code).toBe(0);
    const out = printed(ctx);
    expect(out).toContain('✔ Right.\n  Every model depends on its data');
    expect(out).toContain(`✘ Not quite. The answer is: ${phases.questions[1]?.choices[phases.questions[1]?.answer as number]}`);
    expect(out).toContain(`You scored ${count - 1}/${count}. Good.`);
    const record = quizRecordOf(packProgress(ctx.store.current, roadmap.id), 'phases');
    expect(record).toEqual({ best: count - 1, total: count, attempts: [{ at: '2026-01-15T10:00:00.000Z', score: count - 1 }] });
  });

  it('without a topic lets the learner pick the quiz, and keeps the best score over attempts', async () => {
    const progress = recordQuizAttempt(emptyProgress(), roadmap.id, roadmap.quizzes[2] as Quiz, 5, new Date('2026-01-01'));
    const ctx = await tutorContext({ progress });
    const run = runCli(ctx, ['quiz']);
    const menu = await until('Which quiz?');
    expect(menu).toContain(`${roadmap.quizzes[2]?.title} (5 questions, best 5/5)`);
    press('down', 'down', 'enter');
    const tools = roadmap.quizzes[2] as Quiz;
    for (let n = 1; n <= tools.questions.length; n++) await answer(n, ((tools.questions[n - 1]?.answer as number) + 1) % 2);
    await run;
    // A low score names the part of the guide the quiz checks.
    expect(printed(ctx).replace(/\s+/g, ' ')).toMatch(
      /You scored [0-2]\/5\. Worth reading "Machine-learning tools" again\. Your best is 5\/5\./,
    );
    expect(quizRecordOf(packProgress(ctx.store.current, roadmap.id), tools.id)?.attempts).toHaveLength(2);
  });

  it('run alone, offers "Quit" at the list rather than a menu it does not have, and ends cleanly', async () => {
    const ctx = await tutorContext();
    const run = runCli(ctx, ['quiz']);
    const list = await until('Which quiz?');
    expect(list).not.toContain('Back to the menu');
    expect(list).toMatch(/^ {2}Quit$/m);
    press('up', 'enter');
    const result = await run;
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).not.toContain('Left the quiz');
    expect(ctx.store.current).toEqual(emptyProgress());
  });

  it('records nothing when the learner leaves half-way', async () => {
    const ctx = await tutorContext();
    const run = runCli(ctx, ['quiz', 'phases']);
    await answer(1, 1);
    await until('Question 2 of');
    press('escape');
    const result = await run;
    expect(result.code).toBe(0);
    expect(result.out).toContain('Left the quiz; an unfinished quiz is not scored.');
    expect(ctx.store.current).toEqual(emptyProgress());

    const again = await tutorContext();
    const interrupted = runCli(again, ['quiz', 'phases']);
    await until('Question 1 of');
    press({ name: 'c', ctrl: true });
    expect(await interrupted).toMatchObject({ code: 130, err: '' });
    expect(again.store.current).toEqual(emptyProgress());
  });
});

describe('the real executable in a pipe', () => {
  /** Runs dist/mlroadmap.cjs with stdin a pipe that stays open, where a prompt would wait forever. */
  function runWithOpenStdin(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const config = mkdtempSync(join(tmpdir(), 'mlroadmap-quiz-'));
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, MLROADMAP_CONFIG_DIR: config }, stdio: 'pipe' });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const timer = setTimeout(() => child.kill(), 20_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }

  it.each([
    [['quiz', 'phases'], 'needs a terminal'],
    [['assess'], 'mlroadmap assess <skill> <1-5>'],
  ])(
    '%j exits 2 at once instead of waiting for an answer',
    async (args, message) => {
      if (!existsSync(join(BIN, '..', '..', 'dist', 'mlroadmap.cjs'))) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
      const result = await runWithOpenStdin(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    },
    30_000,
  );
});
