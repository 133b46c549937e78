//! A panic prints where and why on stderr and ends the program with status
//! 101, as a Rust program's panic does on Linux; running out of memory is
//! reported the same way.
use crate::{io, os};
use core::alloc::Layout;
use core::panic::PanicInfo;

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    io::flush_stdout();
    crate::eprintln!("{}", info);
    os::exit(101)
}

#[alloc_error_handler]
fn out_of_memory(layout: Layout) -> ! {
    io::flush_stdout();
    crate::eprintln!("memory allocation of {} bytes failed", layout.size());
    os::exit(101)
}
