// Builds dist/: the CLI bundled by esbuild into split chunks (each command loads only what it
// uses), and the shipped content validated and written as dist/content.json. Run by `npm run build`
// and by `prepare`, so `npm ci` leaves a working bin/mlroadmap.js.
import { rm, writeFile } from 'node:fs/promises';
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

await rm(here('dist'), { recursive: true, force: true });
await esbuild.build({
  entryPoints: [here('src/main.ts')],
  outdir: here('dist'),
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

const { compileContent } = await import(here('dist/main.js'));
const roadmap = await compileContent(here('content'));
await writeFile(here('dist/content.json'), JSON.stringify(roadmap));
