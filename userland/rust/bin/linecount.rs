//! linecount: counts the lines of files, and of every file under the
//! directories named, and prints one line per file (sorted by path) and a
//! total: `linecount [-s] PATH...` (`-s`: the total only). Binary files
//! (with a NUL byte) are skipped and counted apart.
#![no_std]
#![no_main]
use jos::fs::{self, FileType};
use jos::prelude::*;

jos::entry!(main);

struct Count {
    path: String,
    lines: u64,
}

struct Walk {
    counts: Vec<Count>,
    binary: u32,
    errors: u32,
}

impl Walk {
    fn visit(&mut self, path: &str) {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("linecount: {}: {}", path, e);
                self.errors += 1;
                return;
            }
        };
        match meta.file_type {
            FileType::Directory => self.visit_directory(path),
            FileType::File => self.count_file(path),
            _ => {}
        }
    }

    fn visit_directory(&mut self, path: &str) {
        match fs::read_dir(path) {
            Ok(entries) => {
                let mut names: Vec<String> = entries.into_iter().map(|e| e.name).collect();
                names.sort();
                for name in names {
                    let child = if path.ends_with('/') { format!("{}{}", path, name) } else { format!("{}/{}", path, name) };
                    self.visit(&child);
                }
            }
            Err(e) => {
                eprintln!("linecount: {}: {}", path, e);
                self.errors += 1;
            }
        }
    }

    fn count_file(&mut self, path: &str) {
        match fs::read(path) {
            Ok(data) if data.contains(&0) => self.binary += 1,
            Ok(data) => {
                let mut lines = data.iter().filter(|&&b| b == b'\n').count() as u64;
                if data.last().map_or(false, |&b| b != b'\n') {
                    lines += 1; // a last line without its newline still counts
                }
                self.counts.push(Count { path: path.to_string(), lines });
            }
            Err(e) => {
                eprintln!("linecount: {}: {}", path, e);
                self.errors += 1;
            }
        }
    }
}

fn main() -> i32 {
    let mut summary = false;
    let mut paths: Vec<&str> = Vec::new();
    for arg in jos::env::args().skip(1) {
        match arg {
            "-s" => summary = true,
            _ if arg.starts_with('-') => {
                eprintln!("usage: linecount [-s] PATH...");
                return 2;
            }
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        paths.push(".");
    }
    let mut walk = Walk { counts: Vec::new(), binary: 0, errors: 0 };
    for p in paths {
        walk.visit(p);
    }
    walk.counts.sort_by(|a, b| a.path.cmp(&b.path));
    let total: u64 = walk.counts.iter().map(|c| c.lines).sum();
    if !summary {
        for c in &walk.counts {
            println!("{:>8} {}", c.lines, c.path);
        }
    }
    println!("{:>8} total in {} files ({} binary skipped)", total, walk.counts.len(), walk.binary);
    if walk.errors > 0 { 1 } else { 0 }
}
