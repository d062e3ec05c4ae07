import { describe, expect, it } from 'vitest';
import { emptyProgress, setStatus } from '../../src/progress/model.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();
const steps = roadmap.steps.length;
const faqs = roadmap.faqs.length;
const saved = () => setStatus(emptyProgress(), roadmap.id, ['python-and-math'], 'done', new Date('2026-01-02T00:00:00Z'));

describe('bad input', () => {
  it.each([
    [['progres'], 2, "mlroadmap: unknown command 'progres' (Did you mean progress?)"],
    [['chekc', '1'], 2, "mlroadmap: unknown command 'chekc' (Did you mean check?)"],
    [['frobnicate'], 2, "mlroadmap: unknown command 'frobnicate'"],
    [['roadmap', '--bogus'], 2, "mlroadmap: unknown option '--bogus'"],
    [['progress', '--jsno'], 2, "mlroadmap: unknown option '--jsno' (Did you mean --json?)"],
    [['check'], 2, "mlroadmap: missing required argument 'step'"],
    [['uncheck'], 2, "mlroadmap: missing required argument 'step'"],
    [['read'], 2, "mlroadmap: missing required argument 'section'"],
    [['roadmap', 'extra'], 2, "mlroadmap: too many arguments for 'roadmap'. Expected 0 arguments but got 1."],
    [['check', '42'], 1, `mlroadmap: there is no step "42": step numbers go from 1 to ${steps} (see 'mlroadmap roadmap')`],
    [['uncheck', '-3'], 1, `mlroadmap: there is no step "-3": step numbers go from 1 to ${steps} (see 'mlroadmap roadmap')`],
    [['check', 'pyton'], 1, 'mlroadmap: unknown step "pyton": did you mean python-and-math? (see \'mlroadmap roadmap\')'],
    [['read', 'salry'], 1, 'mlroadmap: unknown section "salry": did you mean salary? (see \'mlroadmap sections\')'],
    [['read', '99'], 1, 'mlroadmap: there is no section "99": section numbers go from 1 to 12 (see \'mlroadmap sections\')'],
    [['faq', String(faqs + 1)], 1, `mlroadmap: there is no FAQ "${faqs + 1}": FAQ numbers go from 1 to ${faqs} (see 'mlroadmap faq')`],
    [['phases', '6'], 1, 'mlroadmap: there is no phase "6": phase numbers go from 1 to 5 (see \'mlroadmap phases\')'],
    [['certs', 'gcp'], 1, 'mlroadmap: unknown certification "gcp"'],
    [['skills', 'cooking'], 1, 'mlroadmap: unknown skill "cooking"'],
    // Two things asked at once: neither is half done, nothing is silently left out.
    [['review', '--retention', '0.8', '--new-per-day', '5'], 2, 'mlroadmap: give one of --new-per-day, --retention at a time'],
    [['review', '--retention', '0.8', '--stats'], 2, 'mlroadmap: give one of --retention, --stats at a time'],
    [['review', '--list', '--add', '1.2'], 2, 'mlroadmap: give one of --add, --list at a time'],
    [['log', '--all', '30m'], 2, 'mlroadmap: --all lists every session; to log one, leave it out'],
    [['log', '--date', 'yesterday', '--delete', '1'], 2, 'mlroadmap: --delete takes a session by its number, not --date'],
    [['log', '--all', '--delete', '1'], 2, 'mlroadmap: give --delete <n> or --all, not both'],
    // Dates no learner means: a typo, not a plan or a session.
    [['plan', '--hours-per-week', '1', '--start', '9999-12-31'], 2, 'mlroadmap: --start 9999-12-31 is more than ten years from today'],
    [['plan', '--hours-per-week', '5', '--start', '1900-01-01'], 2, 'mlroadmap: --start 1900-01-01 is more than ten years from today'],
    [['log', '1h', '--date', '1900-01-01'], 2, 'mlroadmap: --date 1900-01-01 is more than ten years ago'],
    [['start'], 2, "mlroadmap: 'mlroadmap start' is interactive and needs a terminal; without one use the plain commands: roadmap, check"],
  ])('%j exits %i with one line on stderr and progress untouched', async (args, code, message) => {
    const ctx = await makeContext({ progress: saved() });
    const result = await runCli(ctx, args);
    expect(result.code).toBe(code);
    expect(result.out).toBe('');
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err.startsWith(message)).toBe(true);
    expect(result.err).not.toMatch(/^\s+at /m);
    expect(ctx.store.current).toEqual(saved());
  });

  it('shortens and cleans a hostile argument in the message', async () => {
    const ctx = await makeContext();
    const { code, err } = await runCli(ctx, ['check', `\u001b]0;pwned\u0007${'x'.repeat(500)}`]);
    expect(code).toBe(1);
    expect(err).not.toMatch(/[\u0000-\u001f]/);
    expect(err.length).toBeLessThan(400);
  });
});
