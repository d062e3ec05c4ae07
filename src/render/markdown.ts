import { renderCache } from './cache.js';

export interface MarkdownOptions {
  /** Columns to wrap text at. */
  width: number;
  /** Keep colour codes; without, every escape sequence is removed. */
  color: boolean;
  /** Print links as OSC 8 hyperlinks (decided once in main.ts); otherwise as "text (url)". */
  hyperlinks?: boolean;
  /** The colour level everything is styled at; chalk's own (set once by main.ts) when not given. */
  level?: 0 | 1 | 2 | 3;
}

/** The level to render at: the one given, else chalk's (imported only then). */
async function levelOf(options: MarkdownOptions): Promise<0 | 1 | 2 | 3> {
  return options.level ?? (await import('chalk')).default.level;
}

/** Set by the build (scripts/build.mjs) to a hash of everything the bundle is made of. */
declare const MLROADMAP_BUILD: string | undefined;

/**
 * What the rendering code is: the bundle's build and the Node.js version (`stripVTControlCharacters`
 * is Node's). Run unbundled (tests, a checkout without a build) there is none, and nothing is cached.
 */
const BUILD = typeof MLROADMAP_BUILD === 'string' ? `${MLROADMAP_BUILD} ${process.version}` : undefined;

/**
 * Renders markdown for the terminal with marked + marked-terminal (terminal.ts, imported on first
 * use, so commands that print no markdown never load them). With a render cache (see cache.ts), a
 * text rendered before with the same width, colour level and hyperlink support is returned from it.
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
 * Everything the output depends on besides the code: the text, the options, the colour level
 * everything is styled at (set once by main.ts, and handed to cli-highlight and cli-table3 too) and
 * whether it prints links as OSC 8 hyperlinks (decided in main.ts).
 */
async function cacheKey(markdown: string, options: MarkdownOptions): Promise<string> {
  return JSON.stringify([options.width, options.color, await levelOf(options), options.hyperlinks === true, markdown]);
}

async function render(markdown: string, options: MarkdownOptions): Promise<string> {
  const [level, { renderTerminal }] = await Promise.all([levelOf(options), import('./terminal.js')]);
  return renderTerminal(markdown, options, level);
}
