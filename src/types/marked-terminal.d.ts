// @types/marked-terminal pins an old marked and does not compile against marked 18 (see LIBRARIES.md).
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked';
  export function markedTerminal(options?: Record<string, unknown>, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
