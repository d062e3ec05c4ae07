import type { CommandSpec } from '../command.js';
import { quote } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { FileAccessError } from '../files.js';
import { toJson } from '../json.js';
import { exportJson, exportMarkdown } from '../progress/transfer.js';

/**
 * `mlroadmap export`: the progress on the current roadmap as a markdown checklist (`--format md`,
 * the default) or as JSON that `mlroadmap import` reads back (`--format json`); printed, or written to
 * `--output <file>`, which must not exist yet unless `--force` is given.
 */
export const command: CommandSpec = {
  name: 'export',
  group: 'Data',
  summary: 'print or save your progress as a markdown checklist or as JSON',
  options: [
    {
      flags: '--format <format>',
      description: 'md: a checklist that reads well on GitHub; json: everything, for import',
      choices: ['md', 'json'],
      default: 'md',
      completes: { choices: ['md', 'json'] },
    },
    { flags: '-o, --output <file>', description: 'write to <file> instead of printing (- prints)', completes: 'file' },
    { flags: '-f, --force', description: 'overwrite <file> if it exists' },
  ],
  examples: ['mlroadmap export > progress.md', 'mlroadmap export --format json --output progress.json'],
  run(ctx, { options }) {
    const progress = ctx.store.read();
    const format = options.format === 'json' ? 'json' : 'md';
    const text =
      format === 'json' ? toJson(exportJson(ctx.roadmap, progress, ctx.now())) : exportMarkdown(ctx.roadmap, progress, ctx.now());
    const output = options.output as string | undefined;
    // `-o -` is standard output, as for most tools.
    if (output === undefined || output === '-') return { text };
    writeExport(ctx, output, `${text}\n`, options.force === true);
    return {
      text: `Exported your progress on "${ctx.roadmap.title}" to ${output}${format === 'json' ? " (read it back with 'mlroadmap import')" : ''}.`,
    };
  },
};

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
