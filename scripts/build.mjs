// Builds dist/, and the shipped content validated and written as dist/content.json. Run by
// `npm run build` (and `npm test`), and by `prepack`, so `npm pack` and `npm publish` pack a fresh build.
//
// dist/mlroadmap.cjs the executable (package.json's bin; src/boot.ts, CommonJS: an ES module entry starts
//                   about 5 ms slower): runs dist/core.cjs through V8's code cache. The bin itself, not a
//                   file that requires it: Node finding, reading and compiling a second file costs ~1 ms
//                   a start. Required rather than run (the build, tests), it exports run and main.
// dist/core.cjs     the program (src/main.ts, its commands, commander, chalk, Inquirer) bundled as
//                   CommonJS, written as one function expression that boot.ts compiles with node:vm
// dist/lazy/*.js    ES modules the core imports on first use: marked + marked-terminal (render/terminal.ts),
//                   yaml, marked alone (a pack's links); their shared code is in dist/chunks/
// dist/render.js    renderMarkdown on its own, for tests that compare the bundled renderer with the sources
// dist/exercises/<id>/  each shipped exercise's files (statement, starter, checks, solution), as the
//                   runner copies them for a run; their metadata is in content.json
// dist/python/      the pytest plugin the checks are run with, and verify's fork server (src/exercises/python/)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const packageJson = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const root = fileURLToPath(new URL('..', import.meta.url));
const here = (path) => `${root}${path}`;

/**
 * Modules that are heavy to import and unused (or barely used) by mlroadmap, swapped for small
 * stand-ins when `from` imports them (with `kind`, only that kind of import). Each stand-in says why.
 */
const swaps = [
  { filter: /^cli-highlight$/, from: /marked-terminal/, to: here('scripts/stubs/cli-highlight.ts') },
  { filter: /^node-emoji$/, from: /marked-terminal/, to: here('scripts/stubs/emoji.ts') },
  { filter: /^(node:)?process$/, from: /node_modules/, kind: 'import-statement', to: here('scripts/stubs/process.ts') },
  { filter: /^node:child_process$/, from: /commander/, to: here('scripts/stubs/child-process.ts') },
  { filter: /^(node:)?os$/, from: /[\\/]supports-color[\\/]/, kind: 'import-statement', to: here('scripts/stubs/os.ts') },
  { filter: /^cli-table3$/, from: /marked-terminal/, to: here('src/render/table.ts') },
  { filter: /^@inquirer\/editor$/, from: /@inquirer[\\/]prompts/, to: here('scripts/stubs/editor.ts') },
];

const swapPlugin = {
  name: 'swap-heavy-modules',
  setup(build) {
    for (const swap of swaps) {
      build.onResolve({ filter: swap.filter }, (args) =>
        swap.from.test(args.importer) && (!swap.kind || swap.kind === args.kind) ? { path: swap.to } : undefined,
      );
    }
  },
};

/**
 * Modules whose set-up is deferred to their first call: each has one default export, a function, and
 * at load makes regular expressions with Unicode properties, which cost V8 about 1 ms at every start
 * (the first loads ICU's property data) for commands that never measure a non-ASCII string. The
 * module's body (its imports aside) runs at the first call of its export instead. The build fails if
 * a new version of one no longer has that shape, rather than ship it set up at load again.
 */
const deferred = [/node_modules[\\/]fast-string-truncated-width[\\/]dist[\\/]index\.js$/];
const deferPlugin = {
  name: 'defer-module-setup',
  setup(build) {
    build.onLoad({ filter: /fast-string-truncated-width/ }, async (args) => {
      if (!deferred.some((pattern) => pattern.test(args.path))) return undefined;
      const source = await readFile(args.path, 'utf8');
      const lines = source.split('\n');
      const imports = lines.filter((line) => /^import .* from '[^']+';$/.test(line));
      const exports = lines.filter((line) => /^export /.test(line));
      const name = /^export default (\w+);$/.exec(exports[0] ?? '')?.[1];
      if (exports.length !== 1 || name === undefined || lines.some((line) => /^import\b/.test(line) && !imports.includes(line)))
        throw new Error(`${args.path} no longer has the shape deferPlugin expects (imports, a body, one "export default <name>;")`);
      const body = lines.filter((line) => !imports.includes(line) && !exports.includes(line)).join('\n');
      return {
        loader: 'js',
        contents: [
          ...imports,
          'let deferred;',
          `function setUp() {\n${body}\nreturn ${name};\n}`,
          'export default function deferredModule(...args) { return (deferred ??= setUp())(...args); }',
        ].join('\n'),
      };
    });
  },
};

// `--out <dir>` builds somewhere else than dist/ (to compare builds); `--meta` also writes esbuild's
// metafile (what went into each chunk) as meta.json beside the bundle.
const { values: flags } = parseArgs({ options: { out: { type: 'string' }, meta: { type: 'boolean' } } });
const target = flags.out ? resolve(flags.out) : here('dist');

/**
 * A hash of everything the bundle is made of (sources, dependencies' locked versions, this script):
 * compiled in as MLROADMAP_BUILD, so the render cache (src/render/cache.ts) never serves text
 * rendered by other code.
 */
async function buildId() {
  const digest = createHash('sha256');
  const files = ['package.json', 'package-lock.json', 'scripts/build.mjs'];
  for (const entry of await readdir(here('src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(relative(root, join(entry.parentPath, entry.name)));
  }
  for (const file of files.sort())
    digest
      .update(`${file}\0`)
      .update(await readFile(here(file)).catch(() => ''))
      .update('\0');
  return digest.digest('hex').slice(0, 16);
}

/**
 * The packages (and our module) that only some commands need and that are big: the core loads them
 * from dist/lazy/<name>.js when it first imports them. (Inquirer, 40 kB
 * without its editor, are smaller: they are in the core, where the code cache makes them cheaper,
 * and their modules run only when a command imports them. Inquirer as an ES module chunk cost
 * `start` about 12 ms: the ES module loader's first use, and compiling it on every run.) `import()`
 * cannot be used inside a script run by `vm` with a code cache on Node 20, so boot.ts hands the core
 * a function for it, and the core's `import("mlroadmap-lazy:<name>")` calls become calls of that function.
 */
const lazyEntries = {
  'lazy/terminal': here('src/render/terminal.ts'),
  'lazy/yaml': 'yaml',
  // marked's lexer, for checking a pack's links (content/links.ts) without rendering anything.
  'lazy/marked': 'marked',
};
const lazyImports = new Map([
  ['./terminal.js', 'lazy/terminal'],
  ['yaml', 'lazy/yaml'],
  ['marked', 'lazy/marked'],
]);
const LAZY_PREFIX = 'mlroadmap-lazy:';
const lazyPlugin = {
  name: 'lazy-imports',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const name = lazyImports.get(args.path);
      return args.kind === 'dynamic-import' && name ? { path: `${LAZY_PREFIX}${name}`, external: true } : undefined;
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: process.env.MLROADMAP_BUILD_PLAIN !== '1',
  legalComments: 'linked',
  define: { MLROADMAP_BUILD: JSON.stringify(await buildId()) },
  metafile: true,
  logLevel: 'warning',
};

// Build beside the target and swap it in at the end, so a run of dist/mlroadmap.cjs never sees half a build.
const out = `${target}.tmp-${process.pid}`;
await rm(out, { recursive: true, force: true });

const core = await esbuild.build({
  ...common,
  entryPoints: [here('src/main.ts')],
  outfile: `${out}/core.bundle.cjs`,
  format: 'cjs',
  plugins: [deferPlugin, swapPlugin, lazyPlugin],
  // boot.ts runs the script in a function with these parameters. import.meta.url is worked out only
  // when read: making a file URL costs about 0.3 ms, and a path does for the core.
  define: { ...common.define, 'import.meta.url': '__mlroadmap_meta.url', 'import.meta.dirname': '__dirname' },
});
// The registry's command names, for boot.ts to name code caches by (a word that is no command gets none of its own).
const coreExports = createRequire(import.meta.url)(`${out}/core.bundle.cjs`);
const { commandNames, fastCommands, asciiText } = coreExports;
if (!Array.isArray(commandNames) || commandNames.length === 0) throw new Error('the core does not export its command names');
if (!Array.isArray(fastCommands)) throw new Error('the core does not export its fast commands');
/**
 * esbuild's CommonJS output makes each export a getter (`__export`, `__toCommonJS`: live bindings),
 * which cost the loader about 0.2 ms of every start, run cold. A bundle's exports are functions and
 * constants that never change once it has run, so they are assigned once instead, as a plain object
 * at the end of its code. Throws where esbuild's output is not as this expects.
 */
function plainExports(code, file) {
  const found = /var ([\w$]+)\s*=\s*\{\};\s*([\w$]+)\(\1,\s*\{([^}]*)\}\);\s*module\.exports\s*=\s*([\w$]+)\(\1\);/.exec(code);
  if (!found || code.indexOf(found[0], found.index + 1) !== -1)
    throw new Error(`${file}: the bundle's exports are not as the build expects`);
  const entries = found[3]
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const pair = /^([\w$]+):\s*\(\)\s*=>\s*([\w$]+)$/.exec(entry);
      if (!pair) throw new Error(`${file}: an export the build cannot read: ${entry}`);
      return `${pair[1]}:${pair[2]}`;
    });
  return `${code.replace(found[0], '').trimEnd()}module.exports={${entries.join(',')}};\n`;
}

/**
 * Makes a CommonJS bundle into what boot.ts compiles with node:vm: its `import()` of a lazy chunk a
 * call of the function boot.ts hands it, and the whole one function expression. Wrapped here rather
 * than at each start: boot.ts hands the source to vm as it is. One line, so positions in stack traces
 * are those of the file.
 */
async function wrapForVm(from, to) {
  let code = plainExports(await readFile(from, 'utf8'), to);
  code = code.replace(/\bimport\("mlroadmap-lazy:([\w/-]+)"\)/g, '__mlroadmap_lazy("$1")');
  const leftover = code.match(/.{0,60}\bimport\(.{0,60}/);
  if (leftover) throw new Error(`${to} still has an import() that would fail under vm: ${leftover[0]}`);
  await writeFile(to, `(function (exports, require, module, __filename, __dirname, __mlroadmap_meta, __mlroadmap_lazy) {${code}\n})`);
  await rm(from);
}
await wrapForVm(`${out}/core.bundle.cjs`, `${out}/core.cjs`);

/**
 * The fast entry points (src/fast/run.ts): for each command whose spec has `fast`, a bundle of that
 * command's module and the runtime alone, dist/fast/<name>.cjs, generated from the registry. chalk's
 * supports-color is swapped for a stub there (the runtime detects colour itself, loading the real
 * one only for a terminal), and `mlroadmap:supports-color` names the real one, which is given a
 * node:tty that does not load node:tty.
 */
const fastPlugin = {
  name: 'fast-entry-points',
  setup(build) {
    build.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /chalk/.test(args.importer) ? { path: here('scripts/stubs/supports-color.ts') } : undefined,
    );
    build.onResolve({ filter: /^mlroadmap:supports-color$/ }, () => ({
      path: here('node_modules/chalk/source/vendor/supports-color/index.js'),
    }));
    // Both copies of supports-color (chalk's, and supports-hyperlinks') ask node:tty only whether a
    // descriptor is a terminal: answered without loading it (scripts/stubs/tty.ts).
    build.onResolve({ filter: /^(node:)?tty$/ }, (args) =>
      /[\\/]supports-color[\\/]/.test(args.importer) ? { path: here('scripts/stubs/tty.ts') } : undefined,
    );
    // supports-hyperlinks builds both standard streams as it is imported, for an export they never read.
    build.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      /[\\/]supports-hyperlinks[\\/]index\.js$/.test(args.importer) ? { path: here('scripts/stubs/hyperlinks-process.ts') } : undefined,
    );
    // The review session (the tutor, Inquirer): a fast entry point never runs one (review's onlyWith).
    build.onResolve({ filter: /\/tutor\/review\.js$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: here('scripts/stubs/review-session.ts') } : undefined,
    );
  },
};
// Each entry point's module: a command's runs it with its slice of the guide; the program's help
// prints the text rendered below (dist/fast/help.txt).
const fastEntries = {};
for (const { name, progress, textContent } of fastCommands) {
  const module = here(`src/commands/${name}.ts`);
  await readFile(module).catch(() => {
    throw new Error(`the fast command ${name} has no module src/commands/${name}.ts`);
  });
  // The progress store only for a command that reads progress (see CommandSpec's fast.progress).
  fastEntries[name] = [
    `import { command } from ${JSON.stringify(module)};`,
    `import { readGuide, readItem, readSlice, runFast, searchIndexReader } from ${JSON.stringify(here('src/fast/run.ts'))};`,
    ...(progress ? [`import { openFastStore } from ${JSON.stringify(here('src/fast/store.ts'))};`] : []),
    `export const run = (argv: readonly string[]) => runFast(command, argv, (json: boolean) => readSlice(__dirname + '/fast', ${textContent ? `json ? ${JSON.stringify(name)} : ${JSON.stringify(`${name}.text`)}` : JSON.stringify(name)}), () => readGuide(__dirname), ${progress ? 'openFastStore' : 'undefined'}, (list: string, index: number) => readItem(__dirname + '/fast', list, index), searchIndexReader(__dirname + '/fast'));`,
  ].join('\n');
}
if (fastEntries.help) throw new Error('a command named help would take the help entry point');
fastEntries.help = [
  "import { readFileSync } from 'node:fs';",
  `import { runHelp } from ${JSON.stringify(here('src/fast/help.ts'))};`,
  "export const run = async (argv: readonly string[]) => runHelp(argv, readFileSync(__dirname + '/fast/help.txt', 'utf8'));",
].join('\n');
const fast = await esbuild.build({
  ...common,
  entryPoints: Object.keys(fastEntries).map((name) => ({ in: `mlroadmap-fast:${name}`, out: name })),
  outdir: `${out}/fast`,
  outExtension: { '.js': '.bundle.cjs' },
  format: 'cjs',
  plugins: [
    {
      name: 'fast-entry-modules',
      setup(build) {
        build.onResolve({ filter: /^mlroadmap-fast:/ }, (args) => ({ path: args.path, namespace: 'mlroadmap-fast' }));
        build.onLoad({ filter: /.*/, namespace: 'mlroadmap-fast' }, (args) => {
          const name = args.path.slice('mlroadmap-fast:'.length);
          return { resolveDir: root, loader: 'ts', contents: fastEntries[name] };
        });
      },
    },
    fastPlugin,
    deferPlugin,
    swapPlugin,
    lazyPlugin,
  ],
  define: { ...common.define, 'import.meta.url': '__mlroadmap_meta.url', 'import.meta.dirname': '__dirname' },
});
// .cjs: a function expression in CommonJS's shape, which publint (and Node) would read as ES module code in a .js file of this package.
for (const name of Object.keys(fastEntries)) await wrapForVm(`${out}/fast/${name}.bundle.cjs`, `${out}/fast/${name}.cjs`);

const boot = await esbuild.build({
  ...common,
  entryPoints: [here('src/boot.ts')],
  outfile: `${out}/mlroadmap.cjs`,
  format: 'cjs',
  banner: { js: '#!/usr/bin/env node' },
  define: {
    ...common.define,
    MLROADMAP_VERSION: JSON.stringify(packageJson.version),
    MLROADMAP_COMMANDS: JSON.stringify(commandNames),
    MLROADMAP_FAST_COMMANDS: JSON.stringify(fastCommands.map((command) => command.name)),
  },
});

const lazy = await esbuild.build({
  ...common,
  entryPoints: { ...lazyEntries, render: here('src/render/markdown.ts') },
  outdir: out,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies (cli-table3, yaml) use require(); give the ESM chunks one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [deferPlugin, swapPlugin],
});
if (flags.meta) {
  const metas = [core, fast, boot, lazy].map((result) => result.metafile);
  const merged = { inputs: Object.assign({}, ...metas.map((m) => m.inputs)), outputs: Object.assign({}, ...metas.map((m) => m.outputs)) };
  await writeFile(`${out}/meta.json`, JSON.stringify(merged));
}

// Run as the program (`mlroadmap`, `node dist/mlroadmap.cjs`), it runs the command line; required, it does nothing.
await writeFile(
  `${out}/mlroadmap.cjs`,
  `${plainExports(await readFile(`${out}/mlroadmap.cjs`, 'utf8'), 'mlroadmap.cjs')}if (require.main === module) module.exports.main();\n`,
);
// The executable bit, which npm sets on a bin when it links or installs it: a rebuild replaces the file.
await chmod(`${out}/mlroadmap.cjs`, 0o755);
const { compileContent } = await import(`${out}/mlroadmap.cjs`);
/**
 * The shipped guide, validated. Invalid, the build stops with the problems each on its line, as
 * `mlroadmap validate` names them (not an error thrown from the minified bundle, its source printed).
 */
async function compiledGuide() {
  try {
    return await compileContent(here('content'));
  } catch (error) {
    await rm(out, { recursive: true, force: true });
    if (!Array.isArray(error?.problems)) throw error;
    console.error(`build: content/ is not a valid guide (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):`);
    for (const problem of error.problems) console.error(`  ${problem}`);
    console.error('Fix those lines (docs/content-format.md says what each field takes) and build again.');
    process.exit(1);
  }
}
const roadmap = await compiledGuide();
// The guide and its slices as ASCII: Node reads them faster, into half the memory (src/json.ts).
await writeFile(`${out}/content.json`, asciiText(JSON.stringify(roadmap)));
// Each fast command's slice of the guide: the lists it reads (whole, or only some fields of their
// items), what was left out, and for search the shipped guide's index (src/content/slice.ts, which
// also cuts a content pack's slices from its kept copy; see src/fast/run.ts).
/** The slice of the guide that holds `content` (see CommandSpec's fast), as src/fast/run.ts reads it. */
function sliceOf(content, searchIndex) {
  const slice = coreExports.sliceRoadmap(roadmap, content);
  if (slice === undefined) throw new Error('the guide has parts a slice does not know of');
  for (const part of content)
    if (typeof part !== 'string' && part.rest === 'load' && roadmap[part.list] !== undefined) loaded.add(part.list);
  const index = searchIndex ? { searchIndex: shippedSearchIndex.data } : {};
  return asciiText(JSON.stringify({ ...slice, ...index }));
}
// The shipped guide's search index: its words, fields' weights and positions go in a slice, the rest in a file
// of its own read by position (SearchIndexData in src/content/search.ts).
const shippedSearchIndex = coreExports.searchIndexData(roadmap);
await writeFile(`${out}/fast/search.index`, shippedSearchIndex.blob);
// The lists whose items some slice loads whole when it reads past its fields (FastContent's rest: 'load').
const loaded = new Set();
// Each fast command's slice, and, for one that reads less for its text than for --json, the text's (<name>.text.json).
for (const { name, content, textContent, searchIndex } of fastCommands) {
  await writeFile(`${out}/fast/${name}.json`, sliceOf(content, searchIndex));
  if (textContent) await writeFile(`${out}/fast/${name}.text.json`, sliceOf(textContent, searchIndex));
}
// Each item of those lists whole, by its position: dist/fast/items/<list>/<n>.json (see src/fast/run.ts).
for (const list of loaded) {
  await mkdir(`${out}/fast/items/${list}`, { recursive: true });
  for (const [index, item] of roadmap[list].entries())
    await writeFile(`${out}/fast/items/${list}/${index}.json`, asciiText(JSON.stringify(item)));
}
// Exactly the files the validated pack lists for each exercise (no caches, no editor backups).
for (const exercise of roadmap.exercises ?? []) {
  await mkdir(`${out}/exercises/${exercise.id}`, { recursive: true });
  for (const file of exercise.files)
    await copyFile(here(`content/exercises/${exercise.id}/${file}`), `${out}/exercises/${exercise.id}/${file}`);
}
// The program's help as it prints into a pipe, rendered by this build's whole program (see src/fast/help.ts).
{
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(MLROADMAP_|NO_COLOR$|FORCE_COLOR$|CLICOLOR|COLUMNS$)/.test(key)),
  );
  const help = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(`${out}/mlroadmap.cjs`)}).run(['--help']).then((c) => { process.exitCode = c; })`],
    {
      env: { ...env, MLROADMAP_CONFIG_DIR: coreExports.HELP_CONFIG_MARK, MLROADMAP_CACHE_DIR: 'off', MLROADMAP_FAST: '0' },
      encoding: 'utf8',
    },
  );
  if (
    help.status !== 0 ||
    typeof coreExports.HELP_CONFIG_MARK !== 'string' ||
    !help.stdout.includes(`${coreExports.HELP_CONFIG_MARK}/progress.json`)
  ) {
    throw new Error(`the help could not be rendered: ${help.stderr || help.stdout}`);
  }
  await writeFile(`${out}/fast/help.txt`, help.stdout);
}
await mkdir(`${out}/python`, { recursive: true });
for (const file of ['mlroadmap_checks.py', 'mlroadmap_forkserver.py'])
  await copyFile(here(`src/exercises/python/${file}`), `${out}/python/${file}`);
const old = `${target}.old-${process.pid}`;
await rename(target, old).catch(() => undefined);
await rename(out, target);
await rm(old, { recursive: true, force: true });
