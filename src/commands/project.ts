import { resolve } from 'node:path';
import type { CommandSpec, Output } from '../command.js';
import { quote, resolveItem, suggest } from '../content/lookup.js';
import type { Milestone, Project } from '../content/schema.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { markdown } from '../output.js';
import { packProgress } from '../progress/model.js';
import { projectStanding, setMilestones, startProject } from '../progress/projects.js';
import { projectJson, projectMarkdown, startedLines } from '../render/project.js';

/** Short names for the five phases, as a learner would type them. */
const MILESTONE_WORDS: Record<string, string[]> = {
  'data-collection-and-preprocessing': ['data', 'collect', 'prepare', 'preprocessing'],
  'model-selection-and-training': ['training', 'train', 'model', 'selection'],
  'model-evaluation': ['evaluation', 'evaluate', 'eval'],
  deployment: ['deployment', 'deploy'],
  'monitoring-and-improvement': ['monitoring', 'monitor', 'improvement', 'improve'],
};
/** What `project done <id> <Tab>` offers: the milestones' numbers and first short names. */
const MILESTONE_CHOICES = ['1', '2', '3', '4', '5', ...Object.values(MILESTONE_WORDS).map((words) => words[0] as string)];

/**
 * `mlroadmap project <id>` shows a brief with the learner's milestones; `project start <id> <dir>`
 * makes a folder for it (README laid out for a portfolio, .gitignore, requirements.txt, folders for
 * data, notebooks, source and tests) and marks it started; `project done <id> <milestone...>` and
 * `project undo ...` tick and untick milestones (by number, 1 to 5, or a phase: data, training,
 * evaluation, deployment, monitoring).
 */
export const command: CommandSpec = {
  name: 'project',
  group: 'Track',
  summary: 'show a project brief; start it in a new folder; mark its milestones done',
  arguments: [
    {
      name: 'project',
      description: "a project's number or id, or start, done or undo followed by one",
      required: true,
      completes: { anyOf: ['project', { choices: ['start', 'done', 'undo'] }] },
    },
    {
      name: 'more',
      description: 'for start: the folder to make; for done and undo: milestones (1-5, or data, training, ...)',
      required: false,
      variadic: true,
      completes: {
        byFirst: {
          start: ['project', 'folder'],
          done: ['project', { choices: MILESTONE_CHOICES }],
          undo: ['project', { choices: MILESTONE_CHOICES }],
        },
        otherwise: 'none',
      },
    },
  ],
  json: true,
  examples: [
    'mlroadmap project house-prices-api',
    'mlroadmap project start house-prices-api ~/code/house-prices',
    'mlroadmap project done house-prices-api 1 2',
    'mlroadmap project undo house-prices-api deployment',
  ],
  async run(ctx, { args }) {
    const first = args[0] as string;
    const rest = (args[1] as string[] | undefined) ?? [];
    const action = first.trim().toLowerCase();
    if (action === 'start' || action === 'done' || action === 'undo') {
      const [id, ...more] = rest;
      if (id === undefined)
        throw new UsageError(
          `'project ${action}' needs a project (see 'mlroadmap projects'), e.g. mlroadmap project ${action} 1${action === 'start' ? ' my-project' : ' 1'}`,
        );
      const project = find(ctx, id);
      if (action === 'start') return start(ctx, project, more);
      return mark(ctx, project, more, action === 'done');
    }
    // `project strat 1 dir`: a mistyped action, said as other mistakes are (no project is named "strat").
    const close =
      rest.length > 0 && !ctx.roadmap.projects.some((project) => project.id === action)
        ? suggest(action, ['start', 'done', 'undo'])[0]
        : undefined;
    if (close !== undefined) {
      throw new UsageError(`unknown action '${first.slice(0, 60)}' (Did you mean ${close}?)`);
    }
    if (rest.length > 0)
      throw new UsageError(`to show a project give only its id; to change it: mlroadmap project start|done|undo ${quote(first)} ...`);
    const project = find(ctx, first);
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const number = ctx.roadmap.projects.indexOf(project) + 1;
    const standing = projectStanding(pack, project);
    const hint =
      standing.state === 'not-started'
        ? `Start it with: mlroadmap project start ${project.id} <new folder>`
        : standing.state === 'started'
          ? `Mark a milestone done with: mlroadmap project done ${project.id} <1-5>; check your folder with: mlroadmap portfolio check <folder>`
          : `Every milestone is done. Check your folder with: mlroadmap portfolio check ${standing.folder ?? '<folder>'}`;
    return {
      data: { number, ...projectJson(ctx.roadmap, pack, project) },
      text: async () => `${(await markdown(ctx, projectMarkdown(ctx.roadmap, pack, project, number))).replace(/\n+$/, '')}\n\n${hint}`,
    };
  },
};

function find(ctx: Context, input: string): Project {
  if (ctx.roadmap.projects.length === 0) throw new UserError('this roadmap has no project briefs');
  return resolveItem(ctx.roadmap.projects, input, 'project', 'projects');
}

/** Milestones by number (1-5), phase id or a phase's short name; all resolved before any is changed. */
function milestonesOf(project: Project, inputs: readonly string[]): Milestone[] {
  if (inputs.length === 0)
    throw new UsageError(`name the milestones: 1 to ${project.milestones.length}, or data, training, evaluation, deployment, monitoring`);
  const found = inputs.map((input) => {
    const token = input.trim().toLowerCase();
    const byNumber = /^\d+$/.test(token) ? project.milestones[Number(token) - 1] : undefined;
    const byName = project.milestones.find(
      (milestone) =>
        milestone.phase === token || (Object.hasOwn(MILESTONE_WORDS, milestone.phase) && MILESTONE_WORDS[milestone.phase]?.includes(token)),
    );
    const milestone = byNumber ?? byName;
    if (!milestone)
      throw new UsageError(
        `${quote(input)} is not a milestone of ${project.id}: give 1 to ${project.milestones.length}, or data, training, evaluation, deployment, monitoring`,
      );
    return milestone;
  });
  return [...new Set(found)];
}

async function mark(ctx: Context, project: Project, inputs: readonly string[], done: boolean): Promise<Output> {
  const milestones = milestonesOf(project, inputs);
  const progress = await ctx.store.update((current) =>
    setMilestones(
      current,
      ctx.roadmap.id,
      project.id,
      milestones.map((milestone) => milestone.phase),
      done,
      ctx.now(),
    ),
  );
  const pack = packProgress(progress, ctx.roadmap.id);
  const standing = projectStanding(pack, project);
  const names = milestones.map((milestone) => `${project.milestones.indexOf(milestone) + 1}. ${milestone.title}`);
  const lines = [`${done ? 'Done' : 'Not done'}: ${names.join('; ')} (${project.title}).`];
  lines.push(
    standing.state === 'done'
      ? `Every milestone is done. Run 'mlroadmap portfolio check ${standing.folder ?? '<folder>'}' before you show it.`
      : `${standing.milestonesDone} of ${standing.milestonesTotal} milestones done.`,
  );
  return {
    data: { number: ctx.roadmap.projects.indexOf(project) + 1, ...projectJson(ctx.roadmap, pack, project) },
    text: lines.join('\n'),
  };
}

async function start(ctx: Context, project: Project, more: readonly string[]): Promise<Output> {
  const [dir, ...extra] = more;
  if (dir === undefined || dir.trim() === '')
    throw new UsageError(`give the folder to make, e.g. mlroadmap project start ${project.id} ~/code/${project.id}`);
  if (extra.length > 0) throw new UsageError(`give one folder; got ${more.length} words (quote a path with spaces)`);
  const { projectFiles, startFolder } = await import('../portfolio/scaffold.js');
  const written = startFolder(dir, projectFiles(ctx.roadmap, project));
  const folder = resolve(dir);
  const progress = await ctx.store.update((current) => startProject(current, ctx.roadmap.id, project.id, ctx.now(), folder));
  const pack = packProgress(progress, ctx.roadmap.id);
  const text = [
    ...startedLines(project, dir, written, ctx.width),
    '',
    'Tick a milestone when it is done:',
    '',
    `  mlroadmap project done ${project.id} <1-5>`,
  ].join('\n');
  return { data: { files: written, ...projectJson(ctx.roadmap, pack, project) }, text };
}
