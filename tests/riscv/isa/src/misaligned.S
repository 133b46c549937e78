# Misaligned loads and stores (unprivileged spec 2.6): JOS performs them
# (no trap), including across a page boundary; the values are as if the
# bytes were accessed one at a time, little-endian.
#include "test.h"
  .weak mtvec_handler
CODE_BEGIN
  la s0, buf
  TEST_CASE(2, a0, 0x04030201, lw a0, 1(s0))
  TEST_CASE(3, a0, 0x07060504, lw a0, 4 + 0(s0); lw a0, 3 + 1(s0))
  TEST_CASE(4, a0, 0xffff8302, li t0, 0x8302; sh t0, 2(s0); lh a0, 2(s0))
  TEST_CASE(5, a0, 0x00008302, lhu a0, 2(s0))
  TEST_CASE(6, a0, 0xffff8302, lh a0, 2(s0))
  TEST_CASE(7, a0, 0x0000ff02, li t0, 0xff02; sh t0, 5(s0); lhu a0, 5(s0))
  TEST_CASE(8, a0, 0xdeadbeef, li t0, 0xdeadbeef; sw t0, 7(s0); lw a0, 7(s0))
  TEST_CASE(9, a0, 0xadbeefff, lw a0, 6(s0))
  # Across a page boundary.
  la s1, page_end
  TEST_CASE(10, a0, 0x89abcdef, li t0, 0x89abcdef; sw t0, -2(s1); lw a0, -2(s1))
  TEST_CASE(11, a0, 0xcdef, lhu a0, -2(s1))
  TEST_CASE(12, a0, 0x89ab, lhu a0, 0(s1))
  TEST_CASE(13, a0, 0xffffabcd, lh a0, -1(s1))
  TEST_END
CODE_END
DATA_BEGIN
  .align 4
buf: .byte 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
  .align 12
  .fill 1024, 4, 0
page_end:
  .fill 16, 4, 0
DATA_END
