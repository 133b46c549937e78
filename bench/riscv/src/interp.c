/* A small bytecode interpreter (a stack machine with a switch dispatch
 * loop, the shape of many real interpreters) running an iterative
 * Fibonacci-and-checksum program, checked against the same sum in C. */
#include <stdint.h>

enum { PUSH, LOAD, STORE, ADD, SUB, XOR, MUL, DUP, JNZ, JMP, HALT };

/* vars: 0 = n, 1 = a, 2 = b, 3 = sum */
static const int32_t program[] = {
  /* 0 */ LOAD, 1, LOAD, 2, ADD, STORE, 3,           /* t = a + b (var 3) */
  /* 7 */ LOAD, 2, STORE, 1, LOAD, 3, STORE, 2,      /* a = b; b = t */
  /* 15 */ LOAD, 2, PUSH, 31, MUL, LOAD, 0, XOR, STORE, 3, /* sum = t * 31 ^ n */
  /* 25 */ LOAD, 0, PUSH, 1, SUB, DUP, STORE, 0, JNZ, 0, /* while (--n) */
  /* 35 */ HALT,
};

static int32_t run(int32_t n) {
  int32_t vars[4] = {n, 0, 1, 0};
  int32_t stack[16];
  int sp = 0;
  int pc = 0;
  for (;;) {
    int32_t op = program[pc++];
    switch (op) {
      case PUSH: stack[sp++] = program[pc++]; break;
      case LOAD: stack[sp++] = vars[program[pc++]]; break;
      case STORE: vars[program[pc++]] = stack[--sp]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case JNZ: { int32_t t = program[pc++]; if (stack[--sp] != 0) pc = t; break; }
      case JMP: pc = program[pc]; break;
      default: return vars[1] ^ vars[2] ^ vars[3];
    }
  }
}

static int32_t native(int32_t n) {
  int32_t a = 0, b = 1, s = 0;
  while (n != 0) {
    int32_t t = a + b;
    a = b;
    b = t;
    s = t * 31 ^ n;
    n--;
  }
  return a ^ b ^ s;
}

int main(void) {
  int32_t bad = 0;
  for (int32_t n = 20000; n < 20010; n++) bad |= run(n) ^ native(n);
  return bad != 0;
}
