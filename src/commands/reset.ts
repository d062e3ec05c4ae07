import type { CommandSpec } from '../command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { clearPack, summarize } from '../progress/model.js';
import { wrapLine } from '../render/text.js';
import { plural } from '../words.js';

/**
 * `mlroadmap reset`: forgets the progress on this roadmap after asking. The old file is kept as a
 * timestamped backup beside it, so even a reset loses nothing for good.
 */
export const command: CommandSpec = {
  name: 'reset',
  group: 'Data',
  summary: 'forget your progress (asks first; a backup is kept)',
  options: [{ flags: '-y, --yes', description: 'reset without asking' }],
  examples: ['mlroadmap reset', 'mlroadmap reset --yes'],
  async run(ctx, { options }) {
    await resetProgress(ctx, { yes: options.yes === true });
    return undefined;
  },
};

async function resetProgress(ctx: Context, options: { yes?: boolean }): Promise<void> {
  if (!options.yes) {
    if (!ctx.interactive) throw new UsageError('reset needs confirmation: run it in a terminal, or pass --yes to reset without asking');
    let done = 0;
    try {
      done = summarize(ctx.roadmap, ctx.store.read()).done;
    } catch {
      // A damaged file is exactly what reset is for; ask anyway.
    }
    const sure = await ctx.confirm(`Reset your progress on "${ctx.roadmap.title}" (${plural(done, 'step')} done)? A backup is kept.`);
    if (!sure) return ctx.out('Nothing was changed.');
  }
  const backup = await ctx.store.reset((old) => {
    const rest = clearPack(old, ctx.roadmap.id);
    return Object.keys(rest.packs).length > 0 ? rest : undefined;
  });
  const done = backup ? `Progress reset. The old file was kept as ${backup}` : 'Progress reset (there was nothing saved yet).';
  ctx.out(ctx.tty ? wrapLine(done, ctx.width).join('\n') : done);
}
