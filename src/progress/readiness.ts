import type { Roadmap, Step, Topic } from '../content/schema.js';
import { latestRating } from './assess.js';
import { exerciseStatusOf } from './exercises.js';
import { recallCount } from './history.js';
import { type PackProgress, topicCounts, topicStatusOf } from './model.js';
import { projectStanding } from './projects.js';
import { reviewsOf } from './review.js';

/**
 * The job-readiness report of `mlroadmap ready`: for each skill the guide says the job asks for,
 * what the learner has recorded (topics, exercises passed, how well its cards are remembered,
 * project milestones, their own rating) and the one next action that would move it most. Pure, and
 * reading only what progress records: it says what it cannot know rather than guessing.
 */

/** Fewer reviews of a skill's cards than this say nothing about how well it is remembered. */
export const MIN_REVIEWS_FOR_RETENTION = 10;

export interface SkillReadiness {
  id: string;
  title: string;
  topics: { done: number; total: number };
  exercises: { passed: number; total: number };
  /** Reviews of its cards seen before, and the share remembered; rate null below MIN_REVIEWS_FOR_RETENTION. */
  retention: { reviews: number; rate: number | null };
  /** Milestones done on the project briefs that practise its topics. */
  projects: { milestonesDone: number; milestonesTotal: number; started: number; briefs: number };
  /** The learner's latest self-rating, 1-5, or null. */
  rating: number | null;
  /** 0-100: topics 40%, exercises 25%, projects 20%, retention 15%; a part with nothing to measure is left out and the rest scaled. */
  score: number;
  /** What would move it most, in words, and the command that does it. */
  next: { action: string; command: string } | null;
  /** For the weakest skills: what "done" asks of the topics not yet done, which an interviewer will probe. */
  probes: string[];
}

export interface ReadinessReport {
  skills: SkillReadiness[];
  /** Ids of the weakest skills (lowest score first), at most two, none when every score is 100. */
  weakest: string[];
  /** What the report cannot know, said plainly. */
  unknown: string[];
}

const WEIGHTS = { topics: 40, exercises: 25, projects: 20, retention: 15 } as const;
const PROBES_PER_SKILL = 3;

interface Place {
  step: Step;
  topic: Topic;
  number: string;
}

export function readinessReport(roadmap: Roadmap, pack: PackProgress): ReadinessReport {
  const places = new Map<string, Place>();
  roadmap.steps.forEach((step, s) => {
    step.topics?.forEach((topic, t) => {
      places.set(topic.id, { step, topic, number: `${s + 1}.${t + 1}` });
    });
  });
  const reviews = reviewsOf(pack);
  const skills = roadmap.skills.map((skill): SkillReadiness => {
    const ids =
      skill.topics ?? roadmap.steps.flatMap((step) => (step.topics ?? []).filter((t) => t.skills.includes(skill.id)).map((t) => t.id));
    const mine = ids.flatMap((id) => {
      const place = places.get(id);
      return place && topicCounts(pack, place.step, place.topic) ? [place] : [];
    });
    const topicIds = new Set(mine.map((place) => place.topic.id));
    const open = mine.filter((place) => topicStatusOf(pack, place.step, place.topic.id) !== 'done');
    const exercises = (roadmap.exercises ?? []).filter((exercise) => topicIds.has(exercise.topic));
    const notPassed = exercises.filter((exercise) => exerciseStatusOf(pack, exercise.id) !== 'passed');
    let seen = 0;
    let remembered = 0;
    for (const card of roadmap.cards) {
      if (!topicIds.has(card.topic)) continue;
      const counts = recallCount(Object.hasOwn(reviews, card.id) ? reviews[card.id] : undefined);
      seen += counts.seen;
      remembered += counts.remembered;
    }
    const briefs = roadmap.projects.filter((project) => project.topics.some((id) => topicIds.has(id)));
    const standings = briefs.map((project) => ({ project, standing: projectStanding(pack, project) }));
    const milestonesDone = standings.reduce((sum, { standing }) => sum + standing.milestonesDone, 0);
    const milestonesTotal = standings.reduce((sum, { standing }) => sum + standing.milestonesTotal, 0);
    const rate = seen >= MIN_REVIEWS_FOR_RETENTION ? Math.round((remembered / seen) * 1000) / 1000 : null;

    // Only what there is to measure counts: a skill with no exercises is scored on the rest, not given them.
    const parts: { key: keyof typeof WEIGHTS; share: number }[] = [
      ...(mine.length === 0 ? [] : [{ key: 'topics' as const, share: (mine.length - open.length) / mine.length }]),
      ...(exercises.length === 0 ? [] : [{ key: 'exercises' as const, share: (exercises.length - notPassed.length) / exercises.length }]),
      ...(milestonesTotal === 0 ? [] : [{ key: 'projects' as const, share: milestonesDone / milestonesTotal }]),
      ...(rate === null ? [] : [{ key: 'retention' as const, share: rate }]),
    ];
    const weight = parts.reduce((sum, part) => sum + WEIGHTS[part.key], 0);
    const score = weight === 0 ? 0 : Math.round(parts.reduce((sum, part) => sum + WEIGHTS[part.key] * part.share, 0) / (weight / 100));

    // The next action: the part whose gap, weighted, is largest.
    const gaps = parts
      .map((part) => ({ key: part.key, gap: WEIGHTS[part.key] * (1 - part.share) }))
      .filter((part) => part.gap > 0)
      .sort((a, b) => b.gap - a.gap);
    const nextTopic = open[0];
    const nextExercise = notPassed[0];
    const nextProject = standings.find(({ standing }) => standing.state !== 'done');
    const actions: Record<keyof typeof WEIGHTS, SkillReadiness['next']> = {
      topics: nextTopic
        ? topicStatusOf(pack, nextTopic.step, nextTopic.topic.id) === 'todo'
          ? { action: `start ${nextTopic.number} ${nextTopic.topic.title}`, command: `mlroadmap mark ${nextTopic.number} doing` }
          : { action: `finish ${nextTopic.number} ${nextTopic.topic.title}`, command: `mlroadmap check ${nextTopic.number}` }
        : null,
      exercises: nextExercise
        ? { action: `pass the exercise ${nextExercise.title}`, command: `mlroadmap exercises check ${nextExercise.id}` }
        : null,
      projects: nextProject
        ? {
            action: `${nextProject.standing.state === 'not-started' ? 'start' : 'go on with'} the project ${nextProject.project.title}`,
            command: `mlroadmap project ${nextProject.project.id}`,
          }
        : null,
      retention: { action: 'review its cards: too many are forgotten', command: 'mlroadmap review' },
    };
    const next = gaps.map((gap) => actions[gap.key]).find((action) => action) ?? null;

    return {
      id: skill.id,
      title: skill.title,
      topics: { done: mine.length - open.length, total: mine.length },
      exercises: { passed: exercises.length - notPassed.length, total: exercises.length },
      retention: { reviews: seen, rate },
      projects: {
        milestonesDone,
        milestonesTotal,
        started: standings.filter(({ standing }) => standing.state !== 'not-started').length,
        briefs: briefs.length,
      },
      rating: latestRating(pack, skill.id)?.rating ?? null,
      score,
      next,
      probes: open.flatMap((place) => place.topic.done).slice(0, PROBES_PER_SKILL),
    };
  });
  const weakest = skills
    .filter((skill) => skill.score < 100)
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
    .slice(0, 2)
    .map((skill) => skill.id);
  for (const skill of skills) if (!weakest.includes(skill.id)) skill.probes = [];
  return {
    skills,
    weakest,
    unknown: [
      'work you did outside mlroadmap: it reads only what you have recorded here',
      'what your portfolio checks found: mlroadmap does not keep them (run mlroadmap portfolio check <folder>)',
      'how you explain your work under an interviewer’s questions: practise aloud (the last step’s interview topics)',
    ],
  };
}
