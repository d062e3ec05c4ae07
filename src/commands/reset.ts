import type { CommandSpec } from '../command.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
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
  summary: 'forget your progress (asks first; a backup is kept), or undo that with --restore',
  options: [
    { flags: '-y, --yes', description: 'reset (or restore) without asking' },
    { flags: '--restore', description: 'put back the newest backup (the current file is kept as a backup too)' },
  ],
  examples: ['mlroadmap reset', 'mlroadmap reset --yes', 'mlroadmap reset --restore'],
  async run(ctx, { options }) {
    if (options.restore) return restoreNewest(ctx, options.yes === true);
    await resetProgress(ctx, { yes: options.yes === true });
    return undefined;
  },
};

/** `reset --restore`: the newest backup (which the last reset made) becomes the progress again. */
async function restoreNewest(ctx: Context, yes: boolean) {
  const newest = ctx.store.inspect().backups.at(-1);
  if (!newest) throw new UserError("there is no backup to restore: reset and 'doctor --fix' make them");
  if (!yes) {
    if (!ctx.interactive) throw new UsageError('restoring needs confirmation: run it in a terminal, or pass --yes');
    if (!(await ctx.confirm(`Restore your progress from ${newest}? What is saved now is kept as a backup.`)))
      return { text: 'Nothing was changed.' };
  }
  const kept = await ctx.store.restore(newest);
  const done = `Restored your progress from ${newest}.${kept ? ` What was saved before is kept as ${kept}.` : ''}`;
  return { data: { restored: newest, kept: kept ?? null }, text: ctx.tty ? wrapLine(done, ctx.width).join('\n') : done };
}

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
