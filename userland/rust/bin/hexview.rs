//! hexview: shows files (or stdin) in the canonical hex+ASCII layout of
//! `hexdump -C`: an offset, sixteen bytes in two groups of eight, the
//! printable characters between bars; a run of identical lines is shown
//! once followed by `*`; the last line is the total length.
#![no_std]
#![no_main]
use jos::fs::File;
use jos::prelude::*;

jos::entry!(main);

struct Dumper {
    offset: u64,
    line: [u8; 16],
    filled: usize,
    previous: Option<[u8; 16]>,
    starred: bool,
    out: String,
}

impl Dumper {
    fn feed(&mut self, data: &[u8]) {
        for &byte in data {
            self.line[self.filled] = byte;
            self.filled += 1;
            if self.filled == 16 {
                self.emit_full_line();
            }
        }
    }

    fn emit_full_line(&mut self) {
        if self.previous == Some(self.line) {
            if !self.starred {
                self.out.push_str("*\n");
                self.starred = true;
            }
        } else {
            self.starred = false;
            let line = self.line;
            self.format_line(&line);
            self.previous = Some(line);
        }
        self.offset += 16;
        self.filled = 0;
        if self.out.len() > 4096 {
            print!("{}", self.out);
            self.out.clear();
        }
    }

    fn format_line(&mut self, bytes: &[u8]) {
        use core::fmt::Write;
        let _ = write!(self.out, "{:08x}  ", self.offset);
        for i in 0..16 {
            match bytes.get(i) {
                Some(b) => { let _ = write!(self.out, "{:02x} ", b); }
                None => self.out.push_str("   "),
            }
            if i == 7 {
                self.out.push(' ');
            }
        }
        self.out.push_str(" |");
        for &b in bytes {
            self.out.push(if (0x20..0x7f).contains(&b) { b as char } else { '.' });
        }
        self.out.push_str("|\n");
    }

    fn finish(mut self) {
        use core::fmt::Write;
        if self.filled > 0 {
            let tail: Vec<u8> = self.line[..self.filled].to_vec();
            self.format_line(&tail);
            self.offset += self.filled as u64;
        }
        if self.offset > 0 {
            let _ = writeln!(self.out, "{:08x}", self.offset);
        }
        print!("{}", self.out);
    }
}

fn dump(file: &mut File, name: &str, d: &mut Dumper) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return true,
            Ok(n) => d.feed(&buf[..n]),
            Err(e) => {
                eprintln!("hexview: {}: {}", name, e);
                return false;
            }
        }
    }
}

fn main() -> i32 {
    let names: Vec<&str> = jos::env::args().skip(1).collect();
    let mut d = Dumper { offset: 0, line: [0; 16], filled: 0, previous: None, starred: false, out: String::new() };
    let mut status = 0;
    if names.is_empty() {
        if !dump(&mut File::stdin(), "stdin", &mut d) {
            status = 1;
        }
    }
    // As hexdump does, several files are one stream.
    for name in names {
        match File::open(name) {
            Ok(mut f) => {
                if !dump(&mut f, name, &mut d) {
                    status = 1;
                }
            }
            Err(e) => {
                eprintln!("hexview: {}: {}", name, e);
                status = 1;
            }
        }
    }
    d.finish();
    status
}
