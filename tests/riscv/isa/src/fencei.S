# Zifencei: code rewritten by stores runs in its new form after fence.i,
# both for an instruction already executed (a cached block) and one not.
#include "test.h"
  .weak mtvec_handler
CODE_BEGIN
  li a0, 0
  jal patchable            # a0 += 1, caches the block
  li TESTNUM, 2; li t0, 1; bne a0, t0, fail
  # Rewrite "addi a0, a0, 1" into "addi a0, a0, 16".
  la t1, patch_insn
  lw t2, 0(t1)
  li t3, 0x00f00000; add t2, t2, t3
  sw t2, 0(t1)
  fence.i
  jal patchable
  li TESTNUM, 3; li t0, 17; bne a0, t0, fail
  TEST_END

  .align 2
  .option push
  .option norvc
patchable:
patch_insn:
  addi a0, a0, 1
  ret
  .option pop
CODE_END
DATA_BEGIN
DATA_END
