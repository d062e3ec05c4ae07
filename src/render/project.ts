import type { Milestone, Project, Roadmap } from '../content/schema.js';
import type { PackProgress } from '../progress/model.js';
import { milestoneDoneAt, projectStanding } from '../progress/projects.js';
import { wrapLine } from './text.js';
import { localDay } from './time.js';

/** Words for a project's state, as lists and pages say it. */
export const PROJECT_STATE_WORDS = { 'not-started': 'not started', started: 'started', done: 'done' } as const;

/** Where a topic is in the roadmap, numbered as the learner names it. */
function topicName(roadmap: Roadmap, id: string): { id: string; number: string; title: string } {
  for (const [s, step] of roadmap.steps.entries()) {
    const t = step.topics?.findIndex((topic) => topic.id === id) ?? -1;
    if (t >= 0) return { id, number: `${s + 1}.${t + 1}`, title: step.topics?.[t]?.title ?? id };
  }
  return { id, number: '', title: id };
}

/** A project as scripts see it, the same in a list and alone. */
export function projectJson(roadmap: Roadmap, pack: PackProgress, project: Project) {
  const standing = projectStanding(pack, project);
  return {
    id: project.id,
    title: project.title,
    level: project.level,
    summary: project.summary,
    effortHours: project.effortHours,
    dataset: project.dataset,
    topics: project.topics.map((id) => topicName(roadmap, id)),
    state: standing.state,
    milestonesDone: standing.milestonesDone,
    milestonesTotal: standing.milestonesTotal,
    started: standing.started ?? null,
    folder: standing.folder ?? null,
    milestones: project.milestones.map((milestone, index) => ({
      number: index + 1,
      phase: milestone.phase,
      title: milestone.title,
      criteria: milestone.criteria,
      done: milestoneDoneAt(pack, project, milestone) !== undefined,
      doneAt: milestoneDoneAt(pack, project, milestone) ?? null,
    })),
    stretch: project.stretch,
  };
}

/** One line for lists: "[2/5] Title (first, about 30 h)". */
export function projectLine(pack: PackProgress, project: Project): string {
  const standing = projectStanding(pack, project);
  const state =
    standing.state === 'not-started' ? '' : standing.state === 'done' ? ' done' : ` ${standing.milestonesDone}/${standing.milestonesTotal}`;
  return `${project.title} (${project.level}, about ${project.effortHours} h)${state ? `:${state}` : ''}`;
}

/** The project's page, as markdown: goal, data, topics, milestones as a checklist with their criteria, stretch goals. */
export function projectMarkdown(roadmap: Roadmap, pack: PackProgress, project: Project, number: number): string {
  const standing = projectStanding(pack, project);
  const phase = (milestone: Milestone) => roadmap.phases.find((p) => p.id === milestone.phase)?.title ?? milestone.phase;
  const topics = project.topics.map((id) => topicName(roadmap, id)).map((topic) => `${topic.number} ${topic.title}`.trim());
  const lines = [
    `# Project ${number}: ${project.title}`,
    '',
    `*${project.level} project, about ${project.effortHours} hours; ${PROJECT_STATE_WORDS[standing.state]}${standing.state === 'started' ? `, ${standing.milestonesDone} of ${standing.milestonesTotal} milestones done` : ''}*`,
    '',
    project.goal.trim(),
    '',
    `**Data:** [${project.dataset.name}](${project.dataset.url})`,
    '',
    `**Practises:** ${topics.join('; ')}`,
    '',
    '## Milestones',
    '',
  ];
  for (const [index, milestone] of project.milestones.entries()) {
    const at = milestoneDoneAt(pack, project, milestone);
    // A paragraph and a plain list: marked numbers a nested list inside a numbered one on.
    lines.push(`**${at ? '[x]' : '[ ]'} ${index + 1}. ${milestone.title}** (${phase(milestone)}${at ? `; done ${localDay(at)}` : ''})`, '');
    for (const criterion of milestone.criteria) lines.push(`- ${criterion.replace(/\s+/g, ' ').trim()}`);
    lines.push('');
  }
  lines.push('', '## Stretch goals', '');
  for (const goal of project.stretch) lines.push(`- ${goal.replace(/\s+/g, ' ').trim()}`);
  lines.push('');
  if (standing.folder) lines.push(`Your folder: ${standing.folder}`, '');
  return lines.join('\n');
}

/** `text` as one word for a POSIX shell: unchanged when plain, else in single quotes. */
export function shellWord(text: string): string {
  return /^[\w./~+@%:=-]+$/.test(text) && !text.startsWith('~') ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * What `project start` says once the folder is made (the command and the tutor say the same): every
 * file it made, and the git steps next. The steps work on git 2.30 and later with no configuration:
 * the learner's name and e-mail first (git refuses to commit without them), and `git branch -M main`
 * after the first commit, as `git init` names the branch master unless configured otherwise. The
 * prose is wrapped to `width`; each command is a line of its own, never wrapped, so it can be copied
 * whole.
 */
export function startedLines(project: Project, folder: string, written: readonly string[], width: number): string[] {
  const prose = (text: string) => wrapLine(text, Math.max(20, width));
  const command = (text: string) => `  ${text}`;
  const where = shellWord(folder);
  const files = written.map((file) => (file === 'README.md' ? 'README.md (with the milestones)' : file));
  return [
    ...prose(`Made ${where} for "${project.title}", with ${written.length} files: ${files.join(', ')}.`),
    '',
    ...prose('Next, in a terminal. Once per computer, tell git who you are (skip this if you have):'),
    '',
    command('git config --global user.name "Your Name"'),
    command('git config --global user.email "you@example.com"'),
    '',
    ...prose('Then make the first commit, on a branch called main:'),
    '',
    command(`cd ${where}`),
    command('git init'),
    command('git add .'),
    command(`git commit -m "Start ${project.id}"`),
    command('git branch -M main'),
    '',
    ...prose('Make an empty repository on GitHub (no README, licence or .gitignore: the folder has them), and push to it:'),
    '',
    command('git remote add origin <its URL>'),
    command('git push -u origin main'),
    '',
    ...prose('Work through the milestones, tick each as it is done, and check the folder as a reviewer would:'),
    '',
    command(`mlroadmap portfolio check ${where}`),
  ];
}
