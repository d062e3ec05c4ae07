import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machine, workspace } from './support.js';

/**
 * What goes wrong with a remote: each a one-line error naming the cause, exit 1, and the local
 * progress unchanged byte for byte; a credential in the URL never shown; a hostile repository runs nothing.
 */

const roots: string[] = [];
let server: ReturnType<typeof createServer>;
let port = 0;
/** A machine's config folder after `check 1` and `note 1 keep me`, made once by the built CLI and copied into each case below. */
let checkedAndNoted: string;
beforeAll(async () => {
  const { root } = workspace('template');
  roots.push(root);
  const template = machine(root, 'a');
  await template.ok(['check', '1']);
  await template.ok(['note', '1', 'keep me']);
  checkedAndNoted = template.config;
  // An https-like remote that refuses every request for want of credentials.
  server = createServer((_request, response) => {
    response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
    response.end('authentication required');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A bare repository whose branch main holds `text` as progress.json. */
function remoteHolding(root: string, name: string, text: string, file = 'progress.json'): string {
  const remote = join(root, name);
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['-C', remote, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { input, encoding: 'utf8' }).trim();
  const blob = git(['hash-object', '-w', '--stdin'], text);
  const tree = git(['mktree'], `100644 blob ${blob}\t${file}\n`);
  const commit = git(['commit-tree', tree, '-m', 'x']);
  git(['update-ref', 'refs/heads/main', commit]);
  return remote;
}

describe('sync faults: one line naming the cause, exit 1, local progress unchanged', () => {
  const cases: [string, (root: string) => string, RegExp][] = [
    ['offline (nothing listens there)', () => 'https://127.0.0.1:9/me/progress.git', /cannot be reached/],
    ['a wrong path', (root) => join(root, 'no-such-repo.git'), /not a git repository/],
    ['authentication refused', () => `http://127.0.0.1:${port}/me/progress.git`, /authentication was refused/],
    [
      'a folder that is not a git repository',
      (root) => {
        mkdirSync(join(root, 'plain'));
        writeFileSync(join(root, 'plain', 'progress.json'), '{}');
        return join(root, 'plain');
      },
      /not a git repository/,
    ],
    [
      'a damaged file on the remote',
      (root) => remoteHolding(root, 'damaged.git', '{"version": 3, "packs": '),
      /damaged: it is not valid JSON/,
    ],
    [
      'a file from a newer mlroadmap',
      (root) => remoteHolding(root, 'newer.git', '{"version": 99, "packs": {}}'),
      /newer mlroadmap \(format 99/,
    ],
    ['a repository of something else', (root) => remoteHolding(root, 'other.git', 'hello', 'README.md'), /holds no mlroadmap progress/],
    [
      'a file larger than mlroadmap ever writes (16 MB)',
      (root) => remoteHolding(root, 'huge.git', `{"version": 3, "packs": {}, "pad": "${'x'.repeat(16 * 1024 * 1024)}"}`),
      /larger than 16 MB, more than mlroadmap ever writes/,
    ],
  ];

  it.each(cases)(
    '%s',
    async (_name, makeRemote, cause) => {
      const { root } = workspace('fault');
      roots.push(root);
      const a = machine(root, 'a');
      // The same two changes in every case: made once, the folder copied as they left it.
      cpSync(checkedAndNoted, a.config, { recursive: true });
      const before = a.bytes();
      const result = await a.run(['sync', makeRemote(root)]);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err.trimEnd().split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/^mlroadmap: sync failed: /);
      expect(result.err).toMatch(cause);
      expect(result.err).toContain('Nothing was changed');
      expect(a.bytes()).toBe(before);
      // doctor names the last error.
      const doctor = JSON.parse((await a.run(['doctor', '--json'])).out);
      expect(doctor.sync.lastError.message).toMatch(cause);
    },
    60_000,
  );

  it('a progress file here from a newer mlroadmap is neither merged into nor rewritten', async () => {
    const { root, remote } = workspace('local-newer');
    roots.push(root);
    const a = machine(root, 'a');
    mkdirSync(a.config, { recursive: true });
    const text = JSON.stringify({ version: 9, packs: {} });
    writeFileSync(a.file, text);
    const result = await a.run(['sync', remote]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/newer mlroadmap/);
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(a.bytes()).toBe(text);
    expect(execFileSync('git', ['-C', remote, 'rev-list', '--all'], { encoding: 'utf8' })).toBe('');
  }, 60_000);

  it('never shows a password or token given in the URL', async () => {
    const { root } = workspace('secret');
    roots.push(root);
    const a = machine(root, 'a');
    await a.ok(['check', '1']);
    for (const remote of [`https://me:s3cr3t-token@127.0.0.1:9/p.git`, `http://me:s3cr3t-token@127.0.0.1:${port}/p.git`]) {
      const result = await a.run(['sync', remote]);
      expect(result.code).toBe(1);
      expect(result.err).not.toContain('s3cr3t');
      expect(result.err).toContain('127.0.0.1');
    }
    const status = await a.run(['sync', '--status', '--json']);
    const doctor = await a.run(['doctor']);
    for (const output of [status.out, status.err, doctor.out, doctor.err]) expect(output).not.toContain('s3cr3t');
  }, 60_000);

  it('a second failing sync after a good one keeps the remote, and --status says what is known', async () => {
    const { root, remote } = workspace('status');
    roots.push(root);
    const a = machine(root, 'a');
    await a.ok(['check', '1']);
    await a.ok(['sync', remote]);
    let status = JSON.parse(await a.ok(['sync', '--status', '--json']));
    expect(status).toMatchObject({ remote, localChanges: false, remoteChanges: false, lastError: null });
    // For people, the last sync in local time to the minute; JSON keeps the ISO instant.
    expect(status.lastSync).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(await a.ok(['sync', '--status'])).toMatch(/^Last sync: \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/m);
    await a.ok(['check', '2']);
    const b = machine(root, 'b');
    await b.ok(['note', '1', 'b']);
    await b.ok(['sync', remote]);
    status = JSON.parse(await a.ok(['sync', '--status', '--json']));
    expect(status).toMatchObject({ localChanges: true, remoteChanges: true });
    rmSync(remote, { recursive: true, force: true });
    const failed = await a.run(['sync']);
    expect(failed.code).toBe(1);
    status = JSON.parse(await a.ok(['sync', '--status', '--json']));
    expect(status.remote).toBe(remote);
    expect(status.remoteChanges).toBeNull();
    expect(status.lastError.message).toMatch(/not a git repository/);
  }, 60_000);
});

describe('a remote that is not a remote', () => {
  it.each([['--upload-pack=touch /tmp/x'], ['ext::sh -c touch% /tmp/x']])('%s is refused before git runs', async (remote) => {
    const { root } = workspace('option');
    roots.push(root);
    const a = machine(root, 'a');
    const result = await a.run(['sync', '--', remote]);
    expect(result.code).toBe(1);
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/not a git remote|ext:: remotes run programs/);
  });
});

describe('a hostile remote', () => {
  it('runs none of its hooks or configured programs, on fetch or push', async () => {
    const { root, remote } = workspace('hostile');
    roots.push(root);
    const marker = (name: string) => join(root, `RAN-${name}`);
    const evil = join(root, 'evil-hooks');
    mkdirSync(evil);
    for (const hook of [
      'pre-receive',
      'update',
      'post-receive',
      'post-update',
      'reference-transaction',
      'push-to-checkout',
      'pre-auto-gc',
    ]) {
      for (const folder of [join(remote, 'hooks'), evil]) {
        writeFileSync(join(folder, hook), `#!/bin/sh\ntouch '${marker(hook)}'\n`);
        chmodSync(join(folder, hook), 0o755);
      }
    }
    const config = (key: string, value: string) => execFileSync('git', ['-C', remote, 'config', key, value]);
    config('core.hooksPath', evil);
    config('core.fsmonitor', `touch '${marker('fsmonitor')}'`);
    config('core.alternateRefsCommand', `touch '${marker('alternate-refs')}'`);
    config('uploadpack.packObjectsHook', `touch '${marker('pack-objects')}'`);
    config('receive.autogc', 'true');
    config('gc.auto', '1');
    const a = machine(root, 'a');
    const b = machine(root, 'b');
    await a.ok(['check', '1']);
    await a.ok(['sync', remote]);
    await b.ok(['note', '1', 'b']);
    await b.ok(['sync', remote]);
    await a.ok(['sync']);
    expect(readdirSync(root).filter((name) => name.startsWith('RAN-'))).toEqual([]);
    expect(JSON.parse(await a.ok(['progress', '--json'])).stepsDone).toBe(1);
    // A remote that asks for a proc-receive hook on every push cannot get one: the push is refused, nothing runs.
    config('receive.procReceiveRefs', 'refs/heads');
    await a.ok(['check', '2']);
    const before = a.bytes();
    const refused = await a.run(['sync']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/refused the push/);
    expect(a.bytes()).toBe(before);
    expect(readdirSync(root).filter((name) => name.startsWith('RAN-'))).toEqual([]);
    // mlroadmap's own repository is in its config folder, and its config names no program.
    const own = readFileSync(join(a.config, 'sync', 'repo.git', 'config'), 'utf8');
    expect(own).not.toMatch(/hooksPath|fsmonitor|sshCommand|helper/);
  }, 60_000);
});
