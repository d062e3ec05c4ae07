import type { Context } from '../context.js';

/** The interactive walk-through. */
export async function runTutor(ctx: Context): Promise<void> {
  ctx.out('The interactive tutor is coming soon. Meanwhile: mlroadmap roadmap, mlroadmap read <section>, mlroadmap faq.');
}
