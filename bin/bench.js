#!/usr/bin/env node
// npm run bench: runs the compiled benchmark runner from dist/.
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
