import * as fs from 'fs';
import * as path from 'path';

// The build in tests/global-setup.js type-checks every source file; this
// makes its verdict part of the suite.
test('the whole project type-checks (tsc -p tsconfig.json)', () => {
  const report = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'tsc-report.json'), 'utf8'));
  expect(report.output).toBe('');
  expect(report.status).toBe(0);
});
