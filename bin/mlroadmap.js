#!/usr/bin/env node
// Not the executable any more (that is dist/mlroadmap.cjs, package.json's bin): kept so that an
// `npm link` made before still runs after `git pull && npm run build`. `npm link` again to drop it.
require('../dist/mlroadmap.cjs').main();
