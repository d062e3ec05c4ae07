import { quote } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { FileAccessError } from '../files.js';
import { toJson } from '../json.js';
import { exportJson, exportMarkdown } from '../progress/transfer.js';

export type ExportFormat = 'md' | 'json';

/**
 * `mlroadmap export`: the progress on the current roadmap as a markdown checklist (`--format md`,
 * the default) or as JSON that `mlroadmap import` reads back (`--format json`); printed, or written to
 * `--output <file>`, which must not exist yet unless `--force` is given.
 */
export function exportProgress(ctx: Context, options: { format?: ExportFormat; output?: string; force?: boolean }): void {
  const progress = ctx.store.read();
  const format = options.format ?? 'md';
  const text = format === 'json' ? toJson(exportJson(ctx.roadmap, progress, ctx.now())) : exportMarkdown(ctx.roadmap, progress, ctx.now());
  if (options.output === undefined) return ctx.out(text);
  writeExport(ctx, options.output, `${text}\n`, options.force === true);
  ctx.out(
    `Exported your progress on "${ctx.roadmap.title}" to ${options.output}${format === 'json' ? " (read it back with 'mlroadmap import')" : ''}.`,
  );
}

/** Writes the export through `ctx.files`, never over an existing file unless `force`. */
function writeExport(ctx: Context, file: string, text: string, force: boolean): void {
  try {
    ctx.files.write(file, text, force);
  } catch (error) {
    if (!(error instanceof FileAccessError)) throw error;
    const name = quote(file);
    if (error.code === 'EEXIST') throw new UserError(`${name} already exists; pass --force to overwrite it, or choose another file`);
    throw new UserError(`cannot write ${name}: ${error.problem}`);
  }
}
