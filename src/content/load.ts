import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type DiskError, decodeUtf8, formatBytes, readRegularFile } from '../disk.js';
import { ContentError } from '../errors.js';
import { sanitizeDeep, sanitizeText } from '../render/sanitize.js';
import { packKey, readCachedPack, writeCachedPack } from './cache.js';
import { EXERCISE_FILES, EXERCISES_FOLDER, type RawExercise } from './exercises.js';
import { MAX_FILE_BYTES } from './files.js';
import { loadLexer } from './links.js';
import { type Locator, makeLocator } from './position.js';
import type { Roadmap } from './schema.js';
import { keepSearchIndex } from './search-cache.js';
import { assembleRoadmap, findProblems, type ListKey, META_FILE, PACK_FILES } from './validate.js';

export interface PackData {
  meta: unknown;
  /** The exercise folders, when the pack has an `exercises/` folder. */
  exercises?: RawExercise[];
  lists: Partial<Record<ListKey, unknown>>;
  /** Where the nodes of each file that parsed are, for `findProblems` and `findWarnings`. */
  locators: Partial<Record<string, Locator>>;
  /** Problems found while reading or validating, each naming its file (and line and column when it has them). */
  problems: string[];
}

/** Reads a pack folder's YAML files and validates them, collecting every problem instead of stopping at the first. */
export async function readPack(dir: string): Promise<PackData> {
  // yaml is CommonJS: its functions hang off the default export, bundled or not.
  const yaml = (await import('yaml')).default;
  const problems: string[] = [];
  const locators: PackData['locators'] = {};
  try {
    if (!statSync(dir).isDirectory()) return { meta: undefined, lists: {}, locators, problems: [sanitizeText(`${dir}: is not a folder`)] };
  } catch {
    return { meta: undefined, lists: {}, locators, problems: [sanitizeText(`${dir}: no such folder`)] };
  }
  const readText = (file: string, required: boolean): string | undefined => {
    const path = join(dir, file);
    let text: string | undefined;
    try {
      // Only a regular file, and only so much of it: a FIFO or /dev/zero in a pack must not hang or fill memory.
      text = decodeUtf8(readRegularFile(path, MAX_FILE_BYTES));
    } catch (error) {
      const code = (error as DiskError).code;
      if (code === 'ENOENT') {
        if (required) problems.push(`${file}: missing (a pack needs ${META_FILE}, ${PACK_FILES.sections} and ${PACK_FILES.steps})`);
      } else if (code === 'TOOBIG') problems.push(`${file}: larger than ${formatBytes(MAX_FILE_BYTES)}`);
      else problems.push(`${file}: cannot be read: ${(error as Error).message}`);
      return undefined;
    }
    if (text === undefined) {
      problems.push(`${file}: not UTF-8 text`);
      return undefined;
    }
    // A byte order mark, as some Windows editors write, is not part of the YAML. (The decoder drops
    // one already; this drops the one an editor adds in front of another.) Columns count from after it.
    return text.replace(/^\uFEFF/, '');
  };
  const readYaml = (file: string, required: boolean): unknown => {
    const text = readText(file, required);
    if (text === undefined) return undefined;
    // `parse` would do the same, minus the line counting: positions cost one pass over the text.
    const lines = new yaml.LineCounter();
    const doc = yaml.parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const error = doc.errors[0];
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      problems.push(`${file}:${line}:${col}: not valid YAML: ${error.message.split('\n')[0]}`);
      return undefined;
    }
    try {
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      locators[file] = makeLocator(yaml, doc, lines);
      return value;
    } catch (error) {
      problems.push(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  };
  const meta = readYaml(META_FILE, true);
  const lists: Partial<Record<ListKey, unknown>> = {};
  for (const [key, file] of Object.entries(PACK_FILES) as [ListKey, string][]) {
    lists[key] = readYaml(file, key === 'sections' || key === 'steps');
  }
  const exercises = readExercises(
    dir,
    problems,
    (file) => readYaml(file, false),
    (file) => readText(file, false),
  );
  if (problems.length === 0)
    for (const problem of findProblems({ meta, lists, locators, ...(exercises ? { exercises } : {}) }, await loadLexer()))
      problems.push(problem);
  // Problems quote the pack (ids, YAML errors) and the folder name: no escape sequences in them.
  return { meta, lists, locators, ...(exercises ? { exercises } : {}), problems: problems.map(sanitizeText) };
}

/**
 * The folders of a pack's `exercises/`, each with its exercise.yaml parsed, its README.md and the
 * names of its regular files; undefined when there is no such folder. A subfolder (other than
 * Python's `__pycache__`), a file that is not a regular file or is over `MAX_FILE_BYTES` is a problem:
 * the build and every run copy an exercise's files, and only those.
 */
function readExercises(
  dir: string,
  problems: string[],
  readYaml: (file: string) => unknown,
  readText: (file: string) => string | undefined,
): RawExercise[] | undefined {
  const root = join(dir, EXERCISES_FOLDER);
  let names: string[];
  try {
    if (!statSync(root).isDirectory()) {
      problems.push(`${EXERCISES_FOLDER}: is not a folder`);
      return undefined;
    }
    names = readdirSync(root).sort();
  } catch {
    return undefined;
  }
  const exercises: RawExercise[] = [];
  for (const name of names) {
    if (name.startsWith('.') || name === '__pycache__') continue;
    const folder = `${EXERCISES_FOLDER}/${name}`;
    let entries: import('node:fs').Dirent[];
    try {
      if (!statSync(join(root, name)).isDirectory()) {
        problems.push(`${folder}: is not a folder (${EXERCISES_FOLDER}/ holds one folder per exercise)`);
        continue;
      }
      entries = readdirSync(join(root, name), { withFileTypes: true });
    } catch (error) {
      problems.push(`${folder}: cannot be read: ${(error as Error).message}`);
      continue;
    }
    const files: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === '__pycache__') continue;
      if (!entry.isFile()) problems.push(`${folder}/${entry.name}: not a regular file (an exercise folder holds files only)`);
      else if (statSync(join(root, name, entry.name)).size > MAX_FILE_BYTES)
        problems.push(`${folder}/${entry.name}: larger than ${formatBytes(MAX_FILE_BYTES)}`);
      else files.push(entry.name);
    }
    files.sort();
    const meta = files.includes(EXERCISE_FILES.meta) ? readYaml(`${folder}/${EXERCISE_FILES.meta}`) : undefined;
    const statement = files.includes(EXERCISE_FILES.statement) ? readText(`${folder}/${EXERCISE_FILES.statement}`) : undefined;
    exercises.push({ id: name, meta, files, ...(statement === undefined ? {} : { statement }) });
  }
  return exercises;
}

/**
 * Loads and validates a pack folder, or throws a `ContentError` naming the first problem. A pack may
 * come from anyone (`MLROADMAP_CONTENT`), so every string in it is stripped of control characters and
 * escape sequences: it cannot clear the screen, write the clipboard or forge links when printed.
 */
export async function loadPack(dir: string): Promise<Roadmap> {
  return compilePack(dir, dir);
}

/** Reads the pack in `from`; a `ContentError` names it `shownAs`, as the learner gave it. */
async function compilePack(from: string, shownAs: string): Promise<Roadmap> {
  const data = await readPack(from);
  if (data.problems.length > 0) throw new ContentError(shownAs, data.problems);
  return sanitizeDeep(assembleRoadmap(data));
}

/**
 * `loadPack`, served from the compiled-pack cache in `cacheDir` (a trusted folder: see
 * `trustedCacheDir`) while the pack's files are unchanged; see cache.ts for when an entry counts.
 * A pack with problems throws as `loadPack` does and is never cached. Without `cacheDir`, `loadPack`.
 */
export async function loadPackCached(dir: string, cacheDir: string | undefined): Promise<Roadmap> {
  const before = cacheDir === undefined ? undefined : packKey(dir, MAX_FILE_BYTES);
  if (cacheDir === undefined || before === undefined) return loadPack(dir);
  const cached = readCachedPack(cacheDir, before);
  if (cached) {
    keepSearchIndex(cached, cacheDir, before);
    return cached;
  }
  // Read from the real folder the key names, so a symbolic link swapped meanwhile cannot mix two packs.
  const roadmap = await compilePack(before.folder, dir);
  // A file changed while it was read would be stored under a key it no longer has: store nothing then.
  if (packKey(dir, MAX_FILE_BYTES)?.key === before.key) {
    writeCachedPack(cacheDir, before, roadmap);
    keepSearchIndex(roadmap, cacheDir, before);
  }
  return roadmap;
}

/**
 * Loads the pack shipped with mlroadmap. The build validates `content/` and writes it as one JSON file
 * beside the bundle, so a normal run parses JSON and builds no validator.
 */
export function loadBundledPack(file: string): Roadmap {
  return JSON.parse(readFileSync(file, 'utf8')) as Roadmap;
}
