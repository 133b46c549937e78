//! Standard output and error. stdout is line buffered (as the C library's
//! is) so that output interleaves with C programs' the same way; stderr is
//! unbuffered. `print!`, `println!`, `eprint!` and `eprintln!` format with
//! core::fmt.
use crate::os;
use core::fmt;

const STDOUT_BUFFER: usize = 1024;

struct LineBuffer {
    bytes: [u8; STDOUT_BUFFER],
    len: usize,
}

static mut STDOUT: LineBuffer = LineBuffer { bytes: [0; STDOUT_BUFFER], len: 0 };

/// Writes out whatever stdout holds.
pub fn flush_stdout() {
    unsafe {
        let _ = os::write_all(1, &STDOUT.bytes[..STDOUT.len]);
        STDOUT.len = 0;
    }
}

/// Appends to stdout's buffer, flushing at each newline and when full.
pub fn write_stdout(mut data: &[u8]) {
    unsafe {
        while !data.is_empty() {
            let room = STDOUT_BUFFER - STDOUT.len;
            let take = room.min(data.len());
            STDOUT.bytes[STDOUT.len..STDOUT.len + take].copy_from_slice(&data[..take]);
            STDOUT.len += take;
            let newline = data[..take].contains(&b'\n');
            data = &data[take..];
            if newline || STDOUT.len == STDOUT_BUFFER {
                flush_stdout();
            }
        }
    }
}

pub struct Stdout;
pub struct Stderr;

impl fmt::Write for Stdout {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        write_stdout(s.as_bytes());
        Ok(())
    }
}

impl fmt::Write for Stderr {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        flush_stdout(); // what was printed before comes first
        os::write_all(2, s.as_bytes()).map_err(|_| fmt::Error)
    }
}

#[doc(hidden)]
pub fn _print(args: fmt::Arguments) {
    let _ = fmt::write(&mut Stdout, args);
}

#[doc(hidden)]
pub fn _eprint(args: fmt::Arguments) {
    let _ = fmt::write(&mut Stderr, args);
}

/// Reads from stdin (fd 0) into `buf`; 0 at the end of input.
pub fn read_stdin(buf: &mut [u8]) -> os::Result<usize> {
    os::read(0, buf)
}

#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => { $crate::io::_print(format_args!($($arg)*)) };
}

#[macro_export]
macro_rules! println {
    () => { $crate::io::write_stdout(b"\n") };
    ($($arg:tt)*) => {{ $crate::io::_print(format_args!($($arg)*)); $crate::io::write_stdout(b"\n"); }};
}

#[macro_export]
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::io::_eprint(format_args!($($arg)*)) };
}

#[macro_export]
macro_rules! eprintln {
    () => { $crate::io::_eprint(format_args!("\n")) };
    ($($arg:tt)*) => {{ $crate::io::_eprint(format_args!("{}\n", format_args!($($arg)*))); }};
}
