import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// The build in tests/global-setup.js type-checks every source file; this
// makes its verdict part of the suite.
test('the whole project type-checks (tsc -p tsconfig.json)', () => {
  const report = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'tsc-report.json'), 'utf8'));
  expect(report.output).toBe('');
  expect(report.status).toBe(0);
});

// The tests themselves type-check too (ts-jest only transpiles them, so a
// test can otherwise drift from the types it exercises).
test('the tests type-check (tsc -p tsconfig.test.json)', () => {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json', '--noEmit'], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
}, 120_000);
