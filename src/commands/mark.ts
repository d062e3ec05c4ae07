import { quote, suggest } from '../content/lookup.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { STATUSES, type Status } from '../progress/model.js';
import { markSteps } from './check.js';

/** Other words a learner may type for a status. */
const ALIASES: Record<string, Status> = {
  'to-do': 'todo',
  open: 'todo',
  'in-progress': 'doing',
  started: 'doing',
  start: 'doing',
  finished: 'done',
  complete: 'done',
  skip: 'skipped',
};

/** Reads a status word; throws a `UsageError` listing the valid ones. */
export function parseStatus(input: string): Status {
  const word = input
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if ((STATUSES as readonly string[]).includes(word)) return word as Status;
  const alias = Object.hasOwn(ALIASES, word) ? ALIASES[word] : undefined;
  if (alias) return alias;
  const close = suggest(word, STATUSES);
  const hint = close.length > 0 ? ` (did you mean ${close[0]}?)` : '';
  throw new UsageError(`unknown status ${quote(input)}: use one of ${STATUSES.join(', ')}${hint}`);
}

function isStatus(input: string): boolean {
  try {
    parseStatus(input);
    return true;
  } catch {
    return false;
  }
}

/**
 * `mlroadmap mark <step> <status>`: sets one step to todo, doing, done or skipped. The status is
 * checked first, so a bad one is a usage error whatever the step; `mark done 3` is read as `mark 3 done`.
 */
export async function markStep(ctx: Context, step: string, status: string): Promise<void> {
  const [stepInput, statusInput] = isStatus(step) && !isStatus(status) ? [status, step] : [step, status];
  await markSteps(ctx, [stepInput], parseStatus(statusInput));
}
