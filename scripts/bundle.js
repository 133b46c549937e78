#!/usr/bin/env node
// The second step of `npm run build`: bundles the compiled CLI
// (dist/host/cli.js and everything it requires, node_modules included) into
// one file, dist/jos.js, so that `jos` starts without resolving and
// reading some 500 modules. bin/jos.js loads it with V8's code cache.
const fs = require('fs');
const path = require('path');
let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  process.stderr.write('bundle: esbuild is not installed (a devDependency since the CLI became one bundle): run "npm install"\n');
  process.exit(1);
}

const root = path.join(__dirname, '..');

/** commander requires node:child_process at its top level, for the
 * external subcommands (`jos-foo` executables) that jos does not have:
 * loading it costs every start some 6 M host instructions (cachegrind; on
 * top of the streams a run loads anyway). Its require gets an object that
 * loads the module when a property is first read. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_target, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

async function bundle() {
  await esbuild.build({
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
    plugins: [lazyChildProcess],
  });

  // esbuild escapes non-ASCII characters in strings but keeps them in
  // comments and regular expressions; one such character makes V8 hold the
  // whole 2.6 MB source as two bytes per character, which every start pays
  // for in reading and checking it against the code cache. As \u escapes
  // they mean the same in a comment, a string or a regular expression.
  const outfile = path.join(root, 'dist', 'jos.js');
  const source = fs.readFileSync(outfile, 'utf8');
  const ascii = source.replace(/[^\x00-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  if (ascii !== source) fs.writeFileSync(outfile, ascii);
}

bundle().catch((error) => {
  process.stderr.write(`bundle: ${error.message}\n`);
  process.exit(1);
});
