import type { Roadmap, Skill } from '../content/schema.js';
import { type Assessment, type PackProgress, type Progress, packProgress, type Status, stepStatusOf } from './model.js';

/** Ratings go from 1 to 5; a skill rated this or lower is weak and is pointed at the steps that build it. */
export const MIN_RATING = 1;
export const MAX_RATING = 5;
export const WEAK_RATING = 2;

/** What each rating means, shown beside the numbers in `assess` and the tutor. */
export const RATING_LABELS: Readonly<Record<number, string>> = {
  1: 'just starting',
  2: 'know the basics',
  3: 'can work with it',
  4: 'confident',
  5: 'could teach it',
};

/** Reads a rating typed on the command line: a whole number from 1 to 5, or `undefined`. */
export function parseRating(text: string): number | undefined {
  const token = text.trim();
  if (!/^\d+$/.test(token)) return undefined;
  const rating = Number(token);
  return rating >= MIN_RATING && rating <= MAX_RATING ? rating : undefined;
}

/** A skill's ratings, oldest first; empty when it was never rated. */
export function ratingsOf(pack: PackProgress, skillId: string): Assessment[] {
  return pack.assessments && Object.hasOwn(pack.assessments, skillId) ? (pack.assessments[skillId] as Assessment[]) : [];
}

/** A skill's latest rating, or `undefined` when it was never rated. */
export function latestRating(pack: PackProgress, skillId: string): Assessment | undefined {
  return ratingsOf(pack, skillId).at(-1);
}

/** Returns a copy of `progress` with a dated rating appended to the skill's history. */
export function addAssessment(progress: Progress, packId: string, skillId: string, rating: number, now: Date): Progress {
  const pack = packProgress(progress, packId);
  const assessments = { ...pack.assessments, [skillId]: [...ratingsOf(pack, skillId), { at: now.toISOString(), rating }] };
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, assessments } } };
}

export interface SkillStep {
  /** 1-based position in the roadmap. */
  number: number;
  id: string;
  title: string;
  status: Status;
}

export interface WeakSkill {
  skill: Skill;
  /** The latest rating, at most `WEAK_RATING`. */
  rating: number;
  ratedAt: string;
  /** The roadmap steps that build the skill, in roadmap order, with the learner's status. */
  steps: SkillStep[];
  /** Those of `steps` still to do or in progress: where to work on the skill now. */
  openSteps: SkillStep[];
}

/**
 * The skills whose latest self-rating is 2 or lower, weakest first (ties in the guide's order), each
 * with the steps that build it (skills.yaml `steps`). For `next`, the tutor and `assess`.
 * Skills never rated are not weak: the learner has not said.
 */
export function weakSkillSteps(roadmap: Roadmap, progress: Progress): WeakSkill[] {
  const pack = packProgress(progress, roadmap.id);
  const weak: WeakSkill[] = [];
  for (const skill of roadmap.skills) {
    const latest = latestRating(pack, skill.id);
    if (!latest || latest.rating > WEAK_RATING) continue;
    const steps = skill.steps.flatMap((id): SkillStep[] => {
      const index = roadmap.steps.findIndex((step) => step.id === id);
      const step = roadmap.steps[index];
      return step ? [{ number: index + 1, id, title: step.title, status: stepStatusOf(pack, step) }] : [];
    });
    steps.sort((a, b) => a.number - b.number);
    const openSteps = steps.filter((step) => step.status === 'todo' || step.status === 'doing');
    weak.push({ skill, rating: latest.rating, ratedAt: latest.at, steps, openSteps });
  }
  return weak.sort((a, b) => a.rating - b.rating);
}

/**
 * Where to work on a weak skill: every step that teaches it, done or not, in roadmap order, each
 * saying whether it is done (a done step is worth revisiting: the learner still rates the skill
 * weak); a sentence when no step builds it.
 */
export function weakSkillAdvice(weak: WeakSkill): string[] {
  if (weak.steps.length === 0) return ['practise on a project'];
  const state: Record<Status, string> = { todo: '', doing: ' (in progress)', done: ' (done: revisit it)', skipped: ' (skipped)' };
  return weak.steps.map((step) => `${step.number}. ${step.title}${state[step.status]}`);
}
