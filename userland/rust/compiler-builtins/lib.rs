//! The crate `alloc` is linked against when JOS builds its own sysroot for
//! riscv32 (Debian ships the standard library's sources but not the
//! compiler-builtins crate). It is empty on purpose: the intrinsics it would
//! provide (64-bit division, soft-float) come from the C toolchain's libgcc,
//! and memcpy & co. from JOS's C library, at link time.
#![no_std]
#![feature(compiler_builtins)]
#![compiler_builtins]

// x86_64 Linux targets probe the stack before a frame larger than a page:
// the prologue calls __rust_probestack with the frame size in rax. It reads
// one word in each page of [rsp - size, rsp) from the top down, so each
// page is touched before the next one below it (a guard page is never
// jumped over), and changes no register but r11 and the flags.
#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".globl __rust_probestack",
    ".type __rust_probestack, @function",
    "__rust_probestack:",
    "mov r11, rax",
    "2:",
    "cmp r11, 0x1000",
    "jb 3f",
    "sub rsp, 0x1000",
    "test qword ptr [rsp + 8], rsp",
    "sub r11, 0x1000",
    "jmp 2b",
    "3:",
    "sub rsp, r11",
    "test qword ptr [rsp + 8], rsp",
    "add rsp, rax",
    "ret",
    ".size __rust_probestack, . - __rust_probestack",
);

// LLVM turns slice equality into calls to bcmp on Linux targets. JOS's C
// library provides memcmp, which answers the same question (and more); a
// weak bcmp forwards to it, and gives way to a C library's own bcmp.
#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".weak bcmp",
    ".type bcmp, @function",
    "bcmp:",
    "jmp memcmp",
    ".size bcmp, . - bcmp",
);
