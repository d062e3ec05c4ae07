import type { Step } from '../content/schema.js';
import { highlightWords, KIND_LABELS, type SearchResult, search, suggestWords } from '../content/search.js';
import type { Context } from '../context.js';
import { packProgress, stepStatusOf } from '../progress/model.js';
import { certMarkdown, faqMarkdown, phaseMarkdown, sectionMarkdown, skillMarkdown } from '../render/pages.js';
import { projectMarkdown } from '../render/project.js';
import { sanitizeText } from '../render/sanitize.js';
import { cutAtWord, renderMark } from '../render/text.js';
import { maxOf } from '../words.js';
import { orBack, showStep, showTopic } from './steps.js';
import { promptTheme, separator, showMarkdown, tutorListOptions } from './view.js';

/** The value of "Back to the menu" in the list of results; results are `<kind>:<id>`. */
const BACK = '';

function keyOf(result: Pick<SearchResult, 'kind' | 'id'>): string {
  return `${result.kind}:${result.id}`;
}

/**
 * The choices for what has been typed: the results, best first, each a line with its kind (a step with
 * its status mark), and the words it matched shown in context under the list; a hint when nothing
 * has been typed or nothing matches; "Back to the menu" last.
 */
export function searchChoices(ctx: Context, term: string | undefined, results: readonly SearchResult[]) {
  const back = { value: BACK, name: 'Back to the menu' };
  const query = (term ?? '').trim();
  if (query === '') return [separator(ctx.style.dim('Type a word or two, e.g. "statistics", "deploy" or "certification"')), back];
  if (results.length === 0) {
    const close = suggestWords(ctx.roadmap, query).map((word) => `"${word}"`);
    const hint = close.length > 0 ? `did you mean ${close.join(' or ')}?` : 'try other words';
    return [separator(ctx.style.dim(cutAtWord(`Nothing matches "${sanitizeText(query)}": ${hint}`, ctx.width - 2))), back];
  }
  const pack = packProgress(ctx.store.read(), ctx.roadmap.id);
  // Names are plain text: Tab copies the name under the cursor into the search line, colour codes and all.
  const plain = { ...tutorListOptions(ctx), tty: false };
  const labelWidth = maxOf(
    results.map((r) => KIND_LABELS[r.kind].length),
    0,
  );
  const mark = (word: string) => ctx.style.bold(word);
  return [
    ...results.map((r) => {
      const number = r.kind === 'step' ? ctx.roadmap.steps.findIndex((step) => step.id === r.id) + 1 : 0;
      const title =
        number > 0 ? `${renderMark(stepStatusOf(pack, ctx.roadmap.steps[number - 1] as Step), plain)} ${number}. ${r.title}` : r.title;
      const snippet = sanitizeText(r.snippet).replace(/\s+/g, ' ');
      return {
        value: keyOf(r),
        // Cut to a line by the prompts (prompts.ts) when too long, the whole title then shown above the snippet.
        name: `${KIND_LABELS[r.kind].padEnd(labelWidth)}  ${sanitizeText(title)}`,
        description: highlightWords(cutAtWord(snippet, ctx.width - 2), new Set(r.matched), mark),
      };
    }),
    back,
  ];
}

/**
 * "Search the guide": a search prompt whose results follow what is typed (`search` in
 * content/search.ts, as `mlroadmap search` uses). Picking a result opens it; back from it, the search
 * comes back with the same words and the cursor on that result.
 */
export async function runSearch(ctx: Context): Promise<void> {
  let term = '';
  let opened: string | undefined;
  for (;;) {
    ctx.clear();
    let results: SearchResult[] = [];
    let typed = term;
    const picked = await ctx.prompts.search<string>(
      {
        message: 'Search the guide:',
        source: (text) => {
          typed = text ?? '';
          results = search(ctx.roadmap, typed, { snippetWidth: Math.max(30, ctx.width - 4) });
          return searchChoices(ctx, typed, results);
        },
        ...(term ? { initialValue: term } : {}),
        ...(opened ? { default: opened } : {}),
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    if (picked === BACK) return;
    const result = results.find((r) => keyOf(r) === picked);
    if (!result) return;
    term = typed;
    opened = picked;
    // Escape in a result comes back to the search.
    let again = true;
    await orBack(async () => {
      again = await openResult(ctx, result);
    });
    if (!again) return;
  }
}

/** Shows a search result: a step in the step view, anything else rendered. Returns false to go to the menu. */
async function openResult(ctx: Context, result: SearchResult): Promise<boolean> {
  const { roadmap } = ctx;
  if (result.kind === 'topic') {
    const step = roadmap.steps.find((candidate) => candidate.topics?.some((topic) => topic.id === result.id));
    if (step) await showTopic(ctx, step, result.id, { back: 'Back to the search' });
    return true;
  }
  if (result.kind === 'step') {
    await showStep(ctx, result.id);
    return true;
  }
  let whole: string | undefined;
  if (result.kind === 'section-item') {
    const [sectionId, itemId] = result.id.split('/');
    const section = roadmap.sections.find((s) => s.id === sectionId);
    const item = section?.items?.find((i) => i.id === itemId);
    if (!section || !item) return true;
    const examples = item.examples?.length ? `\n\n**Examples:** ${item.examples.join(', ')}.` : '';
    const link = item.url ? `\n\n${item.url}` : '';
    await showMarkdown(ctx, `# ${item.title}\n\n${item.text.trim()}${examples}${link}\n\n_From the section "${section.title}"._`);
    whole = sectionMarkdown(section);
  } else {
    await showMarkdown(ctx, resultMarkdown(ctx, result));
  }
  for (;;) {
    const move = await ctx.prompts.select(
      {
        message: 'Done reading?',
        choices: [
          { value: 'results', name: 'Back to the search' },
          ...(whole ? [{ value: 'section', name: 'Read the whole section' }] : []),
          { value: 'menu', name: 'Menu' },
        ],
        theme: promptTheme(ctx),
      },
      { clearPromptOnDone: true },
    );
    if (move !== 'section' || !whole) return move === 'results';
    await showMarkdown(ctx, whole);
    whole = undefined;
  }
}

/** The markdown of a section, skill, phase, certification or FAQ found by search, as the tutor shows it elsewhere. */
function resultMarkdown(ctx: Context, result: SearchResult): string {
  const { roadmap } = ctx;
  switch (result.kind) {
    case 'section': {
      const section = roadmap.sections.find((s) => s.id === result.id);
      return section ? sectionMarkdown(section) : '';
    }
    case 'skill': {
      const skill = roadmap.skills.find((s) => s.id === result.id);
      return skill ? skillMarkdown(ctx.roadmap, skill) : '';
    }
    case 'phase': {
      const index = roadmap.phases.findIndex((p) => p.id === result.id);
      const phase = roadmap.phases[index];
      return phase ? phaseMarkdown(phase, index + 1, roadmap.phases.length) : '';
    }
    case 'certification': {
      const cert = roadmap.certifications.find((c) => c.id === result.id);
      return cert ? certMarkdown(cert, ctx.roadmap) : '';
    }
    case 'faq': {
      const faq = roadmap.faqs.find((f) => f.id === result.id);
      return faq ? faqMarkdown(faq) : '';
    }
    case 'project': {
      const index = roadmap.projects.findIndex((p) => p.id === result.id);
      const project = roadmap.projects[index];
      return project ? projectMarkdown(roadmap, packProgress(ctx.store.read(), roadmap.id), project, index + 1) : '';
    }
    default:
      return '';
  }
}
