// Builds dist/ once before the suites, so tests that spawn the `jos` CLI
// exercise the current sources, not a stale build. tsc emits even when it
// finds type errors; those are recorded for tests/unit/typecheck.test.ts,
// which fails with them, so a focused run (`npx jest tests/x`) is not blocked
// by someone else's work in progress while `npm test` still is.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

module.exports = async function globalSetup() {
  const root = path.join(__dirname, '..');
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
  const report = { status: tsc.status, output: (tsc.stdout || '') + (tsc.stderr || '') };
  // The second build step: the bundle bin/jos.js runs (scripts/bundle.js).
  const bundle = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.js')], { cwd: root, encoding: 'utf8' });
  if (bundle.status !== 0) {
    report.status = bundle.status;
    report.output += (bundle.stdout || '') + (bundle.stderr || '');
  }
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist', 'tsc-report.json'), JSON.stringify(report));
  // The suites' jos runs use this build, even if a source is saved while
  // they run (bin/fresh-build.js would rebuild in each of them).
  process.env.JOS_NO_REBUILD = '1';
  if (report.status !== 0) process.stderr.write(`\n[global-setup] the build reported errors (tests/unit/typecheck.test.ts fails on them):\n${report.output}\n`);
};
