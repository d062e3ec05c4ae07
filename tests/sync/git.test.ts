import { describe, expect, it } from 'vitest';
import { gitEnv, isLocalRemote, redactUrl, SAFE_ARGS, serverArgs } from '../../src/sync/git.js';

describe('git for sync', () => {
  it.each([
    ['https://me:ghp_token@github.com/me/p.git', 'https://github.com/me/p.git'],
    ['https://token@github.com/me/p.git', 'https://github.com/me/p.git'],
    ['fatal: unable to access https://me:pw@host/p.git/: 403', 'fatal: unable to access https://host/p.git/: 403'],
    ['ssh://git@host:22/p.git', 'ssh://host:22/p.git'],
    ['git@github.com:me/p.git', 'git@github.com:me/p.git'],
    ['/media/usb/p.git', '/media/usb/p.git'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it.each([
    ['/media/usb/p.git', true],
    ['./p.git', true],
    ['p.git', true],
    ['file:///media/usb/p.git', true],
    ['https://github.com/me/p.git', false],
    ['ssh://git@host/p.git', false],
    ['git@github.com:me/p.git', false],
    ['host:p.git', false],
  ])('%s is served on this machine: %s', (remote, local) => {
    expect(isLocalRemote(remote)).toBe(local);
    // Only a remote served here gets upload-pack and receive-pack commands of mlroadmap's own.
    expect(serverArgs(remote, 'receive').length > 0).toBe(local);
  });

  it('turns off hooks and programs a config could name, and commits as mlroadmap', () => {
    const settings = SAFE_ARGS.filter((_, i) => i % 2 === 1);
    expect(settings).toEqual(
      expect.arrayContaining([
        'core.hooksPath=/dev/null',
        'core.fsmonitor=false',
        'commit.gpgSign=false',
        'protocol.ext.allow=never',
        'user.name=mlroadmap',
      ]),
    );
    expect(serverArgs('/r.git', 'receive')[0]).toMatch(/^--receive-pack=git .*-c 'core\.hooksPath=\/dev\/null'.* receive-pack$/);
  });

  it('never lets git prompt, and drops what would point it at another repository or config', () => {
    const env = gitEnv({
      PATH: '/bin',
      GIT_DIR: '/x',
      GIT_CONFIG_PARAMETERS: "'core.hooksPath'='/evil'",
      GIT_CONFIG_GLOBAL: '/g',
      SSH_AUTH_SOCK: '/s',
    });
    expect(env).toMatchObject({ PATH: '/bin', GIT_TERMINAL_PROMPT: '0', SSH_AUTH_SOCK: '/s' });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_CONFIG_PARAMETERS).toBeUndefined();
    expect(env.GIT_CONFIG_GLOBAL).toBeUndefined();
  });
});
