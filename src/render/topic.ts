import type { Status } from '../progress/model.js';
import { plural } from '../words.js';

/**
 * What changing a topic's status did, in a line the log command and the tutor both say: "Started
 * 1.1 Python basics: 4 review cards added to your deck." `cardsChange` is how the deck grew (or,
 * negative, shrank: a topic back to to-do takes its cards never reviewed with it).
 */
export function topicChangeLine(topic: string, status: Status, cardsChange: number): string {
  const did: Record<Status, string> = {
    doing: `Started ${topic}`,
    done: `Marked ${topic} as done`,
    todo: `${topic} is back to to-do`,
    skipped: `Skipped ${topic}`,
  };
  const cards =
    cardsChange > 0
      ? `: ${plural(cardsChange, 'review card')} added to your deck`
      : cardsChange < 0
        ? `: ${plural(-cardsChange, 'review card')} you had not reviewed left your deck`
        : '';
  return `${did[status]}${cards}.`;
}
