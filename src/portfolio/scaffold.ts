import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Project, Roadmap } from '../content/schema.js';
import { UserError } from '../errors.js';

/**
 * `mlroadmap project start <id> <dir>`: a folder a learner can push to GitHub at once. It holds a
 * README laid out as a reviewer reads a portfolio (problem, data, approach, results, how to run) with
 * the brief's milestones as a checklist, a .gitignore for Python and data, requirements.txt, and
 * folders for data, notebooks, source and tests.
 *
 * Nothing is written outside `dir`: its parent must exist, `dir` must be missing or an empty folder
 * (not a link), and every file is created new (O_EXCL, O_NOFOLLOW), so nothing is ever overwritten.
 */

/** The files of a new project, by path inside its folder. */
export function projectFiles(roadmap: Roadmap, project: Project): Record<string, string> {
  const module = project.id.replace(/-/g, '_');
  const phaseTitle = (id: string) => roadmap.phases.find((phase) => phase.id === id)?.title ?? id;
  const milestones = project.milestones.flatMap((milestone, i) => [
    `- [ ] **${i + 1}. ${milestone.title}** (${phaseTitle(milestone.phase)})`,
    ...milestone.criteria.map((criterion) => `  - [ ] ${oneLine(criterion)}`),
  ]);
  const readme = [
    `# ${project.title}`,
    '',
    `> ${oneLine(project.summary)}`,
    '',
    `Started from the mlroadmap brief \`${project.id}\` (\`mlroadmap project ${project.id}\`). Replace every`,
    '"TODO" below with your own words as the project takes shape: this README is what a reviewer reads first.',
    '',
    '## Problem',
    '',
    project.goal.trim(),
    '',
    'TODO: who needs this, and how you will know it works (the metric, and the baseline to beat).',
    '',
    '## Data',
    '',
    `[${project.dataset.name}](${project.dataset.url})`,
    '',
    'TODO: its size, its columns, its licence or terms, and how to get it (a script in `src/`, never the',
    'raw files in git: `data/` is ignored).',
    '',
    '## Approach',
    '',
    'TODO: how the data is prepared, the models you compared and why you chose the one you kept.',
    '',
    '## Results',
    '',
    'TODO: the final model and the baseline on the held-out test set, with numbers.',
    '',
    '| Model | Metric on the test set |',
    '| --- | --- |',
    '| Baseline | TODO |',
    '| Final model | TODO |',
    '',
    '## How to run',
    '',
    '```bash',
    'python -m venv .venv',
    'source .venv/bin/activate  # on Windows: .venv\\Scripts\\activate',
    'pip install -r requirements.txt',
    'pytest',
    '```',
    '',
    '## Milestones',
    '',
    ...milestones,
    '',
    '## Stretch goals',
    '',
    ...project.stretch.map((goal) => `- [ ] ${oneLine(goal)}`),
    '',
    '## Licence',
    '',
    'TODO: choose one (https://choosealicense.com/) and add it as a LICENSE file.',
    '',
  ].join('\n');
  return {
    'README.md': readme,
    '.gitignore': GITIGNORE,
    'requirements.txt': requirementsText(project),
    'data/README.md':
      '# Data\n\nRaw and processed data live here and are not committed (see .gitignore). Say in the main README\nhow to download them, or add a script in src/ that does.\n',
    'notebooks/README.md': '# Notebooks\n\nExploration. Clear large outputs before committing; move code that lasts into src/.\n',
    [`src/${module}/__init__.py`]: `"""${oneLine(project.title)}."""\n`,
    'tests/test_smoke.py': `import ${module}\n\n\ndef test_package_imports():\n    assert ${module}.__doc__\n`,
    'pyproject.toml': `[tool.pytest.ini_options]\npythonpath = ["src"]\n`,
  };
}

/** Text on one line: a list item must not break the markdown around it. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const GITIGNORE = `# Python
__pycache__/
*.py[cod]
.venv/
venv/
.pytest_cache/
.ipynb_checkpoints/
*.egg-info/
dist/
build/

# Secrets: never commit them
.env
.env.*
*.pem
*.key
kaggle.json

# Data and models: too large for git; say in the README how to get them
data/*
!data/README.md
models/
*.parquet
*.pkl
*.joblib
*.pt
*.ckpt
*.h5
mlruns/

# Editors and systems
.DS_Store
.idea/
.vscode/
`;

/** What a brief names no packages for: the usual set for data work. */
const DEFAULT_REQUIREMENTS = ['numpy', 'pandas', 'scikit-learn', 'matplotlib', 'jupyter', 'pytest'];

/** requirements.txt: the packages the brief's milestones use (pytest always, for the smoke test), unpinned until the project runs. */
function requirementsText(project: Project): string {
  const names = project.requirements ?? DEFAULT_REQUIREMENTS;
  return [
    '# The libraries this project needs. Once it runs, pin the versions you used, so others get the',
    '# same results: pip freeze > requirements.txt (or list them here as name==version).',
    ...names,
    ...(names.some((name) => name.toLowerCase() === 'pytest') ? [] : ['pytest']),
    '',
  ].join('\n');
}

/** A folder's identity: what a path names may change, this does not. */
interface Identity {
  dev: number;
  ino: number;
}

/**
 * Makes the project folder; returns the files written, relative to it. Refuses, writing nothing, a
 * folder that exists and is not empty, a link, or a folder whose parent does not exist.
 *
 * Between making the folder and writing into it, someone could swap it (or a folder in it) for a
 * link to somewhere else, and a write by path would follow the link. So files are written relative
 * to the process's working directory, set to each folder once it is checked: entering a folder
 * pins it (the working directory is a handle on the folder itself, not its path), and after each
 * change of directory the folder entered must be the one just made or checked (same device and
 * inode). A swap is then caught and stops the start, and nothing lands outside the folder. The
 * working directory is restored before returning.
 */
/** Why `startFolder` would refuse `dir` as it is now, in a line; undefined when it would make it. */
export function folderProblem(dir: string): string | undefined {
  // Such a name is a slip, and would print the cd command across lines or as escape codes.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(dir))
    return 'a folder name may not hold control characters (a newline, a tab, an escape); give another';
  const target = resolve(dir);
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isSymbolicLink()) return `${dir} is a link; give a folder of its own, so nothing is written elsewhere`;
  if (existing && !existing.isDirectory()) return `${dir} exists and is not a folder; give a new folder's name`;
  if (existing) {
    try {
      if (readdirSync(target).length > 0) return `${dir} exists and is not empty; give a new folder's name (nothing was written)`;
    } catch {
      return `${dir} cannot be read; give a new folder's name`;
    }
    return undefined;
  }
  try {
    if (!lstatSync(dirname(target)).isDirectory()) throw new Error('not a folder');
  } catch {
    return `${dirname(dir) || '.'} does not exist; make it first, or give a folder inside one that does`;
  }
  return undefined;
}

export function startFolder(dir: string, files: Record<string, string>): string[] {
  const target = resolve(dir);
  const problem = folderProblem(dir);
  if (problem) throw new UserError(problem);
  try {
    if (!lstatSync(target, { throwIfNoEntry: false })) mkdirSync(target, { mode: 0o755 });
  } catch (error) {
    throw failed(dir, error, 0);
  }
  const swapped = () =>
    new UserError(
      `${dir} was replaced while its files were being written (by a link or another folder); stopped, and nothing was written outside it`,
    );
  /** Enters `path` (relative to the working directory, or absolute) if it is still the folder `expected` (or, unset, any real folder); returns what it entered. */
  const enter = (path: string, expected?: Identity): Identity => {
    const seen = lstatSync(path);
    if (seen.isSymbolicLink() || !seen.isDirectory()) throw swapped();
    if (expected && (seen.dev !== expected.dev || seen.ino !== expected.ino)) throw swapped();
    process.chdir(path);
    const here = statSync('.');
    if (here.dev !== seen.dev || here.ino !== seen.ino) throw swapped();
    return { dev: here.dev, ino: here.ino };
  };
  const home = process.cwd();
  const written: string[] = [];
  try {
    const top = enter(target);
    const made = new Map<string, Identity>();
    for (const [path, text] of Object.entries(files)) {
      const parts = path.split('/');
      const name = parts.pop() as string;
      enter(target, top);
      // Folders inside the new one only: each made new (or made by this start), entered, never followed.
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string;
        const key = parts.slice(0, i + 1).join('/');
        if (!made.has(key)) {
          try {
            mkdirSync(part, { mode: 0o755 });
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          }
          made.set(key, enter(part));
        } else enter(part, made.get(key));
      }
      const fd = openSync(name, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
      try {
        const bytes = Buffer.from(text, 'utf8');
        let done = 0;
        while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      } finally {
        closeSync(fd);
      }
      written.push(path);
    }
    // Every folder still where it was made: a swap after its last file was written is caught too.
    enter(target, top);
    for (const [key, identity] of made) {
      const seen = lstatSync(key);
      if (seen.isSymbolicLink() || seen.dev !== identity.dev || seen.ino !== identity.ino) throw swapped();
    }
  } catch (error) {
    throw failed(dir, error, written.length);
  } finally {
    try {
      process.chdir(home);
    } catch {
      // The caller's folder is gone; the next command starts from wherever it is.
    }
  }
  return written;
}

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'a folder in it disappeared',
  EEXIST: 'a file appeared in it meanwhile',
  ENOTDIR: 'a folder in it was replaced by a file',
};

/** A file-system failure while making the folder, as one line for the learner; other errors pass unchanged. */
function failed(dir: string, error: unknown, written: number): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (error instanceof UserError || typeof code !== 'string') return error;
  const done = written === 0 ? '' : ` (${written === 1 ? 'one file was' : `${written} files were`} written first)`;
  return new UserError(`could not make ${dir}: ${ERRNO_WORDS[code] ?? code}${done}`);
}
