import type { ChalkInstance } from 'chalk';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import ini from 'highlight.js/lib/languages/ini';
import json from 'highlight.js/lib/languages/json';
import julia from 'highlight.js/lib/languages/julia';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import r from 'highlight.js/lib/languages/r';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import yaml from 'highlight.js/lib/languages/yaml';

/**
 * The languages a code block is coloured in: those of the guide and of the tools an ML engineer's
 * pack is likely to show, each with highlight.js's aliases (`sh` and `zsh` are bash, `py` is python,
 * `yml` is yaml, `toml` is ini, `console` is shell, `text` is plaintext). docs/content-format.md
 * lists them for pack authors. A block in any other language, or with none, is printed in the plain
 * code colour: readable, only not highlighted. Only the core and these grammars are bundled, not
 * highlight.js's other 190.
 */
const LANGUAGES = { bash, diff, dockerfile, ini, json, julia, plaintext, python, r, shell, sql, yaml };

const highlighter = hljs.newInstance();
for (const [name, language] of Object.entries(LANGUAGES)) highlighter.registerLanguage(name, language);

/** Whether code blocks in `language` (a fence's first word, any case) are highlighted. */
export function isHighlighted(language: string): boolean {
  return highlighter.getLanguage(language.toLowerCase()) !== undefined;
}

/**
 * The colour of each highlight.js scope (its names are the CSS classes of highlight.js's themes),
 * chosen to read on dark and light terminals alike; a scope not named here takes the colour of the
 * scope around it. `title.function` is looked up first, then `title`.
 */
function theme(style: ChalkInstance): Record<string, ChalkInstance> {
  return {
    keyword: style.blue,
    built_in: style.cyan,
    type: style.cyan,
    literal: style.blue,
    number: style.green,
    regexp: style.red,
    string: style.red,
    'title.function': style.yellow,
    'title.class': style.blue,
    comment: style.gray,
    doctag: style.gray,
    meta: style.gray,
    attr: style.cyan,
    section: style.bold,
    emphasis: style.italic,
    strong: style.bold,
    link: style.underline,
    addition: style.green,
    deletion: style.red,
  };
}

/**
 * Returns `code` coloured as `language` with `style`, or undefined when `language` is not one of
 * `LANGUAGES`. The text is `code` exactly, with only colour codes added.
 */
export function highlightCode(code: string, language: string, style: ChalkInstance): string | undefined {
  if (!isHighlighted(language)) return undefined;
  const html = highlighter.highlight(code, { language: language.toLowerCase(), ignoreIllegals: true }).value;
  return htmlToAnsi(html, theme(style));
}

/**
 * highlight.js writes HTML made of `<span class="hljs-SCOPE">`, `</span>` and text in which it
 * escapes `& < > " '` and nothing else. The last alternative keeps any other character as text, so
 * nothing of the code can be dropped.
 */
const HTML_TOKEN = /<span class="([^"]*)">|<\/span>|&(amp|lt|gt|quot|#x27);|[^<&]+|[<&]/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'" };

/** `hljs-title function_` is the scope `title.function`; `language-bash` (a sub-language) is none. */
function scopeOf(className: string): string | undefined {
  const [first, ...rest] = className.split(' ');
  if (!first?.startsWith('hljs-')) return undefined;
  return [first.slice('hljs-'.length), ...rest.map((part) => part.replace(/_+$/, ''))].join('.');
}

function htmlToAnsi(html: string, colours: Record<string, ChalkInstance>): string {
  // The colour of each open span: its own, or the one of the span it is in.
  const open: (ChalkInstance | undefined)[] = [];
  let out = '';
  let run = '';
  let runColour: ChalkInstance | undefined;
  const flush = () => {
    out += runColour && run ? runColour(run) : run;
    run = '';
  };
  for (const [token, className, entity] of html.matchAll(HTML_TOKEN)) {
    if (className !== undefined) {
      const scope = scopeOf(className);
      open.push((scope && (colours[scope] ?? colours[scope.split('.')[0] ?? ''])) || open.at(-1));
    } else if (token === '</span>') {
      open.pop();
    } else {
      const colour = open.at(-1);
      if (colour !== runColour) {
        flush();
        runColour = colour;
      }
      run += entity === undefined ? token : ENTITIES[entity];
    }
  }
  flush();
  return out;
}
