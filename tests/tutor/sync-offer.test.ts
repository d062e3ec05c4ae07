import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSettings } from '../../src/progress/settings.js';
import { createFileStore } from '../../src/progress/store.js';
import { offerSync } from '../../src/tutor/sync.js';
import { makeContext, type TestContext } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mlroadmap-tutor-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function learner(name: string, remote: string | undefined): Promise<TestContext> {
  const config = join(dir, name);
  const settings = createFileSettings(config);
  if (remote) await settings.update((current) => ({ ...current, sync: { remote } }));
  return makeContext({
    interactive: true,
    store: createFileStore(config) as TestContext['store'],
    sync: { repoDir: join(config, 'sync', 'repo.git'), settings, env: process.env },
  });
}

describe('the tutor offers to sync', () => {
  it('when a remote is set, and syncs when the learner says yes', async () => {
    const remote = join(dir, 'remote.git');
    execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);
    const ctx = await learner('a', remote);
    ctx.answers.push(true);
    await offerSync(ctx, 'start');
    expect(ctx.stdout.join('\n')).toMatch(/Synced/);
  });

  it('asks nothing when no remote is set', async () => {
    const ctx = await learner('b', undefined);
    await offerSync(ctx, 'end');
    expect(ctx.stdout).toEqual([]);
  });

  it('offline: one line, and the tutor goes on', async () => {
    const ctx = await learner('c', 'https://127.0.0.1:9/me/progress.git');
    ctx.answers.push(true);
    await expect(offerSync(ctx, 'end')).resolves.toBeUndefined();
    expect(ctx.stdout.join('\n')).toMatch(/cannot be reached.*Carry on/);
  });
});
