#!/usr/bin/env node
require('../dist/main.cjs')
  .run()
  .then((code) => {
    process.exitCode = code;
  });
