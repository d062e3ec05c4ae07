import { describe, expect, it } from 'vitest';
import { makeContext, runCli } from '../helpers.js';

describe('mlroadmap start without a terminal', () => {
  it('exits 2 at once, naming the plain commands, and asks nothing', async () => {
    // makeContext's prompts reject if asked: a prompt here would fail the run with exit code 1.
    const ctx = await makeContext({ interactive: false });
    const result = await runCli(ctx, ['start']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^mlroadmap: 'mlroadmap start' is interactive and needs a terminal; .*roadmap, check/);
    // Everything the tutor does has a plain command: the new parts too.
    for (const name of ['next', 'mark', 'note', 'search', 'assess', 'progress', 'plan', 'read', 'faq'])
      expect(result.err).toMatch(new RegExp(`\\b${name}\\b`));
    expect(result.out).toBe('');
  });
});
