/** `count` and the word, made plural unless it is 1: "1 note", "3 notes", "2 entries". */
export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

/**
 * The largest of `values`, or `floor` when there are none or all are smaller. A loop, not
 * `Math.max(...values)`: spreading passes each value as an argument, and an array of a few hundred
 * thousand items overflows the call stack.
 */
export function maxOf(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
