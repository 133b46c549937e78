//! jos: the runtime for Rust programs on JOS (and on Linux: the same
//! binaries run natively on x86_64 and under qemu-riscv32). `no_std` with
//! `alloc`: it starts the program, prints, reads the arguments and the
//! environment, works with files, directories and processes, tells time,
//! allocates, and reports panics.
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//! use jos::println;
//! jos::entry!(main);
//! fn main() -> i32 { println!("Hello from Rust"); 0 }
//! ```
#![no_std]
#![feature(alloc_error_handler)]

pub extern crate alloc;

pub mod env;
pub mod errno;
pub mod fs;
mod heap;
pub mod io;
pub mod os;
mod panic;
pub mod process;
mod start;
pub mod sys;
pub mod time;

#[global_allocator]
static ALLOCATOR: heap::JosAllocator = heap::JosAllocator;

/// What most programs use.
pub mod prelude {
    pub use crate::alloc::{borrow::ToOwned, boxed::Box, format, string::String, string::ToString, vec, vec::Vec};
    pub use crate::{eprint, eprintln, print, println};
}
