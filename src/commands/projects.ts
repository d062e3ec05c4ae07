import type { CommandSpec } from '../command.js';
import { listOptions } from '../output.js';
import { packProgress } from '../progress/model.js';
import { projectJson, projectLine } from '../render/project.js';
import { renderRows } from '../render/text.js';

/** `mlroadmap projects`: the project briefs, from a first project to a portfolio piece, with the learner's status. */
export const command: CommandSpec = {
  name: 'projects',
  group: 'Learn',
  summary: 'list the project briefs, from a first project to a portfolio piece, with your status',
  json: true,
  fast: { content: ['steps', 'projects'] },
  examples: ['mlroadmap projects', 'mlroadmap projects --json'],
  run(ctx) {
    const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
    const projects = ctx.roadmap.projects;
    const rows = projects.map((project, i): [string, string] => [`${i + 1}. ${project.id}`, projectLine(pack, project)]);
    return {
      data: projects.map((project, i) => ({ number: i + 1, ...projectJson(ctx.roadmap, pack, project) })),
      text: () =>
        renderRows(
          rows,
          listOptions(ctx),
          'Projects',
          'See one with: mlroadmap project <number or id>; start it with: mlroadmap project start <id> <folder>',
        ),
    };
  },
};
