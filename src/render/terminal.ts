import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import type { MarkdownOptions } from './markdown.js';
import { wrapLine } from './text.js';

/**
 * Renders markdown with marked + marked-terminal, styled at colour `level`. Loaded only when markdown
 * is rendered (and not served from the render cache). The build bundles this file apart from the rest
 * of the program, with its own copy of chalk: that chalk is set to `level` here, which is the level
 * main.ts decided for the program's chalk.
 */
export async function renderTerminal(markdown: string, options: MarkdownOptions, level: 0 | 1 | 2 | 3): Promise<string> {
  chalk.level = level;
  // cli-highlight colours code with its own chalk 4, which takes its level from supports-color 7
  // (sniffing CI, TERM, FORCE_COLOR) when it is first imported, through marked-terminal unbundled or
  // loadHelpers bundled: give supports-color the level main.ts decided before either happens.
  const { default: supportsColor } = await import('supports-color');
  supportsColor.stdout = level === 0 ? false : { level };
  const [{ Marked }, { markedTerminal }, { default: supportsHyperlinks }] = await Promise.all([
    import('marked'),
    import('marked-terminal'),
    import('supports-hyperlinks'),
  ]);
  // marked-terminal asks supports-hyperlinks about stdout when it renders a link; answer with the
  // decision made once in main.ts, so without colour (where escape codes are stripped) or in a pipe
  // a link keeps its URL as text instead of losing it inside a stripped OSC 8 sequence.
  supportsHyperlinks.stdout = options.hyperlinks === true;
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
  // marked.parse is lexer then parser (marked-terminal adds no hooks): lex first, to load what the
  // tokens need before rendering them.
  const tokens = marked.lexer(markdown);
  const needs = { code: false, table: false };
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'code') needs.code = true;
    else if (token.type === 'table') needs.table = true;
  });
  // Without colour marked-terminal does not highlight code.
  await loadHelpers({ code: needs.code && options.color, table: needs.table, level });
  // marked-terminal reflows paragraphs only; list items and headings can run past the width.
  const rendered = marked
    .parser(tokens)
    .replace(/\n+$/, '')
    .split('\n')
    .flatMap((line) => wrapLine(line, options.width))
    .join('\n');
  return options.color ? rendered : stripVTControlCharacters(rendered);
}

/**
 * The bundle gives marked-terminal stand-ins for cli-highlight (about 200 ms to import: every
 * highlight.js language) and cli-table3 (table drawing, with its colour and string-width code), which
 * use the real module only once handed it (highlight.ts, table.ts). Hand over what the tokens
 * about to be rendered need. Unbundled, marked-terminal imports the real modules itself and this
 * changes nothing.
 */
async function loadHelpers(needs: { code: boolean; table: boolean; level: 0 | 1 | 2 | 3 }): Promise<void> {
  await Promise.all([
    // Both are CommonJS: bundled, only their default export (module.exports) is there, not named ones.
    needs.code &&
      Promise.all([import('cli-highlight'), import('./highlight.js')]).then(([{ default: cli }, { setHighlighter }]) =>
        setHighlighter(cli.highlight),
      ),
    needs.table &&
      Promise.all([import('cli-table3'), import('./table.js'), import('@colors/colors/safe.js')]).then(
        ([{ default: Table }, { setTable }, { default: colors }]) => {
          setTable(Table);
          // cli-table3 colours borders and headings with @colors/colors, which decides for itself from
          // the environment (CI, TERM, FORCE_COLOR, whether stdout is a TTY). Give it the decision
          // main.ts made, so a table is coloured exactly when the rest of the page is.
          if (needs.level > 0) colors.enable();
          else colors.disable();
        },
      ),
  ]);
}
