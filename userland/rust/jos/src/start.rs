//! Process entry: `_start` (in sys/) hands over Linux's initial stack
//! (argc, argv[], NULL, envp[], NULL, auxv); this keeps argv and envp for
//! `env`, runs the program's `jos_main` (made by `jos::entry!`), flushes
//! stdout and exits with its status.
use crate::{io, os};

pub(crate) static mut ARGC: usize = 0;
pub(crate) static mut ARGV: *const *const u8 = core::ptr::null();
pub(crate) static mut ENVP: *const *const u8 = core::ptr::null();

extern "C" {
    fn jos_main() -> i32;
}

#[no_mangle]
unsafe extern "C" fn jos_start(stack: *const usize) -> ! {
    ARGC = *stack;
    ARGV = stack.add(1) as *const *const u8;
    ENVP = stack.add(2 + ARGC) as *const *const u8;
    let status = jos_main();
    io::flush_stdout();
    os::exit(status)
}

/// Declares the program's main function: `jos::entry!(main);` with
/// `fn main() -> i32` (the exit status).
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        #[no_mangle]
        pub extern "C" fn jos_main() -> i32 {
            $main()
        }
    };
}
