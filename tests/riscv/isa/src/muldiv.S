# The M extension (chapter 7), including division by zero and overflow
# (table 7.1).
#include "test.h"
  .weak mtvec_handler
CODE_BEGIN
  TEST_RR(2, mul, 0x00001200, 0x00007e00, 0xb6db6db7)
  TEST_RR(3, mul, 0x00000001, 0xffffffff, 0xffffffff)
  TEST_RR(4, mulh, 0xffff0081, 0xaaaaaaab, 0x0002fe7d)
  TEST_RR(5, mulh, 0x00000000, 0xffffffff, 0xffffffff)
  TEST_RR(6, mulh, 0x40000000, 0x80000000, 0x7fffffff + 1)
  TEST_RR(7, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff)
  TEST_RR(8, mulhu, 0x0001fefe, 0xaaaaaaab, 0x0002fe7d)
  TEST_RR(9, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff)
  TEST_RR(10, mulhsu, 0x00000000, 0x00000001, 0xffffffff)
  TEST_RR(11, mulhsu, 0x80000000, 0x80000000, 0xffffffff + 0)
  TEST_RR(12, div, 3, 20, 6)
  TEST_RR(13, div, -3, -20, 6)
  TEST_RR(14, div, -3, 20, -6)
  TEST_RR(15, div, -1, 5, 0)
  TEST_RR(16, div, 0x80000000, 0x80000000, -1)
  TEST_RR(17, divu, 0x2aaaaaa7, -20, 6)
  TEST_RR(18, divu, -1, 5, 0)
  TEST_RR(19, rem, 2, 20, 6)
  TEST_RR(20, rem, -2, -20, 6)
  TEST_RR(21, rem, 2, 20, -6)
  TEST_RR(22, rem, 5, 5, 0)
  TEST_RR(23, rem, 0, 0x80000000, -1)
  TEST_RR(24, remu, 2, -20, 6)
  TEST_RR(25, remu, -20, -20, 0)
  TEST_END
CODE_END
DATA_BEGIN
DATA_END
