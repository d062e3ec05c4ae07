import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { syncSettingsOf } from '../progress/settings.js';
import { redactUrl } from '../sync/git.js';
import { syncNow } from '../sync/session.js';

/** How long the tutor lets a sync's fetch or push take before going on without it. */
const TUTOR_SYNC_TIMEOUT_MS = 15_000;

/**
 * When the tutor starts and when it ends, with a remote set on this machine: offers to sync. A sync
 * that fails (offline, say) is one line, and the tutor goes on; it never waits longer than
 * `TUTOR_SYNC_TIMEOUT_MS` for the network.
 */
export async function offerSync(ctx: Context, when: 'start' | 'end'): Promise<void> {
  const setup = ctx.sync;
  if (!setup || !ctx.interactive) return;
  const remote = syncSettingsOf(setup.settings.read()).remote;
  if (remote === undefined) return;
  const question =
    when === 'start'
      ? `Bring in what your other machines did (sync with ${redactUrl(remote)})?`
      : `Send today's progress to your other machines (sync with ${redactUrl(remote)})?`;
  if (!(await ctx.confirm(question))) return;
  try {
    const report = await syncNow(
      ctx.store,
      { ...setup, networkTimeoutMs: Math.min(setup.networkTimeoutMs ?? TUTOR_SYNC_TIMEOUT_MS, TUTOR_SYNC_TIMEOUT_MS) },
      ctx.now,
    );
    ctx.out(report.received.length > 0 || report.pushed ? 'Synced.' : 'Synced: nothing new on either side.');
    for (const item of report.overwritten) ctx.out(`  - ${item.what}: ${item.lost} → ${item.kept} (a later change from another machine)`);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    ctx.out(`${error.message}. Carry on; mlroadmap sync tries again later.`);
  }
}
