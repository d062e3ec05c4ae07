import { describe, expect, it } from 'vitest';
import { readPack } from '../../src/content/load.js';
import { ID_PATTERN } from '../../src/content/validate.js';
import { CONTENT_DIR, shippedRoadmap } from '../helpers.js';

const roadmap = await shippedRoadmap();

/** Every piece of prose in the pack, with where it lives, for checks that apply to all text. */
function allText(): [string, string][] {
  const texts: [string, string][] = [
    ['pack.title', roadmap.title],
    ['pack.welcome', roadmap.welcome],
  ];
  for (const s of roadmap.sections) {
    texts.push([`${s.id}.title`, s.title], [`${s.id}.summary`, s.summary], [`${s.id}.body`, s.body]);
    for (const item of s.items ?? []) texts.push([`${s.id}.${item.id}.title`, item.title], [`${s.id}.${item.id}.text`, item.text]);
  }
  for (const s of roadmap.skills) texts.push([`${s.id}.title`, s.title], [`${s.id}.why`, s.why], [`${s.id}.how`, s.how]);
  for (const s of roadmap.steps) {
    texts.push([`${s.id}.title`, s.title], [`${s.id}.description`, s.description], [`${s.id}.done`, s.done]);
    for (const r of s.resources) texts.push([`${s.id}.resource.title`, r.title]);
  }
  for (const p of roadmap.phases) texts.push([`${p.id}.title`, p.title], [`${p.id}.summary`, p.summary], [`${p.id}.body`, p.body]);
  for (const c of roadmap.certifications)
    texts.push([`${c.id}.title`, c.title], [`${c.id}.summary`, c.summary], [`${c.id}.issuer`, c.issuer]);
  for (const f of roadmap.faqs) texts.push([`${f.id}.question`, f.question], [`${f.id}.answer`, f.answer]);
  return texts;
}

const section = (id: string) => roadmap.sections.find((s) => s.id === id);

describe('the shipped content', () => {
  it('validates with no problems', async () => {
    const { problems } = await readPack(CONTENT_DIR);
    expect(problems).toEqual([]);
  });

  it.each([
    ['sections', roadmap.sections],
    ['skills', roadmap.skills],
    ['steps', roadmap.steps],
    ['phases', roadmap.phases],
    ['certifications', roadmap.certifications],
    ['faqs', roadmap.faqs],
    ['quizzes', roadmap.quizzes],
  ] as const)('has unique kebab-case ids in %s', (_name, list) => {
    const ids = list.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
  });

  it('has unique ids among the items of each section', () => {
    for (const s of roadmap.sections) {
      const ids = (s.items ?? []).map((item) => item.id);
      expect(new Set(ids).size, s.id).toBe(ids.length);
    }
  });

  it('has references between skills and steps that resolve, both ways', () => {
    const stepIds = new Set(roadmap.steps.map((step) => step.id));
    const skillIds = new Set(roadmap.skills.map((skill) => skill.id));
    for (const skill of roadmap.skills) {
      expect(skill.steps.length, skill.id).toBeGreaterThan(0);
      for (const id of skill.steps) {
        expect(stepIds.has(id), `${skill.id} -> ${id}`).toBe(true);
        // A skill that names a step is named back by that step.
        expect(roadmap.steps.find((step) => step.id === id)?.skills, `${id} names ${skill.id}`).toContain(skill.id);
      }
    }
    for (const step of roadmap.steps) for (const id of step.skills) expect(skillIds.has(id), `${step.id} -> ${id}`).toBe(true);
  });

  it('has no empty text anywhere', () => {
    for (const [where, text] of allText()) expect(text.trim(), where).not.toBe('');
  });

  it('has https resources on every roadmap step', () => {
    for (const step of roadmap.steps) {
      expect(step.resources.length, step.id).toBeGreaterThan(0);
      for (const resource of step.resources) expect(resource.url, step.id).toMatch(/^https:\/\/\S+$/);
    }
  });

  it('names exactly the four skills of the guide', () => {
    expect(roadmap.skills.map((s) => s.title)).toEqual([
      expect.stringMatching(/Python and R/),
      expect.stringMatching(/algorithms and statistical models/i),
      expect.stringMatching(/Apache Spark/),
      expect.stringMatching(/problem solving/i),
    ]);
  });

  it('has the five phases of an ML project, in order', () => {
    expect(roadmap.phases.map((p) => p.title)).toEqual([
      'Data collection and preprocessing',
      'Model selection and training',
      'Model evaluation',
      'Deployment',
      'Continuous monitoring and improvement',
    ]);
  });

  it('has the current certifications first, then the three the guide recommended, now retired, each with its issuer', () => {
    expect(roadmap.certifications.map((c) => [c.title, c.issuer])).toEqual([
      [expect.stringMatching(/^AWS Certified Machine Learning Engineer . Associate$/), 'Amazon Web Services'],
      [expect.stringMatching(/^AWS Certified Generative AI Developer . Professional$/), 'Amazon Web Services'],
      ['Google Cloud Professional Machine Learning Engineer', 'Google Cloud'],
      ['Databricks Certified Machine Learning Associate', 'Databricks'],
      ['Databricks Certified Machine Learning Professional', 'Databricks'],
      ['Databricks Certified Generative AI Engineer Associate', 'Databricks'],
      ['Microsoft Certified: Azure AI Apps and Agents Developer Associate', 'Microsoft'],
      ['Microsoft Certified: Machine Learning Operations (MLOps) Engineer Associate', 'Microsoft'],
      ['Google TensorFlow Developer Certificate', 'Google'],
      [expect.stringMatching(/^AWS Certified Machine Learning . Specialty$/), 'Amazon Web Services'],
      ['Microsoft Certified: Azure AI Engineer Associate', 'Microsoft'],
    ]);
    expect(roadmap.certifications.slice(0, 8).map((c) => c.status)).toEqual(Array(8).fill('active'));
    expect(roadmap.certifications.slice(8).map((c) => c.status)).toEqual(['retired', 'retired', 'retired']);
  });

  it("has the thirteen FAQs, the guide's three first: qualifications, industries, how long", () => {
    expect(roadmap.faqs.map((f) => f.question)).toEqual([
      expect.stringMatching(/qualifications/i),
      expect.stringMatching(/industries/i),
      expect.stringMatching(/how long/i),
      expect.stringMatching(/Python or R/),
      expect.stringMatching(/how much maths/i),
      expect.stringMatching(/GPU/),
      expect.stringMatching(/degree, do a bootcamp or teach myself/i),
      expect.stringMatching(/ML engineer, a data scientist and an AI engineer/),
      expect.stringMatching(/which certification/i),
      expect.stringMatching(/first machine-learning project/i),
      expect.stringMatching(/interviews without work experience/i),
      expect.stringMatching(/LLMs and transformers/),
      expect.stringMatching(/PyTorch or TensorFlow/),
    ]);
  });

  it('has ten roadmap steps, from foundations to applying for ML-engineer jobs', () => {
    expect(roadmap.steps.map((s) => s.id)).toEqual([
      'python-and-math',
      'software-engineering',
      'courses-and-tutorials',
      'deep-learning',
      'big-data-spark',
      'mlops',
      'projects-and-open-source',
      'github-portfolio',
      'certifications',
      'apply-for-jobs',
    ]);
    const last = roadmap.steps.at(-1);
    expect(last?.title).toMatch(/machine-learning engineer jobs/i);
    expect(`${last?.title} ${last?.description}`).not.toMatch(/data scientist (jobs|positions|roles)/i);
    expect(roadmap.steps[0]?.description).toMatch(/linear algebra/i);
    expect(roadmap.steps[0]?.description).toMatch(/probability/i);
  });

  it('covers every part of the guide as a section', () => {
    const ids = roadmap.sections.map((s) => s.id);
    for (const id of ['overview', 'learning-paths', 'algorithms', 'tools', 'role', 'job-description', 'salary', 'jobs', 'resume']) {
      expect(ids).toContain(id);
    }
    expect(ids).toContain('ml-engineer-vs-data-scientist');
    expect(ids.at(-1)).toBe('summary');
    expect(section('algorithms')?.items?.map((i) => i.id)).toEqual([
      'supervised-learning',
      'unsupervised-learning',
      'reinforcement-learning',
    ]);
    for (const item of section('algorithms')?.items ?? []) expect(item.examples?.length, item.id).toBeGreaterThan(0);
  });

  it('keeps the salary figures: $80,000 to over $150,000, by experience and location', () => {
    const body = section('salary')?.body ?? '';
    expect(body).toContain('$80,000');
    expect(body).toContain('$150,000');
    expect(body).toMatch(/experience/);
    expect(body).toMatch(/where you work|location/);
  });

  it('keeps how long it takes: six months to two years', () => {
    expect(roadmap.faqs.find((f) => f.id === 'how-long')?.answer).toMatch(/six months (and|to) two years/);
  });

  it.each([
    ['using s, ate d'],
    ['apply for data scientist'],
    ['data scientist positions'],
    ['become a data scientist'],
    ['engineering / data scientist'],
    ['a data scientist has three primary tasks'],
    ['a data scientist needs deep learning'],
  ])('no longer carries the garbled phrase %j', (phrase) => {
    for (const [where, text] of allText()) expect(text.toLowerCase().replace(/\s+/g, ' '), where).not.toContain(phrase);
  });
});

describe('the shipped certifications', () => {
  it('come current first, then retiring, then retired, so lists and number 1 lead with what can be taken', () => {
    const rank = { active: 0, retiring: 1, retired: 2 } as Record<string, number>;
    const ranks = roadmap.certifications.map((cert) => rank[cert.status] as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(roadmap.certifications[0]?.status).toBe('active');
  });
});
