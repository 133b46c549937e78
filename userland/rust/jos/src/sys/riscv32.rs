//! riscv32: `ecall` with the number in a7 and arguments in a0..a5; the
//! result comes back in a0 and nothing else is clobbered.
use core::arch::asm;

pub const GETCWD: usize = 17;
pub const IOCTL: usize = 29;
pub const MKDIRAT: usize = 34;
pub const UNLINKAT: usize = 35;
pub const CHDIR: usize = 49;
pub const OPENAT: usize = 56;
pub const CLOSE: usize = 57;
pub const GETDENTS64: usize = 61;
pub const LLSEEK: usize = 62;
pub const READ: usize = 63;
pub const WRITE: usize = 64;
pub const EXIT_GROUP: usize = 94;
pub const WAITID: usize = 95;
pub const GETPID: usize = 172;
pub const BRK: usize = 214;
pub const MUNMAP: usize = 215;
pub const CLONE: usize = 220;
pub const EXECVE: usize = 221;
pub const MMAP2: usize = 222;
pub const STATX: usize = 291;
pub const CLOCK_GETTIME64: usize = 403;
pub const CLOCK_NANOSLEEP_TIME64: usize = 407;

#[inline(always)]
pub unsafe fn syscall6(n: usize, a: usize, b: usize, c: usize, d: usize, e: usize, f: usize) -> isize {
    let ret: isize;
    asm!("ecall", in("a7") n, inlateout("a0") a as isize => ret, in("a1") b, in("a2") c,
         in("a3") d, in("a4") e, in("a5") f, options(nostack));
    ret
}

// gp must hold __global_pointer$ before any Rust code runs (the linker
// relaxes small-data accesses against it); its own load is not relaxed.
core::arch::global_asm!(
    ".globl _start",
    ".type _start, @function",
    "_start:",
    ".option push",
    ".option norelax",
    "la gp, __global_pointer$",
    ".option pop",
    "mv a0, sp",
    "andi sp, sp, -16",
    "call jos_start",
    "unimp",
);
