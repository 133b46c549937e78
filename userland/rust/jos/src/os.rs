//! The system calls the runtime uses, with the differences between the two
//! architectures' tables hidden (riscv32 has no fork, wait4, lseek, mmap or
//! fstat: it uses clone, waitid, llseek, mmap2 and statx, as its libc does).
//! Each returns `Ok(value)` or `Err(Errno)`.
use crate::errno::Errno;
use crate::sys::*;

pub type Result<T> = core::result::Result<T, Errno>;

fn check(ret: isize) -> Result<usize> {
    if ret < 0 && ret > -4096 { Err(Errno(-ret as i32)) } else { Ok(ret as usize) }
}

unsafe fn sc(n: usize, a: usize, b: usize, c: usize, d: usize, e: usize) -> Result<usize> {
    check(syscall6(n, a, b, c, d, e, 0))
}

pub fn read(fd: i32, buf: &mut [u8]) -> Result<usize> {
    unsafe { sc(READ, fd as usize, buf.as_mut_ptr() as usize, buf.len(), 0, 0) }
}

pub fn write(fd: i32, buf: &[u8]) -> Result<usize> {
    unsafe { sc(WRITE, fd as usize, buf.as_ptr() as usize, buf.len(), 0, 0) }
}

/// Writes all of `buf`, retrying short writes.
pub fn write_all(fd: i32, mut buf: &[u8]) -> Result<()> {
    while !buf.is_empty() {
        let n = write(fd, buf)?;
        if n == 0 { return Err(Errno(crate::errno::EIO)); }
        buf = &buf[n..];
    }
    Ok(())
}

/// `path` must end in a NUL byte (see `CPath`).
pub fn open(path: &[u8], flags: usize, mode: usize) -> Result<i32> {
    unsafe { sc(OPENAT, AT_FDCWD as usize, path.as_ptr() as usize, flags | O_LARGEFILE, mode, 0).map(|fd| fd as i32) }
}

#[cfg(target_arch = "riscv32")]
const O_LARGEFILE: usize = 0o100000;
#[cfg(target_arch = "x86_64")]
const O_LARGEFILE: usize = 0;

pub fn close(fd: i32) -> Result<()> {
    unsafe { sc(CLOSE, fd as usize, 0, 0, 0, 0).map(|_| ()) }
}

/// lseek: the new offset.
pub fn seek(fd: i32, offset: i64, whence: u32) -> Result<u64> {
    #[cfg(target_arch = "x86_64")]
    unsafe { sc(LSEEK, fd as usize, offset as usize, whence as usize, 0, 0).map(|o| o as u64) }
    #[cfg(target_arch = "riscv32")]
    unsafe {
        let mut result: u64 = 0;
        let hi = ((offset as u64) >> 32) as usize;
        let lo = offset as u64 as u32 as usize;
        sc(LLSEEK, fd as usize, hi, lo, &mut result as *mut u64 as usize, whence as usize)?;
        Ok(result)
    }
}

pub fn getdents64(fd: i32, buf: &mut [u8]) -> Result<usize> {
    unsafe { sc(GETDENTS64, fd as usize, buf.as_mut_ptr() as usize, buf.len(), 0, 0) }
}

pub fn mkdir(path: &[u8], mode: usize) -> Result<()> {
    unsafe { sc(MKDIRAT, AT_FDCWD as usize, path.as_ptr() as usize, mode, 0, 0).map(|_| ()) }
}

pub fn unlink(path: &[u8], directory: bool) -> Result<()> {
    let flags = if directory { AT_REMOVEDIR } else { 0 };
    unsafe { sc(UNLINKAT, AT_FDCWD as usize, path.as_ptr() as usize, flags, 0, 0).map(|_| ()) }
}

pub fn chdir(path: &[u8]) -> Result<()> {
    unsafe { sc(CHDIR, path.as_ptr() as usize, 0, 0, 0, 0).map(|_| ()) }
}

pub fn getcwd(buf: &mut [u8]) -> Result<usize> {
    unsafe { sc(GETCWD, buf.as_mut_ptr() as usize, buf.len(), 0, 0, 0) }
}

/// What stat says of a path: its mode bits and size.
pub struct Stat {
    pub mode: u32,
    pub size: u64,
}

pub fn stat(path: &[u8]) -> Result<Stat> {
    #[cfg(target_arch = "x86_64")]
    unsafe {
        // struct stat (x86_64): st_mode at 24 (u32), st_size at 48 (i64).
        let mut buf = [0u64; 18];
        sc(NEWFSTATAT, AT_FDCWD as usize, path.as_ptr() as usize, buf.as_mut_ptr() as usize, 0, 0)?;
        let bytes = buf.as_ptr() as *const u8;
        Ok(Stat { mode: *(bytes.add(24) as *const u32), size: *(bytes.add(48) as *const u64) })
    }
    #[cfg(target_arch = "riscv32")]
    unsafe {
        // struct statx: stx_mode at 28 (u16), stx_size at 40 (u64).
        const STATX_BASIC_STATS: usize = 0x7ff;
        let mut buf = [0u64; 32];
        sc(STATX, AT_FDCWD as usize, path.as_ptr() as usize, 0, STATX_BASIC_STATS, buf.as_mut_ptr() as usize)?;
        let bytes = buf.as_ptr() as *const u8;
        Ok(Stat { mode: *(bytes.add(28) as *const u16) as u32, size: *(bytes.add(40) as *const u64) })
    }
}

pub fn getpid() -> i32 {
    unsafe { syscall6(GETPID, 0, 0, 0, 0, 0, 0) as i32 }
}

/// 0 in the child, the child's pid in the parent.
pub fn fork() -> Result<i32> {
    #[cfg(target_arch = "x86_64")]
    unsafe { sc(FORK, 0, 0, 0, 0, 0).map(|p| p as i32) }
    #[cfg(target_arch = "riscv32")]
    unsafe { sc(CLONE, SIGCHLD, 0, 0, 0, 0).map(|p| p as i32) }
}

/// `path`, `argv` and `envp`: NUL-terminated strings and NULL-terminated
/// pointer arrays. Returns only on failure.
pub fn execve(path: *const u8, argv: *const *const u8, envp: *const *const u8) -> Errno {
    match unsafe { sc(EXECVE, path as usize, argv as usize, envp as usize, 0, 0) } {
        Ok(_) => Errno(0),
        Err(e) => e,
    }
}

/// How a waited-for child ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
}

/// Waits for the child `pid` to end.
pub fn wait(pid: i32) -> Result<Exit> {
    #[cfg(target_arch = "x86_64")]
    unsafe {
        let mut status: i32 = 0;
        sc(WAIT4, pid as usize, &mut status as *mut i32 as usize, 0, 0, 0)?;
        Ok(if status & 0x7f == 0 { Exit::Code((status >> 8) & 0xff) } else { Exit::Signal(status & 0x7f) })
    }
    #[cfg(target_arch = "riscv32")]
    unsafe {
        // waitid(P_PID, pid, &siginfo, WEXITED): si_code at 8, si_status at 20.
        const P_PID: usize = 1;
        const WEXITED: usize = 4;
        const CLD_EXITED: i32 = 1;
        let mut info = [0i32; 32];
        sc(WAITID, P_PID, pid as usize, info.as_mut_ptr() as usize, WEXITED, 0)?;
        Ok(if info[2] == CLD_EXITED { Exit::Code(info[5]) } else { Exit::Signal(info[5]) })
    }
}

pub fn exit(code: i32) -> ! {
    unsafe { syscall6(EXIT_GROUP, code as usize, 0, 0, 0, 0, 0) };
    loop {}
}

/// Nanoseconds on `clock` (CLOCK_MONOTONIC or CLOCK_REALTIME).
pub fn clock_ns(clock: usize) -> u64 {
    #[cfg(target_arch = "x86_64")]
    unsafe {
        let mut ts = [0i64; 2];
        syscall6(CLOCK_GETTIME, clock, ts.as_mut_ptr() as usize, 0, 0, 0, 0);
        ts[0] as u64 * 1_000_000_000 + ts[1] as u64
    }
    #[cfg(target_arch = "riscv32")]
    unsafe {
        // struct __kernel_timespec: i64 tv_sec, i64 tv_nsec.
        let mut ts = [0i64; 2];
        syscall6(CLOCK_GETTIME64, clock, ts.as_mut_ptr() as usize, 0, 0, 0, 0);
        ts[0] as u64 * 1_000_000_000 + (ts[1] as u64 & 0xffff_ffff)
    }
}

pub fn sleep_ns(ns: u64) {
    let ts = [(ns / 1_000_000_000) as i64, (ns % 1_000_000_000) as i64];
    #[cfg(target_arch = "x86_64")]
    unsafe { syscall6(NANOSLEEP, ts.as_ptr() as usize, 0, 0, 0, 0, 0) };
    #[cfg(target_arch = "riscv32")]
    unsafe { syscall6(CLOCK_NANOSLEEP_TIME64, CLOCK_MONOTONIC, 0, ts.as_ptr() as usize, 0, 0, 0) };
}

/// The program break after asking for `to` (0: just ask where it is).
pub fn brk(to: usize) -> usize {
    unsafe { syscall6(BRK, to, 0, 0, 0, 0, 0) as usize }
}

/// Anonymous private read/write pages.
pub fn mmap_anonymous(len: usize) -> Result<*mut u8> {
    const PROT_RW: usize = 3;
    const MAP_PRIVATE_ANONYMOUS: usize = 0x22;
    #[cfg(target_arch = "x86_64")]
    let n = MMAP;
    #[cfg(target_arch = "riscv32")]
    let n = MMAP2;
    unsafe { check(syscall6(n, 0, len, PROT_RW, MAP_PRIVATE_ANONYMOUS, usize::MAX, 0)).map(|a| a as *mut u8) }
}

pub fn munmap(address: *mut u8, len: usize) {
    unsafe { syscall6(MUNMAP, address as usize, len, 0, 0, 0, 0) };
}

/// True when `fd` is a terminal (TCGETS succeeds).
pub fn isatty(fd: i32) -> bool {
    const TCGETS: usize = 0x5401;
    let mut termios = [0u8; 64];
    unsafe { syscall6(IOCTL, fd as usize, TCGETS, termios.as_mut_ptr() as usize, 0, 0, 0) >= 0 }
}
