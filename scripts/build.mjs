// Builds dist/: the CLI bundled by esbuild into split chunks (each command loads only what it
// uses), and the shipped content validated and written as dist/content.json. Run by `npm run build`
// and by `prepare`, so `npm ci` leaves a working bin/mlroadmap.js.
import { rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = (path) => `${root}${path}`;

/** Modules that are heavy to import and unused by mlroadmap, swapped for small stand-ins. */
const swaps = [
  { filter: /^cli-highlight$/, from: /marked-terminal/, to: here('src/render/highlight.ts') },
  { filter: /^node-emoji$/, from: /marked-terminal/, to: here('src/render/stubs/emoji.ts') },
  { filter: /^ajv(\/dist\/2020\.js)?$|^ajv-formats$/, from: /conf/, to: here('src/render/stubs/ajv.ts') },
];

const swapPlugin = {
  name: 'swap-heavy-modules',
  setup(build) {
    for (const swap of swaps) {
      build.onResolve({ filter: swap.filter }, (args) => (swap.from.test(args.importer) ? { path: swap.to } : undefined));
    }
  },
};

// Build beside dist/ and swap it in at the end, so a run of bin/mlroadmap.js never sees half a build.
const out = here(`dist.tmp-${process.pid}`);
await rm(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [here('src/main.ts')],
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
  logLevel: 'warning',
});

const { compileContent } = await import(`${out}/main.js`);
const roadmap = await compileContent(here('content'));
await writeFile(`${out}/content.json`, JSON.stringify(roadmap));
const old = here(`dist.old-${process.pid}`);
await rename(here('dist'), old).catch(() => undefined);
await rename(out, here('dist'));
await rm(old, { recursive: true, force: true });
