/**
 * A print command's own entry point. The build (scripts/build.mjs) makes one bundle per command whose
 * spec has `fast` (dist/fast/<name>.cjs): that command's module and this runtime, without commander,
 * Inquirer or any other command, and with the parts of the guide the command reads sliced out of the
 * whole at build time (dist/fast/<name>.json; <name>.text.json for a command's text when it reads
 * less for it, and dist/fast/items/ for lists whose items it loads whole on demand). boot.ts runs it
 * first; what it returns `fallback` for the whole program runs instead, from the start, so nothing
 * here may have printed or written yet: output is held until the command is done, and a command that
 * reaches for something the entry point does not have (a part of the guide outside its slice, a
 * prompt, another command) falls back.
 *
 * It does what main.ts does for the same line, in the same order, without what a print command never
 * needs: no standard stream is built, and `node:tty` (which brings in net and all of streams) is not
 * loaded, even on a terminal: whether a descriptor is one and its size come from Node's terminal
 * binding (edge.ts, `terminalSize`), and output is written with `fs.writeSync`.
 */
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { CommandSpec, FastList } from '../command.js';
import type { Roadmap } from '../content/schema.js';
import { useSearchIndex } from '../content/search.js';
import type { Projection, Slice } from '../content/slice.js';
import type { Context } from '../context.js';
import { readerAt } from '../disk.js';
import { columnsOf, decideColorLevel, errorText, errorWidth, isTerminal, reportFailure, terminalSize, windowSize } from '../edge.js';
import { UserError } from '../errors.js';
import { toJson } from '../json.js';
import { emit } from '../output.js';
import type { Progress } from '../progress/model.js';
import type { ProgressStore, UpdateOptions } from '../progress/store.js';
import { cacheDir, createFileRenderCache, trustedCacheDir, useRenderCache } from '../render/cache.js';
import { parseFastLine } from './args.js';
import type { openFastStore } from './store.js';
import { colorStyle, plainStyle } from './style.js';

/** What a fast entry point did: the exit code, or why the whole program must run the line instead. */
export type FastResult = { code: number } | { fallback: string };

/** Thrown where the entry point meets something it does not have; caught by `runFast`. */
class Fallback extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The store's other methods that change progress (`update` is watched apart, to be replayed: see `runFast`). */
const CHANGES = new Set<string | symbol>(['reset', 'restore', 'repair']);

/** An item as a whole, by its position in its list; undefined where the list's items cannot be loaded. */
type WholeItem = (index: number) => Record<string, unknown> | undefined;

/**
 * Guards the items of `items` (a list kept in part, named `name`) so that reading a field left out
 * falls back (or, when `whole` can give the item whole, loads the fields left out in its place),
 * while the fields that are there stay plain data, read at full speed (a Proxy per item made
 * `progress` several milliseconds slower: it reads each of 517 cards' topics). A nested list kept
 * in part is guarded the same way.
 *
 * Two ways, by `own`. Own getters on each item (MLROADMAP_FAST=strict, as the tests run): spreading
 * an item, listing its keys or writing it as JSON falls back (or loads) too. Getters on a prototype
 * the items share (otherwise: a tenth of the cost, about 0.4 ms for the guide's steps and topics):
 * reading a field, `for ... in` and JSON fall back, but a spread or Object.keys would miss the fields
 * left out, which is why the tests run the strict way over every command line they compare.
 */
function guardItems(name: string, items: readonly unknown[], projection: Projection, own: boolean, whole?: WholeItem): void {
  const fields = projection.omitted;
  const positions = new WeakMap<object, number>();
  /** Puts the fields left out in place on `item`, from the item whole. */
  const fill = (item: Record<string, unknown>, full: Record<string, unknown>) => {
    for (const field of fields) {
      if (Object.hasOwn(full, field))
        Object.defineProperty(item, field, { value: full[field], enumerable: true, configurable: true, writable: true });
      // Absent from the item itself: as it is in the whole guide (an own getter goes; an inherited one is shadowed by nothing there).
      else if (own) delete item[field];
      else Object.defineProperty(item, field, { value: undefined, enumerable: false, configurable: true, writable: true });
    }
  };
  const read = (field: string) =>
    function (this: Record<string, unknown>): unknown {
      const index = positions.get(this);
      const full = index === undefined ? undefined : whole?.(index);
      if (full === undefined) throw new Fallback(`the command read ${name}[].${field}, which is not in its slice of the guide`);
      fill(this, full);
      return this[field];
    };
  // One descriptor a field, defined field by field: Object.defineProperties reads a descriptor map
  // afresh for each item, and took half as long again.
  const descriptors = fields.map((field) => ({ enumerable: true, configurable: true, get: read(field) }));
  // Written as JSON, an item is the item whole, its fields in the guide's order; without it, that falls back.
  const toJSON = {
    configurable: true,
    get(this: object) {
      const index = positions.get(this);
      const full = index === undefined ? undefined : whole?.(index);
      if (full === undefined)
        throw new Fallback(`the command wrote an item of ${name} as JSON, which its slice of the guide holds in part`);
      return () => full;
    },
  };
  let shared: object | undefined;
  if (!own) {
    shared = Object.create(Object.prototype) as object;
    for (let i = 0; i < fields.length; i++) Object.defineProperty(shared, fields[i] as string, descriptors[i] as PropertyDescriptor);
    Object.defineProperty(shared, 'toJSON', toJSON);
  }
  const nested = Object.entries(projection.nested ?? {});
  if (shared && nested.length === 0) {
    adopt(items, shared, whole ? positions : undefined);
    return;
  }
  // An index, not `items.entries()`: unoptimised, the iterator made two arrays an item and took a
  // millisecond over the guide's 517 cards.
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item === null || typeof item !== 'object') continue;
    if (whole) positions.set(item, index);
    if (shared) Object.setPrototypeOf(item, shared);
    else {
      for (let i = 0; i < fields.length; i++) Object.defineProperty(item, fields[i] as string, descriptors[i] as PropertyDescriptor);
      if (whole) Object.defineProperty(item, 'toJSON', toJSON);
    }
    if (nested.length === 0) continue;
    for (const [field, inner] of nested) {
      const value = (item as Record<string, unknown>)[field];
      // An item of a nested list, whole, is that of its parent whole.
      const inside: WholeItem | undefined = whole && ((at) => (whole(index)?.[field] as Record<string, unknown>[] | undefined)?.[at]);
      if (Array.isArray(value)) guardItems(`${name}[].${field}`, value, inner, own, inside);
    }
  }
}

/**
 * Gives each item of `items` the prototype `shared`, and with `positions` its index: guardItems' loop
 * for a list with no list inside its items (the guide's 517 cards), in a function of its own with as
 * little in it as can be. Inside guardItems, the loop over the cards was enough for Node 24's Maglev to
 * compile guardItems on a background thread, which the process waits for at exit.
 */
function adopt(items: readonly unknown[], shared: object, positions: WeakMap<object, number> | undefined): void {
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item === null || typeof item !== 'object') continue;
    positions?.set(item, index);
    Object.setPrototypeOf(item, shared);
  }
}

/**
 * The roadmap of a slice: a list left out is a getter that falls back when read (or spread); a list
 * kept in part has its items guarded (`guardItems`) when it is first read.
 */
function slicedRoadmap(slice: Slice, own: boolean, readItem?: (list: FastList, index: number) => unknown): Roadmap {
  const roadmap = slice.roadmap as Record<string, unknown>;
  for (const list of slice.omitted) {
    Object.defineProperty(roadmap, list, {
      enumerable: true,
      configurable: true,
      get: () => {
        throw new Fallback(`the command read ${list}, which is not in its slice of the guide`);
      },
    });
  }
  for (const [list, projection] of Object.entries(slice.projections ?? {}) as [FastList, Projection][]) {
    const items = roadmap[list];
    if (!Array.isArray(items)) continue;
    Object.defineProperty(roadmap, list, {
      enumerable: true,
      configurable: true,
      get: () => {
        // Each item whole read once, when first needed (FastContent's rest: 'load').
        const loaded = new Map<number, Record<string, unknown>>();
        const whole: WholeItem | undefined =
          projection.load && readItem
            ? (index) => {
                let item = loaded.get(index);
                if (item === undefined) {
                  item = readItem(list, index) as Record<string, unknown>;
                  loaded.set(index, item);
                }
                return item;
              }
            : undefined;
        guardItems(list, items, projection, own, whole);
        Object.defineProperty(roadmap, list, { value: items, enumerable: true, configurable: true, writable: true });
        return items;
      },
    });
  }
  return roadmap as unknown as Roadmap;
}

/**
 * The colour level chalk would detect for standard output. Off a terminal it is 0 unless the
 * environment or the line forces colour (what chalk's supports-color checks before it looks at the
 * stream); then, and on a terminal, chalk's own detection decides, loaded only then.
 */
async function detectedColorLevel(tty: boolean): Promise<0 | 1 | 2 | 3> {
  const env = process.env;
  const forced = 'FORCE_COLOR' in env || 'TF_BUILD' in env || process.argv.some((arg) => /^--(no-)?colou?r/.test(arg));
  if (!tty && !forced) return 0;
  const { createSupportsColor } = await import('mlroadmap:supports-color');
  const support = createSupportsColor({ isTTY: tty });
  return support === false ? 0 : support.level;
}

/** Writes all of `text` to `fd`; false when the reader has gone (EPIPE), as after `| head -1`. */
export function writeAll(fd: number, text: string): boolean {
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      // A pipe a parent set non-blocking and full: wait a moment for its reader.
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
  return true;
}

/**
 * Runs `spec` for `argv` (the whole command line) with its slice of the guide (`sliceOf`, read only
 * when the line names no content pack; `readGuide` gives the whole guide, for a command that reaches
 * past its slice after changing progress) and the learner's progress (`openStore`; without it, a
 * command that reads progress falls back). Prints and returns the exit code as main.ts would, or
 * returns a fallback having printed nothing.
 */
export async function runFast(
  spec: CommandSpec,
  argv: readonly string[],
  sliceOf: (json: boolean) => Slice,
  readGuide: () => Roadmap = () => {
    throw new Fallback('the whole guide is not at hand');
  },
  openStore?: typeof openFastStore,
  readItem?: (list: FastList, index: number) => unknown,
  readSearchIndex?: (from: number, to: number) => string,
): Promise<FastResult> {
  const line = parseFastLine(spec, argv);
  if (line === undefined) return { fallback: 'the command line has more than the fast entry point reads' };
  const only = spec.fast?.onlyWith;
  if (only && !only.some((key) => line.options[key] === true))
    return { fallback: `the fast entry point of ${spec.name} takes only ${only.map((key) => `--${key}`).join(' or ')}` };
  const env = process.env;
  const json = line.options.json === true;
  const tty = isTerminal(1);
  const columns = columnsOf(env);
  // On a terminal, its size as main.ts reads it from the stream, asked without building one.
  const { width, height } = windowSize(columns, tty ? terminalSize(1) : undefined);
  // Standard error is looked at only for an error to write.
  let errWidth: { errWidth?: number } | undefined;
  const errLine = (text: string) => {
    errWidth ??= isTerminal(2) ? { errWidth: errorWidth(columns, terminalSize(2)) } : {};
    return `${errorText(text, errWidth)}\n`;
  };
  // Off already (--no-color, NO_COLOR): nothing to detect.
  const off = decideColorLevel(line.noColor ? ['--no-color'] : [], env, 3) === 0;
  const colorLevel = off ? 0 : await detectedColorLevel(tty);
  // Stand-ins that do what chalk does, at level 0 and in colour, without loading it (the markdown
  // renderer, on a page not rendered before, loads its own and sets it to this level).
  const style: ChalkInstance = colorLevel > 0 ? colorStyle(colorLevel as 1 | 2 | 3) : plainStyle();
  // (It reads of the stream only that it is a terminal.)
  const hyperlinks =
    colorLevel > 0 && tty && (await import('supports-hyperlinks')).createSupportsHyperlinks({ isTTY: true } as never) === true;
  const caches = trustedCacheDir(cacheDir(env));
  if (caches !== undefined) useRenderCache(createFileRenderCache(caches));
  // A pack of the learner's (--content, MLROADMAP_CONTENT) only as the whole program last kept it:
  // reading and checking its YAML is the whole program's work, which also keeps it for next time.
  const contentDir = line.content ?? (env.MLROADMAP_CONTENT || undefined);
  // Imported only for a pack: the loader's modules (validation, exercises) need not be set up otherwise.
  // Each command reads its slice of it, kept beside it after its first run (cachedPackSliceOf); a
  // search, whose slice is the pack's title, the pack's kept index.
  const kept = contentDir === undefined ? undefined : await keptPack(spec, contentDir, caches, json);
  if (contentDir !== undefined && kept === undefined) return { fallback: 'the content pack has not been read since it last changed' };
  const pack = kept && 'roadmap' in kept ? kept.roadmap : undefined;
  const slice = kept === undefined ? sliceOf(json) : 'slice' in kept ? kept.slice : undefined;
  if (kept && 'slice' in kept) {
    // The pack whole, for an item read past its fields (or, when the pack changed meanwhile, the whole
    // program), and for a change that reached past the slice (see below).
    readItem = (list, index) => {
      const roadmap = kept.whole();
      if (roadmap === undefined) throw new Fallback('the content pack changed while the command read it');
      return (roadmap[list] as unknown[] | undefined)?.[index];
    };
    readGuide = () => {
      const roadmap = kept.whole();
      if (roadmap === undefined) throw new UserError('the content pack changed while this command ran: run it again to see where you are');
      return roadmap;
    };
  }
  const sliced = pack ?? slicedRoadmap(slice as Slice, env.MLROADMAP_FAST === 'strict', readItem);
  // The shipped guide's index is of the shipped guide only.
  if (slice?.searchIndex) {
    if (!readSearchIndex || !useSearchIndex(sliced, slice.searchIndex, readSearchIndex))
      return { fallback: 'the search index is not at hand' };
  }

  let roadmap = sliced;
  const store = openStore ? openStore(env, caches, () => roadmap) : withoutProgress();
  // What the first attempt was given by the store and the clock, in order, for a second one to be
  // given the same (see below).
  const reads: Progress[] = [];
  const updates: { given: Progress; saved: Progress }[] = [];
  const times: Date[] = [];
  let changing = false;
  let replaying: { reads: number; updates: number; times: number } | undefined;
  const watched: ProgressStore = new Proxy(store, {
    get: (target, key) => {
      const value = Reflect.get(target, key);
      if (key === 'read') {
        return () => {
          if (replaying && replaying.reads < reads.length) return reads[replaying.reads++];
          const progress = target.read();
          if (!replaying) reads.push(progress);
          return progress;
        };
      }
      if (key === 'update') {
        return async (change: (progress: Progress) => Progress, options?: UpdateOptions) => {
          const done = replaying && replaying.updates < updates.length ? updates[replaying.updates++] : undefined;
          if (done) {
            // Already saved: the change is shown what it was shown then (changes are pure: the store
            // may run one twice), and nothing is written again.
            change(done.given);
            return done.saved;
          }
          changing = true;
          let given: Progress | undefined;
          const saved = await target.update((progress) => {
            given = progress;
            return change(progress);
          }, options);
          if (!replaying && given !== undefined) updates.push({ given, saved });
          return saved;
        };
      }
      if (typeof value !== 'function' || !CHANGES.has(key)) return value;
      return (...args: unknown[]) => {
        changing = true;
        return value.apply(target, args);
      };
    },
  });
  const unavailable = (what: string) => () => {
    throw new Fallback(`the command uses ${what}`);
  };
  const attempt = async (out: string[], err: string[]): Promise<void> => {
    const ctx: Context = {
      roadmap,
      store: watched,
      out: (text) => out.push(`${text}\n`),
      err: (text) => err.push(errLine(text)),
      tty,
      interactive: false,
      ...(env.TERM === 'dumb' ? { ascii: true } : {}),
      width,
      height,
      clear: unavailable('the screen'),
      style,
      hyperlinks,
      now: () => {
        if (replaying && replaying.times < times.length) return new Date(times[replaying.times++] as Date);
        const now = new Date();
        if (!replaying) times.push(now);
        return now;
      },
      random: Math.random,
      confirm: unavailable('a question'),
      get files(): never {
        throw new Fallback('the command uses files');
      },
      get prompts(): never {
        throw new Fallback('the command uses prompts');
      },
    };
    const output = await spec.run(ctx, {
      args: line.args,
      options: line.options,
      get commands(): never {
        throw new Fallback('the command lists the other commands');
      },
      get globals(): never {
        throw new Fallback('the command lists the global options');
      },
    });
    await emit(ctx, output, json);
  };

  let out: string[] = [];
  let err: string[] = [];
  let code = 0;
  try {
    try {
      await attempt(out, err);
    } catch (error) {
      // A command that has changed progress and then reached past its slice is run again over the
      // whole guide, given what it was given the first time: it prints what it would have printed,
      // and what it saved is not saved twice.
      if (!(changing && error instanceof Fallback && roadmap !== pack)) throw error;
      roadmap = readGuide();
      replaying = { reads: 0, updates: 0, times: 0 };
      out = [];
      err = [];
      await attempt(out, err);
      // The slower way, which the tests that compare the entry points with the whole program must see.
      if (env.MLROADMAP_FAST === 'strict')
        err.push(`mlroadmap: the fast entry point of ${spec.name} ran again over the whole guide: ${error.reason}\n`);
    }
  } catch (error) {
    if (!changing && !(error instanceof UserError)) {
      // Anything else, a Fallback or not, is the whole program's to report, worded the one way.
      return { fallback: error instanceof Fallback ? error.reason : `the command failed: ${String((error as Error)?.message ?? error)}` };
    }
    const lines: string[] = [];
    code = reportFailure(error, (text) => lines.push(text));
    if (json)
      err.push(`${toJson({ error: { message: lines.map((text) => text.replace(/^mlroadmap: /, '')).join('\n'), exitCode: code } }, 0)}\n`);
    else for (const text of lines) err.push(errLine(text));
  }
  // The reader of a pipe went away: nothing more to say, as main.ts.
  if (out.length > 0 && !writeAll(1, out.join('')) && !tty) return { code };
  if (err.length > 0) writeAll(2, err.join(''));
  return { code };
}

/** A pack as the whole program last kept it, for `spec`: see cachedPackSliceOf. */
async function keptPack(spec: CommandSpec, dir: string, caches: string | undefined, json: boolean) {
  const cached = await import('../content/cached.js');
  const fast = spec.fast;
  if (fast === undefined) return undefined;
  const text = !json && fast.textContent !== undefined;
  return cached.cachedPackSliceOf(dir, caches, text ? `${spec.name}.text` : spec.name, text ? (fast.textContent ?? []) : fast.content);
}

/** The store of an entry point built without one (`fast.progress` false): any use of it falls back. */
function withoutProgress(): ProgressStore {
  return new Proxy({} as ProgressStore, {
    get: (_target, key) => {
      throw new Fallback(`the command used progress (store.${String(key)}), and its entry point is built without it`);
    },
  });
}

/** Reads a slice the build wrote beside the entry point. */
export function readSlice(dir: string, name: string): Slice {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Slice;
}

/** The name of the file of the shipped guide's search index, beside the entry points (see SearchIndexData). */
export const SEARCH_INDEX_FILE = 'search.index';

/**
 * Reads the shipped guide's search index by position (`dir`, dist/fast; see SearchIndexData): the
 * text between two byte offsets, each read only when a search needs it.
 */
export function searchIndexReader(dir: string): (from: number, to: number) => string {
  return readerAt(join(dir, SEARCH_INDEX_FILE));
}

/** Reads an item of a list whole, as the build wrote it beside the entry points (`dir`, dist/fast). */
export function readItem(dir: string, list: string, index: number): unknown {
  return JSON.parse(readFileSync(join(dir, 'items', list, `${index}.json`), 'utf8'));
}

/** Reads the whole shipped guide, dist/content.json (`dist` is the build's folder). */
export function readGuide(dist: string): Roadmap {
  return JSON.parse(readFileSync(join(dist, 'content.json'), 'utf8')) as Roadmap;
}
