#!/usr/bin/env node
// The jos command: runs the compiled CLI from dist/ (built by `npm install`).
let cli;
try {
  cli = require('../dist/host/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('jos: the project is not built; run "npm install" (or "npm run build") first\n');
    process.exit(1);
  }
  throw error;
}
cli.main(process.argv);
