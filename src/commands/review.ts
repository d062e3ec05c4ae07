import { CARD_OUTLINE, type CommandSpec, type Output, STEP_OUTLINE } from '../command.js';
import { quote, resolveTarget } from '../content/lookup.js';
import type { Card } from '../content/schema.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { listOptions } from '../output.js';
import { cardsDigestOf } from '../progress/digest.js';
import { logCount } from '../progress/history.js';
import { type PackProgress, packProgress } from '../progress/model.js';
import {
  addCards,
  DEFAULT_DESIRED_RETENTION,
  DEFAULT_NEW_CARDS_PER_DAY,
  deckOf,
  describeInterval,
  desiredRetention,
  MAX_DESIRED_RETENTION,
  MAX_NEW_CARDS_PER_DAY,
  MIN_DESIRED_RETENTION,
  newCardsPerDay,
  reviewStats,
  reviewsPerDay,
  setDesiredRetention,
  setNewCardsPerDay,
} from '../progress/review.js';
import { renderRows } from '../render/text.js';
import { localTime } from '../render/time.js';
import { plural } from '../words.js';

/**
 * `mlroadmap review`: spaced review of the cards of the topics the learner has started or done,
 * scheduled with FSRS. On a terminal, a session of the cards due now; `--stats` and `--list` (with
 * `--json`) say what is due for scripts; `--add` puts a topic's cards in the deck before the topic is
 * started; `--new-per-day` sets how many new cards a day may bring.
 */
export const command: CommandSpec = {
  name: 'review',
  group: 'Tutor',
  summary: 'review the cards due today (spaced repetition), or see what is due',
  options: [
    { flags: '--stats', description: 'count the cards: due now, new, in learning, reviewed today, and when the next is due' },
    { flags: '--list', description: "list the deck: each card's id, topic, state and when it is due" },
    { flags: '--json', description: 'print JSON for scripts (the counts, or with --list the cards)', implies: { stats: true } },
    {
      flags: '--add <topic...>',
      description: "add a topic's cards (2.3, a step number, an id) or one card by its id to your deck",
      completes: 'step',
    },
    {
      flags: '--retention <r>',
      description: `the share of cards you want to remember when they come back (${MIN_DESIRED_RETENTION}-${MAX_DESIRED_RETENTION}, default ${DEFAULT_DESIRED_RETENTION}): higher means more reviews`,
      completes: 'none',
    },
    {
      flags: '--new-per-day <n>',
      description: `how many new cards a day may bring (0-${MAX_NEW_CARDS_PER_DAY}, default ${DEFAULT_NEW_CARDS_PER_DAY})`,
      completes: 'none',
    },
  ],
  examples: [
    'mlroadmap review',
    'mlroadmap review --stats',
    'mlroadmap review --list --json',
    'mlroadmap review --add 1.2',
    'mlroadmap review --new-per-day 20',
    'mlroadmap review --retention 0.85',
  ],
  // The counts and the list for scripts; a session, and the changes, are the whole program's.
  fast: { content: [STEP_OUTLINE, CARD_OUTLINE], onlyWith: ['stats', 'list'] },
  async run(ctx, { options }) {
    // One thing at a time: a second would be silently left undone.
    const asked = (
      [
        ['newPerDay', '--new-per-day'],
        ['retention', '--retention'],
        ['add', '--add'],
        ['list', '--list'],
        ['stats', '--stats'],
      ] as const
    )
      // --json implies --stats (the counts, unless --list asks for the cards): only --stats given alone counts here.
      .filter(([key]) => options[key] !== undefined && options[key] !== false && !(key === 'stats' && options.json === true));
    if (asked.length > 1) throw new UsageError(`give one of ${asked.map(([, flag]) => flag).join(', ')} at a time`);
    if (options.newPerDay !== undefined) return setLimit(ctx, options.newPerDay as string);
    if (options.retention !== undefined) return setRetention(ctx, options.retention as string);
    if (options.add !== undefined) return add(ctx, options.add as string[]);
    if (options.list) return list(ctx);
    if (options.stats) return stats(ctx);
    if (!ctx.interactive) {
      throw new UsageError(
        "a review session shows cards and waits for your grades, so it needs a terminal; for scripts use 'mlroadmap review --stats' or 'mlroadmap review --list --json'",
      );
    }
    const { runReview } = await import('../tutor/review.js');
    await runReview(ctx);
    return undefined;
  },
};

function stats(ctx: Context): Output {
  const now = ctx.now();
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  const result = reviewStats(ctx.roadmap, pack, now);
  const retention = desiredRetention(pack);
  const data = {
    total: result.total,
    due: result.due,
    new: result.new,
    newToday: result.newToday,
    learning: result.learning,
    soon: result.soon,
    waiting: result.waiting,
    reviewedToday: result.reviewedToday,
    cardsReviewedToday: result.cardsReviewedToday,
    nextDue: result.nextDue ?? null,
    newCardsPerDay: result.newCardsPerDay,
    desiredRetention: retention,
    reviewsPerDay: reviewsPerDay(pack, retention),
  };
  const text = () => {
    if (result.total === 0)
      return 'Your deck is empty: cards join it when you start a topic (mlroadmap mark 1.1 doing) or with mlroadmap review --add 1.1.';
    // What a session would show now: the count the tutor's "Review (N due)" gives.
    const parts = [`${result.due} due`, `${result.newToday} new`, ...(result.soon > 0 ? [`${result.soon} back within minutes`] : [])];
    const reviewed =
      result.reviewedToday === result.cardsReviewedToday
        ? plural(result.cardsReviewedToday, 'card')
        : `${plural(result.cardsReviewedToday, 'card')} (${plural(result.reviewedToday, 'review')})`;
    const rows: [string, string][] = [
      ['To review now', `${result.waiting} (${parts.join(', ')})`],
      ['In your deck', `${result.total} (${result.new} not seen yet, ${result.learning} in learning)`],
      ['Reviewed today', reviewed],
      [
        'Next due',
        result.nextDue ? `${localTime(result.nextDue)} (in ${describeInterval(now, result.nextDue)})` : result.due > 0 ? 'now' : '-',
      ],
      ['New cards a day', String(result.newCardsPerDay)],
      ['Desired retention', describeRetention(pack, retention)],
    ];
    return renderRows(rows, listOptions(ctx), 'Review');
  };
  return { data, text };
}

function list(ctx: Context): Output {
  const now = ctx.now().getTime();
  const deck = deckOf(ctx.roadmap, packProgress(ctx.store.read(), ctx.roadmap.id));
  const data = deck.map((entry) => ({
    id: entry.card.id,
    topic: entry.card.topic,
    topicNumber: entry.topicNumber,
    kind: entry.card.kind,
    state: entry.state,
    due: entry.due ?? null,
    reviews: logCount(entry.record),
  }));
  const text = () => {
    if (deck.length === 0) return ctx.tty ? 'Your deck is empty (see mlroadmap review --help).' : '';
    const rows = deck.map((entry): [string, string] => {
      const when = entry.due === undefined ? 'new' : Date.parse(entry.due) <= now ? 'due now' : `due ${localTime(entry.due)}`;
      return [entry.card.id, `${entry.topicNumber} · ${entry.state} · ${when}`];
    });
    return renderRows(rows, listOptions(ctx), `Your deck: ${plural(deck.length, 'card')}`);
  };
  return { data, text };
}

async function add(ctx: Context, inputs: string[]): Promise<Output> {
  const cards: Card[] = [];
  for (const input of inputs) {
    const byId = ctx.roadmap.cards.find((card) => card.id === input.trim().toLowerCase());
    if (byId) {
      cards.push(byId);
      continue;
    }
    const target = resolveTarget(ctx.roadmap, input);
    const topics = target.kind === 'topic' ? [target.topic.id] : (target.step.topics ?? []).map((topic) => topic.id);
    const found = ctx.roadmap.cards.filter((card) => topics.includes(card.topic));
    if (found.length === 0) throw new UserError(`${quote(input)} has no review cards; nothing was added`);
    for (const card of found) cards.push(card);
  }
  const ids = [...new Set(cards.map((card) => card.id))];
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  // The deck holds every card with a record, so a card not in it has none: adding it is new.
  const inDeck = new Set(deckOf(ctx.roadmap, pack).map((entry) => entry.card.id));
  const added = ids.filter((id) => !inDeck.has(id));
  await ctx.store.update((current) => addCards(current, ctx.roadmap.id, added, ctx.now()));
  const already = ids.length - added.length;
  const limit = newCardsPerDay(pack);
  const text =
    added.length === 0
      ? `${already === 1 ? 'That card is' : `All ${already} cards are`} in your deck already.`
      : `Added ${plural(added.length, 'card')} to your deck${already > 0 ? ` (${already} were in it already)` : ''}; new cards come ${limit} a day in mlroadmap review.`;
  return { data: { added, named: ids }, text };
}

async function setLimit(ctx: Context, input: string): Promise<Output> {
  const trimmed = input.trim();
  const count = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || count > MAX_NEW_CARDS_PER_DAY)
    throw new UsageError(`--new-per-day takes a whole number from 0 to ${MAX_NEW_CARDS_PER_DAY}; got ${quote(input)}`);
  await ctx.store.update((current) => setNewCardsPerDay(current, ctx.roadmap.id, count));
  const text =
    count === 0 ? 'Saved: no new cards; reviews of the cards you have seen go on.' : `Saved: up to ${plural(count, 'new card')} a day.`;
  return { data: { newCardsPerDay: count }, text };
}

/**
 * The retention in words and what it costs: "90% (the default): about 6.2 reviews a day at your deck
 * now; 85% would be about 4.1, 95% about 12.4".
 */
function describeRetention(pack: PackProgress, retention: number): string {
  const percent = (r: number) => `${Math.round(r * 100)}%`;
  const now = `${percent(retention)}${retention === DEFAULT_DESIRED_RETENTION ? ' (the default)' : ''}`;
  if (!cardsDigestOf(pack).cards.some((card) => card[1] !== null)) return `${now}; what it costs shows once you have reviewed cards`;
  const others = [0.85, 0.9, 0.95].filter((r) => r !== retention).map((r) => `${percent(r)} would be about ${reviewsPerDay(pack, r)}`);
  return `${now}: about ${reviewsPerDay(pack, retention)} reviews a day at your deck now; ${others.join(', ')}`;
}

async function setRetention(ctx: Context, input: string): Promise<Output> {
  const trimmed = input.trim();
  const value = trimmed.endsWith('%') ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value) || value < MIN_DESIRED_RETENTION || value > MAX_DESIRED_RETENTION)
    throw new UsageError(
      `--retention takes a share from ${MIN_DESIRED_RETENTION} to ${MAX_DESIRED_RETENTION} (or ${MIN_DESIRED_RETENTION * 100}% to ${MAX_DESIRED_RETENTION * 100}%); got ${quote(input)}`,
    );
  const retention = Math.round(value * 1000) / 1000;
  const progress = await ctx.store.update((current) => setDesiredRetention(current, ctx.roadmap.id, retention));
  const pack = packProgress(progress, ctx.roadmap.id);
  return {
    data: { desiredRetention: retention, reviewsPerDay: reviewsPerDay(pack, retention) },
    text: `Saved: desired retention ${describeRetention(pack, retention)}. A card's next date follows it from its next review on.`,
  };
}
