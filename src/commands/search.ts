import type { CommandSpec } from '../command.js';
import { quote } from '../content/lookup.js';
import { highlightWords, KIND_LABELS, queryTerms, type SearchResult, search, suggestWords } from '../content/search.js';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { sanitizeText } from '../render/sanitize.js';
import { truncate } from '../render/text.js';
import { maxOf } from '../words.js';

/**
 * `mlroadmap search <words...>`: finds sections (and their items), steps, topics, skills, phases,
 * certifications, FAQs and project briefs, an acronym and its expansion alike (acronyms.ts), best first, each with the words it matched shown in context.
 * Case, accents and a word's form do not matter, and a small typo is forgiven; nothing found is
 * exit 1, with the nearest words of the guide when a word looks misspelt.
 */
export const command: CommandSpec = {
  name: 'search',
  group: 'Learn',
  summary: 'search sections, steps, topics, skills, phases, certifications, FAQs and project briefs',
  arguments: [
    {
      name: 'words',
      description: 'words to look for (a word may be the start of a longer one: "stat" finds "statistics")',
      required: true,
      variadic: true,
      completes: 'none',
    },
  ],
  options: [{ flags: '--limit <n>', description: 'show at most n results (default 10)' }],
  json: true,
  fast: { content: [], searchIndex: true, progress: false },
  examples: ['mlroadmap search neural networks', 'mlroadmap search RAG', 'mlroadmap search house prices', 'mlroadmap search aws --json'],
  run(ctx, { args, options }) {
    const query = (args[0] as string[]).join(' ').trim();
    if (queryTerms(query).length === 0) {
      throw new UsageError(
        `give one or more words to search for, e.g. mlroadmap search neural networks${query ? ` (got ${quote(query)})` : ''}`,
      );
    }
    const limit = parseLimit(options.limit as string | undefined);
    // On a terminal the snippet sits under the title, indented past the widest kind label, with room for two "…".
    const snippetWidth = ctx.tty
      ? Math.max(
          30,
          ctx.width -
            maxOf(
              Object.values(KIND_LABELS).map((l) => l.length),
              0,
            ) -
            6,
        )
      : 100;
    const results = search(ctx.roadmap, query, { snippetWidth });
    if (results.length === 0) {
      return { data: [], error: new UserError(`nothing matches ${quote(query)}: ${noMatchHint(ctx, query)}`) };
    }
    const shown = results.slice(0, limit);
    return {
      data: shown.map(({ kind, id, title, score, snippet, command }) => ({ kind, id, title, score, snippet, command })),
      text: () => renderResults(ctx, query, results, shown),
    };
  },
};

function renderResults(ctx: Context, query: string, results: readonly SearchResult[], shown: readonly SearchResult[]): string {
  const kindWidth = maxOf(
    shown.map((r) => KIND_LABELS[r.kind].length),
    0,
  );
  if (!ctx.tty) {
    const idWidth = maxOf(
      shown.map((r) => r.id.length),
      0,
    );
    return shown
      .map((r) => `${KIND_LABELS[r.kind].padEnd(kindWidth)}  ${r.id.padEnd(idWidth)}  ${r.title} — ${clean(r.snippet)}`)
      .join('\n');
  }
  const { style } = ctx;
  const mark = (word: string) => style.bold.yellow(word);
  const more = results.length > shown.length ? `, showing the first ${shown.length} (more with --limit ${results.length})` : '';
  const lines = [style.bold(`${results.length} ${results.length === 1 ? 'result' : 'results'} for ${quote(query)}${more}`)];
  const indent = ' '.repeat(kindWidth + 4);
  for (const r of shown) {
    const matched = new Set(r.matched);
    const title = truncate(r.title, ctx.width - kindWidth - 4);
    lines.push('');
    lines.push(`  ${style.cyan(KIND_LABELS[r.kind].padEnd(kindWidth))}  ${style.bold(highlightWords(title, matched, mark))}`);
    lines.push(`${indent}${highlightWords(clean(r.snippet), matched, mark)}`);
    lines.push(`${indent}${style.dim(r.command)}`);
  }
  return lines.join('\n');
}

/** Content is ours, but packs can come from elsewhere (MLROADMAP_CONTENT): print it without escapes. */
function clean(text: string): string {
  return sanitizeText(text).replace(/\s+/g, ' ');
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 10;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) throw new UsageError(`--limit takes a whole number from 1; got ${quote(value)}`);
  return Number(trimmed);
}

/** The nearest words of the guide to one that matched nothing, else where to browse instead. */
function noMatchHint(ctx: Context, query: string): string {
  const close = suggestWords(ctx.roadmap, query);
  if (close.length > 0) return `did you mean ${close.map((word) => quote(word)).join(' or ')}? Or try other words`;
  return "try fewer or other words, or browse with 'mlroadmap sections', 'mlroadmap roadmap' and 'mlroadmap faq'";
}
