/**
 * The names of a pack's files and folders, and the largest file it may have: what the loader, the
 * validator and the compiled-pack cache (cache.ts) share. A module of names alone, so that what reads
 * a compiled pack (the fast entry points, cached.ts) does not bring the validator along.
 */

/** The files a pack is made of, and the key each one fills in a `Roadmap`. */
export const PACK_FILES = {
  sections: 'sections.yaml',
  skills: 'skills.yaml',
  steps: 'roadmap.yaml',
  phases: 'phases.yaml',
  certifications: 'certifications.yaml',
  faqs: 'faqs.yaml',
  quizzes: 'quizzes.yaml',
  cards: 'cards.yaml',
  projects: 'projects.yaml',
} as const;
export const META_FILE = 'pack.yaml';

/** The folder of a pack that holds one folder per exercise. */
export const EXERCISES_FOLDER = 'exercises';

/** A pack file larger than this is refused: content is prose, not data dumps. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
