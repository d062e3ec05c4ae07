import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISE_FILES, workspaceFileOf } from '../content/exercises.js';
import type { Exercise } from '../content/schema.js';
import { pipNameOf } from './python.js';

/**
 * What mlroadmap wrote into a workspace, so a later `init` can tell a file the learner changed (never
 * touched again) from one still as written (which a newer version may update):
 * `{ "version": 1, "written": { "<file name>": "<sha-256 of what was written>" } }`.
 */
export const WORKSPACE_MANIFEST = '.mlroadmap-workspace.json';

export interface InitResult {
  folder: string;
  /** Files written that were not there. */
  written: string[];
  /** Files brought up to date because they were still as mlroadmap wrote them. */
  updated: string[];
  /** Files left as they are because the learner changed them (or made them). */
  kept: string[];
}

// node:crypto when it is used: it costs about 4 ms to load, and the whole program holds this module.
const sha = (text: string) => process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');

/** The requirements.txt of a workspace: pytest and every library the exercises need, by their pip names. */
export function requirementsOf(exercises: readonly Exercise[]): string {
  const modules = [...new Set(exercises.flatMap((exercise) => exercise.requires))];
  const names = ['pytest', ...modules.map(pipNameOf)];
  return `${[...new Set(names)].join('\n')}\n`;
}

/** The workspace's README: how to set up Python for the exercises, and how to run them. */
export function workspaceReadme(packTitle: string): string {
  return `# Exercises: ${packTitle}

Each \`.py\` file here is one exercise: edit it until its checks pass. Read the statement with
\`mlroadmap exercises show <id>\`, and check your work with \`mlroadmap exercises check <id>\`
(or \`mlroadmap exercises watch\`, which runs the checks each time you save).

## Setting up Python

Make a virtual environment in this folder and install what the exercises use. mlroadmap runs the
checks with \`.venv\` here when there is one.

macOS and Linux:

\`\`\`sh
python3 -m venv .venv
.venv/bin/python -m pip install -r requirements.txt
\`\`\`

Windows (PowerShell):

\`\`\`powershell
py -m venv .venv
.venv\\Scripts\\python -m pip install -r requirements.txt
\`\`\`

\`mlroadmap doctor\` says which Python mlroadmap would use and which libraries it has.
PyTorch (\`torch\`) is large; the exercises that need it say so, and you may leave them for later.
`;
}

function readManifest(folder: string): Record<string, string> {
  try {
    const raw = JSON.parse(readFileSync(join(folder, WORKSPACE_MANIFEST), 'utf8')) as { written?: unknown };
    return typeof raw.written === 'object' && raw.written !== null ? (raw.written as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * Writes a workspace in `folder`: each exercise's starter as `<id with underscores>.py`, README.md
 * and requirements.txt. A file already there is replaced only when it is exactly what mlroadmap
 * wrote before (the manifest's hash), so nothing the learner changed is ever overwritten; running it
 * again adds the exercises a newer version ships. `exerciseDir` holds the pack's exercise folders.
 */
export function initWorkspace(folder: string, exercises: readonly Exercise[], exerciseDir: string, packTitle: string): InitResult {
  mkdirSync(folder, { recursive: true });
  if (!statSync(folder).isDirectory()) throw new Error(`${folder} is not a folder`);
  const manifest = readManifest(folder);
  const result: InitResult = { folder, written: [], updated: [], kept: [] };
  const files: [string, string][] = [
    ['README.md', workspaceReadme(packTitle)],
    ['requirements.txt', requirementsOf(exercises)],
    ...exercises.map((exercise): [string, string] => [
      workspaceFileOf(exercise.id),
      readFileSync(join(exerciseDir, exercise.id, EXERCISE_FILES.starter), 'utf8'),
    ]),
  ];
  for (const [name, text] of files) {
    const path = join(folder, name);
    if (!existsSync(path)) {
      writeFileSync(path, text, { flag: 'wx' });
      result.written.push(name);
    } else {
      const current = readFileSync(path, 'utf8');
      if (current === text) {
        // Already up to date.
      } else if (manifest[name] !== undefined && manifest[name] === sha(current)) {
        writeFileSync(path, text);
        result.updated.push(name);
      } else {
        result.kept.push(name);
        continue;
      }
    }
    manifest[name] = sha(text);
  }
  writeFileSync(join(folder, WORKSPACE_MANIFEST), `${JSON.stringify({ version: 1, written: manifest }, null, 2)}\n`);
  return result;
}
