import { UserError } from '../errors.js';
import type { Roadmap, Step, Topic } from './schema.js';

interface Item {
  id: string;
}

/** Edit distance between two strings (Levenshtein), for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The edit distance from `input` to the closest beginning of `candidate` of about the same length. */
function prefixDistance(input: string, candidate: string): number {
  return Math.min(
    editDistance(input, candidate.slice(0, input.length - 1)),
    editDistance(input, candidate.slice(0, input.length)),
    editDistance(input, candidate.slice(0, input.length + 1)),
  );
}

/** The candidates close enough to `input` to be a likely typo, closest first. */
export function suggest(input: string, candidates: readonly string[]): string[] {
  const wanted = input.toLowerCase();
  if (wanted.length > 100) return [];
  // A typo of the whole id, or of its beginning ("pyton" for "python-and-math").
  return (
    candidates
      .map((candidate) => ({
        candidate,
        distance: Math.min(
          editDistance(wanted, candidate),
          wanted.length >= 3 ? prefixDistance(wanted, candidate) + 0.5 : Number.POSITIVE_INFINITY,
        ),
      }))
      // Two edits turn most short words into other short words ("nope" into "role"): allow one there.
      .filter(
        ({ candidate, distance }) =>
          distance <= (wanted.length <= 4 ? 1 : Math.max(2, Math.floor(Math.min(candidate.length, wanted.length) / 3))),
      )
      .sort((a, b) => a.distance - b.distance)
      .map(({ candidate }) => candidate)
  );
}

/** Shortens what the learner typed for an error message, so a huge argument cannot flood the terminal. */
export function quote(input: string): string {
  const clean = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return `"${clean.length > 60 ? `${clean.slice(0, 57)}...` : clean}"`;
}

/**
 * Finds an item by its 1-based number in `items`, its id, or an unambiguous id prefix.
 * `kind` names the items in errors ("step", "FAQ", ...); `listCommand` is where the learner sees them.
 */
export function resolveItem<T extends Item>(
  items: readonly T[],
  input: string,
  kind: string,
  listCommand: string,
  options: { prefix?: boolean } = {},
): T {
  const token = input.trim();
  if (/^[+-]?\d+$/.test(token)) {
    const n = Number(token);
    const item = items[n - 1];
    if (n >= 1 && item) return item;
    throw new UserError(
      `there is no ${kind} ${quote(token)}: ${kind} numbers go from 1 to ${items.length} (see 'mlroadmap ${listCommand}')`,
    );
  }
  const lower = token.toLowerCase();
  const exact = items.find((item) => item.id === lower);
  if (exact) return exact;
  if (options.prefix !== false && lower.length > 0) {
    const matches = items.filter((item) => item.id.startsWith(lower));
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) {
      throw new UserError(`${quote(token)} could mean more than one ${kind}: ${matches.map((m) => m.id).join(', ')}; type more of the id`);
    }
  }
  const ids = items.map((item) => item.id);
  const close = suggest(lower, ids);
  const hint = close.length > 0 ? `did you mean ${close.slice(0, 3).join(' or ')}?` : `valid ${kind} ids: ${ids.join(', ')}`;
  throw new UserError(`unknown ${kind} ${quote(token)}: ${hint} (see 'mlroadmap ${listCommand}')`);
}

/** `resolveItem` for each input, every one resolved before any is used, a repeated item once. */
export function resolveItems<T extends Item>(items: readonly T[], inputs: readonly string[], kind: string, listCommand: string): T[] {
  return [...new Set(inputs.map((input) => resolveItem(items, input, kind, listCommand)))];
}

/** What a learner can mark: a step, or one topic of a step. */
export type Target =
  | { kind: 'step'; step: Step; number: number }
  | { kind: 'topic'; step: Step; number: number; topic: Topic; topicNumber: number };

/**
 * Finds the step or topic a learner means: `3` is step 3, `2.3` topic 3 of step 2, an id or an
 * unambiguous start of one is a step or a topic (topic ids never equal step ids; a start that begins
 * a step's id names that step, so what named a step before topics existed still does). Throws a
 * `UserError` saying what exists when nothing or more than one thing matches.
 */
export function resolveTarget(roadmap: Roadmap, input: string): Target {
  const token = input.trim().toLowerCase();
  const numbered = /^(\d+)\.(\d+)$/.exec(token);
  if (numbered) {
    const step = resolveItem(roadmap.steps, numbered[1] as string, 'step', 'roadmap');
    const number = roadmap.steps.indexOf(step) + 1;
    const topics = step.topics ?? [];
    const topicNumber = Number(numbered[2]);
    const topic = topics[topicNumber - 1];
    if (!topic) {
      throw new UserError(
        topics.length === 0
          ? `step ${number} has no topics (see 'mlroadmap step ${number}')`
          : `there is no topic ${quote(input.trim())}: step ${number}'s topics go from ${number}.1 to ${number}.${topics.length} (see 'mlroadmap topics ${number}')`,
      );
    }
    return { kind: 'topic', step, number, topic, topicNumber };
  }
  const all = roadmap.steps.flatMap((step, index) => [
    { id: step.id, target: { kind: 'step', step, number: index + 1 } as Target },
    ...(step.topics ?? []).map((topic, t) => ({
      id: topic.id,
      target: { kind: 'topic', step, number: index + 1, topic, topicNumber: t + 1 } as Target,
    })),
  ]);
  if (/^[+-]?\d+$/.test(token)) {
    const step = resolveItem(roadmap.steps, token, 'step', 'roadmap');
    return { kind: 'step', step, number: roadmap.steps.indexOf(step) + 1 };
  }
  const exact = all.find((entry) => entry.id === token);
  if (exact) return exact.target;
  // A topic merged into another is still known by its old id (see `Topic.formerly`).
  const renamed = all.find((entry) => entry.target.kind === 'topic' && entry.target.topic.formerly?.includes(token));
  if (renamed) return renamed.target;
  // The start of an id names a step when it starts one (as before topics existed), else a topic.
  const starts = token === '' ? [] : all.filter((entry) => entry.id.startsWith(token));
  const steps = starts.filter((entry) => entry.target.kind === 'step');
  // Several steps, or a word close to a step's id: the messages resolveItem gives for steps.
  if (steps.length > 1) resolveItem(roadmap.steps, token, 'step', 'roadmap');
  const matches = steps.length > 0 ? steps : starts;
  if (
    matches.length === 0 &&
    suggest(
      token,
      roadmap.steps.map((step) => step.id),
    ).length > 0
  )
    resolveItem(roadmap.steps, token, 'step', 'roadmap');
  if (matches.length === 1 && matches[0]) return matches[0].target;
  if (matches.length > 1) {
    const shown = matches.slice(0, 6).map((m) => m.id);
    throw new UserError(
      `${quote(input.trim())} could mean more than one step or topic: ${shown.join(', ')}${matches.length > 6 ? ', ...' : ''}; type more of the id`,
    );
  }
  const close = suggest(
    token,
    all.map((entry) => entry.id),
  );
  const hint = close.length > 0 ? `did you mean ${close.slice(0, 3).join(' or ')}?` : 'give a step number, a topic such as 2.3, or an id';
  throw new UserError(`unknown step or topic ${quote(input.trim())}: ${hint} (see 'mlroadmap roadmap' and 'mlroadmap topics')`);
}
