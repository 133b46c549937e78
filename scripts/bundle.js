#!/usr/bin/env node
// The second step of `npm run build`: bundles the compiled CLI
// (dist/host/cli.js and everything it requires, node_modules included) into
// one file, dist/jos.js, so that `jos` starts without resolving and
// reading some 500 modules. bin/jos.js loads it with V8's code cache.
const path = require('path');
let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  process.stderr.write('bundle: esbuild is not installed (a devDependency since the CLI became one bundle): run "npm install"\n');
  process.exit(1);
}

const root = path.join(__dirname, '..');

esbuild.buildSync({
  entryPoints: [path.join(root, 'dist', 'host', 'cli.js')],
  outfile: path.join(root, 'dist', 'jos.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Lines in stack traces point into dist/ (and, through tsc's maps, the
  // sources): keep names readable.
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
});
