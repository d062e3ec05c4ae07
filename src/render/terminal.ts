import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import { linkProblem } from '../content/links.js';
import type { MarkdownOptions } from './markdown.js';
import { sanitizeText } from './sanitize.js';
import { wrapLine } from './text.js';

/**
 * Renders markdown with marked + marked-terminal, styled at colour `level`. Loaded only when markdown
 * is rendered (and not served from the render cache). The build bundles this file apart from the rest
 * of the program, with its own copy of chalk: that chalk is set to `level` here, which is the level
 * main.ts decided for the program's chalk.
 */
export async function renderTerminal(markdown: string, options: MarkdownOptions, level: 0 | 1 | 2 | 3): Promise<string> {
  chalk.level = level;
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
  let highlighter: typeof import('./highlight.js') | undefined;
  marked.use({
    renderer: {
      // marked-terminal prints inline markdown inside tight list items raw (marked-terminal#304):
      // render a text token's inline children, and fall back to marked-terminal for plain text.
      // What validate refuses (content/links.ts), the renderer refuses too, for text no one validated:
      // such a link prints its words, never its target and never as an OSC 8 hyperlink.
      link(token) {
        if (linkProblem(token.href, token.text) === undefined) return false;
        return this.parser.parseInline(token.tokens);
      },
      text(token) {
        // A list item's source line breaks are soft: join them, and let `wrapLine` wrap the item to the width.
        return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens).replace(/\n/g, ' ') : false;
      },
      // marked-terminal would colour code with cli-highlight (highlight.js 10, which is past its end
      // of life, and every one of its languages); the build leaves cli-highlight out. Code is laid
      // out as marked-terminal lays it (indented by its tab, a blank line after) and coloured by
      // highlight.ts, or in marked-terminal's code colour in a language highlight.ts does not know.
      code(token) {
        const code = sanitizeText(token.text);
        const language = /^\S*/.exec(token.lang ?? '')?.[0] ?? '';
        const shown = level === 0 ? code : (highlighter?.highlightCode(code, language, chalk) ?? chalk.yellow(code));
        return `${shown && CODE_INDENT + shown.split('\n').join(`\n${CODE_INDENT}`)}\n\n`;
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
  [highlighter] = await Promise.all([needs.code && level > 0 ? import('./highlight.js') : undefined, needs.table && loadTable(level)]);
  // marked-terminal reflows paragraphs only; list items and headings can run past the width.
  const rendered = marked
    .parser(tokens)
    .replace(/\n+$/, '')
    .split('\n')
    .flatMap((line) => wrapLine(line, options.width))
    .join('\n');
  return options.color ? rendered : stripVTControlCharacters(rendered);
}

/** What marked-terminal indents code blocks by: its `tab` option, 2 above. */
const CODE_INDENT = '  ';

/**
 * The bundle gives marked-terminal a stand-in for cli-table3 (table drawing, with its colour and
 * string-width code), which uses the real module only once handed it (table.ts). Hand it over
 * when the markdown about to be rendered has a table. Unbundled, marked-terminal imports the real
 * module itself and this changes nothing.
 */
async function loadTable(level: 0 | 1 | 2 | 3): Promise<void> {
  // Both are CommonJS: bundled, only their default export (module.exports) is there, not named ones.
  const [{ default: Table }, { setTable }, { default: colors }] = await Promise.all([
    import('cli-table3'),
    import('./table.js'),
    import('@colors/colors/safe.js'),
  ]);
  setTable(Table);
  // cli-table3 colours borders and headings with @colors/colors, which decides for itself from
  // the environment (CI, TERM, FORCE_COLOR, whether stdout is a TTY). Give it the decision
  // main.ts made, so a table is coloured exactly when the rest of the page is.
  if (level > 0) colors.enable();
  else colors.disable();
}
