import { statSync } from 'node:fs';
import type { CommandSpec } from '../command.js';
import { quote } from '../content/lookup.js';
import { UsageError, UserError } from '../errors.js';
import { sanitizeText } from '../render/sanitize.js';
import { wrapLine } from '../render/text.js';

/**
 * `mlroadmap portfolio check <dir>`: reads a project folder (a clone of the learner's repository)
 * and says what a reviewer would miss, each finding with what to add and why. Exit 0 when nothing
 * is missing, 1 otherwise; `--json` lists the findings with their ids. It only reads, and follows no link.
 */
export const command: CommandSpec = {
  name: 'portfolio',
  group: 'Track',
  summary: 'check a project folder as a reviewer would: README, licence, tests, secrets, ...',
  arguments: [
    { name: 'action', description: 'what to do: check', required: true, completes: { choices: ['check'] }, choices: ['check'] },
    { name: 'dir', description: 'the project folder (a clone of your repository)', required: true, completes: 'folder' },
  ],
  json: true,
  examples: ['mlroadmap portfolio check .', 'mlroadmap portfolio check ~/code/house-prices --json'],
  async run(ctx, { args }) {
    const dir = args[1] as string;
    let isFolder = false;
    try {
      isFolder = statSync(dir).isDirectory();
    } catch {
      throw new UserError(`${quote(dir)} does not exist; give the folder of a project (a clone of your repository)`);
    }
    if (!isFolder) throw new UsageError(`${quote(dir)} is not a folder; give the folder of a project`);
    const { checkPortfolio, quoteName } = await import('../portfolio/check.js');
    const report = checkPortfolio(dir, ctx.now());
    // Every name from the folder is quoted already (quoteName); this guards the rest of a finding's text.
    const clean = (text: string) => sanitizeText(text);
    const text = () => {
      const { style } = ctx;
      const lines: string[] = [];
      const count = report.findings.length;
      lines.push(
        count === 0
          ? `Portfolio check of ${quoteName(dir)}: nothing a reviewer would miss.`
          : `Portfolio check of ${quoteName(dir)}: ${count === 1 ? 'one thing' : `${count} things`} a reviewer would miss.`,
      );
      const wrap = (text: string, indent: string) =>
        wrapLine(text, Math.max(20, ctx.width - indent.length)).map((line) => `${indent}${line}`);
      for (const finding of report.findings) {
        lines.push('');
        lines.push(...wrap(`${ctx.tty && !ctx.ascii ? style.red('✗') : '-'} ${clean(finding.title)} [${finding.id}]`, ''));
        lines.push(...wrap(`Why: ${finding.why}.`, '  '));
        lines.push(...wrap(`Add: ${finding.fix}.`, '  '));
        for (const file of finding.files ?? []) lines.push(...wrap(clean(file), '    '));
      }
      const { checked } = report;
      const notes = [
        `${checked.files.toLocaleString('en')} files in ${checked.folders.toLocaleString('en')} folders`,
        ...(report.git.repository && report.git.commits !== undefined ? [`${report.git.commits} commits`] : []),
        ...(report.git.problem ? [`git not read in full (${clean(report.git.problem)})`] : []),
        ...(checked.links > 0 ? [`${checked.links} links not followed`] : []),
        ...(checked.unreadable > 0 ? [`${checked.unreadable} entries could not be read`] : []),
      ];
      lines.push(
        '',
        ...wrap(
          `Checked ${notes.join(', ')}.${checked.truncated ? ' The folder is too large to check whole: only the first 200,000 entries were looked at.' : ''}`,
          '',
        ),
      );
      if (report.passed.length > 0) lines.push(...wrap(`Passed: ${report.passed.join(', ')}.`, ''));
      return lines.join('\n');
    };
    const data = {
      dir: quoteName(report.dir),
      ok: report.findings.length === 0,
      findings: report.findings.map((finding) => ({ ...finding, files: finding.files ?? [] })),
      passed: report.passed,
      checked: report.checked,
      git: { commits: null, lastCommit: null, problem: null, ...report.git },
    };
    // The report is printed first, then one line on stderr and exit 1 say something is missing.
    const count = report.findings.length;
    const missing = new UserError(`${quoteName(dir)}: ${count === 1 ? 'one thing' : `${count} things`} to add or fix (listed above)`);
    return { data, text, ...(count > 0 ? { error: missing } : {}) };
  },
};
