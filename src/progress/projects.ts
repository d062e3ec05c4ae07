import type { Milestone, Project } from '../content/schema.js';
import { isRecord } from '../json.js';
import { type PackProgress, type Progress, packProgress } from './model.js';

/**
 * Progress on project briefs, under the pack, keyed by project id:
 *
 *   "projects": { "<project id>": { "started": "<ISO time>", "folder": "<where project start made it>",
 *                                   "milestones": { "<phase id>": { "at": "<ISO time done>" } } } }
 */
export interface ProjectRecord {
  started?: string;
  folder?: string;
  milestones?: Record<string, { at: string }>;
}

export type ProjectState = 'not-started' | 'started' | 'done';

export function projectRecordOf(pack: PackProgress, id: string): ProjectRecord | undefined {
  const projects = isRecord(pack.projects) ? (pack.projects as Record<string, ProjectRecord>) : {};
  return Object.hasOwn(projects, id) ? projects[id] : undefined;
}

export function milestoneDoneAt(pack: PackProgress, project: Project, milestone: Milestone): string | undefined {
  const done = projectRecordOf(pack, project.id)?.milestones;
  return done && Object.hasOwn(done, milestone.phase) ? done[milestone.phase]?.at : undefined;
}

export interface ProjectStanding {
  state: ProjectState;
  milestonesDone: number;
  milestonesTotal: number;
  started?: string;
  folder?: string;
}

/** Where the learner is with a project: done when every milestone is, started once begun or a milestone is done. */
export function projectStanding(pack: PackProgress, project: Project): ProjectStanding {
  const record = projectRecordOf(pack, project.id);
  const done = project.milestones.filter((milestone) => milestoneDoneAt(pack, project, milestone)).length;
  const state: ProjectState = done === project.milestones.length ? 'done' : record?.started || done > 0 ? 'started' : 'not-started';
  return {
    state,
    milestonesDone: done,
    milestonesTotal: project.milestones.length,
    ...(record?.started ? { started: record.started } : {}),
    ...(record?.folder ? { folder: record.folder } : {}),
  };
}

function withRecord(progress: Progress, packId: string, id: string, change: (record: ProjectRecord) => ProjectRecord): Progress {
  const pack = packProgress(progress, packId);
  const projects = { ...(isRecord(pack.projects) ? (pack.projects as Record<string, ProjectRecord>) : {}) };
  projects[id] = change(Object.hasOwn(projects, id) ? (projects[id] as ProjectRecord) : {});
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, projects } } };
}

/** Returns a copy of `progress` with the project started (the first start's time kept), in `folder` when given. */
export function startProject(progress: Progress, packId: string, id: string, now: Date, folder?: string): Progress {
  return withRecord(progress, packId, id, (record) => ({
    ...record,
    started: record.started ?? now.toISOString(),
    ...(folder ? { folder } : {}),
  }));
}

/** Returns a copy of `progress` with milestones (by phase id) marked done, or not done. */
export function setMilestones(
  progress: Progress,
  packId: string,
  id: string,
  phases: readonly string[],
  done: boolean,
  now: Date,
): Progress {
  return withRecord(progress, packId, id, (record) => {
    const milestones = { ...record.milestones };
    for (const phase of phases) {
      if (!done) delete milestones[phase];
      else if (!Object.hasOwn(milestones, phase)) milestones[phase] = { at: now.toISOString() };
    }
    return { ...record, started: record.started ?? now.toISOString(), milestones };
  });
}
