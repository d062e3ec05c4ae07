import type { Token, TokensList } from 'marked';

/**
 * The links a pack may hold, judged on marked's own tokens: what `validate` checks is what the
 * renderer would print, links in block quotes, lists and tables and reference definitions included
 * (a second, hand-written parser disagreed with marked about `<...>` destinations and definitions
 * inside a block quote). The renderer (render/terminal.ts) asks `linkProblem` of every link it is
 * about to print, so a text that was never validated shows the link's words and not its target.
 */

/** marked's lexer, loaded with marked (`loadLexer`) by whoever validates a pack. */
export type MarkdownLexer = (markdown: string) => TokensList;

/** marked's block lexer with the options the renderer uses (marked's defaults: GitHub-flavoured). */
export async function loadLexer(): Promise<MarkdownLexer> {
  const { Lexer } = await import('marked');
  return (markdown) => Lexer.lex(markdown);
}

/** Visible text that reads as an address: a learner takes it for where the link goes. */
const LOOKS_LIKE_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/\S*)?$/i;

/**
 * Why a link to `href` showing `text` may not be printed, or undefined: a link goes only to an http(s)
 * address with a host (not `javascript:`, `data:`, `file:`), and a link whose visible text is an
 * address goes to that address, so a pack cannot show `docs.python.org` and send the learner elsewhere.
 */
export function linkProblem(href: string, text: string | undefined): string | undefined {
  const url = href.trim();
  const shown = url.length > 60 ? `${url.slice(0, 57)}...` : url;
  if (!/^https?:\/\/[^\s/?#@]+/i.test(url) || /\s/.test(url)) return `a link must go to an https:// (or http://) address, not "${shown}"`;
  const label = text?.replace(/^[`*_~]+|[`*_~]+$/g, '').trim();
  if (label && LOOKS_LIKE_URL.test(label) && normalizeUrl(label) !== normalizeUrl(url)) {
    return `the link text "${label.slice(0, 60)}" is an address, but the link goes to "${shown}"`;
  }
  return undefined;
}

function normalizeUrl(url: string): string {
  return url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/**
 * What is wrong with the links in a piece of markdown, as marked reads it: every link token at any
 * depth (paragraphs, headings, block quotes, lists, tables, emphasis) and every reference definition
 * in the lexer's `links` map, whether or not a link uses it.
 */
export function linkProblems(markdown: string, lex: MarkdownLexer): string[] {
  const tokens = lex(markdown);
  const problems: string[] = [];
  for (const definition of Object.values(tokens.links ?? {})) {
    const problem = linkProblem(definition.href, undefined);
    if (problem) problems.push(problem);
  }
  // A stack, not recursion: nesting is as deep as the text makes it.
  const stack: Token[] = [...tokens].reverse();
  while (stack.length > 0) {
    const token = stack.pop() as Token;
    if (token.type === 'link' || token.type === 'def') {
      const problem = linkProblem(token.href, token.type === 'link' ? token.text : undefined);
      if (problem) problems.push(problem);
    }
    for (const child of childrenOf(token).reverse()) stack.push(child);
  }
  // A definition is both in the map and a token of its own: said once.
  return [...new Set(problems)];
}

/** The tokens inside a token: its inline or block children, a list's items, a table's cells. */
function childrenOf(token: Token): Token[] {
  const children: Token[] = [];
  const add = (list: readonly Token[] | undefined) => {
    for (const child of list ?? []) children.push(child);
  };
  if ('tokens' in token) add(token.tokens as Token[] | undefined);
  if (token.type === 'list') add(token.items as Token[]);
  if (token.type === 'table') {
    for (const cell of token.header as { tokens: Token[] }[]) add(cell.tokens);
    for (const row of token.rows as { tokens: Token[] }[][]) for (const cell of row) add(cell.tokens);
  }
  return children;
}
