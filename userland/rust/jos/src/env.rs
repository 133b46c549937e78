//! The program's arguments and environment, as the kernel put them on the
//! initial stack (bytes, not necessarily UTF-8; `args()` gives lossless
//! `&str` where they are valid UTF-8 and replaces them otherwise).
use crate::start::{ARGC, ARGV, ENVP};

unsafe fn c_bytes(p: *const u8) -> &'static [u8] {
    let mut n = 0;
    while *p.add(n) != 0 {
        n += 1;
    }
    core::slice::from_raw_parts(p, n)
}

fn text(bytes: &'static [u8]) -> &'static str {
    core::str::from_utf8(bytes).unwrap_or("\u{fffd}")
}

/// argv, as byte strings.
pub fn args_bytes() -> impl Iterator<Item = &'static [u8]> {
    (0..unsafe { ARGC }).map(|i| unsafe { c_bytes(*ARGV.add(i)) })
}

/// argv, as text.
pub fn args() -> impl Iterator<Item = &'static str> {
    args_bytes().map(text)
}

/// The environment's NAME=VALUE strings.
pub fn vars() -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut i = 0;
    core::iter::from_fn(move || unsafe {
        let p = *ENVP.add(i);
        if p.is_null() {
            return None;
        }
        i += 1;
        let entry = text(c_bytes(p));
        Some(match entry.find('=') {
            Some(eq) => (&entry[..eq], &entry[eq + 1..]),
            None => (entry, ""),
        })
    })
}

/// The value of the environment variable `name`.
pub fn var(name: &str) -> Option<&'static str> {
    vars().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// The raw envp array (for execve).
pub(crate) fn envp() -> *const *const u8 {
    unsafe { ENVP }
}
