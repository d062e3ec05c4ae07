import { join } from 'node:path';
import type { CommandSpec, Output } from '../command.js';
import { loadLexer } from '../content/links.js';
import { readPack } from '../content/load.js';
import { assembleRoadmap, findProblems, findWarnings, META_FILE, PACK_FILES } from '../content/validate.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { sanitizeText } from '../render/sanitize.js';

const FILES: readonly string[] = [META_FILE, ...Object.values(PACK_FILES)];
const LABELS: Record<string, [string, string]> = {
  sections: ['section', 'sections'],
  steps: ['step', 'steps'],
  topics: ['topic', 'topics'],
  skills: ['skill', 'skills'],
  phases: ['phase', 'phases'],
  certifications: ['certification', 'certifications'],
  faqs: ['FAQ', 'FAQs'],
  quizzes: ['quiz', 'quizzes'],
  cards: ['review card', 'review cards'],
  projects: ['project', 'projects'],
};

/** The pack file a problem or warning is about (`roadmap.yaml:3:7: ...` or `pack.yaml: missing`), if any. */
function fileOf(problem: string): string | undefined {
  const name = /^([^:/\\]+\.yaml)(?::\d+:\d+)?: /.exec(problem)?.[1];
  return name !== undefined && FILES.includes(name) ? name : undefined;
}

/** A problem or warning with its file named by its path in `dir`; the rest (URLs, `https://`) left as it is. */
function inFolder(dir: string, problem: string): string {
  const file = fileOf(problem);
  return file === undefined ? problem : `${join(dir, file)}${problem.slice(file.length)}`;
}

/**
 * Every problem in the pack at `dir`, each starting with the file's path, the line and column, and naming the field.
 * The loader stops checking fields once a file cannot be read; here the files that did parse are
 * checked too, leaving out what only follows from a broken file (a reference into a file that did
 * not parse, a required list that is missing because its file is broken).
 */
export async function findPackProblems(dir: string): Promise<{ problems: string[]; data: Awaited<ReturnType<typeof readPack>> }> {
  const data = await readPack(dir);
  let problems = data.problems;
  const broken = FILES.filter((file) => problems.some((problem) => fileOf(problem) === file));
  if (broken.length > 0) {
    const more = findProblems(data, await loadLexer()).filter((problem) => !broken.some((file) => problem.includes(file)));
    problems = [...problems, ...more];
  }
  return {
    data,
    // Problems quote the pack's own values and the folder's name: text that did not come from us.
    problems: problems.map((problem) => sanitizeText(inFolder(dir, problem))),
  };
}

/** `mlroadmap validate <dir>`: checks a content pack and lists every problem, or says what the pack holds. */
export const command: CommandSpec = {
  name: 'validate',
  group: 'Data',
  summary: 'check a content pack and list every problem with its file and field',
  arguments: [
    {
      name: 'dir',
      description: 'the folder holding the pack (pack.yaml, sections.yaml, roadmap.yaml, ...)',
      required: true,
      completes: 'folder',
    },
  ],
  json: true,
  examples: ['mlroadmap validate examples/data-scientist', 'mlroadmap validate ./my-pack --json'],
  run: (ctx, { args }) => validatePack(ctx, args[0] as string),
};

async function validatePack(ctx: Context, dir: string): Promise<Output> {
  const { problems, data } = await findPackProblems(dir);
  if (problems.length > 0) {
    return {
      data: { valid: false, id: null, title: null, formatVersion: null, counts: null, warnings: [], problems },
      text: problems.join('\n'),
      error: new UserError(
        `${sanitizeText(dir)} is not a valid content pack: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} (listed above)`,
      ),
    };
  }
  const roadmap = assembleRoadmap(data);
  const counts = {
    sections: roadmap.sections.length,
    steps: roadmap.steps.length,
    topics: roadmap.steps.reduce((sum, step) => sum + (step.topics?.length ?? 0), 0),
    skills: roadmap.skills.length,
    phases: roadmap.phases.length,
    certifications: roadmap.certifications.length,
    faqs: roadmap.faqs.length,
    quizzes: roadmap.quizzes.length,
    cards: roadmap.cards.length,
    projects: roadmap.projects.length,
  };
  const held = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${LABELS[kind]?.[count === 1 ? 0 : 1] ?? kind}`)
    .join(', ');
  const valid = sanitizeText(`${dir}: valid pack "${roadmap.id}" (${roadmap.title}): ${held}`);
  // Warnings do not make a pack invalid: they go to stderr, one a line, after the verdict.
  const warnings = findWarnings(data, ctx.now()).map((warning) => sanitizeText(`warning: ${inFolder(dir, warning)}`));
  for (const warning of warnings) ctx.err(warning);
  return {
    data: { valid: true, id: roadmap.id, title: roadmap.title, formatVersion: roadmap.formatVersion, counts, warnings, problems: [] },
    text: ctx.tty ? `${valid}\n${ctx.style.dim(`Try it with: mlroadmap --content ${dir} roadmap`)}` : valid,
  };
}
