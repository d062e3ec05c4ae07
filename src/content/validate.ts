import { assembleExercises, checkExercise, EXERCISE_FILES, EXERCISES_FOLDER, type RawExercise } from './exercises.js';
import { META_FILE, PACK_FILES } from './files.js';
import { linkProblem, linkProblems, type MarkdownLexer } from './links.js';
import { suggest } from './lookup.js';
import type { Locator, Segment } from './position.js';
import {
  CARD_KINDS,
  CERTIFICATION_STATUSES,
  CONTENT_FORMAT_VERSION,
  PROJECT_LEVELS,
  READABLE_FORMAT_VERSIONS,
  RESOURCE_TYPES,
  type Roadmap,
} from './schema.js';

export { META_FILE, PACK_FILES };

/** Lists a pack may leave out; the others must have at least one item. */
const OPTIONAL_LISTS = new Set<ListKey>(['quizzes', 'certifications', 'phases', 'skills', 'faqs', 'cards', 'projects']);

export type ListKey = keyof typeof PACK_FILES;
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Raw = Record<string, unknown>;
/**
 * Says what is wrong at `where`, a path such as `[2].resources[0].url` (or `(top level)`). With
 * `key`, the problem is the key `key` of the mapping at `where` (`''` for the file's own mapping).
 */
type Report = (where: string, message: string, key?: string) => void;
/** What `findProblems` and `findWarnings` read: the parsed YAML of each file. */
export interface RawPack {
  meta: unknown;
  lists: Partial<Record<ListKey, unknown>>;
  /** Where each parsed file's nodes are, by file name; a file without one is reported without line numbers. */
  locators?: Partial<Record<string, Locator>>;
  /** The folders of `exercises/`, by name; absent when the pack has no such folder. */
  exercises?: RawExercise[];
}

/**
 * Checks raw pack data (as parsed from its YAML files) and returns every problem found, each naming
 * the file, the line and column when the data came from a file, and the field, e.g.
 * `roadmap.yaml:31:12: [2].resources[0].url: must be a URL starting with https://`.
 * An empty list means `data` is a valid `Roadmap`. Links in text are judged on the tokens `lex`
 * (marked's lexer, from `loadLexer` in links.ts) makes of it, as the renderer would see them.
 */
export function findProblems(data: RawPack, lex: MarkdownLexer): string[] {
  lexer = lex;
  try {
    return problemsOf(data);
  } finally {
    lexer = undefined;
  }
}

/** The lexer of the `findProblems` call under way: every text field is checked with it. */
let lexer: MarkdownLexer | undefined;

function problemsOf(data: RawPack): string[] {
  const problems: string[] = [];
  const report = (file: string) => reporter(file, data.locators, problems);

  checkMeta(data.meta, report(META_FILE));
  const ids: Partial<Record<ListKey, Set<string>>> = {};
  for (const key of Object.keys(PACK_FILES) as ListKey[]) {
    ids[key] = checkList(key, data.lists[key], report(PACK_FILES[key]));
  }
  const topics = checkTopics(data.lists.steps, ids.steps ?? new Set(), report(PACK_FILES.steps));
  checkReferences(data.lists, ids, report);
  checkTopicReferences(data.lists, ids, topics, report);
  checkCardTopics(data.lists.cards, topics, report(PACK_FILES.cards));
  for (const exercise of data.exercises ?? []) {
    const folder = `${EXERCISES_FOLDER}/${exercise.id}`;
    checkExercise(exercise, new Set(topics.keys()), report(`${folder}/${EXERCISE_FILES.meta}`), (message) =>
      problems.push(`${folder}: ${message}`),
    );
  }
  checkProjectReferences(data.lists.projects, topics, data.lists.phases, report(PACK_FILES.projects));
  checkReplacements(data.lists.certifications, ids.certifications ?? new Set(), report(PACK_FILES.certifications));
  return problems;
}

/**
 * The `Report` for one file: each problem is `file:line:column: where: message` when the file's
 * nodes can be located, `file: where: message` otherwise (data that did not come from a file).
 */
function reporter(file: string, locators: RawPack['locators'], into: string[]): Report {
  const locate = locators?.[file];
  return (where, message, key) => {
    const shown = key === undefined ? where : joinKey(where, key);
    if (!locate) return void into.push(`${file}: ${shown}: ${message}`);
    const path = key === undefined ? pathOf(where) : [...pathOf(where), key];
    const { line, col } = locate(path, key !== undefined);
    into.push(`${file}:${line}:${col}: ${shown}: ${message}`);
  };
}

/** `[0]` and `resorces` as `[0].resorces`; a key that is not a plain word is quoted, so the line stays one line. */
function joinKey(where: string, key: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${where}[${JSON.stringify(key)}]`;
  return where === '' ? key : `${where}.${key}`;
}

/** `[2].resources[0].url` as `[2, 'resources', 0, 'url']`; `(top level)` as `[]`. */
function pathOf(where: string): Segment[] {
  const path: Segment[] = [];
  for (const [, index, key] of where.matchAll(/\[(\d+)\]|([A-Za-z_$][\w$]*)/g))
    path.push(index === undefined ? (key as string) : Number(index));
  return where === '(top level)' ? [] : path;
}

/**
 * The keys each kind of mapping in a pack may have; any other key is reported, with the closest
 * known key when one is close (`resorces`: did you mean resources?). docs/content-format.schema.json
 * describes the same mappings, and a test keeps its keys equal to these.
 */
export const KNOWN_KEYS = {
  pack: ['formatVersion', 'id', 'title', 'welcome', 'reviewed'],
  section: ['id', 'title', 'summary', 'body', 'items'],
  sectionItem: ['id', 'title', 'text', 'examples', 'url'],
  skill: ['id', 'title', 'why', 'how', 'steps', 'topics'],
  step: ['id', 'title', 'description', 'done', 'resources', 'skills', 'effortHours', 'topics', 'fromGuide'],
  topic: ['id', 'title', 'why', 'done', 'resources', 'effortHours', 'skills', 'optional', 'formerly'],
  resource: ['title', 'url', 'type'],
  phase: ['id', 'title', 'summary', 'body'],
  certification: ['id', 'title', 'issuer', 'summary', 'url', 'status', 'statusAsOf', 'retires', 'replacedBy'],
  faq: ['id', 'question', 'answer'],
  quiz: ['id', 'title', 'questions'],
  question: ['id', 'prompt', 'choices', 'answer', 'explanation'],
  card: ['id', 'topic', 'kind', 'question', 'answer', 'explanation', 'choices'],
  project: ['id', 'title', 'level', 'summary', 'goal', 'dataset', 'topics', 'effortHours', 'milestones', 'stretch', 'requirements'],
  dataset: ['name', 'url'],
  milestone: ['phase', 'title', 'criteria'],
} as const satisfies Record<string, readonly string[]>;
export type MappingKind = keyof typeof KNOWN_KEYS;

/** The kind of mapping each file's list holds. */
export const ITEM_KINDS: Record<ListKey, MappingKind> = {
  sections: 'section',
  skills: 'skill',
  steps: 'step',
  phases: 'phase',
  certifications: 'certification',
  faqs: 'faq',
  quizzes: 'quiz',
  cards: 'card',
  projects: 'project',
};

/** How a kind of mapping is named in messages. */
const KIND_NAMES: Record<MappingKind, string> = {
  pack: 'pack.yaml',
  section: 'a section',
  sectionItem: "a section's item",
  skill: 'a skill',
  step: 'a step',
  topic: 'a topic',
  resource: 'a resource',
  phase: 'a phase',
  certification: 'a certification',
  faq: 'a FAQ',
  quiz: 'a quiz',
  question: "a quiz's question",
  card: 'a card',
  project: 'a project',
  dataset: "a project's dataset",
  milestone: "a project's milestone",
};

/** Reports every key of `value` that a `kind` mapping does not have, at `at` (`''` for a file's own mapping). */
function checkKeys(value: Raw, kind: MappingKind, at: string, report: Report): void {
  const known: readonly string[] = KNOWN_KEYS[kind];
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    // Case aside: `effortHOURS` is as likely a slip as `efortHours`.
    const lower = known.map((k) => k.toLowerCase());
    const close = suggest(key.toLowerCase(), lower).map((k) => known[lower.indexOf(k)]);
    report(
      at,
      close.length > 0
        ? `unknown key; did you mean ${close.slice(0, 2).join(' or ')}?`
        : `unknown key; the keys of ${KIND_NAMES[kind]} are ${known.join(', ')}`,
      key,
    );
  }
}

/** "1 and 2", "1 or 2": the readable formats, for messages. */
const readable = (conjunction: string) =>
  `${READABLE_FORMAT_VERSIONS.slice(0, -1).join(', ')} ${conjunction} ${READABLE_FORMAT_VERSIONS.at(-1)}`;

function checkMeta(meta: unknown, report: Report): void {
  if (!isObject(meta)) {
    report('(top level)', 'must be a mapping with formatVersion, id, title and welcome');
    return;
  }
  checkKeys(meta, 'pack', '', report);
  const version = meta.formatVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > CONTENT_FORMAT_VERSION) {
    report(
      'formatVersion',
      `${version} means the pack is made for a newer mlroadmap (this version reads formats ${readable('and')}); update mlroadmap to use it`,
    );
  } else if (!READABLE_FORMAT_VERSIONS.includes(version as number)) {
    report('formatVersion', `must be ${readable('or')} (this version of mlroadmap reads formats ${readable('and')})`);
  }
  checkId(meta.id, 'id', report);
  checkText(meta.title, 'title', report);
  checkText(meta.welcome, 'welcome', report);
  checkField(meta.reviewed, 'reviewed', 'optional-date', report);
}

type FieldKind =
  | 'text'
  | 'id'
  | 'ids'
  | 'url'
  | 'number'
  | 'optional-text'
  | 'optional-id'
  | 'optional-ids'
  | 'optional-url'
  | 'optional-strings'
  | 'optional-date';

/** The fields checked on their own; a step's `effortHours` and `topics` are checked by `checkTopics`. */
const FIELDS: Record<ListKey, Record<string, FieldKind>> = {
  sections: { id: 'id', title: 'text', summary: 'text', body: 'text' },
  skills: { id: 'id', title: 'text', why: 'text', how: 'text', steps: 'ids', topics: 'optional-ids' },
  steps: { id: 'id', title: 'text', description: 'text', done: 'text', skills: 'ids', fromGuide: 'optional-text' },
  phases: { id: 'id', title: 'text', summary: 'text', body: 'text' },
  certifications: {
    id: 'id',
    title: 'text',
    issuer: 'text',
    summary: 'text',
    url: 'url',
    statusAsOf: 'optional-date',
    retires: 'optional-date',
    replacedBy: 'optional-id',
  },
  faqs: { id: 'id', question: 'text', answer: 'text' },
  quizzes: { id: 'id', title: 'text' },
  cards: { id: 'id', topic: 'id', question: 'text', answer: 'text', explanation: 'text' },
  projects: { id: 'id', title: 'text', summary: 'text', goal: 'text', topics: 'ids', effortHours: 'number' },
};

function checkList(key: ListKey, list: unknown, report: Report): Set<string> {
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
    checkKeys(item, ITEM_KINDS[key], at, report);
    for (const [field, kind] of Object.entries(FIELDS[key])) {
      checkField(item[field], `${at}.${field}`, kind, report);
    }
    if (typeof item.id === 'string') {
      if (seen.has(item.id)) report(`${at}.id`, `"${item.id}" is used twice`);
      seen.add(item.id);
    }
    if (key === 'sections') checkSectionItems(item.items, at, report);
    if (key === 'steps') checkResources(item.resources, at, report);
    if (key === 'certifications') checkStatus(item, at, report);
    if (key === 'quizzes') checkQuestions(item.questions, at, report);
    if (key === 'cards') checkCard(item, at, report);
    if (key === 'projects') checkProject(item, at, report);
  }
  return seen;
}

function checkSectionItems(items: unknown, at: string, report: Report): void {
  if (items === undefined) return;
  if (!Array.isArray(items)) return report(`${at}.items`, 'must be a list');
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const where = `${at}.items[${index}]`;
    if (!isObject(item)) {
      report(where, 'must be a mapping');
      continue;
    }
    checkKeys(item, 'sectionItem', where, report);
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

function checkResources(resources: unknown, at: string, report: Report, atLeastOne = false): void {
  if (!Array.isArray(resources))
    return report(`${at}.resources`, atLeastOne ? 'must be a list of at least one resource' : 'must be a list');
  if (atLeastOne && resources.length === 0) report(`${at}.resources`, 'must list at least one resource');
  for (const [index, resource] of resources.entries()) {
    const where = `${at}.resources[${index}]`;
    if (!isObject(resource)) {
      report(where, 'must be a mapping with title, url and type');
      continue;
    }
    checkKeys(resource, 'resource', where, report);
    checkText(resource.title, `${where}.title`, report);
    checkField(resource.url, `${where}.url`, 'url', report);
    checkLinkText(resource.title, resource.url, `${where}.title`, report);
    if (!RESOURCE_TYPES.includes(resource.type as never)) {
      report(`${where}.type`, `must be one of ${RESOURCE_TYPES.join(', ')}`);
    }
  }
}

/**
 * A step's topics, and its hours: a step without topics gives `effortHours`; a step with topics may
 * leave it out (it is then their sum) or must give exactly their sum. Topic ids are unique across
 * the pack and differ from every step id, so `mlroadmap check <id>` always names one thing.
 * Returns each topic's id with its raw `skills`, in pack order, for the reference checks.
 */
function checkTopics(steps: unknown, stepIds: Set<string>, report: Report): Map<string, { at: string; skills: unknown }> {
  const topics = new Map<string, { at: string; skills: unknown }>();
  const formerly = new Map<string, { at: string; topic: string | undefined }>();
  if (!Array.isArray(steps)) return topics;
  for (const [index, step] of steps.entries()) {
    if (!isObject(step)) continue;
    const at = `[${index}]`;
    if (step.topics === undefined) {
      checkField(step.effortHours, `${at}.effortHours`, 'number', report);
      continue;
    }
    if (!Array.isArray(step.topics) || step.topics.length === 0) {
      report(`${at}.topics`, 'must be a list of at least one topic, or be left out');
      if (step.effortHours !== undefined) checkField(step.effortHours, `${at}.effortHours`, 'number', report);
      continue;
    }
    let hours: number | undefined = 0;
    for (const [i, topic] of step.topics.entries()) {
      const where = `${at}.topics[${i}]`;
      if (!isObject(topic)) {
        report(where, 'must be a mapping with id, title, why, done, resources, effortHours and skills');
        hours = undefined;
        continue;
      }
      checkKeys(topic, 'topic', where, report);
      checkId(topic.id, `${where}.id`, report);
      checkText(topic.title, `${where}.title`, report);
      checkText(topic.why, `${where}.why`, report);
      checkDone(topic.done, `${where}.done`, report);
      checkResources(topic.resources, where, report, true);
      checkField(topic.effortHours, `${where}.effortHours`, 'number', report);
      checkField(topic.skills, `${where}.skills`, 'ids', report);
      if (topic.optional !== undefined && typeof topic.optional !== 'boolean') report(`${where}.optional`, 'must be true or false');
      checkFormerly(topic.formerly, where, typeof topic.id === 'string' ? topic.id : undefined, formerly, report);
      hours = isPositive(topic.effortHours) && hours !== undefined ? hours + topic.effortHours : undefined;
      if (typeof topic.id !== 'string') continue;
      const first = topics.get(topic.id);
      if (stepIds.has(topic.id)) {
        report(
          `${where}.id`,
          `"${topic.id}" is also the id of a step; a topic's id must differ from every step's, so "check ${topic.id}" names one thing`,
        );
      } else if (first) {
        report(`${where}.id`, `"${topic.id}" is used twice (first at ${first.at}); topic ids are unique across all steps`);
      } else {
        topics.set(topic.id, { at: where, skills: topic.skills });
      }
    }
    if (step.effortHours === undefined) continue;
    checkField(step.effortHours, `${at}.effortHours`, 'number', report);
    if (hours !== undefined && isPositive(step.effortHours) && !sameHours(step.effortHours, hours)) {
      report(
        `${at}.effortHours`,
        `is ${step.effortHours}, but the step's topics add up to ${roundHours(hours)} hours; give ${roundHours(hours)} or leave it out`,
      );
    }
  }
  // A former id is read as its topic's in progress files, so it must not name anything alive.
  for (const [id, { at }] of formerly) {
    if (topics.has(id))
      report(
        at,
        `"${id}" is the id of a live topic (at ${topics.get(id)?.at}); a former id must not be in use, or progress under it would be read twice`,
      );
    else if (stepIds.has(id)) report(at, `"${id}" is the id of a step; a former topic id must differ from every step's`);
  }
  return topics;
}

/**
 * A topic's `formerly`: ids of topics merged into it or removed in its favour, each kebab-case and
 * claimed by one topic only (a learner's record under it must have one place to go).
 */
function checkFormerly(
  value: unknown,
  at: string,
  topicId: string | undefined,
  seen: Map<string, { at: string; topic: string | undefined }>,
  report: Report,
): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0)
    return report(`${at}.formerly`, 'must be a list of at least one former topic id, or be left out');
  for (const [i, id] of value.entries()) {
    const where = `${at}.formerly[${i}]`;
    checkId(id, where, report);
    if (typeof id !== 'string') continue;
    const first = seen.get(id);
    if (id === topicId) report(where, `"${id}" is this topic's own id`);
    else if (first)
      report(where, `"${id}" is already a former id of ${first.topic ?? 'another topic'} (at ${first.at}); it can go to one topic only`);
    else seen.set(id, { at: where, topic: topicId });
  }
}

/** A topic's `done`: one to three outcomes, enough to check and few enough to keep a topic small. */
function checkDone(done: unknown, where: string, report: Report): void {
  if (!Array.isArray(done)) return report(where, 'must be a list of 1 to 3 outcomes the learner can check');
  if (done.length < 1 || done.length > 3) report(where, `must list 1 to 3 outcomes the learner can check, not ${done.length}`);
  for (const [i, outcome] of done.entries()) checkText(outcome, `${where}[${i}]`, report);
}

/** `status`, `statusAsOf` and `retires` of a certification, which only make sense together. */
function checkStatus(cert: Raw, at: string, report: Report): void {
  const { status, statusAsOf, retires } = cert;
  if (status !== undefined && !CERTIFICATION_STATUSES.includes(status as never)) {
    report(`${at}.status`, `must be one of ${CERTIFICATION_STATUSES.join(', ')}`);
  }
  if (status !== undefined && statusAsOf === undefined) {
    report(`${at}.statusAsOf`, 'is required with status: the day the status was last checked, written YYYY-MM-DD');
  }
  const ending = status === 'retiring' || status === 'retired';
  if (ending && retires === undefined)
    report(`${at}.retires`, `is required for a ${status} certification: the day it retires, written YYYY-MM-DD`);
  if (retires !== undefined && (status === undefined || status === 'active')) {
    report(`${at}.retires`, `only a retiring or retired certification has a retires date; this one is ${status ?? 'active'}`);
  }
  if (!ending || !isDate(retires) || !isDate(statusAsOf)) return;
  if (status === 'retiring' && retires <= statusAsOf) {
    report(`${at}.retires`, `${retires} is not after statusAsOf ${statusAsOf}: a certification that has already retired is "retired"`);
  }
  if (status === 'retired' && retires > statusAsOf) {
    report(`${at}.retires`, `${retires} is after statusAsOf ${statusAsOf}: a certification that has not retired yet is "retiring"`);
  }
}

/** A card's kind, and for a multiple-choice card its four distinct choices, one of them the answer. */
function checkCard(card: Raw, at: string, report: Report): void {
  if (!CARD_KINDS.includes(card.kind as never)) report(`${at}.kind`, `must be one of ${CARD_KINDS.join(', ')}`);
  if (card.choices === undefined) return;
  const choices = card.choices;
  if (!Array.isArray(choices) || choices.length !== 4) return report(`${at}.choices`, 'must list exactly four choices, or be left out');
  for (const [i, choice] of choices.entries()) checkText(choice, `${at}.choices[${i}]`, report);
  const texts = choices.filter((choice): choice is string => typeof choice === 'string').map((choice) => choice.trim());
  if (new Set(texts).size !== texts.length) report(`${at}.choices`, 'has the same choice twice');
  if (typeof card.answer === 'string' && !texts.includes(card.answer.trim()))
    report(`${at}.answer`, 'must be one of the choices, written exactly as it is there');
}

/** Words that `mlroadmap project` reads as what to do, so no project may be called them. */
export const PROJECT_ACTIONS = ['start', 'done', 'undo'] as const;

/** A project's level, dataset, milestones (one per phase, in order, each with criteria) and stretch goals. */
function checkProject(project: Raw, at: string, report: Report): void {
  if (PROJECT_ACTIONS.includes(project.id as never))
    report(`${at}.id`, `"${project.id}" is a word 'mlroadmap project' reads as an action (${PROJECT_ACTIONS.join(', ')}); choose another`);
  if (!PROJECT_LEVELS.includes(project.level as never)) report(`${at}.level`, `must be one of ${PROJECT_LEVELS.join(', ')}`);
  const dataset = project.dataset;
  if (!isObject(dataset)) report(`${at}.dataset`, 'must be a mapping with name and url');
  else {
    checkKeys(dataset, 'dataset', `${at}.dataset`, report);
    checkText(dataset.name, `${at}.dataset.name`, report);
    checkField(dataset.url, `${at}.dataset.url`, 'url', report);
    checkLinkText(dataset.name, dataset.url, `${at}.dataset.name`, report);
  }
  if (Array.isArray(project.topics) && project.topics.length === 0) report(`${at}.topics`, 'must name at least one topic it practises');
  const milestones = project.milestones;
  if (!Array.isArray(milestones) || milestones.length === 0) report(`${at}.milestones`, 'must list one milestone for each phase, in order');
  else {
    for (const [i, milestone] of milestones.entries()) {
      const where = `${at}.milestones[${i}]`;
      if (!isObject(milestone)) {
        report(where, 'must be a mapping with phase, title and criteria');
        continue;
      }
      checkKeys(milestone, 'milestone', where, report);
      checkId(milestone.phase, `${where}.phase`, report);
      checkText(milestone.title, `${where}.title`, report);
      if (!Array.isArray(milestone.criteria) || milestone.criteria.length === 0)
        report(`${where}.criteria`, 'must list at least one acceptance criterion');
      else for (const [k, criterion] of milestone.criteria.entries()) checkText(criterion, `${where}.criteria[${k}]`, report);
    }
  }
  if (!Array.isArray(project.stretch)) report(`${at}.stretch`, 'must be a list of stretch goals');
  else for (const [k, goal] of project.stretch.entries()) checkText(goal, `${at}.stretch[${k}]`, report);
  if (project.requirements !== undefined) {
    if (!Array.isArray(project.requirements) || project.requirements.length === 0)
      report(`${at}.requirements`, 'must be a list of Python package names, such as [pandas, scikit-learn]');
    else {
      const seen = new Set<string>();
      for (const [k, name] of project.requirements.entries()) {
        if (typeof name !== 'string' || !REQUIREMENT_NAME.test(name))
          report(`${at}.requirements[${k}]`, 'must be a package name as pip takes it (letters, digits, ".", "_", "-"), with no version');
        else if (seen.has(name.toLowerCase())) report(`${at}.requirements[${k}]`, `"${name}" is listed twice`);
        else seen.add(name.toLowerCase());
      }
    }
  }
}

/** A package name as pip takes it (PEP 508), with optional extras and no version: the learner pins versions once it runs. */
const REQUIREMENT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[A-Za-z0-9._-]+(?:,[A-Za-z0-9._-]+)*\])?$/;

/** A project's topics are roadmap topics, and its milestones are the pack's phases, each once, in their order. */
function checkProjectReferences(projects: unknown, topics: Map<string, unknown>, phases: unknown, report: Report): void {
  if (!Array.isArray(projects)) return;
  const phaseIds = (Array.isArray(phases) ? phases : []).filter(isObject).map((phase) => phase.id);
  for (const [index, project] of projects.entries()) {
    if (!isObject(project)) continue;
    for (const [i, topic] of (Array.isArray(project.topics) ? project.topics : []).entries()) {
      if (typeof topic === 'string' && !topics.has(topic))
        report(`[${index}].topics[${i}]`, `unknown topic "${topic}" (no topic in ${PACK_FILES.steps} has this id)`);
    }
    if (!Array.isArray(project.milestones)) continue;
    const given = project.milestones.map((milestone) => (isObject(milestone) ? milestone.phase : undefined));
    if (given.length !== phaseIds.length || given.some((phase, i) => phase !== phaseIds[i]))
      report(
        `[${index}].milestones`,
        `must have one milestone for each phase of ${PACK_FILES.phases}, in its order (${phaseIds.join(', ')}); has ${given.map(String).join(', ')}`,
      );
  }
}

/** Each card's topic is a topic of the roadmap. */
function checkCardTopics(cards: unknown, topics: Map<string, unknown>, report: Report): void {
  if (!Array.isArray(cards)) return;
  for (const [index, card] of cards.entries()) {
    if (isObject(card) && typeof card.topic === 'string' && !topics.has(card.topic))
      report(`[${index}].topic`, `unknown topic "${card.topic}" (no topic in ${PACK_FILES.steps} has this id)`);
  }
}

function checkQuestions(questions: unknown, at: string, report: Report): void {
  if (!Array.isArray(questions) || questions.length === 0) return report(`${at}.questions`, 'must be a non-empty list');
  const seen = new Set<string>();
  for (const [index, question] of questions.entries()) {
    const where = `${at}.questions[${index}]`;
    if (!isObject(question)) {
      report(where, 'must be a mapping');
      continue;
    }
    checkKeys(question, 'question', where, report);
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

function checkReferences(
  lists: Partial<Record<ListKey, unknown>>,
  ids: Partial<Record<ListKey, Set<string>>>,
  report: (file: string) => Report,
): void {
  const refs: [ListKey, string, ListKey][] = [
    ['skills', 'steps', 'steps'],
    ['steps', 'skills', 'skills'],
  ];
  for (const [owner, field, target] of refs) {
    const list = lists[owner];
    if (!Array.isArray(list)) continue;
    for (const [index, item] of list.entries()) {
      if (!isObject(item) || !Array.isArray(item[field])) continue;
      for (const [i, ref] of (item[field] as unknown[]).entries()) {
        if (typeof ref === 'string' && !ids[target]?.has(ref)) {
          report(PACK_FILES[owner])(`[${index}].${field}[${i}]`, `"${ref}" is not the id of any item in ${PACK_FILES[target]}`);
        }
      }
    }
  }
}

/**
 * References between topics and skills, both ways: a topic's skills resolve, and a skill's `topics`
 * are exactly the topics whose skills name it. A message that points into another file names it, so
 * `validate` can leave it out when that file is broken.
 */
function checkTopicReferences(
  lists: RawPack['lists'],
  ids: Partial<Record<ListKey, Set<string>>>,
  topics: Map<string, { at: string; skills: unknown }>,
  report: (file: string) => Report,
): void {
  const inRoadmap = report(PACK_FILES.steps);
  const builders = new Map<string, string[]>();
  for (const [id, topic] of topics) {
    if (!Array.isArray(topic.skills)) continue;
    for (const [i, skill] of topic.skills.entries()) {
      if (typeof skill !== 'string') continue;
      if (!ids.skills?.has(skill))
        inRoadmap(`${topic.at}.skills[${i}]`, `unknown skill "${skill}" (no item of ${PACK_FILES.skills} has this id)`);
      const list = builders.get(skill) ?? [];
      if (!list.includes(id)) list.push(id);
      builders.set(skill, list);
    }
  }

  const inSkills = report(PACK_FILES.skills);
  const skills = Array.isArray(lists.skills) ? lists.skills : [];
  for (const [index, skill] of skills.entries()) {
    if (!isObject(skill) || typeof skill.id !== 'string') continue;
    const built = builders.get(skill.id) ?? [];
    if (skill.topics === undefined) {
      if (built.length > 0) {
        const names = built.join(', ');
        inSkills(
          `[${index}].topics`,
          `lists no topics, but ${built.length === 1 ? `topic ${names} builds` : `topics ${names} build`} it (its id is in their skills in ${PACK_FILES.steps})`,
        );
      }
      continue;
    }
    if (!Array.isArray(skill.topics)) continue;
    const listed = new Set<string>();
    for (const [i, ref] of skill.topics.entries()) {
      if (typeof ref !== 'string') continue;
      const where = `[${index}].topics[${i}]`;
      if (listed.has(ref)) inSkills(where, `"${ref}" is listed twice`);
      listed.add(ref);
      const topic = topics.get(ref);
      if (!topic) inSkills(where, `unknown topic "${ref}" (no topic in ${PACK_FILES.steps} has this id)`);
      else if (!built.includes(ref))
        inSkills(where, `topic "${ref}" does not build this skill: its skills in ${PACK_FILES.steps} do not name "${skill.id}"`);
    }
    for (const ref of built) {
      if (!listed.has(ref))
        inSkills(
          `[${index}].topics`,
          `misses topic "${ref}", which builds this skill (its skills in ${PACK_FILES.steps} name "${skill.id}")`,
        );
    }
  }
}

/** A certification's `replacedBy` is another certification, and following it never comes back. */
function checkReplacements(list: unknown, certIds: Set<string>, report: Report): void {
  const certs = Array.isArray(list) ? list : [];
  const successor = new Map<string, string>();
  for (const cert of certs) {
    if (isObject(cert) && typeof cert.id === 'string' && typeof cert.replacedBy === 'string') successor.set(cert.id, cert.replacedBy);
  }
  for (const [index, cert] of certs.entries()) {
    if (!isObject(cert) || typeof cert.id !== 'string' || typeof cert.replacedBy !== 'string') continue;
    const where = `[${index}].replacedBy`;
    if (cert.replacedBy === cert.id) report(where, `"${cert.id}" is this certification itself`);
    else if (!certIds.has(cert.replacedBy)) report(where, `unknown certification "${cert.replacedBy}"`);
    else {
      // Report a loop once, at its first certification in the file.
      const chain = [cert.id];
      let next = successor.get(cert.id);
      while (next !== undefined && !chain.includes(next)) {
        chain.push(next);
        next = successor.get(next);
      }
      const first = certs.findIndex((c) => isObject(c) && chain.includes(c.id as string));
      if (next === cert.id && first === index) report(where, `following replacedBy comes back here: ${[...chain, cert.id].join(' -> ')}`);
    }
  }
}

function checkField(value: unknown, where: string, kind: FieldKind, report: Report): void {
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
    case 'optional-text':
      if (value !== undefined) checkText(value, where, report);
      return;
    case 'optional-id':
      if (value !== undefined) checkId(value, where, report);
      return;
    case 'optional-ids':
      if (value !== undefined) checkField(value, where, 'ids', report);
      return;
    case 'optional-url':
      if (value !== undefined) checkField(value, where, 'url', report);
      return;
    case 'optional-date':
      if (value !== undefined && !isDate(value)) report(where, 'must be a real date written YYYY-MM-DD, such as 2026-03-31');
      return;
    case 'optional-strings':
      if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === ''))) {
        report(where, 'must be a list of non-empty strings');
      }
      return;
  }
}

/** A title shown as a link to `url` (a resource, a dataset) must not read as another address. */
function checkLinkText(text: unknown, url: unknown, where: string, report: Report): void {
  if (typeof text !== 'string' || typeof url !== 'string' || !/^https:\/\/\S+$/.test(url)) return;
  const problem = linkProblem(url, text);
  if (problem) report(where, problem);
}

function checkText(value: unknown, where: string, report: Report): void {
  if (typeof value !== 'string' || value.trim() === '') return report(where, 'must be non-empty text');
  if (!lexer) throw new Error('checkText outside findProblems');
  for (const problem of linkProblems(value, lexer)) report(where, problem);
}

function checkId(value: unknown, where: string, report: Report): void {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) report(where, 'must be a kebab-case id such as "linear-algebra"');
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** A calendar day written YYYY-MM-DD that exists (no 2026-02-30). YAML's core schema reads such a value as a string. */
function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Hours added up from topics, rounded so that 0.1 + 0.2 reads as 0.3. */
function roundHours(hours: number): number {
  return Math.round(hours * 1e6) / 1e6;
}

function sameHours(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}

/** The fields that format 2 added, by file: a pack using one should say `formatVersion: 2`. */
const FORMAT_2_FIELDS: [string, (data: RawPack) => boolean][] = [
  ['reviewed (pack.yaml)', (data) => isObject(data.meta) && data.meta.reviewed !== undefined],
  ['topics (roadmap.yaml)', (data) => items(data.lists.steps).some((step) => step.topics !== undefined)],
  ['fromGuide (roadmap.yaml)', (data) => items(data.lists.steps).some((step) => step.fromGuide !== undefined)],
  ['topics (skills.yaml)', (data) => items(data.lists.skills).some((skill) => skill.topics !== undefined)],
  [
    'status, statusAsOf, retires or replacedBy (certifications.yaml)',
    (data) =>
      items(data.lists.certifications).some((cert) =>
        ['status', 'statusAsOf', 'retires', 'replacedBy'].some((field) => cert[field] !== undefined),
      ),
  ],
];

/** Below this many multiple-choice questions in a file, a share of them says nothing. */
const MIN_QUESTIONS_FOR_LENGTH_CHECK = 5;
/** A learner who always picks the longest choice should not beat chance (one in four) by much. */
const MAX_LONGEST_ANSWER_SHARE = 0.4;

/**
 * Warns when the right answer is the longest choice (a tie counts) in more than 40% of a file's
 * multiple-choice questions: learners learn to pick the longest option instead of thinking.
 * `cardQuestion` reads a card's choices and answer; quizzes are read as `quizzes[].questions[]`
 * whose `answer` is the index of the right choice.
 */
function warnLongestAnswers(
  file: string,
  data: RawPack,
  warnings: string[],
  cardQuestion: ((item: Raw) => { choices: unknown[]; answer: string } | undefined) | undefined,
): void {
  const list = file === PACK_FILES.cards ? data.lists.cards : data.lists.quizzes;
  const questions: { choices: string[]; answer: string }[] = [];
  const asQuestion = (choices: unknown, answer: unknown) => {
    if (!Array.isArray(choices) || !choices.every((choice) => typeof choice === 'string')) return;
    const text = typeof answer === 'number' ? choices[answer] : answer;
    if (typeof text === 'string') questions.push({ choices, answer: text });
  };
  for (const item of items(list)) {
    if (cardQuestion) {
      const question = cardQuestion(item);
      if (question) asQuestion(question.choices, question.answer);
    } else {
      for (const question of items(item.questions)) asQuestion(question.choices, question.answer);
    }
  }
  if (questions.length < MIN_QUESTIONS_FOR_LENGTH_CHECK) return;
  const longest = questions.filter(
    ({ choices, answer }) => answer.trim().length >= Math.max(...choices.map((c) => c.trim().length)),
  ).length;
  if (longest / questions.length > MAX_LONGEST_ANSWER_SHARE) {
    warnings.push(
      `${file}: the right answer is the longest choice in ${longest} of ${questions.length} multiple-choice questions (${Math.round((100 * longest) / questions.length)}%); learners can guess by length, so vary which choice is longest (at most 40%)`,
    );
  }
}

function items(list: unknown): Raw[] {
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/**
 * What is worth a look in a pack but does not stop it loading, each naming the file and the field:
 * a `reviewed` date more than 12 months before `today` (or after it), a certification still
 * "retiring" after its `retires` day, a file of multiple-choice questions whose answers are too often
 * the longest choice, and a format-1 pack using format-2 fields (an older mlroadmap would read it
 * without them instead of saying it is too new). Days are compared in UTC.
 */
export function findWarnings(data: RawPack, today: Date): string[] {
  const warnings: string[] = [];
  const inMeta = reporter(META_FILE, data.locators, warnings);
  const day = today.toISOString().slice(0, 10);
  const yearBefore = `${String(today.getUTCFullYear() - 1).padStart(4, '0')}${day.slice(4)}`;
  const meta = isObject(data.meta) ? data.meta : {};
  if (isDate(meta.reviewed) && meta.reviewed < yearBefore) {
    inMeta('reviewed', `${meta.reviewed} is more than 12 months ago; check the facts that change (certifications, salaries) and update it`);
  } else if (isDate(meta.reviewed) && meta.reviewed > day) {
    inMeta('reviewed', `${meta.reviewed} is after today (${day}); give the day the facts were last checked`);
  }
  const inCertifications = reporter(PACK_FILES.certifications, data.locators, warnings);
  const certifications = Array.isArray(data.lists.certifications) ? data.lists.certifications : [];
  for (const [index, cert] of certifications.entries()) {
    if (isObject(cert) && cert.status === 'retiring' && isDate(cert.retires) && cert.retires < day) {
      inCertifications(
        `[${index}].status`,
        `is "retiring", but its retires date ${cert.retires} has passed; check the official page and mark it "retired"`,
      );
    }
  }
  warnLongestAnswers(PACK_FILES.cards, data, warnings, (card) =>
    Array.isArray(card.choices) && typeof card.answer === 'string' ? { choices: card.choices, answer: card.answer } : undefined,
  );
  warnLongestAnswers(PACK_FILES.quizzes, data, warnings, undefined);
  if (meta.formatVersion === 1) {
    const used = FORMAT_2_FIELDS.filter(([, uses]) => uses(data)).map(([name]) => name);
    if (used.length > 0) {
      inMeta('formatVersion', `is 1, but the pack uses fields of format 2 (${used.join(', ')}); say formatVersion: 2`);
    }
  }
  return warnings;
}

/**
 * Assembles validated raw data into a `Roadmap`. Call only when `findProblems` returned nothing.
 * It fills in what a file may leave out: a step's `effortHours` from its topics, a certification's
 * `status` as `'active'`. A format-1 pack assembles as it always did, plus that `status`.
 */
export function assembleRoadmap(data: RawPack): Roadmap {
  const meta = data.meta as Raw;
  const list = <T>(key: ListKey) => (data.lists[key] ?? []) as T[];
  const steps = list<Raw>('steps').map((step) =>
    step.effortHours === undefined && Array.isArray(step.topics)
      ? { ...step, effortHours: roundHours((step.topics as Raw[]).reduce((sum, topic) => sum + (topic.effortHours as number), 0)) }
      : step,
  );
  const certifications = list<Raw>('certifications').map((cert) => (cert.status === undefined ? { ...cert, status: 'active' } : cert));
  return {
    formatVersion: meta.formatVersion as number,
    id: meta.id as string,
    title: meta.title as string,
    welcome: meta.welcome as string,
    ...(meta.reviewed === undefined ? {} : { reviewed: meta.reviewed as string }),
    sections: list('sections'),
    skills: list('skills'),
    steps: steps as unknown as Roadmap['steps'],
    phases: list('phases'),
    certifications: certifications as unknown as Roadmap['certifications'],
    faqs: list('faqs'),
    quizzes: list('quizzes'),
    cards: list('cards'),
    projects: list('projects'),
    ...(data.exercises === undefined ? {} : { exercises: assembleExercises(data.exercises, topicOrder(data.lists.steps)) }),
  };
}

/** Every topic id, in roadmap order. */
function topicOrder(steps: unknown): string[] {
  return items(steps).flatMap((step) => items(step.topics).map((topic) => topic.id as string));
}
