/**
 * Stands in for `cli-highlight` inside the bundle (see scripts/build.mjs). cli-highlight loads every
 * highlight.js language, about 200 ms, so it is loaded only when the markdown has code in it;
 * until then this throws and marked-terminal falls back to its plain code style.
 */
type Highlighter = (code: string, options?: object) => string;

let loaded: Highlighter | undefined;

export function setHighlighter(highlighter: Highlighter): void {
  loaded = highlighter;
}

export function highlight(code: string, options?: object): string {
  if (!loaded) throw new Error('no highlighter loaded');
  return loaded(code, options);
}
