/**
 * The shape of a content pack: a roadmap written as data.
 *
 * A pack is a folder of YAML files (see docs/content-format.md). The loader turns those files into a
 * `Roadmap`; `validateRoadmap` checks it. Ids are stable kebab-case strings: progress is keyed by id,
 * never by position, so items can be reordered, reworded or added without losing anyone's progress.
 */

/**
 * The newest content format this version of mlroadmap reads. Format 2 added topics, `fromGuide`,
 * skills' `topics`, certification status and the pack's `reviewed` date; every format-1 pack is a
 * valid format-2 pack, so both are read (see `READABLE_FORMAT_VERSIONS`).
 */
export const CONTENT_FORMAT_VERSION = 2;
/** Every format this version reads: a pack written for an older mlroadmap keeps loading. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];

export type ResourceType = 'course' | 'docs' | 'book' | 'practice' | 'article' | 'video';
export const RESOURCE_TYPES: readonly ResourceType[] = ['course', 'docs', 'book', 'practice', 'article', 'video'];

export interface Resource {
  /** What the learner will see, e.g. "Machine Learning Specialization (Coursera)". */
  title: string;
  /** A real, well-known https URL. */
  url: string;
  /** What kind of resource it is. */
  type: ResourceType;
}

/** A small titled item inside a section, e.g. one algorithm family or one tool. */
export interface SectionItem {
  /** Stable kebab-case id, unique within its section. */
  id: string;
  /** Short name, e.g. "Supervised learning". */
  title: string;
  /** One or two sentences of markdown. */
  text: string;
  /** Named examples, e.g. the algorithms of a family. */
  examples?: string[];
  /** An optional link, e.g. a tool's home page. */
  url?: string;
}

/** A readable part of the guide. */
export interface Section {
  /** Stable kebab-case id, unique among sections; `mlroadmap read <id>`. */
  id: string;
  /** Heading shown in lists and above the text. */
  title: string;
  /** One line for `mlroadmap sections`. */
  summary: string;
  /** The text, in markdown. */
  body: string;
  /** Structured items rendered after the body as a list (algorithm families, tools, ...). */
  items?: SectionItem[];
}

/** A skill the guide names. */
export interface Skill {
  /** Stable kebab-case id, unique among skills. */
  id: string;
  title: string;
  /** Why the skill matters for the job, in markdown. */
  why: string;
  /** How to build it, in markdown. */
  how: string;
  /** Ids of the roadmap steps that build this skill. */
  steps: string[];
  /**
   * Ids of the topics that build this skill: exactly the topics whose `skills` name it. Format 2;
   * a pack with topics must give it on every skill a topic builds.
   */
  topics?: string[];
}

/** One part of a step, small enough to plan a week around (format 2). */
export interface Topic {
  /** Stable kebab-case id, unique among all the pack's topics and different from every step id; `mlroadmap check <id>`. */
  id: string;
  /** What the topic is, shown in the step's list of topics, e.g. "Cleaning data with pandas". */
  title: string;
  /** Why the topic matters for the job, in markdown. */
  why: string;
  /** One to three concrete outcomes the learner can check, each one line of markdown. */
  done: string[];
  /** Curated resources, best first; at least one. */
  resources: Resource[];
  /** A rough effort estimate in hours; a step's hours are the sum of its topics'. */
  effortHours: number;
  /** Ids of the skills this topic builds. */
  skills: string[];
  /**
   * An optional topic (format 2): shown, searchable and checkable, but left out of the plan, the
   * percentage and "next" until the learner starts, checks or skips it. Absent means required.
   */
  optional?: boolean;
  /**
   * Ids of topics this one absorbed (format 2): a topic merged into this one, or removed in its
   * favour. Progress recorded under a former id (status, notes, study sessions) is read as this
   * topic's, so an id a learner's file holds is never dropped or reused. Each differs from every
   * live topic and step id and is listed by one topic only.
   */
  formerly?: string[];
}

/** One step of the roadmap, in order. */
export interface Step {
  /** Stable kebab-case id, unique among steps; `mlroadmap check <id>`. */
  id: string;
  title: string;
  /** What the step is about, in markdown. */
  description: string;
  /** What "done" looks like: concrete outcomes the learner can check, in markdown. */
  done: string;
  /** Curated resources, best first. */
  resources: Resource[];
  /** Ids of the skills this step builds. */
  skills: string[];
  /**
   * A rough effort estimate in hours, for planning. A step with topics may leave it out of the
   * file: it is then the sum of its topics' hours, and if given it must equal that sum.
   */
  effortHours: number;
  /** The step's parts, in order (format 2); a step without them is ticked off as a whole. */
  topics?: Topic[];
  /** For a step the guide does not list: which part of the guide it comes from, in markdown (format 2). */
  fromGuide?: string;
}

/** One phase of a machine-learning project. */
export interface Phase {
  /** Stable kebab-case id, unique among phases. */
  id: string;
  title: string;
  /** One line for lists. */
  summary: string;
  /** The text, in markdown. */
  body: string;
}

/** Where a certification stands: still offered, announced to retire on a date, or no longer offered. */
export type CertificationStatus = 'active' | 'retiring' | 'retired';
export const CERTIFICATION_STATUSES: readonly CertificationStatus[] = ['active', 'retiring', 'retired'];

/** A professional certification. */
export interface Certification {
  /** Stable kebab-case id, unique among certifications. */
  id: string;
  title: string;
  /** Who awards it, e.g. "Google". */
  issuer: string;
  /** What it covers and who it suits, in markdown. */
  summary: string;
  /** The official page. */
  url: string;
  /** Where it stands (format 2). A file may leave it out; the loaded pack then says `'active'`. */
  status: CertificationStatus;
  /** The day `status` was last checked, YYYY-MM-DD; required in the file whenever `status` is given. */
  statusAsOf?: string;
  /** The day it retires or retired, YYYY-MM-DD; required for `'retiring'` and `'retired'`, and only for them. */
  retires?: string;
  /** Id of the certification that replaces it; never its own. */
  replacedBy?: string;
}

/** A frequently asked question. */
export interface Faq {
  /** Stable kebab-case id, unique among FAQs. */
  id: string;
  /** The question, as the learner would ask it. */
  question: string;
  /** The answer, in markdown. */
  answer: string;
}

/** One self-check question. */
export interface QuizQuestion {
  /** Stable kebab-case id, unique within its quiz. */
  id: string;
  prompt: string;
  /** The options; exactly one is right. */
  choices: string[];
  /** Index into `choices` of the right answer. */
  answer: number;
  /** Why the right answer is right, in markdown. */
  explanation: string;
}

/** A short self-check quiz on one topic. */
export interface Quiz {
  /** Stable kebab-case id, unique among quizzes; `mlroadmap quiz <id>`. */
  id: string;
  title: string;
  questions: QuizQuestion[];
}

/** What a review card asks for: a concept, a choice (which one, and why), a scenario, or reading code. */
export const CARD_KINDS = ['concept', 'choice', 'scenario', 'code'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/**
 * A spaced-review card (`cards.yaml`, format 2): a question on one topic, its answer and why. A card
 * with `choices` is answered by picking one (four choices, `answer` equal to one of them); without,
 * the learner answers in their head and grades themselves.
 */
export interface Card {
  /** Stable kebab-case id, unique among cards: the learner's review history is kept under it. */
  id: string;
  /** The topic it tests: a card joins the learner's deck when its topic is started or done. */
  topic: string;
  kind: CardKind;
  /** Markdown (code blocks allowed). */
  question: string;
  /** Markdown; for a card with choices, exactly one of them. */
  answer: string;
  /** Why the answer is right, in markdown. */
  explanation: string;
  choices?: string[];
}

/** How far along a learner a project is meant for. */
export const PROJECT_LEVELS = ['first', 'intermediate', 'portfolio'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];

/** One milestone of a project: a phase of the guide's ML project, with what shows it is done. */
export interface Milestone {
  /** The id of a phase in phases.yaml; a project's milestones follow the phases in order. */
  phase: string;
  title: string;
  /** Acceptance criteria a reviewer could check in the repository. */
  criteria: string[];
}

/**
 * A project brief (`projects.yaml`, format 2): something to build on a real public dataset, with the
 * guide's five phases as milestones. `mlroadmap project start` makes a folder for it.
 */
export interface Project {
  /** Stable kebab-case id, unique among projects; progress on it is kept under it. */
  id: string;
  title: string;
  level: ProjectLevel;
  /** One line for lists. */
  summary: string;
  /** Markdown. */
  goal: string;
  dataset: { name: string; url: string };
  /** Topic ids it practises. */
  topics: string[];
  effortHours: number;
  milestones: Milestone[];
  stretch: string[];
  /**
   * The Python packages its milestones use, by their pip names (`scikit-learn`, `fastapi`), for the
   * requirements.txt that `project start` writes; unset, a general set for data work.
   */
  requirements?: string[];
}

/** Facts about the pack itself. */
export interface PackMeta {
  /** The content format the pack is written in: one of `READABLE_FORMAT_VERSIONS`. */
  formatVersion: number;
  /** Stable kebab-case id of the pack; progress is kept per pack id. */
  id: string;
  /** The pack's title, e.g. "Becoming a machine-learning engineer". */
  title: string;
  /** A short welcome shown by the tutor on first run, in markdown. */
  welcome: string;
  /**
   * The day the pack's facts (certifications, salaries, tools) were last checked, YYYY-MM-DD
   * (format 2). `findWarnings` warns when it is more than 12 months old.
   */
  reviewed?: string;
}

/** A whole content pack, as loaded. */
export interface Roadmap extends PackMeta {
  sections: Section[];
  skills: Skill[];
  steps: Step[];
  phases: Phase[];
  certifications: Certification[];
  faqs: Faq[];
  quizzes: Quiz[];
  /** Spaced-review cards, in the order new ones are introduced (empty when the pack has none). */
  cards: Card[];
  /** Project briefs, from a first project to a portfolio piece (empty when the pack has none). */
  projects: Project[];
  /**
   * Hands-on exercises, in the order they are taken: by their topic's place in the roadmap, then
   * level, then id (empty when the pack has none; absent in content compiled by an older mlroadmap).
   */
  exercises?: Exercise[];
}

/** How far along a learner an exercise is meant for: 1 first steps, 2 practice, 3 job-level work. */
export const EXERCISE_LEVELS = [1, 2, 3] as const;
export type ExerciseLevel = (typeof EXERCISE_LEVELS)[number];

/**
 * The Python modules an exercise may require beyond the standard library and pytest, each with the
 * name `pip install` knows it by. `validate` refuses any other, so `doctor` and the workspace's
 * requirements.txt can always name the package to install.
 */
export const EXERCISE_LIBRARIES = {
  numpy: 'numpy',
  pandas: 'pandas',
  sklearn: 'scikit-learn',
  scipy: 'scipy',
  torch: 'torch',
  matplotlib: 'matplotlib',
  statsmodels: 'statsmodels',
  mypy: 'mypy',
} as const satisfies Record<string, string>;
export type ExerciseLibrary = keyof typeof EXERCISE_LIBRARIES;

/**
 * A hands-on exercise (`exercises/<id>/` of a pack, format 2): a statement, a starter file the learner
 * edits, pytest checks run against their file, and a reference solution. Only what lists and pages
 * need is here; the Python files stay files (see `exerciseFiles`), read when an exercise is run or shown.
 */
export interface Exercise {
  /** The folder's name: a kebab-case id, unique in the pack. Progress on it is kept under it. */
  id: string;
  /** One line, e.g. "Reshape without copying". */
  title: string;
  /** The id of the topic it practises; exercises are listed under it. */
  topic: string;
  /** About how long it takes, 10 to 45 minutes. */
  minutes: number;
  /** 1 first steps, 2 practice, 3 job-level work. */
  level: ExerciseLevel;
  /** Python modules its checks and solution import beyond the standard library and pytest (keys of `EXERCISE_LIBRARIES`). */
  requires: ExerciseLibrary[];
  /** At least two hints, in markdown, each giving away a little more. */
  hints: string[];
  /** The statement (its README.md), in markdown. */
  statement: string;
  /** The checks' file names (`test_*.py`), in order. */
  checks: string[];
  /** Every file of its folder, the ones above included: what the build copies and a run copies. */
  files: string[];
}
