// Writes dist/THIRD-PARTY-LICENSES.txt: the licence of every npm package bundled into dist/.
// The package ships its dependencies inside the bundle (so `npm install -g` fetches nothing), and
// their licences (MIT, ISC, ...) ask that the notice travel with the code. Run after scripts/build.mjs.
//
// The list comes from esbuild's metafile: dist/meta.json when the build wrote one (`build.mjs --meta`,
// as `npm run build` asks; it is removed here so it does not ship), else a metafile of our own made
// from the same entry points without build.mjs's stand-ins (a superset: some listed packages may not ship).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

async function bundledInputs() {
  const meta = `${root}dist/meta.json`;
  if (existsSync(meta)) {
    const inputs = Object.keys(JSON.parse(readFileSync(meta, 'utf8')).inputs);
    rmSync(meta);
    return inputs;
  }
  const { metafile } = await esbuild.build({
    entryPoints: [`${root}src/main.ts`, `${root}src/render/markdown.ts`],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: `${root}dist.licenses-unused`,
    logLevel: 'error',
  });
  return Object.keys(metafile.inputs);
}

/** The package folder of a bundled input such as `node_modules/@inquirer/core/dist/index.js`. */
function packageDir(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

const dirs = [...new Set((await bundledInputs()).map(packageDir).filter(Boolean))];
const entries = dirs
  .map((dir) => {
    const pkg = JSON.parse(readFileSync(`${root}${dir}/package.json`, 'utf8'));
    const file = readdirSync(`${root}${dir}`).find((name) => /^(licen[cs]e|copying)([-.][\w.-]*)?$/i.test(name));
    const text = file ? readFileSync(`${root}${dir}/${file}`, 'utf8').trim() : undefined;
    return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see package', text };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

const missing = entries.filter((entry) => !entry.text);
if (missing.length > 0) console.warn(`licenses: no licence file in ${missing.map((entry) => entry.name).join(', ')}`);

const out = `${root}dist/THIRD-PARTY-LICENSES.txt`;
if (!existsSync(`${root}dist`)) throw new Error('dist/ does not exist: run scripts/build.mjs first');
writeFileSync(
  out,
  [
    'mlroadmap bundles the following npm packages into dist/. Their licences follow.',
    '',
    ...entries.flatMap((entry) => [
      '-'.repeat(72),
      `${entry.name}@${entry.version} (${entry.license})`,
      '',
      entry.text ?? `Licensed under ${entry.license}; no licence file was included in the package.`,
      '',
    ]),
  ].join('\n'),
);
