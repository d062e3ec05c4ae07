// Builds dist/: the CLI bundled by esbuild into split chunks (each command loads only what it
// uses), and the shipped content validated and written as dist/content.json. Run by `npm run build`
// and by `prepare`, so `npm ci` leaves a working bin/mlroadmap.js.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = (path) => `${root}${path}`;

/**
 * Modules that are heavy to import and unused (or barely used) by mlroadmap, swapped for small
 * stand-ins when `from` imports them (with `kind`, only that kind of import). Each stand-in says why.
 */
const swaps = [
  { filter: /^cli-highlight$/, from: /marked-terminal/, to: here('src/render/highlight.ts') },
  { filter: /^node-emoji$/, from: /marked-terminal/, to: here('src/render/stubs/emoji.ts') },
  { filter: /^ajv(\/dist\/2020\.js)?$|^ajv-formats$/, from: /conf/, to: here('src/render/stubs/ajv.ts') },
  { filter: /^(node:)?process$/, from: /node_modules/, kind: 'import-statement', to: here('src/render/stubs/process.ts') },
  { filter: /^node:child_process$/, from: /commander/, to: here('src/render/stubs/child-process.ts') },
  { filter: /^cli-table3$/, from: /marked-terminal/, to: here('src/render/stubs/table.ts') },
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

// Build beside the target and swap it in at the end, so a run of bin/mlroadmap.js never sees half a build.
const out = `${target}.tmp-${process.pid}`;
await rm(out, { recursive: true, force: true });
const result = await esbuild.build({
  // render.js is renderMarkdown on its own, for tests that compare the bundled renderer with the sources.
  entryPoints: { main: here('src/main.ts'), render: here('src/render/markdown.ts') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies (proper-lockfile, cli-table3) use require(); give the ESM chunks one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [swapPlugin],
  define: { MLROADMAP_BUILD: JSON.stringify(await buildId()) },
  metafile: flags.meta === true,
  logLevel: 'warning',
});
if (flags.meta) await writeFile(`${out}/meta.json`, JSON.stringify(result.metafile));

const { compileContent } = await import(`${out}/main.js`);
const roadmap = await compileContent(here('content'));
await writeFile(`${out}/content.json`, JSON.stringify(roadmap));
const old = `${target}.old-${process.pid}`;
await rename(target, old).catch(() => undefined);
await rename(out, target);
await rm(old, { recursive: true, force: true });
