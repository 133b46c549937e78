/**
 * npm run gen:x86: regenerates the generated regions of arch/x86_64 from
 * the fast-form description (arch/x86_64/gen/forms.ts), and the files
 * assembled from a hand-written source and regions (interpreter-run.ts from
 * interpreter.ts). With --check,
 * writes nothing and exits 1 when a committed file is out of date. A new
 * interpreter-warmup.S is assembled (scripts/build-interpreter-warmup.sh,
 * which needs binutils).
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { generateAll } from '../arch/x86_64/gen/generate';

// npm runs scripts from the repository root.
const dir = join(process.cwd(), 'arch', 'x86_64');
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, content] of generateAll((f) => readFileSync(join(dir, f), 'utf8'))) {
  const path = join(dir, file);
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (old === content) continue;
  stale++;
  if (check) process.stderr.write(`gen-x86: arch/x86_64/${file} is out of date: run npm run gen:x86\n`);
  else {
    writeFileSync(path, content);
    process.stdout.write(`gen-x86: wrote arch/x86_64/${file}\n`);
    if (file === 'interpreter-warmup.S') {
      try {
        execFileSync(join(process.cwd(), 'scripts', 'build-interpreter-warmup.sh'), { stdio: 'inherit' });
      } catch (e) {
        // Leave the program as it was, so that a rerun tries again.
        writeFileSync(path, old);
        throw e;
      }
      process.stdout.write('gen-x86: assembled it into arch/x86_64/interpreter-warmup-code.ts\n');
    }
  }
}
process.exitCode = check && stale > 0 ? 1 : 0;
