import { type CommandSpec, STEP_OUTLINE } from '../command.js';
import { quote, suggest } from '../content/lookup.js';
import { UsageError } from '../errors.js';
import { changeStatus } from '../output.js';
import { STATUSES, type Status } from '../progress/model.js';

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
export const command: CommandSpec = {
  name: 'mark',
  group: 'Track',
  summary: 'set a step or topic to todo, doing, done or skipped',
  arguments: [
    {
      name: 'step',
      description: "a step's number in 'mlroadmap roadmap', its id, or an unambiguous id prefix",
      required: true,
      completes: 'target',
    },
    { name: 'status', description: 'todo, doing, done or skipped', required: true, completes: 'status' },
  ],
  fast: { content: ['steps'], textContent: [STEP_OUTLINE] },
  examples: ['mlroadmap mark 3 doing', 'mlroadmap mark 2.3 done', 'mlroadmap mark python-and-math skipped'],
  async run(ctx, { args }) {
    const [first, second] = args as [string, string];
    const [stepInput, statusInput] = isStatus(first) && !isStatus(second) ? [second, first] : [first, second];
    return changeStatus(ctx, [stepInput], parseStatus(statusInput));
  },
};
