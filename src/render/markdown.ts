import { stripVTControlCharacters } from 'node:util';
import { wrapLine } from './text.js';

export interface MarkdownOptions {
  /** Columns to wrap text at. */
  width: number;
  /** Keep colour codes; without, every escape sequence is removed. */
  color: boolean;
}

/**
 * Renders markdown for the terminal with marked + marked-terminal. Both are imported here, on first
 * use, so commands that print no markdown never load them.
 */
export async function renderMarkdown(markdown: string, options: MarkdownOptions): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  if (hasCode(markdown) && options.color) {
    const [{ highlight }, { setHighlighter }] = await Promise.all([import('cli-highlight'), import('./highlight.js')]);
    setHighlighter(highlight);
  }
  const marked = new Marked();
  marked.use(markedTerminal({ width: options.width, reflowText: true, showSectionPrefix: false, tab: 2, emoji: false }) as never);
  // marked-terminal prints inline markdown inside tight list items raw (marked-terminal#304):
  // render a text token's inline children, and fall back to marked-terminal for plain text.
  marked.use({
    renderer: {
      text(token) {
        // A list item's source line breaks are soft: join them, and let `wrapLine` wrap the item to the width.
        return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens).replace(/\n/g, ' ') : false;
      },
    },
  });
  // marked-terminal reflows paragraphs only; list items and headings can run past the width.
  const rendered = (marked.parse(markdown, { async: false }) as string)
    .replace(/\n+$/, '')
    .split('\n')
    .flatMap((line) => wrapLine(line, options.width))
    .join('\n');
  return options.color ? rendered : stripVTControlCharacters(rendered);
}

/** Fenced or indented code: the only markdown marked-terminal highlights. */
function hasCode(markdown: string): boolean {
  return /^ {0,3}(```|~~~)|^(?: {4}|\t)\S/m.test(markdown);
}
