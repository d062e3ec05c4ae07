import type { CommandSpec } from '../command.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { clearPack, type PackProgress, type Progress, packProgress, summarize } from '../progress/model.js';
import { describeBackup } from '../progress/store.js';
import { diffImport } from '../progress/transfer.js';
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
    {
      flags: '--restore',
      description: "put back this roadmap's progress from the backup its last reset made (other roadmaps stay as they are)",
    },
  ],
  examples: ['mlroadmap reset', 'mlroadmap reset --yes', 'mlroadmap reset --restore'],
  async run(ctx, { options }) {
    if (options.restore) return restoreLastReset(ctx, options.yes === true);
    await resetProgress(ctx, { yes: options.yes === true });
    return undefined;
  },
};

/**
 * `reset --restore`: puts back this roadmap's progress as the last reset of it left it, from the
 * backup that reset made (found by the number in its name, not by the clock), and nothing else: the
 * progress on other roadmaps stays as it is now. Says what would change before it asks.
 */
async function restoreLastReset(ctx: Context, yes: boolean) {
  const backups = ctx.store.inspect().backups;
  const ofThisPack = backups.filter((backup) => {
    const made = describeBackup(backup);
    return made.why === 'reset' && made.pack === ctx.roadmap.id;
  });
  // Backups from before they were numbered say nothing of which roadmap was reset: the newest of them.
  const backup = ofThisPack.at(-1) ?? backups.filter((name) => describeBackup(name).made === undefined).at(-1);
  if (!backup) {
    throw new UserError(
      `there is no backup of a reset of "${ctx.roadmap.title}" to restore${backups.length > 0 ? ` (the ${plural(backups.length, 'backup')} there came from other roadmaps or from 'doctor --fix'; see 'mlroadmap doctor')` : ''}`,
    );
  }
  const current = packProgress(ctx.store.read(), ctx.roadmap.id);
  const restored = packProgress(ctx.store.readBackup(backup), ctx.roadmap.id);
  const diff = diffImport(ctx.roadmap, current, restored);
  const changes = [...diff.lines, ...otherChanges(current, restored, diff.ratingsAdded > 0)];
  if (changes.length === 0) {
    const same = `Your progress on "${ctx.roadmap.title}" already matches ${backup}; nothing to restore.`;
    return { data: { restored: null, kept: null }, text: ctx.tty ? wrapLine(same, ctx.width).join('\n') : same };
  }
  const lines = [
    `Restoring ${backup} would put back your progress on "${ctx.roadmap.title}" as it was before that reset:`,
    ...changes.map((line) => `  - ${line}`),
    'Your progress on other roadmaps stays as it is now.',
  ];
  if (!yes) {
    if (!ctx.interactive) throw new UsageError('restoring needs confirmation: run it in a terminal, or pass --yes');
    ctx.out(lines.join('\n'));
    if (!(await ctx.confirm(`Restore these ${plural(changes.length, 'change')}? What is saved now is kept as a backup.`)))
      return { text: 'Nothing was changed.' };
  }
  const kept = await ctx.store.restore(backup, ctx.roadmap.id);
  const done = `Restored your progress on "${ctx.roadmap.title}" from ${backup} (${plural(changes.length, 'change')}).${kept ? ` What was saved before is kept as ${kept}.` : ''}`;
  const text = yes ? [...lines, done] : [done];
  return {
    data: { restored: backup, kept: kept ?? null },
    text: ctx.tty ? text.flatMap((line) => wrapLine(line, ctx.width)).join('\n') : text.join('\n'),
  };
}

/** Records that `diffImport` does not list one by one, by key, with what goes back, in words. */
const OTHER_RECORDS: [key: string, words: string][] = [
  ['topics', 'the topics you marked, as they were then'],
  ['studyLog', 'the study log, as it was then'],
  ['reviews', 'the review cards and their schedule, as they were then'],
  ['quizzes', 'the quiz scores, as they were then'],
  ['plan', 'the study plan, as it was then'],
  ['projects', 'the projects, as they were then'],
];

/** A line for each other record of the pack that differs between now and the backup, and one for anything else that does. */
function otherChanges(current: PackProgress, restored: PackProgress, ratingsListed: boolean): string[] {
  const differs = (key: string) => JSON.stringify(current[key] ?? null) !== JSON.stringify(restored[key] ?? null);
  const lines = OTHER_RECORDS.filter(([key]) => differs(key)).map(([, words]) => words);
  // diffImport lists ratings added, not ratings that go.
  if (!ratingsListed && differs('assessments')) lines.push('your skill ratings, as they were then');
  const listed = new Set(['steps', 'notes', 'assessments', ...OTHER_RECORDS.map(([key]) => key)]);
  const rest = [...new Set([...Object.keys(current), ...Object.keys(restored)])].filter((key) => !listed.has(key) && differs(key));
  if (rest.length > 0) lines.push('other records of this roadmap, as they were then');
  return lines;
}

async function resetProgress(ctx: Context, options: { yes?: boolean }): Promise<void> {
  let progress: Progress | undefined;
  try {
    progress = ctx.store.read();
  } catch {
    // A damaged file is exactly what reset is for: reset it, asking first.
  }
  // Nothing saved on this roadmap (never started, or reset already): no reset, and no backup that
  // would become the one `reset --restore` finds instead of the reset that mattered.
  if (progress && !holdsProgress(Object.hasOwn(progress.packs, ctx.roadmap.id) ? progress.packs[ctx.roadmap.id] : undefined)) {
    const none = `There is no progress on "${ctx.roadmap.title}" to reset; nothing was changed.`;
    return ctx.out(ctx.tty ? wrapLine(none, ctx.width).join('\n') : none);
  }
  if (!options.yes) {
    if (!ctx.interactive) throw new UsageError('reset needs confirmation: run it in a terminal, or pass --yes to reset without asking');
    const done = progress ? summarize(ctx.roadmap, progress).done : 0;
    const sure = await ctx.confirm(`Reset your progress on "${ctx.roadmap.title}" (${plural(done, 'step')} done)? A backup is kept.`);
    if (!sure) return ctx.out('Nothing was changed.');
  }
  const backup = await ctx.store.reset((old) => {
    const rest = clearPack(old, ctx.roadmap.id);
    return Object.keys(rest.packs).length > 0 ? rest : undefined;
  }, ctx.roadmap.id);
  const done = backup ? `Progress reset. The old file was kept as ${backup}` : 'Progress reset (there was nothing saved yet).';
  ctx.out(ctx.tty ? wrapLine(done, ctx.width).join('\n') : done);
}

/** Whether a pack's record holds anything of the learner's (sync's bookkeeping aside). */
function holdsProgress(pack: PackProgress | undefined): boolean {
  if (pack === undefined) return false;
  return Object.entries(pack).some(([key, value]) => {
    if (key === 'deleted' || key === 'stamps') return false;
    if (value === undefined || value === null) return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === 'object') return Object.keys(value).length > 0;
    return true;
  });
}
