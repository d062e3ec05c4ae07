import type { FastContent, FastList } from '../command.js';
import type { Roadmap } from './schema.js';
import type { SearchIndexData } from './search.js';

/**
 * A fast entry point's slice of a guide (see `CommandSpec.fast`): the parts a command reads, the names
 * of the lists left out, and, for the shipped guide's search, its index. The build cuts one for each
 * fast command from the shipped guide (dist/fast/<name>.json); a content pack's are cut from its kept
 * copy the first time each command reads it (content/cached.ts).
 */
export interface Slice {
  roadmap: Partial<Roadmap>;
  omitted: readonly FastList[];
  /** The lists kept in part: which fields of their items were left out. */
  projections?: Partial<Record<FastList, Projection>>;
  searchIndex?: SearchIndexData;
}

/** What was left out of a list's items: fields, and, for a field that is itself a list kept in part, its own. */
export interface Projection {
  omitted: readonly string[];
  nested?: Record<string, Projection>;
  /** The items are loaded whole when a field left out is read (FastContent's `rest: 'load'`), rather than falling back. */
  load?: boolean;
}

/** Every list a guide may have (`Roadmap`'s lists), in the order a slice names those it left out. */
export const GUIDE_LISTS: readonly FastList[] = [
  'sections',
  'skills',
  'steps',
  'phases',
  'certifications',
  'faqs',
  'quizzes',
  'cards',
  'projects',
  'exercises',
];

/** The parts of a guide that are not lists: a slice always has them. */
const SCALARS = ['formatVersion', 'id', 'title', 'welcome', 'reviewed'] as const;

type Item = Record<string, unknown>;

/** `items` with only `fields` of each (`'topics.id'`: of each item's topics, the id), and what that left out. */
function project(items: readonly Item[], fields: readonly string[]): { items: Item[]; projection: Projection } {
  const whole = new Set(fields.filter((field) => !field.includes('.')));
  const nestedFields: Record<string, string[]> = {};
  for (const field of fields.filter((f) => f.includes('.'))) {
    const [head, ...rest] = field.split('.') as [string, ...string[]];
    if (whole.has(head)) continue;
    nestedFields[head] ??= [];
    nestedFields[head].push(rest.join('.'));
  }
  const kept = new Set([...whole, ...Object.keys(nestedFields)]);
  const seen = new Set(items.flatMap((item) => Object.keys(item)));
  const projected = items.map((item) => {
    const out: Item = {};
    for (const key of Object.keys(item)) {
      if (!kept.has(key)) continue;
      const inner = nestedFields[key];
      out[key] = inner && Array.isArray(item[key]) ? project(item[key] as Item[], inner).items : item[key];
    }
    return out;
  });
  const nested: Record<string, Projection> = {};
  for (const [key, list] of Object.entries(nestedFields)) {
    const all = items.flatMap((item) => (Array.isArray(item[key]) ? (item[key] as Item[]) : []));
    nested[key] = project(all, list).projection;
  }
  const projection: Projection = { omitted: [...seen].filter((key) => !kept.has(key)) };
  if (Object.keys(nested).length > 0) projection.nested = nested;
  return { items: projected, projection };
}

/**
 * The slice of `roadmap` that holds `content`, or undefined when the roadmap has a part no slice
 * knows of (a guide of a later format: the command then reads it whole).
 */
export function sliceRoadmap(roadmap: Roadmap, content: readonly FastContent[]): Slice | undefined {
  const whole = roadmap as unknown as Record<string, unknown>;
  const sliced: Record<string, unknown> = {};
  for (const key of SCALARS) if (whole[key] !== undefined) sliced[key] = whole[key];
  const projections: Partial<Record<FastList, Projection>> = {};
  for (const part of content) {
    const key = typeof part === 'string' ? part : part.list;
    const list = whole[key];
    if (list === undefined) continue;
    if (typeof part === 'string') sliced[key] = list;
    else {
      if (!Array.isArray(list)) return undefined;
      const { items, projection } = project(list as Item[], part.fields);
      sliced[key] = items;
      projections[key] = part.rest === 'load' ? { ...projection, load: true } : projection;
    }
  }
  if (Object.keys(whole).some((key) => !(key in sliced) && !(GUIDE_LISTS as readonly string[]).includes(key))) return undefined;
  const omitted = GUIDE_LISTS.filter((key) => whole[key] !== undefined && !(key in sliced));
  return { roadmap: sliced as Partial<Roadmap>, omitted, projections };
}
