import type { Card, Roadmap, Step, Topic } from '../content/schema.js';
import { isRecord } from '../json.js';
import { type CardDigest, type CardsDigest, cardsDigestOf } from './digest.js';
import { gradesBetween } from './history.js';
import { type PackProgress, type Progress, packProgress, statusOf, topicStatusIn } from './model.js';
import {
  DEFAULT_DESIRED_RETENTION,
  GRADES,
  type Grade,
  MAX_DESIRED_RETENTION,
  MAX_NEW_CARDS_PER_DAY,
  MIN_DESIRED_RETENTION,
  SCHEDULE_BOUNDS,
  type ScheduledState,
  type ScheduleNumber,
} from './records.js';

export {
  DEFAULT_DESIRED_RETENTION,
  GRADES,
  type Grade,
  MAX_DESIRED_RETENTION,
  MAX_NEW_CARDS_PER_DAY,
  MIN_DESIRED_RETENTION,
  type ScheduledState,
};

/**
 * Spaced review: the learner's deck of cards (content/cards.yaml) and when each comes back.
 *
 * In the progress file, under the pack, keyed by card id so that content changes never lose it:
 *
 *   "reviews": {
 *     "<card id>": {
 *       "added": "<ISO time, when the learner asked for the card before its topic was started>",
 *       "log": [{ "at": "<ISO time>", "grade": "again" | "hard" | "good" | "easy" }],
 *       "schedule": { "due": "<ISO time>", "state": "learning" | "review" | "relearning", "stability": n,
 *                     "difficulty": n, "scheduledDays": n, "learningSteps": n, "reps": n, "lapses": n,
 *                     "lastReview": "<ISO time>" }
 *     }
 *   },
 *   "settings": { "newCardsPerDay": <0-1000>, "desiredRetention": <0.70-0.97, FSRS's requested retention; 0.9 when absent> }
 *
 * The log is the learner's history, oldest first. `schedule` is what FSRS (ts-fsrs, the algorithm Anki
 * uses) made of it after the last grade; it is kept so that listing the deck needs no scheduler. A
 * card is in the deck when its topic is in progress or done, or when the learner added it; a card
 * in the deck without a schedule is new. Records of cards the content no longer has are kept as
 * they are, and count for nothing.
 */

export const GRADE_WORDS: Record<Grade, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

export type CardState = 'new' | 'learning' | 'review' | 'relearning';

export interface CardSchedule {
  due: string;
  state: ScheduledState;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: string;
}

export interface ReviewRecord {
  added?: string;
  log: { at: string; grade: Grade }[];
  schedule?: CardSchedule;
}

/** New cards a day unless the learner says otherwise: about ten minutes of new material. */
export const DEFAULT_NEW_CARDS_PER_DAY = 10;
/**
 * A card in learning that comes back within this long is shown in the same session, as Anki does,
 * so a card graded Again is seen again before the session ends.
 */
export const LEARN_AHEAD_MS = 20 * 60_000;

export function newCardsPerDay(pack: PackProgress): number {
  const settings = pack.settings;
  const value = isRecord(settings) ? settings.newCardsPerDay : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_NEW_CARDS_PER_DAY;
}

/** Returns a copy of `progress` with the new-card limit saved. */
export function setNewCardsPerDay(progress: Progress, packId: string, count: number): Progress {
  const pack = packProgress(progress, packId);
  const settings = { ...(isRecord(pack.settings) ? pack.settings : {}), newCardsPerDay: count };
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, settings } } };
}

/** The retention FSRS schedules for: the learner's setting, or 0.9. */
export function desiredRetention(pack: PackProgress): number {
  const value = isRecord(pack.settings) ? pack.settings.desiredRetention : undefined;
  return typeof value === 'number' && value >= MIN_DESIRED_RETENTION && value <= MAX_DESIRED_RETENTION ? value : DEFAULT_DESIRED_RETENTION;
}

/** Returns a copy of `progress` with the desired retention saved. */
export function setDesiredRetention(progress: Progress, packId: string, retention: number): Progress {
  const pack = packProgress(progress, packId);
  const settings = { ...(isRecord(pack.settings) ? pack.settings : {}), desiredRetention: retention };
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, settings } } };
}

/**
 * FSRS-6's default forgetting-curve decay (ts-fsrs' FSRS6_DEFAULT_DECAY, w[20]): with it, a card of
 * stability S comes back after S * (r^(-1/decay) - 1) / (0.9^(-1/decay) - 1) days for retention r, so
 * S days at 0.9. A test holds it to ts-fsrs' own interval modifier.
 */
export const FSRS_DECAY = 0.1542;

/** How much longer (above 1) or shorter than at 0.9 a card's interval is at retention `r`. */
export function intervalFactor(retention: number): number {
  const power = -1 / FSRS_DECAY;
  return (retention ** power - 1) / (0.9 ** power - 1);
}

/**
 * About how many reviews a day the deck's scheduled cards cost once they settle, at `retention`:
 * each card comes back every stability x intervalFactor days (at least one). New cards not counted.
 */
export function reviewsPerDay(pack: PackProgress, retention: number): number {
  const factor = intervalFactor(retention);
  let perDay = 0;
  for (const card of cardsDigestOf(pack).cards) {
    const stability = card[3];
    if (stability !== null) perDay += 1 / Math.max(1, stability * factor);
  }
  return Math.round(perDay * 10) / 10;
}

export function reviewsOf(pack: PackProgress): Record<string, ReviewRecord> {
  return isRecord(pack.reviews) ? (pack.reviews as Record<string, ReviewRecord>) : {};
}

function recordOf(pack: PackProgress, cardId: string): ReviewRecord | undefined {
  const reviews = reviewsOf(pack);
  return Object.hasOwn(reviews, cardId) ? reviews[cardId] : undefined;
}

export interface DeckCard {
  card: Card;
  /** 1-based position of its topic, as the learner names it: "2.3". */
  topicNumber: string;
  topicTitle: string;
  state: CardState;
  /** When it is due; new cards have none. */
  due?: string;
  record?: ReviewRecord;
}

/** Where each topic is: its step, and its number. */
function topicIndex(roadmap: Roadmap): Map<string, { step: Step; number: string; title: string; order: number }> {
  const index = new Map<string, { step: Step; number: string; title: string; order: number }>();
  roadmap.steps.forEach((step, s) => {
    step.topics?.forEach((topic, t) => {
      index.set(topic.id, { step, number: `${s + 1}.${t + 1}`, title: topic.title, order: index.size });
    });
  });
  return index;
}

/**
 * The learner's deck, in the order new cards are introduced (the roadmap's, then the file's): each
 * card whose topic is in progress or done, or that the learner added, or that has been reviewed.
 */
export function deckOf(roadmap: Roadmap, pack: PackProgress): DeckCard[] {
  const topics = topicIndex(roadmap);
  const studiedTopic = studiedTopics(roadmap, pack);
  const deck: DeckCard[] = [];
  // Topics in roadmap order, each topic's cards in the file's order, wherever the file puts them:
  // gathered topic by topic (a card of no topic has no place), rather than sorted.
  const byTopic: Card[][] = Array.from({ length: topics.size }, () => []);
  for (const card of roadmap.cards) {
    const topic = topics.get(card.topic);
    if (topic) byTopic[topic.order]?.push(card);
  }
  for (const cards of byTopic) {
    const first = cards[0];
    const topic = first && topics.get(first.topic);
    if (!topic) continue;
    const studied = studiedTopic.get(first.topic) === true;
    for (const card of cards) {
      const record = recordOf(pack, card.id);
      if (!inDeck(record, studied)) continue;
      const schedule = record?.schedule;
      deck.push({
        card,
        topicNumber: topic.number,
        topicTitle: topic.title,
        state: schedule ? schedule.state : 'new',
        ...(schedule ? { due: schedule.due } : {}),
        ...(record ? { record } : {}),
      });
    }
  }
  return deck;
}

export interface ReviewStats {
  /** Cards in the deck. */
  total: number;
  /** Reviewed cards due now. */
  due: number;
  /** Cards in the deck never reviewed. */
  new: number;
  /** New cards a session would show today: the daily limit less those started today. */
  newToday: number;
  /** Cards in learning or relearning (short intervals). */
  learning: number;
  /** Cards in learning not due yet that come back within `LEARN_AHEAD_MS`, so a session shows them before it ends. */
  soon: number;
  /**
   * The cards a session would show now: `due`, `newToday` and `soon`, each card once. The one count
   * a learner reads: the menu's "Review (N due)", a session's "N to go" (the card shown included) and
   * "still waiting", the welcome's "N to review" and `review --stats`' "Due now".
   */
  waiting: number;
  /** Grades given today. */
  reviewedToday: number;
  /** Cards graded today, each once. */
  cardsReviewedToday: number;
  /** The earliest time a reviewed card not due yet comes due; undefined when none. */
  nextDue?: string;
  newCardsPerDay: number;
}

/** The learner's local day holding `now`, as [midnight, next midnight) in milliseconds. */
function localDayBounds(now: Date): [number, number] {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  return [start, new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime()];
}

/** The deck's counts at `now` ("today" is the learner's local day). */
export function reviewStats(roadmap: Roadmap, pack: PackProgress, now: Date): ReviewStats {
  const at = now.getTime();
  const limit = newCardsPerDay(pack);
  const [dayStart, dayEnd] = localDayBounds(now);
  // The cards' digest (digest.ts): a year's records are not parsed to count them.
  const digest = cardsDigestOf(pack);
  const today = gradedBetween(pack, digest, dayStart, dayEnd);
  // The deck counted card by card, without making it as deckOf does: the entries, objects
  // spread together, took a print command about half a millisecond, run once and cold. Each due time
  // is parsed once, and the next one found in one pass (a sort that parsed times in its comparison
  // took milliseconds over a year's deck).
  const records = new Map<string, CardDigest>();
  for (const card of digest.cards) records.set(card[0], card);
  const studied = studiedTopics(roadmap, pack);
  let total = 0;
  let fresh = 0;
  let learning = 0;
  let soon = 0;
  let due = 0;
  let nextDue: string | undefined;
  let nextAt = Number.POSITIVE_INFINITY;
  const cards = roadmap.cards;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i] as Card;
    const inTopic = studied.get(card.topic);
    if (inTopic === undefined) continue;
    const record = records.get(card.id);
    // In the deck: it has a record (reviewed or added), or its topic is under way or done.
    if (!record && !inTopic) continue;
    total++;
    const scheduledDue = record?.[1];
    if (scheduledDue === undefined || scheduledDue === null) {
      fresh++;
      continue;
    }
    const state = record?.[2];
    const inLearning = state === 'learning' || state === 'relearning';
    if (inLearning) learning++;
    // (A schedule says 'new' only in a file edited by hand, which deckOf counts as new too.)
    else if (state === 'new') fresh++;
    const when = Date.parse(scheduledDue);
    if (when <= at) due++;
    else {
      if (when < nextAt) {
        nextAt = when;
        nextDue = scheduledDue;
      }
      if (inLearning && when <= at + LEARN_AHEAD_MS) soon++;
    }
  }
  const newToday = Math.max(0, Math.min(fresh, limit - today.startedToday));
  return {
    total,
    due,
    new: fresh,
    newToday,
    learning,
    soon,
    waiting: due + newToday + soon,
    reviewedToday: today.reviewedToday,
    cardsReviewedToday: today.cardsReviewedToday,
    ...(nextDue ? { nextDue } : {}),
    newCardsPerDay: limit,
  };
}

/**
 * The grades given in [from, to) (ms), the cards they went to, and the cards first graded then: from
 * the digest's recent grades when the day began after they start (every grade of it is there), else
 * from each card's record.
 */
function gradedBetween(
  pack: PackProgress,
  digest: CardsDigest,
  from: number,
  to: number,
): { reviewedToday: number; cardsReviewedToday: number; startedToday: number } {
  if (digest.from === null || from >= digest.from) {
    const cards = new Set<string>();
    let reviewedToday = 0;
    // Indexed loops over a year's entries: see studylog.ts's activeDays.
    for (let i = 0; i < digest.recent.length; i++) {
      const recent = digest.recent[i] as [string, number];
      if (recent[1] < from || recent[1] >= to) continue;
      reviewedToday++;
      cards.add(recent[0]);
    }
    let startedToday = 0;
    for (let i = 0; i < digest.firsts.length; i++) {
      const at = (digest.firsts[i] as [string, number])[1];
      if (at >= from && at < to) startedToday++;
    }
    return { reviewedToday, cardsReviewedToday: cards.size, startedToday };
  }
  let reviewedToday = 0;
  let cardsReviewedToday = 0;
  let startedToday = 0;
  const records = reviewsOf(pack);
  for (const id of Object.keys(records)) {
    // From the card's summary when the store has one: the history is not read for a count.
    const today = gradesBetween(records[id], from, to);
    reviewedToday += today.count;
    if (today.count > 0) cardsReviewedToday++;
    if (today.first) startedToday++;
  }
  return { reviewedToday, cardsReviewedToday, startedToday };
}

/** Whether a card is in the learner's deck: it has a record (reviewed or added), or its topic is under way or done. */
function inDeck(record: ReviewRecord | undefined, studied: boolean): boolean {
  return Boolean(record) || studied;
}

/**
 * For each topic of the roadmap (by id, the last of a repeated id, as `topicIndex` has it), whether
 * its cards are in the deck without a record of their own: the topic is under way or done.
 */
function studiedTopics(roadmap: Roadmap, pack: PackProgress): Map<string, boolean> {
  const studied = new Map<string, boolean>();
  const steps = roadmap.steps;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s] as Step;
    const topics = step.topics ?? [];
    const marked = statusOf(pack, step.id);
    // Each topic at hand, as tallyTopics (model.ts) has it: topicStatusOf searches the step's topics for
    // its own, and its search's callback, called for each topic of each step, was enough for Node 24's
    // Maglev to compile it on a background thread, which the process waits for at exit.
    for (let t = 0; t < topics.length; t++) {
      const topic = topics[t] as Topic;
      const id = topic.id;
      const status = topicStatusIn(pack, id, topic.optional, marked);
      studied.set(id, status === 'doing' || status === 'done');
    }
  }
  return studied;
}

/** Cards to show now, in order: those due (the longest overdue first), then today's new cards. */
export function dueCards(roadmap: Roadmap, pack: PackProgress, now: Date): DeckCard[] {
  const deck = deckOf(roadmap, pack);
  const at = now.getTime();
  const due = deck
    .filter((entry) => entry.due !== undefined && Date.parse(entry.due) <= at)
    .sort((a, b) => Date.parse(a.due as string) - Date.parse(b.due as string));
  const fresh = deck.filter((entry) => entry.state === 'new').slice(0, reviewStats(roadmap, pack, now).newToday);
  return [...due, ...fresh];
}

/**
 * The next card of a session at `now`: one due now, else a new card while today's limit allows,
 * else a card in learning due within `LEARN_AHEAD_MS` (so Again comes back before the end).
 */
export function nextCard(roadmap: Roadmap, pack: PackProgress, now: Date): DeckCard | undefined {
  const queue = dueCards(roadmap, pack, now);
  return queue[0] ?? learningSoon(deckOf(roadmap, pack), now)[0];
}

/** Cards in learning not due at `now` but within `LEARN_AHEAD_MS` of it, the soonest first. */
function learningSoon(deck: readonly DeckCard[], now: Date): DeckCard[] {
  const at = now.getTime();
  return deck
    .filter((entry) => (entry.state === 'learning' || entry.state === 'relearning') && entry.due !== undefined)
    .filter((entry) => Date.parse(entry.due as string) > at && Date.parse(entry.due as string) <= at + LEARN_AHEAD_MS)
    .sort((a, b) => Date.parse(a.due as string) - Date.parse(b.due as string));
}

/** Cards of `topicIds` that starting those topics adds to the deck: not in it yet. */
export function cardsJoining(roadmap: Roadmap, pack: PackProgress, topicIds: readonly string[]): Card[] {
  const inDeck = new Set(deckOf(roadmap, pack).map((entry) => entry.card.id));
  return roadmap.cards.filter((card) => topicIds.includes(card.topic) && !inDeck.has(card.id));
}

/** Adds cards to the deck ahead of their topic (`review --add`): a record with `added` and no history. */
export function addCards(progress: Progress, packId: string, cardIds: readonly string[], now: Date): Progress {
  const pack = packProgress(progress, packId);
  const reviews = { ...reviewsOf(pack) };
  for (const id of cardIds) {
    if (!Object.hasOwn(reviews, id)) reviews[id] = { added: now.toISOString(), log: [] };
  }
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, reviews } } };
}

/** The scheduler, loaded only by what grades: listing the deck never needs it. */
export interface Scheduler {
  /** When the card would next be due after each grade, at `now`. */
  preview(schedule: CardSchedule | undefined, now: Date): Record<Grade, CardSchedule>;
}

/**
 * FSRS through ts-fsrs, with its default parameters, interval fuzz (as Anki) and the learner's desired
 * retention, loaded on first use. Parameters are not optimised from the learner's history: ts-fsrs'
 * optimiser (@open-spaced-repetition/binding) is a native module installed per platform through
 * optional dependencies, which the bundled, dependency-free package cannot carry.
 */
export async function loadScheduler(retention = DEFAULT_DESIRED_RETENTION): Promise<Scheduler> {
  return (await loadSchedulers())(retention);
}

/** Schedulers at any retention (see `loadScheduler`), ts-fsrs loaded once: a merge replays each pack at its own. */
export async function loadSchedulers(): Promise<(retention: number) => Scheduler> {
  const fsrsModule = await import('ts-fsrs');
  return (retention) => schedulerAt(fsrsModule, retention);
}

function schedulerAt(fsrsModule: typeof import('ts-fsrs'), retention: number): Scheduler {
  const { fsrs, createEmptyCard, Rating, State } = fsrsModule;
  const scheduler = fsrs({ enable_fuzz: true, request_retention: retention });
  const states: Record<number, ScheduledState> = {
    [State.Learning]: 'learning',
    [State.Review]: 'review',
    [State.Relearning]: 'relearning',
  };
  const fsrsState = { learning: State.Learning, review: State.Review, relearning: State.Relearning } as const;
  const ratings = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;
  return {
    preview(schedule, now) {
      const bounded = (key: ScheduleNumber) => fitSchedule(key, schedule?.[key]);
      const card = schedule
        ? {
            due: new Date(schedule.due),
            stability: bounded('stability'),
            difficulty: bounded('difficulty'),
            elapsed_days: 0,
            scheduled_days: bounded('scheduledDays'),
            learning_steps: bounded('learningSteps'),
            reps: bounded('reps'),
            lapses: bounded('lapses'),
            state: fsrsState[schedule.state],
            // A review saved "later" than now (the clock was ahead then, or is behind now) counts as
            // made now: FSRS refuses a negative time since the last review ("Invalid delta_t").
            last_review: new Date(Math.min(Date.parse(schedule.lastReview), now.getTime())),
          }
        : createEmptyCard(now);
      const options = scheduler.repeat(card, now);
      const result = {} as Record<Grade, CardSchedule>;
      for (const grade of GRADES) {
        const next = options[ratings[grade]].card;
        result[grade] = {
          due: next.due.toISOString(),
          state: states[next.state] ?? 'review',
          stability: fitSchedule('stability', next.stability),
          difficulty: fitSchedule('difficulty', next.difficulty),
          scheduledDays: fitSchedule('scheduledDays', next.scheduled_days),
          learningSteps: fitSchedule('learningSteps', next.learning_steps),
          reps: fitSchedule('reps', next.reps),
          lapses: fitSchedule('lapses', next.lapses),
          lastReview: now.toISOString(),
        };
      }
      return result;
    },
  };
}

/**
 * A schedule's number brought inside `SCHEDULE_BOUNDS`, as the scheduler is handed it and as it is
 * saved: the progress check refuses a file with one outside, so this changes nothing a checked file
 * holds; it keeps a count at its ceiling from growing past what the check accepts.
 */
function fitSchedule(key: ScheduleNumber, value: number | undefined): number {
  const bounds = SCHEDULE_BOUNDS[key];
  const number = typeof value === 'number' && Number.isFinite(value) ? value : bounds.min;
  const fitted = Math.min(bounds.max, Math.max(bounds.min, number));
  return bounds.integer ? Math.floor(fitted) : fitted;
}

/**
 * Returns a copy of `progress` with a grade given to a card at `now`: the grade added to its log, its
 * schedule what FSRS makes of the schedule saved in `progress` (not one read earlier, so a grade
 * given in another window at the same time is built on, not overwritten).
 */
export function recordGrade(progress: Progress, packId: string, cardId: string, grade: Grade, now: Date, scheduler: Scheduler): Progress {
  const pack = packProgress(progress, packId);
  const reviews = { ...reviewsOf(pack) };
  const record = Object.hasOwn(reviews, cardId) ? (reviews[cardId] as ReviewRecord) : { log: [] };
  const schedule = scheduler.preview(record.schedule, now)[grade];
  reviews[cardId] = { ...record, log: [...record.log, { at: now.toISOString(), grade }], schedule };
  return { ...progress, packs: { ...progress.packs, [packId]: { ...pack, reviews } } };
}

/** How long until `due` from `now`, in words for a grade button: "1 min", "10 min", "3 days", "2.5 months". */
export function describeInterval(from: Date, due: string): string {
  const ms = Math.max(0, Date.parse(due) - from.getTime());
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 31) return days === 1 ? '1 day' : `${days} days`;
  const months = Math.round((days / 30.44) * 10) / 10;
  if (months < 12) return `${months} months`;
  return `${Math.round((days / 365.25) * 10) / 10} years`;
}
