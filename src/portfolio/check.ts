import { lstatSync, readdirSync } from 'node:fs';
import { readCappedFile, readGit } from './git.js';

/**
 * `mlroadmap portfolio check <dir>`: what a reviewer would miss in a project folder, by the advice
 * of the guide and of a good README: the README's sections (problem, data, approach, results with a
 * number, how to run), a licence, pinned dependencies, tests, no large data files or secrets in the
 * repository, notebooks without huge outputs, and a recent history when it is a git repository.
 *
 * It only reads. It follows no link (every entry is looked at with lstat, every file opened with
 * O_NOFOLLOW and O_NONBLOCK and read only when it is a regular file), and it is bounded whatever
 * the tree holds: at most `MAX_ENTRIES` entries walked and `MAX_READ_BYTES` read in all, each file
 * read at most `MAX_TEXT_BYTES` (notebooks `MAX_NOTEBOOK_BYTES`), git given ten seconds a command.
 * It runs nothing the folder names: git reads only the repository's objects and index (git.ts says
 * how), and every name from the folder is reported quoted (`quoteName`).
 */

export interface Finding {
  /** Stable id, for scripts: `readme-results`, `secrets`, ... */
  id: string;
  /** What is missing or wrong, in a line. */
  title: string;
  /** Why a reviewer cares. */
  why: string;
  /** What to add or change. */
  fix: string;
  /** The files concerned, relative to the folder, when there are any. */
  files?: string[];
}

export interface PortfolioReport {
  dir: string;
  findings: Finding[];
  /** The ids of the checks that found nothing missing. */
  passed: string[];
  checked: {
    files: number;
    folders: number;
    bytes: number;
    /** Links seen and not followed. */
    links: number;
    /** Entries that could not be read (permissions, gone meanwhile). */
    unreadable: number;
    /** The walk stopped at MAX_ENTRIES (or its time budget): later entries were not looked at. */
    truncated: boolean;
  };
  git: { repository: boolean; commits?: number; lastCommit?: string; problem?: string };
}

export const MAX_ENTRIES = 200_000;
const MAX_WALK_MS = 20_000;
const MAX_READ_BYTES = 64 * 1024 * 1024;
const MAX_TEXT_BYTES = 1024 * 1024;
const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;
/** GitHub refuses files over 100 MB and warns above 50 MB. */
const LARGE_FILE_BYTES = 50 * 1024 * 1024;
/** Data and model files above this belong in a download script or a release, not in git. */
const LARGE_DATA_BYTES = 10 * 1024 * 1024;
const NOTEBOOK_OUTPUT_BYTES = 1024 * 1024;
/** A commit history older than this reads as an abandoned project. */
const RECENT_DAYS = 180;
const MIN_COMMITS = 3;

/** Folders of tools and environments: walked past, never into (they are not the learner's work). */
const SKIPPED_FOLDERS = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.ipynb_checkpoints',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
]);
const DATA_EXTENSIONS =
  /\.(csv|tsv|parquet|feather|arrow|h5|hdf5|npy|npz|pkl|pickle|joblib|pt|pth|ckpt|safetensors|onnx|bin|zip|gz|bz2|xz|tar|7z|xlsx|xls|db|sqlite|json|jsonl)$/i;
const SECRET_FILES =
  /(^|\/)(\.env(\.(?!example$|sample$|template$|dist$)[^/]+)?|[^/]+\.pem|[^/]+\.key|id_rsa|id_dsa|id_ecdsa|id_ed25519|[^/]+\.p12|[^/]+\.pfx|credentials\.json|kaggle\.json|\.netrc|secrets\.toml|service[-_]account[^/]*\.json)$/i;
/**
 * Keys as their issuers write them: AWS access key ids and secret keys, private-key blocks (PEM,
 * OpenSSH, PGP), Google service-account files and API keys, GitHub, OpenAI, Hugging Face, Slack and
 * Stripe. An AWS secret key has no prefix of its own, so it is known by the name it is given
 * (AWS_SECRET_ACCESS_KEY=, aws_secret_access_key =, "SecretAccessKey": ...).
 */
const SECRET_VALUES: [RegExp, string][] = [
  [/\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/, 'an AWS access key id'],
  [/(?:aws_?secret_?(?:access_?)?key|secretaccesskey)["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/i, 'an AWS secret access key'],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, 'a private key'],
  [/"type"\s*:\s*"service_account"/, 'a Google service-account key'],
  [/\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/, 'a Google API key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{60,}\b/, 'a GitHub token'],
  [/\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/, 'an OpenAI API key'],
  [/\b[rs]k_(?:live|test)_[0-9A-Za-z]{24,}\b/, 'a Stripe secret key'],
  [/\bhf_[A-Za-z0-9]{30,}\b/, 'a Hugging Face token'],
  [/\bxox[abeprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]+/, 'a Slack webhook URL'],
];
/** The placeholders of AWS's own documentation (AKIAIOSFODNN7EXAMPLE): quoting them leaks nothing. */
const DOCUMENTED_EXAMPLE = /EXAMPLE/;

/** Where the first secret in `text` is: its line and what it is; never the secret itself. */
export function findSecret(text: string): { line: number; what: string } | undefined {
  let first: { index: number; what: string } | undefined;
  for (const [pattern, what] of SECRET_VALUES) {
    const global = new RegExp(pattern.source, `${pattern.flags}g`);
    for (const match of text.matchAll(global)) {
      if (DOCUMENTED_EXAMPLE.test(match[0])) continue;
      if (first === undefined || match.index < first.index) first = { index: match.index, what };
      break;
    }
  }
  return first && { line: text.slice(0, first.index).split('\n').length, what: first.what };
}

/** Characters a name may not print as they are: controls, escapes, quotes, backslashes, and invisible ones that reorder a line. */
const NEEDS_QUOTING = /["\\\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/u;
const SHORT_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/**
 * A file name as git quotes one (core.quotePath=false): unchanged when it is plain, else in double
 * quotes with \n, \t, \", \\ and the other controls and invisible characters as octal escapes of
 * their UTF-8 bytes. A name from a checked folder is someone else's text: quoted, it prints on one
 * line and cannot fake a line of the report or move the cursor.
 */
export function quoteName(name: string): string {
  if (!NEEDS_QUOTING.test(name)) return name;
  let quoted = '"';
  for (const char of name) quoted += escapeChar(char);
  return `${quoted}"`;
}

/** One character as it stands inside quotes. */
function escapeChar(char: string): string {
  const short = SHORT_ESCAPES[char];
  if (short) return short;
  return NEEDS_QUOTING.test(char) ? [...Buffer.from(char, 'utf8')].map(octal).join('') : char;
}

function octal(byte: number): string {
  return `\\${byte.toString(8).padStart(3, '0')}`;
}

/**
 * A name given as the bytes the file system holds, quoted as `quoteName` quotes text; bytes that are
 * not UTF-8 (a name made on another system, or on purpose) are octal escapes, as git prints them.
 */
export function quoteBytes(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes)) return quoteName(text);
  let quoted = '"';
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length === 0) {
      quoted += octal(bytes[at] as number);
      at++;
    } else {
      quoted += escapeChar(bytes.toString('utf8', at, at + length));
      at += length;
    }
  }
  return `${quoted}"`;
}

/** The length of the valid UTF-8 sequence at `at`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Buffer, at: number): number {
  const lead = bytes[at] as number;
  const length =
    lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length <= 1 || at + length > bytes.length) return length <= 1 ? length : 0;
  const slice = bytes.subarray(at, at + length);
  return Buffer.from(slice.toString('utf8'), 'utf8').equals(slice) ? length : 0;
}

interface Entry {
  /** Relative to the folder, with forward slashes, as text (a byte that is not UTF-8 reads as U+FFFD): for matching names. */
  path: string;
  /** The same path as the file system's bytes: for opening the file and matching git's list. */
  raw: Buffer;
  /** The path as printed: quoted when it must be (`quoteBytes`). */
  shown: string;
  size: number;
}

const SLASH = Buffer.from('/');

/** Walks `dir` without following links; bounded by entries and time. Names are read as bytes, so none is lost to its encoding. */
function walk(dir: string, report: PortfolioReport, maxEntries: number): Entry[] {
  const files: Entry[] = [];
  const started = Date.now();
  const root = Buffer.from(dir);
  const stack: Buffer[] = [Buffer.alloc(0)];
  let entries = 0;
  while (stack.length > 0) {
    const relative = stack.pop() as Buffer;
    let names: Buffer[];
    try {
      names = readdirSync(relative.length === 0 ? root : Buffer.concat([root, SLASH, relative]), { encoding: 'buffer' });
    } catch {
      report.checked.unreadable++;
      continue;
    }
    report.checked.folders++;
    for (const name of names.sort(Buffer.compare)) {
      if (++entries > maxEntries || Date.now() - started > MAX_WALK_MS) {
        report.checked.truncated = true;
        return files;
      }
      const raw = relative.length === 0 ? name : Buffer.concat([relative, SLASH, name]);
      let stat: ReturnType<typeof lstatSync>;
      try {
        stat = lstatSync(Buffer.concat([root, SLASH, raw]));
      } catch {
        report.checked.unreadable++;
        continue;
      }
      if (stat.isSymbolicLink()) report.checked.links++;
      else if (stat.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(name.toString('latin1'))) stack.push(raw);
      } else if (stat.isFile()) {
        files.push({ path: raw.toString('utf8'), raw, shown: quoteBytes(raw), size: stat.size });
        report.checked.files++;
        report.checked.bytes += stat.size;
      }
    }
  }
  return files;
}

/** Reads at most `max` bytes of a regular file (see readCappedFile), within what is left of the check's reading budget. */
function readCapped(path: string | Buffer, max: number, budget: { left: number }): Buffer | undefined {
  const cap = Math.min(max, budget.left);
  if (cap <= 0) return undefined;
  const read = readCappedFile(path, cap);
  if (read) budget.left -= read.length;
  return read;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The README's sections by heading, each with its text; the whole text for a README without headings. */
function sections(text: string): { heading: string; body: string }[] {
  const found: { heading: string; body: string }[] = [];
  let current = { heading: '', body: '' };
  for (const line of text.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      found.push(current);
      current = { heading: heading[1]?.trim() ?? '', body: '' };
    } else current.body += `${line}\n`;
  }
  found.push(current);
  return found;
}

const README_SECTIONS: { id: string; name: string; heading: RegExp; why: string; fix: string }[] = [
  {
    id: 'readme-problem',
    name: 'Problem',
    heading: /\b(problem|motivation|overview|goals?|objectives?|background|introduction|about|why)\b/i,
    why: 'a reviewer first wants to know what the project solves and for whom; without it the rest has no point',
    fix: 'a "Problem" section: the question, who needs the answer, and how success is measured',
  },
  {
    id: 'readme-data',
    name: 'Data',
    heading: /\b(data|datasets?)\b/i,
    why: 'the data decides what a model can learn; a reviewer checks where it came from, its size and its licence',
    fix: 'a "Data" section: the source with a link, its size and columns, its licence, and how to download it',
  },
  {
    id: 'readme-approach',
    name: 'Approach',
    heading: /\b(approach|methods?|methodology|models?|modell?ing|solution|pipeline|how it works|design)\b/i,
    why: 'employers hire for judgement: which models you compared, and why you kept one',
    fix: 'an "Approach" section: the preparation, the models tried and why the final one won',
  },
  {
    id: 'readme-results',
    name: 'Results',
    heading: /\b(results?|evaluation|performance|metrics|findings|benchmarks?)\b/i,
    why: 'a result without a number cannot be compared; a reviewer looks for the test-set score against a baseline',
    fix: 'a "Results" section with the final metric on a held-out test set and the baseline it beats',
  },
  {
    id: 'readme-how-to-run',
    name: 'How to run',
    heading: /\b(how to (run|use|reproduce)|usage|getting started|quick ?start|installation|install|set ?up|running|reproduc\w*)\b/i,
    why: 'a project nobody else can run cannot be checked, and reads as unfinished',
    fix: 'a "How to run" section: the commands that install the dependencies, get the data, train and test',
  },
];

/** Checks the folder at `dir` (which must exist and be a folder) at `now`; `maxEntries` lowers the walk's bound, for tests. */
export function checkPortfolio(dir: string, now: Date, options: { maxEntries?: number } = {}): PortfolioReport {
  const report: PortfolioReport = {
    dir,
    findings: [],
    passed: [],
    checked: { files: 0, folders: 0, bytes: 0, links: 0, unreadable: 0, truncated: false },
    git: { repository: false },
  };
  const find = (finding: Finding) => report.findings.push(finding);
  const pass = (id: string) => report.passed.push(id);
  const walked = walk(dir, report, options.maxEntries ?? MAX_ENTRIES);
  const root = Buffer.from(dir);
  const inside = (entry: Entry) => Buffer.concat([root, SLASH, entry.raw]);
  const budget = { left: MAX_READ_BYTES };

  // Git first: in a repository, what counts is what is committed (an ignored .env is fine).
  const facts = readGit(dir);
  let files = walked;
  report.git.repository = facts.repository;
  if (facts.problem) report.git.problem = facts.problem;
  if (facts.tracked) {
    const tracked = facts.tracked;
    files = walked.filter((file) => tracked.has(file.raw.toString('latin1')));
  }
  if (facts.foreign) {
    find({
      id: 'git-repository',
      title: 'The repository belongs to another user, so git was not read',
      why: 'git refuses to read a repository someone else owns, as its settings could run their programs as you; its history and ignored files were not checked',
      fix: 'check a clone of your own (git clone <its URL>), or, if the folder is yours, take it back (sudo chown -R "$USER" <folder>)',
    });
  } else if (facts.repository && facts.commitTimes) {
    const times = facts.commitTimes;
    report.git.commits = times.length;
    if (times[0] !== undefined) report.git.lastCommit = new Date(times[0] * 1000).toISOString();
    const ageDays = times[0] === undefined ? Number.POSITIVE_INFINITY : (now.getTime() - times[0] * 1000) / 86_400_000;
    if (times.length < MIN_COMMITS || ageDays > RECENT_DAYS) {
      find({
        id: 'git-history',
        title:
          times.length === 0
            ? 'The repository has no commits yet'
            : times.length < MIN_COMMITS
              ? `The history has only ${times.length === 1 ? 'one commit' : `${times.length} commits`}`
              : `The last commit is ${Math.floor(ageDays)} days old`,
        why: 'a history of small commits shows how you work; one big commit, or none for months, reads as copied or abandoned',
        fix: 'commit as you go, a step at a time, with messages that say what changed, and keep the project current',
      });
    } else pass('git-history');
  } else if (facts.repository) {
    report.git.problem ??= 'git could not read the history';
    find({
      id: 'git-history',
      title: 'The history could not be read',
      why: 'a history of small commits shows how you work',
      fix: 'check that git log works in the folder, and commit your work: git add . && git commit -m "First version"',
    });
  } else {
    find({
      id: 'git-repository',
      title: 'The folder is not a git repository',
      why: 'the guide asks for your projects on GitHub, where a reviewer can read the code and its history',
      fix: 'git init, commit, then push it to a new GitHub repository (every file here was checked, as none is known to be ignored)',
    });
  }

  // What a clone holds: in a repository the committed files, else every file.
  const atRoot = (pattern: RegExp) => files.filter((file) => !file.path.includes('/') && pattern.test(file.path));

  // README and its sections.
  const readme = atRoot(/^readme(\.(md|markdown|rst|txt))?$/i)[0];
  const readmeText = readme ? readCapped(inside(readme), MAX_TEXT_BYTES, budget)?.toString('utf8') : undefined;
  if (!readme || readmeText === undefined) {
    find({
      id: 'readme',
      title: readme ? `${readme.path} cannot be read` : 'There is no README',
      why: 'the README is the first, and often the only, thing a reviewer reads',
      fix: 'a README.md with the problem, the data, the approach, the results with numbers, and how to run it',
    });
  } else {
    pass('readme');
    const parts = sections(readmeText);
    for (const section of README_SECTIONS) {
      const matched = parts.filter((part) => part.heading !== '' && section.heading.test(part.heading));
      if (matched.length === 0) {
        find({
          id: section.id,
          title: `The README has no "${section.name}" section`,
          why: section.why,
          fix: section.fix,
          files: [readme.path],
        });
        continue;
      }
      pass(section.id);
      if (section.id === 'readme-results') {
        const body = matched.map((part) => part.body.replace(/TODO[^\n]*/g, '')).join('\n');
        if (/\d+(\.\d+)?\s?%|\b\d*\.\d+\b|\b\d+\s*(ms|s|seconds|minutes|hours)\b/i.test(body)) pass('readme-results-number');
        else
          find({
            id: 'readme-results-number',
            title: "The README's results give no number",
            why: '"the model works well" cannot be checked; a metric on held-out data can',
            fix: 'the test-set metric of the final model and of a simple baseline, e.g. "RMSE 0.48 against 0.91 for the median"',
            files: [readme.path],
          });
      }
    }
    const todos = (readmeText.match(/\bTODO\b/g) ?? []).length;
    if (todos > 0)
      find({
        id: 'readme-todo',
        title: `The README still has ${todos === 1 ? 'a TODO' : `${todos} TODOs`}`,
        why: 'placeholders tell a reviewer the project is unfinished',
        fix: 'replace each TODO with your own words, or remove it',
        files: [readme.path],
      });
    else pass('readme-todo');
  }

  // A licence.
  if (atRoot(/^(licen[cs]e|copying)([-.][\w.-]+)?$/i).length > 0) pass('licence');
  else
    find({
      id: 'licence',
      title: 'There is no licence',
      why: 'without one, nobody may legally reuse your code, and open-source maintainers and employers notice',
      fix: 'a LICENSE file (https://choosealicense.com/ helps choose; MIT is common for portfolio projects)',
    });

  // Dependencies, pinned.
  const manifests = atRoot(/^(requirements[\w.-]*\.txt|pyproject\.toml|setup\.py|setup\.cfg|environment\.ya?ml|Pipfile|DESCRIPTION)$/i);
  const locks = atRoot(/^(poetry\.lock|uv\.lock|Pipfile\.lock|pdm\.lock|conda-lock\.ya?ml|renv\.lock|pixi\.lock)$/i);
  if (manifests.length === 0 && locks.length === 0) {
    find({
      id: 'dependencies',
      title: 'The dependencies are not listed',
      why: 'nobody can run the project without knowing what to install',
      fix: 'a requirements.txt (pip freeze > requirements.txt) or a pyproject.toml with a lock file',
    });
  } else {
    pass('dependencies');
    const unpinned: string[] = [];
    const unpinnedIn: string[] = [];
    for (const manifest of manifests.filter((file) => /^requirements[\w.-]*\.txt$/i.test(file.path))) {
      const text = readCapped(inside(manifest), MAX_TEXT_BYTES, budget)?.toString('utf8') ?? '';
      for (const line of text.split('\n')) {
        const requirement = line.replace(/#.*$/, '').trim();
        if (requirement === '' || requirement.startsWith('-') || /^(git\+|https?:)/.test(requirement)) continue;
        if (!/===?|@/.test(requirement)) {
          unpinned.push(quoteName(requirement.split(/[\s;<>~!=[]/)[0] ?? requirement));
          if (!unpinnedIn.includes(manifest.path)) unpinnedIn.push(manifest.shown);
        }
      }
    }
    const onlyUnlocked = locks.length === 0 && !manifests.some((file) => /^requirements[\w.-]*\.txt$/i.test(file.path));
    if (unpinned.length > 0 || (onlyUnlocked && !atRoot(/^environment\.ya?ml$/i).length)) {
      find({
        id: 'dependencies-pinned',
        title:
          unpinned.length > 0
            ? `${unpinned.length === 1 ? 'A dependency is' : `${unpinned.length} dependencies are`} not pinned: ${unpinned.slice(0, 6).join(', ')}${unpinned.length > 6 ? ', ...' : ''}`
            : 'The dependencies have no pinned versions (no lock file)',
        why: 'libraries change; without exact versions, the results may not reproduce a year from now',
        fix: 'pin each one as name==version (pip freeze > requirements.txt), or commit the lock file of your tool (uv.lock, poetry.lock)',
        files: unpinned.length > 0 ? unpinnedIn : manifests.map((file) => file.shown),
      });
    } else pass('dependencies-pinned');
  }

  // Tests.
  const tests = files.filter((file) => /(^|\/)(test_[^/]*\.py|[^/]*_test\.py|tests?\/[^/]+\.(py|R|r)|testthat\/[^/]+)$/.test(file.path));
  if (tests.length > 0) pass('tests');
  else
    find({
      id: 'tests',
      title: 'There are no tests',
      why: 'tests show a reviewer that you write code others can change safely, which ML engineering jobs ask for',
      fix: 'a tests/ folder with pytest tests: the data cleaning on a tiny example, and that the model loads and predicts',
    });

  // Large files, committed.
  const large = files.filter((file) => file.size > LARGE_FILE_BYTES || (file.size > LARGE_DATA_BYTES && DATA_EXTENSIONS.test(file.path)));
  if (large.length > 0)
    find({
      id: 'large-files',
      title: `${large.length === 1 ? 'A large file is' : `${large.length} large files are`} in the repository`,
      why: 'GitHub refuses files over 100 MB and slows on large ones; data and models belong in a download script or a release',
      fix: 'remove them from git (git rm --cached), add them to .gitignore, and say in the README how to get them',
      files: large.slice(0, 20).map((file) => `${file.shown} (${formatSize(file.size)})`),
    });
  else pass('large-files');

  // Secrets: files that hold them, and keys written in text.
  const secretFiles = files.filter((file) => SECRET_FILES.test(file.path));
  const leaks: string[] = [];
  for (const file of files) {
    if (
      file.size === 0 ||
      file.size > MAX_TEXT_BYTES ||
      budget.left <= 0 ||
      (DATA_EXTENSIONS.test(file.path) && !/\.(json|jsonl)$/i.test(file.path))
    )
      continue;
    const bytes = readCapped(inside(file), MAX_TEXT_BYTES, budget);
    if (!bytes || bytes.subarray(0, 8192).includes(0)) continue;
    const found = findSecret(bytes.toString('utf8'));
    if (found) leaks.push(`${file.shown}:${found.line} (${found.what})`);
    if (leaks.length >= 20) break;
  }
  if (secretFiles.length > 0 || leaks.length > 0)
    find({
      id: 'secrets',
      title: 'Secrets are committed',
      why: 'anyone can read them, bots scan GitHub for keys within minutes, and a reviewer takes it as carelessness',
      fix: 'revoke and replace each key now, remove the files (and from the history: git filter-repo), keep keys in an ignored .env',
      files: [...secretFiles.map((file) => file.shown), ...leaks].slice(0, 20),
    });
  else pass('secrets');

  // Notebooks with huge outputs.
  const heavy: string[] = [];
  for (const notebook of files.filter((file) => /\.ipynb$/i.test(file.path))) {
    if (notebook.size > MAX_NOTEBOOK_BYTES) {
      heavy.push(`${notebook.shown} (${formatSize(notebook.size)})`);
      continue;
    }
    const bytes = readCapped(inside(notebook), MAX_NOTEBOOK_BYTES, budget);
    if (!bytes) continue;
    let outputs = 0;
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { cells?: { outputs?: unknown[] }[] };
      for (const cell of Array.isArray(parsed.cells) ? parsed.cells : []) {
        if (Array.isArray(cell?.outputs) && cell.outputs.length > 0) outputs += JSON.stringify(cell.outputs).length;
      }
    } catch {
      continue;
    }
    if (outputs > NOTEBOOK_OUTPUT_BYTES) heavy.push(`${notebook.shown} (${formatSize(outputs)} of outputs)`);
  }
  if (heavy.length > 0)
    find({
      id: 'notebook-outputs',
      title: `${heavy.length === 1 ? 'A notebook has' : `${heavy.length} notebooks have`} huge outputs`,
      why: 'GitHub cannot show large notebooks, and pages of output hide the analysis a reviewer came for',
      fix: 'clear the outputs before committing (jupyter nbconvert --clear-output --inplace), keeping a few key plots',
      files: heavy.slice(0, 20),
    });
  else pass('notebook-outputs');

  // A .gitignore.
  if (atRoot(/^\.gitignore$/).length > 0) pass('gitignore');
  else
    find({
      id: 'gitignore',
      title: 'There is no .gitignore',
      why: 'without one, data, environments and secrets end up committed by accident',
      fix: "a .gitignore for Python and data (GitHub's Python template, plus data/ and .env)",
    });

  return report;
}
