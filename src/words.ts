/** `count` and the word, made plural unless it is 1: "1 note", "3 notes", "2 entries". */
export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}
