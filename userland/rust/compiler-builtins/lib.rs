//! The crate `alloc` is linked against when JOS builds its own sysroot
//! (Debian ships the standard library's sources but not the
//! compiler-builtins crate). The arithmetic intrinsics it would provide
//! (64-bit division, soft-float) come from the C toolchain's libgcc at link
//! time; what remains is here: the memory functions LLVM calls (memcpy,
//! memmove, memset, memcmp, bcmp) and, on x86_64, the stack probe.
//! `no_builtins` keeps LLVM from turning these loops into calls to
//! themselves.
#![no_std]
#![feature(compiler_builtins)]
#![compiler_builtins]
#![no_builtins]

const WORD: usize = core::mem::size_of::<usize>();

#[no_mangle]
pub unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    let mut i = 0;
    // Whole words while both pointers are word-aligned (the common case
    // for Vec and String buffers), then bytes.
    if (dest as usize | src as usize) % WORD == 0 {
        while i + WORD <= n {
            *(dest.add(i) as *mut usize) = *(src.add(i) as *const usize);
            i += WORD;
        }
    }
    while i < n {
        *dest.add(i) = *src.add(i);
        i += 1;
    }
    dest
}

#[no_mangle]
pub unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dest as usize) <= (src as usize) || (dest as usize) >= (src as usize) + n {
        return memcpy(dest, src, n); // forwards is safe
    }
    let mut i = n;
    while i > 0 {
        i -= 1;
        *dest.add(i) = *src.add(i);
    }
    dest
}

#[no_mangle]
pub unsafe extern "C" fn memset(dest: *mut u8, value: i32, n: usize) -> *mut u8 {
    let byte = value as u8;
    let mut i = 0;
    if dest as usize % WORD == 0 {
        let word = usize::from_ne_bytes([byte; WORD]);
        while i + WORD <= n {
            *(dest.add(i) as *mut usize) = word;
            i += WORD;
        }
    }
    while i < n {
        *dest.add(i) = byte;
        i += 1;
    }
    dest
}

#[no_mangle]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        let (x, y) = (*a.add(i), *b.add(i));
        if x != y {
            return x as i32 - y as i32;
        }
        i += 1;
    }
    0
}

#[no_mangle]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    memcmp(a, b, n)
}

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
