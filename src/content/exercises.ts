import { EXERCISES_FOLDER } from './files.js';
import { EXERCISE_LEVELS, EXERCISE_LIBRARIES, type Exercise, type ExerciseLevel } from './schema.js';

export { EXERCISES_FOLDER };
/** The files every exercise folder has, besides at least one `test_*.py`. */
export const EXERCISE_FILES = { meta: 'exercise.yaml', statement: 'README.md', starter: 'starter.py', solution: 'solution.py' } as const;
/** The keys of exercise.yaml; docs/content-format.schema.json describes the same (a test keeps them equal). */
export const EXERCISE_KEYS = ['title', 'topic', 'minutes', 'level', 'requires', 'hints'] as const;
export const EXERCISE_MINUTES = { min: 10, max: 45 } as const;
/** A check file: pytest collects it. */
export const CHECK_FILE = /^test_[A-Za-z0-9_]+\.py$/;

/**
 * Module names an exercise's file must not take: the learner's file is imported under its name (and
 * the workspace is the checks' working folder), so `statistics.py` would hide the standard library's
 * `statistics` from the learner's own code and from the checks. The standard library's top-level
 * modules (Python 3.10 to 3.13, `sys.stdlib_module_names` without the private ones), the libraries
 * exercises use, pytest's own, and the plugin's.
 */
const STDLIB_MODULES =
  'abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 ' +
  'cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser ' +
  'contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest ' +
  'email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc ' +
  'genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp ' +
  'importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math ' +
  'mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator ' +
  'optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint ' +
  'profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource ' +
  'rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver ' +
  'spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable ' +
  'sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter token ' +
  'tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv ' +
  'warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo';
const OTHER_MODULES =
  'numpy pandas sklearn scikit_learn scipy torch torchvision matplotlib seaborn statsmodels mypy pytest py pluggy iniconfig ' +
  'packaging attr attrs typing_extensions six dateutil pytz tzdata joblib threadpoolctl pyarrow polars jupyter ipython ' +
  'IPython conftest setup mlroadmap_checks';
export const SHADOWED_MODULES: ReadonlySet<string> = new Set([...STDLIB_MODULES.split(' '), ...OTHER_MODULES.split(' ')]);

/** Python's keywords: a module named after one cannot be imported with `import`. */
const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** The module (and file stem) of an exercise in the learner's workspace: its id with dashes as underscores. */
export function moduleNameOf(id: string): string {
  return id.replaceAll('-', '_');
}

/** The file the learner edits for an exercise, in their workspace. */
export function workspaceFileOf(id: string): string {
  return `${moduleNameOf(id)}.py`;
}

/** An exercise folder as read from a pack, before it is checked. */
export interface RawExercise {
  /** The folder's name. */
  id: string;
  /** exercise.yaml, parsed; undefined when it is missing or not YAML (a problem says so). */
  meta: unknown;
  /** README.md's text; undefined when it is missing. */
  statement?: string;
  /** The regular files of the folder, sorted. */
  files: string[];
}

type Report = (where: string, message: string, key?: string) => void;

/**
 * What is wrong with one exercise folder: its id (a kebab-case id that starts with a letter and whose
 * module name shadows no module a learner or a check imports), its files, and exercise.yaml's fields.
 * `topics` are the pack's topic ids. `report` names exercise.yaml; `reportFolder` names the folder.
 */
export function checkExercise(
  raw: RawExercise,
  topics: ReadonlySet<string>,
  report: Report,
  reportFolder: (message: string) => void,
): void {
  const name = moduleNameOf(raw.id);
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(raw.id)) {
    reportFolder('the folder name is the exercise id: a kebab-case id starting with a letter, such as "numpy-shapes"');
  } else if (SHADOWED_MODULES.has(name)) {
    reportFolder(
      `the id "${raw.id}" would make the learner's file ${name}.py, which hides Python's own module "${name}" from their code and the checks; choose another id`,
    );
  } else if (PYTHON_KEYWORDS.has(name)) {
    reportFolder(`the id "${raw.id}" is a Python keyword; choose another id`);
  } else if (name === 'test' || name.startsWith('test_')) {
    reportFolder(`the id "${raw.id}" starts with "test", which pytest would take for a check; choose another id`);
  }
  for (const file of Object.values(EXERCISE_FILES)) {
    if (!raw.files.includes(file))
      reportFolder(`${file} is missing (an exercise has ${Object.values(EXERCISE_FILES).join(', ')} and test_*.py)`);
  }
  if (!raw.files.some((file) => CHECK_FILE.test(file))) reportFolder('has no checks: add at least one test_*.py');
  if (raw.statement !== undefined && raw.statement.trim() === '') reportFolder(`${EXERCISE_FILES.statement} is empty`);
  const meta = raw.meta;
  if (meta === undefined) return;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    report('(top level)', `must be a mapping with ${EXERCISE_KEYS.join(', ')}`);
    return;
  }
  const fields = meta as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!(EXERCISE_KEYS as readonly string[]).includes(key))
      report('', `unknown key; the keys of exercise.yaml are ${EXERCISE_KEYS.join(', ')}`, key);
  }
  if (typeof fields.title !== 'string' || fields.title.trim() === '') report('title', 'must be non-empty text');
  if (typeof fields.topic !== 'string' || fields.topic.trim() === '') report('topic', 'must be the id of one of the pack’s topics');
  else if (!topics.has(fields.topic)) report('topic', `unknown topic "${fields.topic}"`);
  const minutes = fields.minutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < EXERCISE_MINUTES.min || minutes > EXERCISE_MINUTES.max) {
    report('minutes', `must be a whole number of minutes from ${EXERCISE_MINUTES.min} to ${EXERCISE_MINUTES.max}`);
  }
  if (!EXERCISE_LEVELS.includes(fields.level as ExerciseLevel))
    report('level', 'must be 1 (first steps), 2 (practice) or 3 (job-level work)');
  const known = Object.keys(EXERCISE_LIBRARIES);
  if (fields.requires !== undefined) {
    if (!Array.isArray(fields.requires)) report('requires', `must be a list of Python modules, from ${known.join(', ')}`);
    else {
      for (const [i, module] of fields.requires.entries()) {
        if (typeof module !== 'string' || !known.includes(module)) {
          report(`requires[${i}]`, `must be one of ${known.join(', ')} (the standard library and pytest need no entry)`);
        }
      }
      if (new Set(fields.requires).size !== fields.requires.length) report('requires', 'names a module twice');
    }
  }
  if (!Array.isArray(fields.hints) || fields.hints.length < 2) report('hints', 'must be a list of at least two hints');
  else {
    for (const [i, hint] of fields.hints.entries()) {
      if (typeof hint !== 'string' || hint.trim() === '') report(`hints[${i}]`, 'must be non-empty text');
    }
  }
}

/**
 * Exercises in the order they are taken: by their topic's place in `topicOrder` (the roadmap's order),
 * then level, then id. Call only on exercises `checkExercise` found nothing wrong with.
 */
export function assembleExercises(raws: readonly RawExercise[], topicOrder: readonly string[]): Exercise[] {
  const place = new Map(topicOrder.map((id, index) => [id, index]));
  const exercises = raws.map((raw): Exercise => {
    const meta = raw.meta as Record<string, unknown>;
    return {
      id: raw.id,
      title: meta.title as string,
      topic: meta.topic as string,
      minutes: meta.minutes as number,
      level: meta.level as ExerciseLevel,
      requires: (meta.requires ?? []) as Exercise['requires'],
      hints: meta.hints as string[],
      statement: raw.statement ?? '',
      checks: raw.files.filter((file) => CHECK_FILE.test(file)),
      files: raw.files,
    };
  });
  return exercises.sort(
    (a, b) =>
      (place.get(a.topic) ?? Number.MAX_SAFE_INTEGER) - (place.get(b.topic) ?? Number.MAX_SAFE_INTEGER) ||
      a.level - b.level ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
