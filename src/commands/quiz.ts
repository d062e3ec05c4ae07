import type { CommandSpec } from '../command.js';
import { resolveItem } from '../content/lookup.js';
import type { Quiz } from '../content/schema.js';
import { LeaveError, UsageError } from '../errors.js';
import { listOptions } from '../output.js';
import { packProgress } from '../progress/model.js';
import { listQuizzes } from '../progress/quiz.js';
import { renderRows } from '../render/text.js';
import { plural } from '../words.js';

/**
 * `mlroadmap quiz [topic]`: runs a self-check quiz on a terminal (picked from a list when no topic is
 * given); `--list` (or `--json`) lists the quizzes with question counts and the learner's best scores.
 */
export const command: CommandSpec = {
  name: 'quiz',
  group: 'Tutor',
  summary: 'take a self-check quiz, or list the quizzes with your best scores',
  arguments: [
    { name: 'topic', description: "a quiz's number, id or id prefix (see 'mlroadmap quiz --list')", required: false, completes: 'quiz' },
  ],
  options: [
    { flags: '--list', description: 'list the quizzes with question counts and your best scores' },
    { flags: '--json', description: 'print JSON for scripts', implies: { list: true } },
  ],
  examples: ['mlroadmap quiz', 'mlroadmap quiz phases', 'mlroadmap quiz --list'],
  async run(ctx, { args, options }) {
    const topic = args[0] as string | undefined;
    if (options.list || options.json) {
      if (topic !== undefined) throw new UsageError("give a quiz to take or --list, not both (see 'mlroadmap quiz --list')");
      const listing = listQuizzes(ctx.roadmap.quizzes, packProgress(ctx.store.read(), ctx.roadmap.id));
      const rows = listing.map((quiz, i): [string, string] => {
        const best = quiz.best === null ? 'not taken yet' : `best ${quiz.best}/${quiz.bestOutOf} (${plural(quiz.attempts, 'attempt')})`;
        return [`${i + 1}. ${quiz.id}`, `${quiz.title}: ${quiz.questions} questions, ${best}`];
      });
      return {
        data: listing.map((quiz, i) => ({ number: i + 1, ...quiz })),
        text: () => renderRows(rows, listOptions(ctx), 'Quizzes', 'Take one with: mlroadmap quiz <number or id>'),
      };
    }
    const quiz: Quiz | undefined = topic === undefined ? undefined : resolveItem(ctx.roadmap.quizzes, topic, 'quiz', 'quiz --list');
    if (!ctx.interactive) {
      throw new UsageError(
        `a quiz asks questions, so it needs a terminal; run 'mlroadmap quiz${quiz ? ` ${quiz.id}` : ''}' in one (see the quizzes with 'mlroadmap quiz --list')`,
      );
    }
    const { pickQuiz, runQuiz } = await import('../tutor/quiz.js');
    // Run alone there is no menu to go back to: "Quit" (or Esc) at the list ends the command.
    let picked = quiz;
    if (!picked) {
      try {
        picked = await pickQuiz(ctx, ctx.prompts, undefined, 'Quit');
      } catch (error) {
        if (!(error instanceof LeaveError)) throw error;
      }
      if (!picked) return undefined;
    }
    try {
      await runQuiz(ctx, ctx.prompts, picked);
    } catch (error) {
      if (!(error instanceof LeaveError)) throw error;
      return { text: 'Left the quiz; an unfinished quiz is not scored.' };
    }
    return undefined;
  },
};
