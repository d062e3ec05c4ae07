import { CONTENT_FORMAT_VERSION, RESOURCE_TYPES, type Roadmap } from './schema.js';

/** The files a pack is made of, and the key each one fills in a `Roadmap`. */
export const PACK_FILES = {
  sections: 'sections.yaml',
  skills: 'skills.yaml',
  steps: 'roadmap.yaml',
  phases: 'phases.yaml',
  certifications: 'certifications.yaml',
  faqs: 'faqs.yaml',
  quizzes: 'quizzes.yaml',
} as const;
export const META_FILE = 'pack.yaml';
/** Lists a pack may leave out; the others must have at least one item. */
const OPTIONAL_LISTS = new Set<ListKey>(['quizzes', 'certifications', 'phases', 'skills', 'faqs']);

export type ListKey = keyof typeof PACK_FILES;
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Raw = Record<string, unknown>;

/**
 * Checks raw pack data (as parsed from its YAML files) and returns every problem found, each naming
 * the file and the field, e.g. `roadmap.yaml: [2].resources[0].url: must start with https://`.
 * An empty list means `data` is a valid `Roadmap`.
 */
export function findProblems(data: { meta: unknown; lists: Partial<Record<ListKey, unknown>> }): string[] {
  const problems: string[] = [];
  const report = (file: string) => (where: string, message: string) => problems.push(`${file}: ${where}: ${message}`);

  checkMeta(data.meta, report(META_FILE));
  const ids: Partial<Record<ListKey, Set<string>>> = {};
  for (const key of Object.keys(PACK_FILES) as ListKey[]) {
    ids[key] = checkList(key, data.lists[key], report(PACK_FILES[key]));
  }
  checkReferences(data.lists, ids, problems);
  return problems;
}

function checkMeta(meta: unknown, report: (where: string, message: string) => void): void {
  if (!isObject(meta)) {
    report('(top level)', 'must be a mapping with formatVersion, id, title and welcome');
    return;
  }
  if (meta.formatVersion !== CONTENT_FORMAT_VERSION) {
    report('formatVersion', `must be ${CONTENT_FORMAT_VERSION} (this version of mlroadmap reads format ${CONTENT_FORMAT_VERSION})`);
  }
  checkId(meta.id, 'id', report);
  checkText(meta.title, 'title', report);
  checkText(meta.welcome, 'welcome', report);
}

const FIELDS: Record<ListKey, Record<string, 'text' | 'id' | 'ids' | 'url' | 'number' | 'optional-url' | 'optional-strings'>> = {
  sections: { id: 'id', title: 'text', summary: 'text', body: 'text' },
  skills: { id: 'id', title: 'text', why: 'text', how: 'text', steps: 'ids' },
  steps: { id: 'id', title: 'text', description: 'text', done: 'text', skills: 'ids', effortHours: 'number' },
  phases: { id: 'id', title: 'text', summary: 'text', body: 'text' },
  certifications: { id: 'id', title: 'text', issuer: 'text', summary: 'text', url: 'url' },
  faqs: { id: 'id', question: 'text', answer: 'text' },
  quizzes: { id: 'id', title: 'text' },
};

function checkList(key: ListKey, list: unknown, report: (where: string, message: string) => void): Set<string> {
  const seen = new Set<string>();
  if (list === undefined && OPTIONAL_LISTS.has(key)) return seen;
  if (!Array.isArray(list)) {
    report('(top level)', 'must be a list');
    return seen;
  }
  if (list.length === 0 && !OPTIONAL_LISTS.has(key)) report('(top level)', 'must have at least one item');
  for (const [index, item] of list.entries()) {
    const at = `[${index}]`;
    if (!isObject(item)) {
      report(at, 'must be a mapping');
      continue;
    }
    for (const [field, kind] of Object.entries(FIELDS[key])) {
      checkField(item[field], `${at}.${field}`, kind, report);
    }
    if (typeof item.id === 'string') {
      if (seen.has(item.id)) report(`${at}.id`, `"${item.id}" is used twice`);
      seen.add(item.id);
    }
    if (key === 'sections') checkSectionItems(item.items, at, report);
    if (key === 'steps') checkResources(item.resources, at, report);
    if (key === 'quizzes') checkQuestions(item.questions, at, report);
  }
  return seen;
}

function checkSectionItems(items: unknown, at: string, report: (where: string, message: string) => void): void {
  if (items === undefined) return;
  if (!Array.isArray(items)) return report(`${at}.items`, 'must be a list');
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const where = `${at}.items[${index}]`;
    if (!isObject(item)) {
      report(where, 'must be a mapping');
      continue;
    }
    checkId(item.id, `${where}.id`, report);
    checkText(item.title, `${where}.title`, report);
    checkText(item.text, `${where}.text`, report);
    checkField(item.examples, `${where}.examples`, 'optional-strings', report);
    checkField(item.url, `${where}.url`, 'optional-url', report);
    if (typeof item.id === 'string') {
      if (seen.has(item.id)) report(`${where}.id`, `"${item.id}" is used twice`);
      seen.add(item.id);
    }
  }
}

function checkResources(resources: unknown, at: string, report: (where: string, message: string) => void): void {
  if (!Array.isArray(resources)) return report(`${at}.resources`, 'must be a list');
  for (const [index, resource] of resources.entries()) {
    const where = `${at}.resources[${index}]`;
    if (!isObject(resource)) {
      report(where, 'must be a mapping with title, url and type');
      continue;
    }
    checkText(resource.title, `${where}.title`, report);
    checkField(resource.url, `${where}.url`, 'url', report);
    if (!RESOURCE_TYPES.includes(resource.type as never)) {
      report(`${where}.type`, `must be one of ${RESOURCE_TYPES.join(', ')}`);
    }
  }
}

function checkQuestions(questions: unknown, at: string, report: (where: string, message: string) => void): void {
  if (!Array.isArray(questions) || questions.length === 0) return report(`${at}.questions`, 'must be a non-empty list');
  const seen = new Set<string>();
  for (const [index, question] of questions.entries()) {
    const where = `${at}.questions[${index}]`;
    if (!isObject(question)) {
      report(where, 'must be a mapping');
      continue;
    }
    checkId(question.id, `${where}.id`, report);
    checkText(question.prompt, `${where}.prompt`, report);
    checkText(question.explanation, `${where}.explanation`, report);
    const choices = question.choices;
    if (!Array.isArray(choices) || choices.length < 2) {
      report(`${where}.choices`, 'must list at least two choices');
    } else {
      for (const [i, choice] of choices.entries()) checkText(choice, `${where}.choices[${i}]`, report);
      const answer = question.answer;
      if (!Number.isInteger(answer) || (answer as number) < 0 || (answer as number) >= choices.length) {
        report(`${where}.answer`, `must be the index of the right choice, 0 to ${choices.length - 1}`);
      }
    }
    if (typeof question.id === 'string') {
      if (seen.has(question.id)) report(`${where}.id`, `"${question.id}" is used twice`);
      seen.add(question.id);
    }
  }
}

function checkReferences(lists: Partial<Record<ListKey, unknown>>, ids: Partial<Record<ListKey, Set<string>>>, problems: string[]): void {
  const refs: [ListKey, string, ListKey][] = [
    ['skills', 'steps', 'steps'],
    ['steps', 'skills', 'skills'],
  ];
  for (const [owner, field, target] of refs) {
    const list = lists[owner];
    if (!Array.isArray(list)) continue;
    for (const [index, item] of list.entries()) {
      if (!isObject(item) || !Array.isArray(item[field])) continue;
      for (const ref of item[field] as unknown[]) {
        if (typeof ref === 'string' && !ids[target]?.has(ref)) {
          problems.push(`${PACK_FILES[owner]}: [${index}].${field}: "${ref}" is not the id of any item in ${PACK_FILES[target]}`);
        }
      }
    }
  }
}

function checkField(
  value: unknown,
  where: string,
  kind: (typeof FIELDS)[ListKey][string],
  report: (where: string, message: string) => void,
): void {
  switch (kind) {
    case 'text':
      return checkText(value, where, report);
    case 'id':
      return checkId(value, where, report);
    case 'ids':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) report(where, 'must be a list of ids');
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) report(where, 'must be a positive number');
      return;
    case 'url':
      if (typeof value !== 'string' || !/^https:\/\/[^\s]+$/.test(value)) report(where, 'must be a URL starting with https://');
      return;
    case 'optional-url':
      if (value !== undefined) checkField(value, where, 'url', report);
      return;
    case 'optional-strings':
      if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === ''))) {
        report(where, 'must be a list of non-empty strings');
      }
      return;
  }
}

function checkText(value: unknown, where: string, report: (where: string, message: string) => void): void {
  if (typeof value !== 'string' || value.trim() === '') return report(where, 'must be non-empty text');
  for (const problem of linkProblems(value)) report(where, problem);
}

/** Inline links `[text](url)`, autolinks `<url>` and reference definitions `[name]: url` in markdown. */
const LINK =
  /\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|<([a-z][a-z0-9+.-]*:[^>\s]*)>|^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)/gim;
/** Visible text that reads as an address: a learner takes it for where the link goes. */
const LOOKS_LIKE_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/\S*)?$/i;

/**
 * What is wrong with the links in a piece of markdown: a link may only go to an http(s) address
 * (not `javascript:`, `data:` or `file:`), and a link whose visible text is an address must go to
 * that address, so a pack cannot show `https://docs.python.org/` and send the learner elsewhere.
 */
export function linkProblems(markdown: string): string[] {
  const problems: string[] = [];
  for (const match of markdown.matchAll(LINK)) {
    const [, text, inline, auto, reference] = match;
    const url = (inline ?? auto ?? reference ?? '').trim();
    const shown = url.length > 60 ? `${url.slice(0, 57)}...` : url;
    if (!/^https?:\/\/[^\s/]+/i.test(url)) {
      problems.push(`a link must go to an https:// (or http://) address, not "${shown}"`);
      continue;
    }
    const label = text?.replace(/^[`*_]+|[`*_]+$/g, '').trim();
    if (label && LOOKS_LIKE_URL.test(label) && normalizeUrl(label) !== normalizeUrl(url)) {
      problems.push(`the link text "${label.slice(0, 60)}" is an address, but the link goes to "${shown}"`);
    }
  }
  return problems;
}

function normalizeUrl(url: string): string {
  return url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

function checkId(value: unknown, where: string, report: (where: string, message: string) => void): void {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) report(where, 'must be a kebab-case id such as "linear-algebra"');
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Assembles validated raw data into a `Roadmap`. Call only when `findProblems` returned nothing. */
export function assembleRoadmap(data: { meta: unknown; lists: Partial<Record<ListKey, unknown>> }): Roadmap {
  const meta = data.meta as Raw;
  const list = <T>(key: ListKey) => (data.lists[key] ?? []) as T[];
  return {
    formatVersion: meta.formatVersion as number,
    id: meta.id as string,
    title: meta.title as string,
    welcome: meta.welcome as string,
    sections: list('sections'),
    skills: list('skills'),
    steps: list('steps'),
    phases: list('phases'),
    certifications: list('certifications'),
    faqs: list('faqs'),
    quizzes: list('quizzes'),
  };
}
