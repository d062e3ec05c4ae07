import { join } from 'node:path';
import { readPack } from '../content/load.js';
import { assembleRoadmap, findProblems, META_FILE, PACK_FILES } from '../content/validate.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { sanitizeText } from '../render/sanitize.js';
import { printJson } from './shared.js';

const FILES: readonly string[] = [META_FILE, ...Object.values(PACK_FILES)];
const LABELS: Record<string, [string, string]> = {
  sections: ['section', 'sections'],
  steps: ['step', 'steps'],
  skills: ['skill', 'skills'],
  phases: ['phase', 'phases'],
  certifications: ['certification', 'certifications'],
  faqs: ['FAQ', 'FAQs'],
  quizzes: ['quiz', 'quizzes'],
};

/**
 * Every problem in the pack at `dir`, each starting with the file's path and naming the field.
 * The loader stops checking fields once a file cannot be read; here the files that did parse are
 * checked too, leaving out what only follows from a broken file (a reference into a file that did
 * not parse, a required list that is missing because its file is broken).
 */
export async function findPackProblems(dir: string): Promise<{ problems: string[]; data: Awaited<ReturnType<typeof readPack>> }> {
  const data = await readPack(dir);
  let problems = data.problems;
  const broken = FILES.filter((file) => problems.some((problem) => problem.startsWith(`${file}: `)));
  if (broken.length > 0) {
    const more = findProblems(data).filter((problem) => !broken.some((file) => problem.includes(file)));
    problems = [...problems, ...more];
  }
  return {
    data,
    // Problems quote the pack's own values and the folder's name: text that did not come from us.
    problems: problems.map((problem) => sanitizeText(FILES.some((file) => problem.startsWith(`${file}: `)) ? join(dir, problem) : problem)),
  };
}

/** `mlroadmap validate <dir>`: checks a content pack and lists every problem, or says what the pack holds. */
export async function validatePack(ctx: Context, dir: string, options: { json?: boolean }): Promise<void> {
  const { problems, data } = await findPackProblems(dir);
  if (problems.length > 0) {
    if (options.json) printJson(ctx, { valid: false, problems });
    else for (const problem of problems) ctx.out(problem);
    throw new UserError(
      `${sanitizeText(dir)} is not a valid content pack: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} (listed above)`,
    );
  }
  const roadmap = assembleRoadmap(data);
  const counts = {
    sections: roadmap.sections.length,
    steps: roadmap.steps.length,
    skills: roadmap.skills.length,
    phases: roadmap.phases.length,
    certifications: roadmap.certifications.length,
    faqs: roadmap.faqs.length,
    quizzes: roadmap.quizzes.length,
  };
  if (options.json)
    return printJson(ctx, { valid: true, id: roadmap.id, title: roadmap.title, formatVersion: roadmap.formatVersion, counts });
  const held = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${LABELS[kind]?.[count === 1 ? 0 : 1] ?? kind}`)
    .join(', ');
  ctx.out(sanitizeText(`${dir}: valid pack "${roadmap.id}" (${roadmap.title}): ${held}`));
  if (ctx.tty) ctx.out(ctx.style.dim(`Try it with: mlroadmap --content ${dir} roadmap`));
}
