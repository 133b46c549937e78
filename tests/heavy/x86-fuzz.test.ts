/**
 * The long differential fuzz of the x86_64 core against the host CPU
 * (npm run fuzz:x86): millions of generated cases in batches.
 *   X86_FUZZ_CASES (default 2,000,000), X86_FUZZ_SEED (default: time),
 *   X86_FUZZ_BATCH (default 100,000), X86_FUZZ_JIT=0 (the interpreter),
 *   X86_FUZZ_BACKEND=wasm|js (the JIT's backend; default wasm, as on the
 *   pc board). A failure prints its seed and batch.
 */
import { Rng, diffRows, makeCase } from '../x86_64/gen/generate';
import { CoreRunner, INTERPRETER, JIT_AT_FIRST_RUN, WASM_AT_FIRST_RUN, runDifferential } from '../x86_64/harness/diff';
import { TEMPLATES, makeTemplateCase } from '../x86_64/gen/templates';

const TOTAL = Number(process.env.X86_FUZZ_CASES ?? 2_000_000);
const BATCH = Number(process.env.X86_FUZZ_BATCH ?? 100_000);
const SEED = Number(process.env.X86_FUZZ_SEED ?? (Date.now() & 0x7fffffff));
/** X86_FUZZ_JIT=0: the interpreter alone; default: the JIT, compiling every block at its first run. */
const JIT = process.env.X86_FUZZ_JIT !== '0';
/** X86_FUZZ_BACKEND=js|wasm: the JIT's backend (default wasm, the pc board's). */
const BACKEND = process.env.X86_FUZZ_BACKEND ?? 'wasm';
if (BACKEND !== 'js' && BACKEND !== 'wasm') throw new Error(`X86_FUZZ_BACKEND must be js or wasm, not ${BACKEND}`);
const TIER = !JIT ? 'interpreter' : BACKEND === 'wasm' ? 'JIT wasm' : 'JIT js';

describe('x86_64 differential fuzz', () => {
  it(`matches the host CPU on ${TOTAL} cases (seed ${SEED}, ${TIER})`, () => {
    const rows = diffRows();
    const rng = new Rng(SEED);
    const core = new CoreRunner(!JIT ? INTERPRETER : BACKEND === 'wasm' ? WASM_AT_FIRST_RUN : JIT_AT_FIRST_RUN);
    const failures: string[] = [];
    let done = 0;
    for (let batch = 0; done < TOTAL; batch++) {
      const n = Math.min(BATCH, TOTAL - done);
      const cases = [];
      for (let k = 0; k < n; k++) {
        // One case in eight exercises branches, the stack and strings.
        if (rng.int(8) === 0) {
          const [name, t] = TEMPLATES[rng.int(TEMPLATES.length)];
          cases.push(makeTemplateCase(rng, name, t));
        } else cases.push(makeCase(rng, rows[rng.int(rows.length)], rows));
      }
      const f = runDifferential(cases, core);
      for (const text of f) failures.push(`[seed ${SEED} batch ${batch}] ${text}`);
      done += n;
      process.stderr.write(`x86 fuzz: ${done}/${TOTAL} cases, ${failures.length} differences\n`);
      if (failures.length > 50) break;
    }
    if (failures.length > 0) throw new Error(`${failures.length} differences:\n${failures.slice(0, 20).join('\n')}`);
  });
});
