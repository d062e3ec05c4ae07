import { statSync, writeFileSync } from 'node:fs';
import { quote } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
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
  const text =
    format === 'json'
      ? JSON.stringify(exportJson(ctx.roadmap, progress, ctx.now()), null, 2)
      : exportMarkdown(ctx.roadmap, progress, ctx.now());
  if (options.output === undefined) return ctx.out(text);
  writeExport(options.output, `${text}\n`, options.force === true);
  ctx.out(
    `Exported your progress on "${ctx.roadmap.title}" to ${options.output}${format === 'json' ? " (read it back with 'mlroadmap import')" : ''}.`,
  );
}

/** Writes the export; `wx` makes "does it exist?" and the write one step, so a file is never overwritten by accident. */
function writeExport(file: string, text: string, force: boolean): void {
  try {
    writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const name = quote(file);
    switch (code) {
      case 'EEXIST':
        if (isFolder(file)) throw new UserError(`cannot write ${name}: it is a folder; give a file name`);
        throw new UserError(`${name} already exists; pass --force to overwrite it, or choose another file`);
      case 'ENOENT':
        throw new UserError(`cannot write ${name}: its folder does not exist`);
      case 'EISDIR':
        throw new UserError(`cannot write ${name}: it is a folder; give a file name`);
      case 'EACCES':
      case 'EPERM':
        throw new UserError(`cannot write ${name}: permission denied`);
      default:
        throw new UserError(`cannot write ${name}: ${code ?? (error as Error).message}`);
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
