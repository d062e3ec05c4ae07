import type { Context } from '../context.js';
import { UserError } from '../errors.js';

/** `mlroadmap start`: the interactive tutor. Without a terminal it refuses at once instead of waiting for keys. */
export async function startTutor(ctx: Context): Promise<void> {
  if (!ctx.interactive) {
    throw new UserError(
      "'mlroadmap start' is interactive and needs a terminal; without one use the plain commands: roadmap, check, progress, sections, read, faq, phases, skills, certs, next, mark, note, search, assess",
      2,
    );
  }
  const { runTutor } = await import('../tutor/tutor.js');
  await runTutor(ctx);
}
