#!/usr/bin/env node
// npm run bench: runs the compiled benchmark runner from dist/. The build
// is brought up to date once, here (bin/fresh-build.js); the jos processes
// the bench starts then skip the check (JOS_NO_REBUILD), so a source saved
// while a bench runs does not set off a rebuild inside a measured run,
// whose time, and tsc's memory in its max RSS, would count as the run's.
const path = require('path');
const { ensureFreshBuild } = require('./fresh-build');

ensureFreshBuild(path.join(__dirname, '..'));
process.env.JOS_NO_REBUILD = '1';
let bench;
try {
  bench = require('../dist/bench/run.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('bench: the project is not built; run "npm run build" first\n');
    process.exit(1);
  }
  throw error;
}
