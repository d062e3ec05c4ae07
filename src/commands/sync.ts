import type { CommandSpec } from '../command.js';
import { UsageError, UserError } from '../errors.js';
import { localTime } from '../render/time.js';
import { redactUrl } from '../sync/git.js';
import { syncNow, syncStatus } from '../sync/session.js';
import { plural } from '../words.js';

/**
 * `mlroadmap sync [remote]`: brings in what other machines did and sends what this one did, through a
 * git repository the learner owns (see src/sync/). The remote is given the first time and kept in
 * this machine's settings; `--status` says where sync stands without changing anything.
 */
export const command: CommandSpec = {
  name: 'sync',
  group: 'Data',
  summary: 'sync your progress with your other machines through a git repository you own',
  arguments: [
    {
      name: 'remote',
      description: 'the first time: a git remote you can push to (a private GitHub repository, another host, a path to a bare repository)',
      required: false,
      completes: 'none',
    },
  ],
  options: [{ flags: '--status', description: 'the remote, the last sync, and whether either side has changes' }],
  json: true,
  examples: [
    'mlroadmap sync git@github.com:you/mlroadmap-progress.git',
    'mlroadmap sync',
    'mlroadmap sync --status',
    'mlroadmap sync /media/usb/progress.git',
  ],
  async run(ctx, { args, options }) {
    const setup = ctx.sync;
    if (!setup) throw new UserError('sync needs a folder to keep its repository in; set HOME, or MLROADMAP_CONFIG_DIR');
    if (options.status) {
      if (args[0] !== undefined) throw new UsageError('give a remote to sync with, or --status, not both');
      const status = await syncStatus(ctx.store, setup, ctx.now);
      const yesNo = (value: boolean | null, problem: string | null) =>
        value === null ? `unknown (${problem ?? 'not checked'})` : value ? 'yes' : 'no';
      const lines =
        status.remote === null
          ? ['Sync is not set up. The first time: mlroadmap sync <remote> (see the README)']
          : [
              `Remote: ${status.remote}`,
              `Last sync: ${status.lastSync ? localTime(status.lastSync) : 'never'}`,
              `Changes here since then: ${status.localChanges ? 'yes' : 'no'}`,
              `Changes on the remote: ${yesNo(status.remoteChanges, status.remoteProblem)}`,
              ...(status.lastError ? [`Last error (${status.lastError.at}): ${status.lastError.message}`] : []),
            ];
      return { data: status, text: lines.join('\n') };
    }
    const report = await syncNow(ctx.store, setup, ctx.now, args[0] as string | undefined);
    const lines = [
      report.pushed || report.received.length > 0
        ? `Synced with ${redactUrl(report.remote)}.`
        : `Synced with ${redactUrl(report.remote)}: nothing new on either side.`,
    ];
    if (report.received.length > 0) lines.push(`Brought in: ${report.received.join('; ')}`);
    if (report.pushed && report.sent.length > 0) lines.push(`Sent: ${report.sent.join('; ')}`);
    if (report.overwritten.length > 0) {
      lines.push(`Replaced by later changes from another machine (${plural(report.overwritten.length, 'value')}):`);
      for (const item of report.overwritten) lines.push(`  - ${item.what}: ${item.lost} → ${item.kept}`);
    }
    return {
      data: {
        remote: redactUrl(report.remote),
        at: report.at,
        commit: report.commit ?? null,
        pushed: report.pushed,
        received: report.received,
        sent: report.sent,
        overwritten: report.overwritten,
        attempts: report.attempts,
      },
      text: lines.join('\n'),
    };
  },
};
