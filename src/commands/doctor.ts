import type { CommandSpec } from '../command.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { inspectPython, pythonLines } from '../exercises/session.js';
import { printJson } from '../output.js';
import { PROGRESS_VERSION, packProgress, summarize } from '../progress/model.js';
import { LOCK_STALE_MS, type ProgressReport } from '../progress/store.js';
import { sanitizeText } from '../render/sanitize.js';
import { localTime } from '../render/time.js';
import { type SyncStatus, syncStatus } from '../sync/session.js';
import { plural } from '../words.js';

/**
 * `mlroadmap doctor`: explains what state the progress file, its folder and its lock are in, and what
 * to do. With `--fix` (or after asking, on a terminal) it moves a damaged file to a timestamped backup
 * beside it and deletes temp files left by interrupted writes. It never touches a file written by a
 * newer mlroadmap, and never edits a file in place. Exits 1 while a problem remains.
 */
export const command: CommandSpec = {
  name: 'doctor',
  group: 'Data',
  summary: 'check the progress file, its folder and its lock, and the Python the exercises use; say what to do',
  options: [
    {
      flags: '--fix',
      description: 'move a damaged progress file to a backup beside it, clear a lock left behind and delete leftover temp files',
    },
  ],
  json: true,
  examples: ['mlroadmap doctor', 'mlroadmap doctor --fix'],
  async run(ctx, { options }) {
    await runDoctor(ctx, { fix: options.fix === true, json: options.json === true });
    return undefined;
  },
};

async function runDoctor(ctx: Context, options: { fix?: boolean; json?: boolean }): Promise<void> {
  const report = ctx.store.inspect();
  const fixable = report.state === 'damaged' || report.leftovers.length > 0 || report.lock?.stale === true;
  let fix = options.fix === true && fixable;
  if (!options.fix && !options.json && fixable && ctx.interactive) {
    ctx.out(sanitizeText(describe(ctx, report).join('\n')));
    fix = await ctx.confirm(
      report.state === 'damaged'
        ? 'Move the damaged progress file to a backup beside it and start fresh?'
        : report.leftovers.length > 0
          ? 'Delete the temp files left by interrupted writes?'
          : 'Remove the lock that was left behind?',
    );
    if (!fix) {
      ctx.out('Nothing was changed.');
      return finish(report);
    }
  } else if (!options.json) {
    ctx.out(sanitizeText(describe(ctx, report).join('\n')));
  }

  let repaired: Awaited<ReturnType<typeof ctx.store.repair>> | undefined;
  let after = report;
  if (options.fix && !fixable && !options.json) ctx.out('Nothing to fix by moving or deleting files.');
  if (fix) {
    repaired = await ctx.store.repair();
    after = ctx.store.inspect();
    if (!options.json) {
      const lines: string[] = [];
      if (repaired.backup) lines.push(`Moved the damaged file to ${repaired.backup}. Progress starts fresh; the backup is kept.`);
      if (repaired.lockCleared) lines.push('Removed the lock that was left behind.');
      if (repaired.removed.length > 0) lines.push(`Deleted ${plural(repaired.removed.length, 'leftover temp file')}.`);
      if (lines.length === 0) lines.push('Nothing needed fixing.');
      ctx.out(sanitizeText(lines.join('\n')));
    }
  }

  // The Python the exercises' checks would run with: reported, never a problem of the progress file.
  const python = ctx.exercises ? await inspectPython(ctx.exercises) : null;
  if (python && !options.json) ctx.out(sanitizeText(['', ...pythonLines(python)].join('\n')));

  // Sync's set-up and its last error, from this machine's settings (no network): reported, never a problem of the file.
  const sync = ctx.sync ? await syncStatus(ctx.store, ctx.sync, ctx.now, false) : null;
  if (sync && !options.json) ctx.out(sanitizeText(['', ...syncLines(sync)].join('\n')));

  if (options.json) {
    // Every key always there (docs/json.md): null where the report has nothing to say.
    printJson(ctx, {
      path: after.path,
      state: after.state,
      problem: after.problem ?? null,
      migrated: after.migrated === true,
      folderProblem: after.folderProblem ?? null,
      lock: after.lock ?? null,
      leftovers: after.leftovers,
      backups: after.backups,
      version: PROGRESS_VERSION,
      summary: after.progress ? counts(ctx, after) : null,
      fixed: repaired ?? null,
      ok: problems(after).length === 0,
      python,
      sync: sync && { remote: sync.remote, lastSync: sync.lastSync, lastError: sync.lastError, localChanges: sync.localChanges },
    });
  }
  return finish(after);
}

function syncLines(sync: SyncStatus): string[] {
  if (sync.remote === null) return ['Sync: not set up (mlroadmap sync <remote> to keep progress on several machines).'];
  return [
    `Sync: with ${sync.remote}; last synced ${sync.lastSync ? localTime(sync.lastSync) : 'never'}${sync.localChanges ? ', with changes here since' : ''}.`,
    ...(sync.lastError ? [`  Last error (${sync.lastError.at}): ${sync.lastError.message}`] : []),
  ];
}

function finish(report: ProgressReport): void {
  const found = problems(report);
  if (found.length > 0) {
    throw new UserError(`doctor found ${plural(found.length, 'problem')}: ${found.join('; ')}`);
  }
}

/** The problems that stop progress from being used or saved. A stale lock and leftover temp files are not: they are cleared by themselves or harmless. */
function problems(report: ProgressReport): string[] {
  const found: string[] = [];
  if (report.state === 'damaged') found.push('the progress file cannot be used');
  if (report.state === 'newer') found.push('the progress file is from a newer mlroadmap');
  if (report.state === 'unreadable') found.push('the progress file could not be read');
  if (report.folderProblem) found.push('progress cannot be saved');
  if (report.lock?.state === 'paused') found.push('a paused mlroadmap holds the lock');
  return found;
}

function counts(ctx: Context, report: ProgressReport) {
  if (!report.progress) return undefined;
  const summary = summarize(ctx.roadmap, report.progress);
  const known = new Set(ctx.roadmap.steps.map((step) => step.id));
  const unknownSteps = Object.keys(packProgress(report.progress, ctx.roadmap.id).steps).filter((id) => !known.has(id)).length;
  const otherPacks = Object.keys(report.progress.packs).filter((id) => id !== ctx.roadmap.id).length;
  return { stepsDone: summary.done, stepsTotal: summary.total, unknownSteps, otherPacks };
}

function describe(ctx: Context, report: ProgressReport): string[] {
  const lines = [
    report.linkTarget
      ? `Progress file: ${report.path}, a symbolic link to ${report.linkTarget} (saves replace that file and keep the link)`
      : `Progress file: ${report.path}`,
  ];
  switch (report.state) {
    case 'missing':
      lines.push('  Not there yet: nothing has been saved. It is made at the first change (mlroadmap check 1).');
      break;
    case 'ok': {
      const count = counts(ctx, report);
      lines.push(
        `  OK: format ${PROGRESS_VERSION}, ${count?.stepsDone ?? 0} of ${count?.stepsTotal ?? 0} steps done on "${ctx.roadmap.title}".`,
      );
      if (count?.unknownSteps) {
        lines.push(
          `  ${plural(count.unknownSteps, 'entry', 'entries')} for steps this guide no longer has ${count.unknownSteps === 1 ? 'is' : 'are'} kept.`,
        );
      }
      if (count?.otherPacks) lines.push(`  Progress on ${plural(count.otherPacks, 'other roadmap')} is kept.`);
      if (report.migrated)
        lines.push(`  It is in an older format; it reads fine and is rewritten as format ${PROGRESS_VERSION} at the next change.`);
      break;
    }
    case 'newer':
      lines.push(`  Problem: ${report.problem}.`);
      lines.push('  It was left untouched, and doctor --fix leaves it alone too: install the newer mlroadmap (npm install -g mlroadmap).');
      break;
    case 'unreadable':
      lines.push(`  Problem: it could not be read: ${report.problem}.`);
      lines.push(
        '  That is an error of the disk or the mount, not damage to the file, which may well be whole: leave it where it is, check the disk (or the network mount), and run mlroadmap doctor again.',
      );
      break;
    case 'damaged':
      lines.push(`  Problem: ${report.problem}.`);
      lines.push(
        "  It was left untouched. Repair it by hand (it is JSON), or run 'mlroadmap doctor --fix' to move it to a backup beside it (progress.json.bak-<time>) and start fresh.",
      );
      break;
  }
  lines.push(
    report.folderProblem
      ? `Folder: progress cannot be saved: ${report.folderProblem}. Make the folder writable, or set MLROADMAP_CONFIG_DIR to a folder that is.`
      : report.folderWarning
        ? `Folder: writable, but ${report.folderWarning}.`
        : 'Folder: writable.',
  );
  lines.push(describeLock(report));
  if (report.leftovers.length > 0) {
    lines.push(
      `Leftovers: ${plural(report.leftovers.length, 'temp file')} from interrupted writes (the progress file is whole); doctor --fix deletes those whose process is gone.`,
    );
  }
  const newest = report.backups.at(-1);
  lines.push(newest ? `Backups: ${report.backups.length}, the newest ${newest}.` : 'Backups: none.');
  return lines;
}

/** What stands where the lock is, for a lock judged by its time; `owned` says it of one naming a process elsewhere. */
function lockKind(lock: NonNullable<ProgressReport['lock']>, owned: string): string {
  if (lock.kind === 'folder') return "an older mlroadmap's lock folder";
  return lock.kind === 'owned' ? owned : 'a file that is not a lock';
}

/** The lock in words: who holds it, and what to do when it is in the way. */
function describeLock(report: ProgressReport): string {
  const lock = report.lock;
  if (!lock) return 'Lock: none (nobody is saving).';
  const holder = lock.pid === undefined ? '' : ` (process ${lock.pid}${lock.host ? ` on ${lock.host}` : ''})`;
  switch (lock.state) {
    case 'running':
      return `Lock: held by a running mlroadmap${holder}; it is released when that one finishes.`;
    case 'paused':
      return `Lock: held by an mlroadmap that is paused${holder}, stopped with Ctrl+Z or SIGSTOP; nothing can be saved until it goes on ('fg' in its terminal) or is ended.`;
    case 'dead':
      return `Lock: left by an mlroadmap that is no longer running${holder}; the next change takes it over, and doctor --fix removes it.`;
    case 'foreign':
      return `Lock: ${lock.path} names process ${lock.pid}, which is running but is not an mlroadmap (a lock someone else left there, or a number reused); the next change takes it over, and doctor --fix removes it.`;
    case 'stale': {
      const what = lockKind(lock, 'a lock from another computer');
      const when =
        lock.ageSeconds < 0 ? `dated ${-lock.ageSeconds} s in the future (a clock set wrong)` : `untouched for ${lock.ageSeconds} s`;
      return `Lock: ${lock.path} is ${what}, ${when}; the next change takes it over, and doctor --fix removes it.`;
    }
    default: {
      const what = lockKind(lock, 'held by an mlroadmap on another computer');
      return `Lock: ${lock.path} is ${what}, touched ${Math.abs(lock.ageSeconds)} s ago; if no mlroadmap is running, it counts as left behind after ${LOCK_STALE_MS / 1000} s.`;
    }
  }
}
