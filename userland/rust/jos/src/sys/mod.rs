//! Raw system calls: Linux's numbers and conventions for each architecture
//! (x86_64: `syscall`; riscv32: `ecall`, the asm-generic table with 64-bit
//! time calls). Every call returns the result or a negative errno.

#[cfg(target_arch = "x86_64")]
mod x86_64;
#[cfg(target_arch = "x86_64")]
pub use self::x86_64::*;

#[cfg(target_arch = "riscv32")]
mod riscv32;
#[cfg(target_arch = "riscv32")]
pub use self::riscv32::*;

/// `AT_FDCWD`: paths relative to the working directory.
pub const AT_FDCWD: isize = -100;
pub const AT_REMOVEDIR: usize = 0x200;
pub const O_RDONLY: usize = 0;
pub const O_WRONLY: usize = 1;
pub const O_RDWR: usize = 2;
pub const O_CREAT: usize = 0o100;
pub const O_TRUNC: usize = 0o1000;
pub const O_APPEND: usize = 0o2000;
pub const O_DIRECTORY: usize = 0o200000;
pub const O_CLOEXEC: usize = 0o2000000;
pub const CLOCK_REALTIME: usize = 0;
pub const CLOCK_MONOTONIC: usize = 1;
pub const SIGCHLD: usize = 17;
