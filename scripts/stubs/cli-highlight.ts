// marked-terminal imports cli-highlight, which brings highlight.js 10 (past its end of life, every
// language: about 1 MB) and parse5, to colour code blocks. src/render/terminal.ts renders code
// blocks itself (with src/render/highlight.ts), so marked-terminal never calls this.
export function highlight(): never {
  throw new Error('cli-highlight is not bundled: src/render/terminal.ts renders code blocks');
}
