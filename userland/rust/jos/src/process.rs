//! Processes: exit, pid, and running another program (fork + execve) and
//! waiting for it.
use crate::errno::Errno;
use crate::fs::c_path;
use crate::os::{self, Exit, Result};
use alloc::vec::Vec;

pub use crate::os::Exit as ExitStatus;

pub fn exit(code: i32) -> ! {
    crate::io::flush_stdout();
    os::exit(code)
}

pub fn id() -> i32 {
    os::getpid()
}

/// A started child process.
pub struct Child {
    pub pid: i32,
}

impl Child {
    /// Waits for the child to end.
    pub fn wait(self) -> Result<Exit> {
        os::wait(self.pid)
    }
}

/// Runs `path` with `args` (argv[0] first) and this program's environment.
/// A failed execve ends the child with status 127 after saying why, as a
/// shell does.
pub fn spawn(path: &str, args: &[&str]) -> Result<Child> {
    let c_program = c_path(path);
    let c_args: Vec<Vec<u8>> = args.iter().map(|a| c_path(a)).collect();
    let mut argv: Vec<*const u8> = c_args.iter().map(|a| a.as_ptr()).collect();
    argv.push(core::ptr::null());
    crate::io::flush_stdout(); // the child must not repeat pending output
    match os::fork()? {
        0 => {
            let error: Errno = os::execve(c_program.as_ptr(), argv.as_ptr(), crate::env::envp());
            crate::eprintln!("{}: {}", path, error);
            os::exit(127)
        }
        pid => Ok(Child { pid }),
    }
}

/// Forks: `None` in the child, `Some(child)` in the parent.
pub fn fork() -> Result<Option<Child>> {
    crate::io::flush_stdout();
    Ok(match os::fork()? {
        0 => None,
        pid => Some(Child { pid }),
    })
}
