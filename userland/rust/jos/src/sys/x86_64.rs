//! x86_64: `syscall` with the number in rax and arguments in rdi, rsi, rdx,
//! r10, r8, r9; rcx and r11 are clobbered by the instruction itself.
use core::arch::asm;

pub const READ: usize = 0;
pub const WRITE: usize = 1;
pub const CLOSE: usize = 3;
pub const LSEEK: usize = 8;
pub const MMAP: usize = 9;
pub const MUNMAP: usize = 11;
pub const BRK: usize = 12;
pub const IOCTL: usize = 16;
pub const NANOSLEEP: usize = 35;
pub const GETPID: usize = 39;
pub const FORK: usize = 57;
pub const EXECVE: usize = 59;
pub const WAIT4: usize = 61;
pub const GETCWD: usize = 79;
pub const CHDIR: usize = 80;
pub const GETDENTS64: usize = 217;
pub const CLOCK_GETTIME: usize = 228;
pub const EXIT_GROUP: usize = 231;
pub const OPENAT: usize = 257;
pub const MKDIRAT: usize = 258;
pub const NEWFSTATAT: usize = 262;
pub const UNLINKAT: usize = 263;

#[inline(always)]
pub unsafe fn syscall6(n: usize, a: usize, b: usize, c: usize, d: usize, e: usize, f: usize) -> isize {
    let ret: isize;
    asm!("syscall", inlateout("rax") n as isize => ret, in("rdi") a, in("rsi") b, in("rdx") c,
         in("r10") d, in("r8") e, in("r9") f, lateout("rcx") _, lateout("r11") _, options(nostack));
    ret
}

core::arch::global_asm!(
    ".globl _start",
    ".type _start, @function",
    "_start:",
    "xor ebp, ebp",
    "mov rdi, rsp", // the initial stack: argc, argv[], NULL, envp[], NULL, auxv
    "and rsp, -16",
    "call jos_start",
    "ud2",
);
