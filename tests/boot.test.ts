import { describe, expect, it } from 'vitest';
import { codeCacheName } from '../src/boot.js';
import { COMMANDS } from '../src/commands/index.js';

describe('codeCacheName', () => {
  it.each([
    [['roadmap'], 'roadmap'],
    [['faq', '3'], 'faq'],
    [['--no-color', 'check', '1'], 'check'],
    [['--content', 'my-pack', 'sections'], 'sections'],
    [['--content=my-pack', 'sections'], 'sections'],
    [['--help'], 'help'],
    [['check', '--help'], 'help'],
    [['help', 'check'], 'help'],
    [['-V'], 'version'],
    [[], 'default'],
    [['--content', 'my-pack'], 'default'],
    [['../x'], 'other'],
    [['Roadmap'], 'other'],
    [['chekc'], 'other'],
    [['--', 'roadmap'], 'roadmap'],
    [['--', '--help'], 'other'],
  ])('%j uses the cache named %s', (argv, name) => {
    expect(
      codeCacheName(
        argv,
        COMMANDS.map((command) => command.name),
      ),
    ).toBe(name);
  });
});
