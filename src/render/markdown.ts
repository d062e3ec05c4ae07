import { stripVTControlCharacters } from 'node:util';
import { renderCache } from './cache.js';
import { wrapLine } from './text.js';

export interface MarkdownOptions {
  /** Columns to wrap text at. */
  width: number;
  /** Keep colour codes; without, every escape sequence is removed. */
  color: boolean;
}

/** Set by the build (scripts/build.mjs) to a hash of everything the bundle is made of. */
declare const MLROADMAP_BUILD: string | undefined;

/**
 * What the rendering code is: the bundle's build and the Node.js version (`stripVTControlCharacters`
 * is Node's). Run unbundled (tests, a checkout without a build) there is none, and nothing is cached.
 */
const BUILD = typeof MLROADMAP_BUILD === 'string' ? `${MLROADMAP_BUILD} ${process.version}` : undefined;

/**
 * Renders markdown for the terminal with marked + marked-terminal. Both are imported here, on first
 * use, so commands that print no markdown never load them. With a render cache (see cache.ts), a text
 * rendered before with the same width, colour level and hyperlink support is returned from it.
 */
export async function renderMarkdown(markdown: string, options: MarkdownOptions): Promise<string> {
  const cache = BUILD === undefined ? undefined : renderCache();
  if (cache === undefined || BUILD === undefined) return render(markdown, options);
  const key = await cacheKey(markdown, options);
  const cached = cache.get(BUILD, key);
  if (cached !== undefined) return cached;
  const rendered = await render(markdown, options);
  cache.set(BUILD, key, rendered);
  return rendered;
}

/**
 * Everything the output depends on besides the code: the text, the options, the colour level of the
 * chalk marked-terminal styles with (set once by main.ts), whether it prints links as OSC 8
 * hyperlinks (supports-hyperlinks decides from the environment, the arguments and stdout), and the
 * colour level cli-highlight's own chalk 4 detects for code (supports-color 7).
 */
async function cacheKey(markdown: string, options: MarkdownOptions): Promise<string> {
  const [{ default: chalk }, { default: hyperlinks }, { default: supportsColor }] = await Promise.all([
    import('chalk'),
    import('supports-hyperlinks'),
    import('supports-color'),
  ]);
  const codeLevel = supportsColor.stdout ? supportsColor.stdout.level : 0;
  return JSON.stringify([options.width, options.color, chalk.level, hyperlinks.stdout, codeLevel, markdown]);
}

async function render(markdown: string, options: MarkdownOptions): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
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
  await loadHelpers({ code: needs.code && options.color, table: needs.table });
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
 * use the real module only once handed it (highlight.ts, stubs/table.ts). Hand over what the tokens
 * about to be rendered need. Unbundled, marked-terminal imports the real modules itself and this
 * changes nothing.
 */
async function loadHelpers(needs: { code: boolean; table: boolean }): Promise<void> {
  await Promise.all([
    // Both are CommonJS: bundled, only their default export (module.exports) is there, not named ones.
    needs.code &&
      Promise.all([import('cli-highlight'), import('./highlight.js')]).then(([{ default: cli }, { setHighlighter }]) =>
        setHighlighter(cli.highlight),
      ),
    needs.table &&
      Promise.all([import('cli-table3'), import('./stubs/table.js')]).then(([{ default: Table }, { setTable }]) => setTable(Table)),
  ]);
}
