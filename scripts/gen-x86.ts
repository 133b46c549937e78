/**
 * npm run gen:x86: regenerates the generated regions of arch/x86_64 from
 * the fast-form description (arch/x86_64/gen/forms.ts). With --check,
 * writes nothing and exits 1 when a committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { generateAll } from '../arch/x86_64/gen/generate';

// npm runs scripts from the repository root.
const dir = join(process.cwd(), 'arch', 'x86_64');
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, content] of generateAll((f) => readFileSync(join(dir, f), 'utf8'))) {
  const path = join(dir, file);
  if (readFileSync(path, 'utf8') === content) continue;
  stale++;
  if (check) process.stderr.write(`gen-x86: arch/x86_64/${file} is out of date: run npm run gen:x86\n`);
  else {
    writeFileSync(path, content);
    process.stdout.write(`gen-x86: wrote arch/x86_64/${file}\n`);
  }
}
process.exitCode = check && stale > 0 ? 1 : 0;
