import { describe, expect, it } from 'vitest';
import { editDistance, quote, resolveItem, suggest } from '../../src/content/lookup.js';
import { UserError } from '../../src/errors.js';
import { shippedRoadmap } from '../helpers.js';

const { steps, skills, sections } = await shippedRoadmap();

/** The message `resolveItem` throws, or fails when it finds something. */
function errorFor(items: readonly { id: string }[], input: string, kind = 'step', list = 'roadmap'): UserError {
  try {
    resolveItem(items, input, kind, list);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error(`resolveItem found something for ${JSON.stringify(input)}`);
}

describe('resolveItem', () => {
  it.each([
    ['1', 'python-and-math'],
    [String(steps.length), 'apply-for-jobs'],
    [' 2 ', steps[1]?.id],
    ['+3', steps[2]?.id],
    ['github-portfolio', 'github-portfolio'],
    ['GitHub-Portfolio', 'github-portfolio'],
    ['pyth', 'python-and-math'],
    ['cert', 'certifications'],
    ['a', 'apply-for-jobs'],
  ])('finds %j as %s', (input, id) => {
    expect(resolveItem(steps, input, 'step', 'roadmap').id).toBe(id);
  });

  it('prefers an exact id over a longer id it is the prefix of', () => {
    const items = [{ id: 'tools-advanced' }, { id: 'tools' }];
    expect(resolveItem(items, 'tools', 'section', 'sections').id).toBe('tools');
  });

  it('refuses a prefix when prefixes are turned off', () => {
    expect(() => resolveItem(steps, 'pyth', 'step', 'roadmap', { prefix: false })).toThrow(UserError);
  });

  it('names every match of an ambiguous prefix', () => {
    const error = errorFor(steps, 'c');
    expect(error.message).toBe('"c" could mean more than one step: courses-and-tutorials, certifications; type more of the id');
    expect(error.exitCode).toBe(1);
  });

  it.each(['0', '-1', String(steps.length + 1), '99', '99999999999999999999999'])('says which numbers are valid for %s', (input) => {
    const error = errorFor(steps, input);
    expect(error.message).toBe(`there is no step "${input}": step numbers go from 1 to ${steps.length} (see 'mlroadmap roadmap')`);
    expect(error.exitCode).toBe(1);
  });

  it.each([
    [skills, 'pyton', 'skill', 'did you mean python-and-r?'],
    [steps, 'pyton', 'step', 'did you mean python-and-math?'],
    [sections, 'salry', 'section', 'did you mean salary?'],
    [steps, 'github-portfolo', 'step', 'did you mean github-portfolio?'],
  ])('suggests a close id for a typo (%#: %s)', (items, input, kind, hint) => {
    const error = errorFor(items, input, kind, 'list');
    expect(error.message).toBe(`unknown ${kind} "${input}": ${hint} (see 'mlroadmap list')`);
  });

  it('lists the valid ids when nothing is close', () => {
    expect(errorFor(steps, 'zzzzzz').message).toBe(
      `unknown step "zzzzzz": valid step ids: ${steps.map((s) => s.id).join(', ')} (see 'mlroadmap roadmap')`,
    );
  });

  it('suggests nothing unrelated for a short word', () => {
    expect(errorFor(sections, 'nope', 'section', 'sections').message).not.toMatch(/did you mean/);
  });

  it('keeps a huge argument out of the message', () => {
    const error = errorFor(steps, 'x'.repeat(10_000));
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('...');
  });
});

describe('suggest and editDistance', () => {
  it.each([
    ['', '', 0],
    ['salary', 'salary', 0],
    ['salry', 'salary', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('editDistance(%j, %j) is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('puts the closest candidate first', () => {
    expect(suggest('salry', ['salad', 'resume', 'salary'])).toEqual(['salary', 'salad']);
  });

  it('gives up on absurdly long input', () => {
    expect(suggest('a'.repeat(101), ['a'.repeat(101)])).toEqual([]);
  });
});

describe('quote', () => {
  it.each([
    ['salary', '"salary"'],
    ['a\u001b[31mred', '"a?[31mred"'],
    ['line\nbreak\ttab', '"line?break?tab"'],
    ['\u009bcsi', '"?csi"'],
    ['x'.repeat(60), `"${'x'.repeat(60)}"`],
    ['x'.repeat(61), `"${'x'.repeat(57)}..."`],
  ])('quotes %j as %s', (input, quoted) => {
    expect(quote(input)).toBe(quoted);
  });
});
