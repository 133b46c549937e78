//! Files and directories: open, create, read, write, list, stat, make and
//! remove, over the raw calls in `os`.
use crate::errno::Errno;
use crate::os::{self, Result};
use crate::sys::{O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_RDONLY, O_TRUNC, O_WRONLY};
use alloc::string::String;
use alloc::vec::Vec;

/// A path as the kernel wants it: the bytes and a NUL.
pub(crate) fn c_path(path: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(path.len() + 1);
    v.extend_from_slice(path.as_bytes());
    v.push(0);
    v
}

/// An open file; closed when dropped.
pub struct File {
    fd: i32,
}

impl File {
    pub fn open(path: &str) -> Result<File> {
        os::open(&c_path(path), O_RDONLY | O_CLOEXEC, 0).map(|fd| File { fd })
    }

    /// Creates (or truncates) a file for writing, mode 0644 before umask.
    pub fn create(path: &str) -> Result<File> {
        os::open(&c_path(path), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644).map(|fd| File { fd })
    }

    /// Opens for appending, creating the file if needed.
    pub fn append(path: &str) -> Result<File> {
        os::open(&c_path(path), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644).map(|fd| File { fd })
    }

    /// Standard input as a File (not closed when dropped).
    pub fn stdin() -> File {
        File { fd: 0 }
    }

    pub fn fd(&self) -> i32 {
        self.fd
    }

    pub fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
        os::read(self.fd, buf)
    }

    pub fn write_all(&mut self, data: &[u8]) -> Result<()> {
        os::write_all(self.fd, data)
    }

    /// Reads to the end of the file, appending to `out`; the count read.
    pub fn read_to_end(&mut self, out: &mut Vec<u8>) -> Result<usize> {
        let start = out.len();
        let mut chunk = [0u8; 4096];
        loop {
            let n = self.read(&mut chunk)?;
            if n == 0 {
                return Ok(out.len() - start);
            }
            out.extend_from_slice(&chunk[..n]);
        }
    }

    /// Moves the offset; the new offset from the start.
    pub fn seek(&mut self, offset: i64, whence: Whence) -> Result<u64> {
        os::seek(self.fd, offset, whence as u32)
    }
}

#[derive(Clone, Copy)]
pub enum Whence {
    Start = 0,
    Current = 1,
    End = 2,
}

impl Drop for File {
    fn drop(&mut self) {
        if self.fd > 2 {
            let _ = os::close(self.fd);
        }
    }
}

/// The whole contents of a file.
pub fn read(path: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    File::open(path)?.read_to_end(&mut out)?;
    Ok(out)
}

/// The whole contents of a file as text (EINVAL if it is not UTF-8).
pub fn read_to_string(path: &str) -> Result<String> {
    String::from_utf8(read(path)?).map_err(|_| Errno(crate::errno::EINVAL))
}

/// Replaces a file's contents with `data`.
pub fn write(path: &str, data: &[u8]) -> Result<()> {
    File::create(path)?.write_all(data)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    File,
    Directory,
    Symlink,
    Other,
}

const S_IFMT: u32 = 0o170000;

fn type_of_mode(mode: u32) -> FileType {
    match mode & S_IFMT {
        0o100000 => FileType::File,
        0o040000 => FileType::Directory,
        0o120000 => FileType::Symlink,
        _ => FileType::Other,
    }
}

pub struct Metadata {
    pub file_type: FileType,
    /// Permission bits.
    pub permissions: u32,
    pub len: u64,
}

pub fn metadata(path: &str) -> Result<Metadata> {
    let st = os::stat(&c_path(path))?;
    Ok(Metadata { file_type: type_of_mode(st.mode), permissions: st.mode & 0o7777, len: st.size })
}

pub struct DirEntry {
    pub name: String,
    /// From the directory entry's d_type (Other where the fs gives none).
    pub file_type: FileType,
}

/// The entries of a directory, without "." and "..", in the order the
/// file system gives them.
pub fn read_dir(path: &str) -> Result<Vec<DirEntry>> {
    let dir = File { fd: os::open(&c_path(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)? };
    let mut entries = Vec::new();
    let mut buf = [0u8; 2048];
    loop {
        let n = os::getdents64(dir.fd, &mut buf)?;
        if n == 0 {
            return Ok(entries);
        }
        // struct linux_dirent64: u64 ino, i64 off, u16 reclen, u8 type, name.
        let mut at = 0;
        while at < n {
            let reclen = u16::from_le_bytes([buf[at + 16], buf[at + 17]]) as usize;
            let kind = buf[at + 18];
            let name_bytes = &buf[at + 19..at + reclen];
            let end = name_bytes.iter().position(|&b| b == 0).unwrap_or(name_bytes.len());
            let name = String::from_utf8_lossy(&name_bytes[..end]).into_owned();
            if name != "." && name != ".." {
                let file_type = match kind {
                    8 => FileType::File,
                    4 => FileType::Directory,
                    10 => FileType::Symlink,
                    _ => FileType::Other,
                };
                entries.push(DirEntry { name, file_type });
            }
            at += reclen;
        }
    }
}

pub fn create_dir(path: &str) -> Result<()> {
    os::mkdir(&c_path(path), 0o755)
}

pub fn remove_file(path: &str) -> Result<()> {
    os::unlink(&c_path(path), false)
}

pub fn remove_dir(path: &str) -> Result<()> {
    os::unlink(&c_path(path), true)
}

pub fn set_current_dir(path: &str) -> Result<()> {
    os::chdir(&c_path(path))
}

pub fn current_dir() -> Result<String> {
    let mut buf = [0u8; 4096];
    let n = os::getcwd(&mut buf)?;
    let end = buf[..n].iter().position(|&b| b == 0).unwrap_or(n);
    Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
}
