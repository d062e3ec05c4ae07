import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Project } from '../content/schema.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { markdown } from '../output.js';
import { packProgress } from '../progress/model.js';
import { milestoneDoneAt, projectStanding, setMilestones, startProject } from '../progress/projects.js';
import { PROJECT_STATE_WORDS, projectMarkdown, startedLines } from '../render/project.js';
import { sanitizeText } from '../render/sanitize.js';
import { wrapLine } from '../render/text.js';
import { orBack } from './steps.js';
import { promptTheme, rowsOf, say, showPage } from './view.js';

/**
 * Projects: the briefs with the learner's status; one opens on its page, from where its milestones
 * are ticked (saved at once), it is started in a new folder, and that folder is checked as a
 * reviewer would. Esc goes back a level; "Back to the menu" leaves.
 */
export async function runProjects(ctx: Context): Promise<void> {
  let current: string | undefined;
  for (;;) {
    ctx.clear();
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const picked = await ctx.prompts.select(
      {
        message: 'Project briefs: pick one to read, start or tick off',
        choices: [
          ...ctx.roadmap.projects.map((project, i) => {
            const standing = projectStanding(pack, project);
            const state =
              standing.state === 'done'
                ? ' (done)'
                : standing.state === 'started'
                  ? ` (${standing.milestonesDone}/${standing.milestonesTotal})`
                  : '';
            return {
              value: project.id,
              name: `${i + 1}. ${project.title}${state}`,
              description: `${project.level.replace(/^./, (c) => c.toUpperCase())} project, about ${project.effortHours} hours: ${project.summary}`,
            };
          }),
          { value: '', name: 'Back to the menu' },
        ],
        ...(current ? { default: current } : {}),
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    if (picked === '') return;
    current = picked;
    const project = ctx.roadmap.projects.find((candidate) => candidate.id === picked) as Project;
    await orBack(() => showProject(ctx, project));
  }
}

type ProjectAction = 'milestones' | 'start' | 'check' | 'back';

async function showProject(ctx: Context, project: Project): Promise<void> {
  const number = ctx.roadmap.projects.indexOf(project) + 1;
  for (;;) {
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const standing = projectStanding(pack, project);
    const question = {
      message: `${PROJECT_STATE_WORDS[standing.state].replace(/^./, (c) => c.toUpperCase())}; ${standing.milestonesDone} of ${standing.milestonesTotal} milestones done. What now?`,
      choices: [
        { value: 'milestones' as const, name: 'Tick the milestones I have done' },
        ...(standing.folder ? [] : [{ value: 'start' as const, name: 'Start it in a new folder' }]),
        {
          value: 'check' as const,
          name: standing.folder ? `Check my folder as a reviewer would (${standing.folder})` : 'Check a project folder as a reviewer would',
        },
        { value: 'back' as const, name: 'Back to the projects' },
      ],
      theme: promptTheme(ctx),
    };
    await showPage(ctx, await markdown(ctx, projectMarkdown(ctx.roadmap, pack, project, number)), rowsOf(ctx, question));
    const action = await ctx.prompts.select<ProjectAction>(question, { clearPromptOnDone: true });
    if (action === 'back') return;
    if (action === 'milestones') await orBack(() => tickMilestones(ctx, project));
    if (action === 'start') await orBack(() => startInFolder(ctx, project));
    if (action === 'check') await orBack(() => checkFolder(ctx, standing.folder));
  }
}

/** The milestones as a checklist: Space ticks or unticks one and saves it at once; Enter goes back. */
async function tickMilestones(ctx: Context, project: Project): Promise<void> {
  ctx.clear();
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  say(ctx, ctx.style.bold(project.title));
  ctx.out('');
  await ctx.prompts.checklist(
    {
      message: 'Milestones: Space ticks one you have done (saved at once), Enter goes back',
      items: project.milestones.map((milestone, index) => ({
        value: milestone.phase,
        name: `${index + 1}. ${milestone.title}`,
        checked: milestoneDoneAt(pack, project, milestone) !== undefined,
        description: milestone.criteria.map((criterion) => `- ${criterion.replace(/\s+/g, ' ').trim()}`).join('\n'),
      })),
      onToggle: async (phase, checked) => {
        await ctx.store.update((progress) => setMilestones(progress, ctx.roadmap.id, project.id, [phase], checked, ctx.now()));
      },
      theme: promptTheme(ctx, { open: 'back' }),
    },
    { clearPromptOnDone: true },
  );
}

/** A folder path as typed: `~` is the home folder. */
function typedPath(text: string): string {
  const trimmed = text.trim();
  return trimmed === '~' || trimmed.startsWith('~/') ? `${process.getBuiltinModule('node:os').homedir()}${trimmed.slice(1)}` : trimmed;
}

/**
 * Asks for the new folder and makes it there. A folder that cannot be used (not empty, a link, no
 * parent) is refused under the question as it is typed, and the question stays, so the learner
 * gives another at once; Esc goes back to the brief.
 */
async function startInFolder(ctx: Context, project: Project): Promise<void> {
  const { folderProblem, projectFiles, startFolder } = await import('../portfolio/scaffold.js');
  let suggested = `~/${project.id}`;
  let written: string[] | undefined;
  let dir = '';
  while (written === undefined) {
    const typed = await ctx.prompts.input(
      {
        message: 'Make it in which new folder? (it must not exist yet, or be empty)',
        default: suggested,
        validate: (value: string) => {
          if (value.trim() === '') return 'Give a folder, such as ~/code/my-project';
          const problem = folderProblem(typedPath(value));
          return problem ? `${sanitizeText(problem)}. Give another folder, or Esc to go back.` : true;
        },
      },
      { clearPromptOnDone: true },
    );
    dir = typedPath(typed);
    try {
      written = startFolder(dir, projectFiles(ctx.roadmap, project));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // Changed between the question and the start: say so, and ask again.
      say(ctx, `Not started: ${sanitizeText(error.message)}.`);
      suggested = typed;
    }
  }
  const folder = resolve(dir);
  await ctx.store.update((progress) => startProject(progress, ctx.roadmap.id, project.id, ctx.now(), folder));
  ctx.clear();
  // Already wrapped, its commands whole: say would wrap them again.
  ctx.out(startedLines(project, folder, written, ctx.width).join('\n'));
  ctx.out('');
  await pause(ctx);
}

async function checkFolder(ctx: Context, known: string | undefined): Promise<void> {
  const dir =
    known ??
    typedPath(
      await ctx.prompts.input(
        {
          message: 'Which folder? (a clone of your repository)',
          validate: (value: string) => (value.trim() === '' ? 'Give a folder' : true),
        },
        { clearPromptOnDone: true },
      ),
    );
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    say(ctx, `${dir} is not a folder here.`);
    await pause(ctx);
    return;
  }
  const { checkPortfolio, quoteName } = await import('../portfolio/check.js');
  const report = checkPortfolio(dir, ctx.now());
  const shown = quoteName(dir);
  const indented = (text: string, indent: string) => indentedLines(ctx.width, text, indent);
  const lines =
    report.findings.length === 0
      ? [`Nothing a reviewer would miss in ${shown}. Well done: show it off.`]
      : [
          `${report.findings.length === 1 ? 'One thing' : `${report.findings.length} things`} a reviewer would miss in ${shown}:`,
          ...report.findings.flatMap((finding) => [
            '',
            ...indented(`- ${finding.title}`, ''),
            ...indented(`Why: ${finding.why}.`, '  '),
            ...indented(`Add: ${finding.fix}.`, '  '),
            ...(finding.files ?? []).slice(0, 5).flatMap((file) => indented(file, '    ')),
          ]),
        ];
  const question = { message: 'Done reading?', choices: [{ value: 'back', name: 'Back to the project' }], theme: promptTheme(ctx) };
  await showPage(ctx, lines.join('\n'), rowsOf(ctx, question));
  await ctx.prompts.select(question, { clearPromptOnDone: true });
}

/** `text` wrapped to the width less `indent`, each line indented. */
function indentedLines(width: number, text: string, indent: string): string[] {
  return wrapLine(text, Math.max(20, width - indent.length)).map((line) => `${indent}${line}`);
}

/** Waits for Enter, so what was just said stays on screen. */
async function pause(ctx: Context): Promise<void> {
  await ctx.prompts.select(
    { message: 'Done?', choices: [{ value: 'back', name: 'Back to the project' }], theme: promptTheme(ctx) },
    { clearPromptOnDone: true },
  );
}
