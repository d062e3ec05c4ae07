import type { CommandSpec } from '../command.js';
import { quote } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { FileAccessError } from '../files.js';
import { mergeProgress, type Overwritten } from '../progress/merge.js';
import { PROGRESS_VERSION, type Progress, packProgress } from '../progress/model.js';
import { loadSchedulers } from '../progress/review.js';
import { diffImport, MAX_IMPORT_BYTES, parseImport, replacePack } from '../progress/transfer.js';
import { localDay } from '../render/time.js';
import { plural } from '../words.js';

/**
 * `mlroadmap import <file>`: replaces the progress on the current roadmap with an export made by
 * `mlroadmap export --format json`. The file is checked whole before anything is touched; what would
 * change is shown and confirmed (`--yes` skips the question); the write happens under the store's lock.
 */
export const command: CommandSpec = {
  name: 'import',
  group: 'Data',
  summary: 'replace your progress with a JSON export (shows the changes and asks first)',
  arguments: [
    {
      name: 'file',
      description: "a file written by 'mlroadmap export --format json' (- reads standard input)",
      required: true,
      completes: 'file',
    },
  ],
  options: [
    { flags: '-y, --yes', description: 'import without asking' },
    { flags: '--merge', description: 'merge the export with your progress, as sync does, instead of replacing it (nothing is lost)' },
  ],
  examples: [
    'mlroadmap import progress.json',
    'mlroadmap import progress.json --yes',
    'mlroadmap import - --yes < progress.json',
    'mlroadmap import --merge laptop.json',
  ],
  async run(ctx, { args, options }) {
    if (options.merge) {
      await mergeImport(ctx, args[0] as string);
      return undefined;
    }
    await importProgress(ctx, args[0] as string, { yes: options.yes === true });
    return undefined;
  },
};

/**
 * `import --merge`: the export's pack merged into this machine's progress by the rules sync uses
 * (progress/merge.ts): both sides' changes kept, the later one where they touch the same thing.
 * Nothing is lost, so nothing is asked; what was replaced is named.
 */
async function mergeImport(ctx: Context, file: string): Promise<void> {
  const name = file === '-' ? 'standard input' : quote(file);
  const refuse = (problem: string) => new UserError(`cannot import ${name}: ${problem}. Nothing was changed`);
  const parsed = parseImport(readImportFile(ctx, file, refuse), ctx.roadmap);
  if ('problem' in parsed) throw refuse(parsed.problem);
  const scheduler = await loadSchedulers();
  const theirs: Progress = { version: PROGRESS_VERSION, packs: { [ctx.roadmap.id]: parsed.progress } };
  const now = ctx.now();
  const before = JSON.stringify(packProgress(ctx.store.read(), ctx.roadmap.id));
  let overwritten: Overwritten[] = [];
  const after = await ctx.store.update(
    (current) => {
      const result = mergeProgress(current, theirs, now, scheduler);
      overwritten = result.overwrittenLocal;
      return result.progress;
    },
    { merged: true },
  );
  const changed = JSON.stringify(packProgress(after, ctx.roadmap.id)) !== before;
  ctx.out(changed ? `Merged ${name} into your progress on "${ctx.roadmap.title}".` : `Your progress already holds everything in ${name}.`);
  for (const item of overwritten) ctx.out(`  - replaced by a later change in the file: ${item.what}: ${item.lost} → ${item.kept}`);
}

async function importProgress(ctx: Context, file: string, options: { yes?: boolean }): Promise<void> {
  const name = file === '-' ? 'standard input' : quote(file);
  const refuse = (problem: string) => new UserError(`cannot import ${name}: ${problem}. Nothing was changed`);
  const text = readImportFile(ctx, file, refuse);
  const parsed = parseImport(text, ctx.roadmap);
  if ('problem' in parsed) throw refuse(parsed.problem);

  const current = packProgress(ctx.store.read(), ctx.roadmap.id);
  const diff = diffImport(ctx.roadmap, current, parsed.progress);
  if (diff.lines.length === 0) return ctx.out(`Your progress already matches ${name}; nothing to import.`);
  const from = parsed.exportedAt ? ` (exported ${localDay(parsed.exportedAt)})` : '';
  ctx.out(`Importing ${name}${from} would replace your progress on "${ctx.roadmap.title}":`);
  for (const line of diff.lines) ctx.out(`  - ${line}`);

  if (!options.yes) {
    if (!ctx.interactive)
      throw new UsageError('import needs confirmation: run it in a terminal, or pass --yes to import without asking. Nothing was changed');
    if (!(await ctx.confirm(`Import these ${plural(diff.lines.length, 'change')}?`))) return ctx.out('Nothing was changed.');
  }
  const shown = JSON.stringify(current);
  await ctx.store.update((progress) => {
    // Another mlroadmap may have saved something while the learner read the changes: they agreed to
    // the changes shown, not to losing that.
    if (JSON.stringify(packProgress(progress, ctx.roadmap.id)) !== shown) {
      throw new UserError(
        'your progress changed while the import was waiting; run the import again to see the changes. Nothing was changed',
      );
    }
    // Not dated as a restore (an epoch): a sync would then drop whatever other machines had done
    // before it that this one never saw (a fresh machine importing an old export wiped the newer
    // progress of the others). Its records keep their own times, so a newer change made elsewhere
    // wins at the next sync, and the sync names each one it replaced.
    return replacePack(progress, ctx.roadmap.id, parsed.progress);
  });
  ctx.out(`Imported ${name}: ${plural(diff.lines.length, 'change')}.`);
}

/** Reads the file through `ctx.files`, only when it is a regular file no larger than an export could be. */
function readImportFile(ctx: Context, file: string, refuse: (problem: string) => UserError): string {
  try {
    return ctx.files.read(file, MAX_IMPORT_BYTES);
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    throw refuse(error.code === 'TOOBIG' ? `${error.problem}; an export is a few kilobytes` : error.problem);
  }
}
