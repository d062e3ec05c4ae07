import { describe, expect, it } from 'vitest';
import { findFaq } from '../../src/content/search.js';
import { UserError } from '../../src/errors.js';
import { makeContext, runCli, shippedRoadmap } from '../helpers.js';

const { faqs } = await shippedRoadmap();

async function run(args: string[]) {
  return runCli(await makeContext(), args);
}

describe('mlroadmap faq', () => {
  it('lists the questions, numbered, with no argument', async () => {
    const { code, out } = await run(['faq']);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual(
      faqs.map((faq, i) => expect.stringMatching(new RegExp(`^${i + 1}\\. +${faq.question.replace(/\?/g, '\\?')}$`))),
    );
  });

  it.each([
    ['3', 'how-long'],
    ['how-long', 'how-long'],
    ['qual', 'qualifications'],
    ['how long', 'how-long'],
    ['How long does it take?', 'how-long'],
    ['which industries', 'industries'],
    ['qualifications do I need', 'qualifications'],
    ['which', 'which-certification'],
  ])('answers %j', async (input, id) => {
    const faq = faqs.find((f) => f.id === id);
    const { code, out } = await run(['faq', ...input.split(' ')]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(faq?.question);
    expect(out).toContain(faq?.answer.split(' ').slice(0, 3).join(' '));
  });

  it('says how long it takes: six months to two years', async () => {
    expect((await run(['faq', '3'])).out.replace(/\s+/g, ' ')).toContain('between six months and two years');
  });

  it('prints JSON: the list, and one answer, with id and title', async () => {
    const list = JSON.parse((await run(['faq', '--json'])).out);
    expect(list).toHaveLength(faqs.length);
    expect(list[0]).toMatchObject({ number: 1, id: 'qualifications', title: faqs[0]?.question });
    expect(JSON.parse((await run(['faq', 'industries', '--json'])).out)).toMatchObject({ id: 'industries', answer: faqs[1]?.answer });
  });

  it.each([
    [String(faqs.length + 1), `there is no FAQ "${faqs.length + 1}": FAQ numbers go from 1 to ${faqs.length}`],
    ['0', `there is no FAQ "0": FAQ numbers go from 1 to ${faqs.length}`],
    ['-1', `there is no FAQ "-1": FAQ numbers go from 1 to ${faqs.length}`],
    ['need', '"need" matches more than one FAQ: qualifications, how-much-maths, do-i-need-a-gpu; give its number or id'],
    ['salary', `no FAQ matches "salary": give a number from 1 to ${faqs.length} or an id`],
    ['industires', 'no FAQ matches "industires": did you mean industries?'],
  ])('refuses %j with one line on stderr and exit code 1', async (input, message) => {
    const { code, out, err } = await run(['faq', input]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toContain(`mlroadmap: ${message}`);
  });
});

describe('findFaq', () => {
  it('matches on words of the question, ignoring common ones', () => {
    expect(findFaq(faqs, 'HOW LONG').id).toBe('how-long');
    expect(() => findFaq(faqs, 'machine learning engineer')).toThrow(UserError);
  });
});
