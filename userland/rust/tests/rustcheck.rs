//! rustcheck: exercises the jos runtime crate the way programs use it
//! (arguments, environment, files and directories, processes, time, the
//! allocator, panics) and prints what it saw. Same bytes natively, under
//! qemu-riscv32 and on both boards; a failed check prints FAIL.
#![no_std]
#![no_main]
use jos::fs::{self, File, FileType};
use jos::prelude::*;
use jos::process::{self, ExitStatus};
use jos::time::{sleep, Duration, Instant};

jos::entry!(main);

static mut FAILURES: u32 = 0;

fn check(what: &str, ok: bool) {
    println!("{} {}", if ok { "ok  " } else { "FAIL" }, what);
    if !ok {
        unsafe { FAILURES += 1 };
    }
}

fn child(role: &str) -> i32 {
    match role {
        "exit3" => 3,
        "panic" => {
            let v: Vec<u32> = Vec::new();
            let i = v.len() + 2;
            v[i] as i32 // index out of bounds: the panic handler exits 101
        }
        "hello" => {
            println!("child says hello");
            0
        }
        _ => 2,
    }
}

fn files() {
    let dir = format!("/tmp/rustcheck-{}", process::id());
    check("create_dir", fs::create_dir(&dir).is_ok());
    check("create_dir again is EEXIST", fs::create_dir(&dir).map_err(|e| e.0) == Err(jos::errno::EEXIST));
    let path = format!("{}/data.txt", dir);
    let text: String = (0..500).map(|i| format!("line {}\n", i)).collect();
    check("write", fs::write(&path, text.as_bytes()).is_ok());
    {
        let mut f = File::append(&path).unwrap();
        check("append", f.write_all(b"tail\n").is_ok());
    }
    let back = fs::read_to_string(&path).unwrap();
    check("read back what was written", back.len() == text.len() + 5 && back.ends_with("line 499\ntail\n"));
    let meta = fs::metadata(&path).unwrap();
    check("metadata: a file of the right length", meta.file_type == FileType::File && meta.len == back.len() as u64);
    let mut f = File::open(&path).unwrap();
    check("seek to the end", f.seek(-5, jos::fs::Whence::End) == Ok(back.len() as u64 - 5));
    let mut tail = [0u8; 5];
    check("read after seek", f.read(&mut tail) == Ok(5) && &tail == b"tail\n");
    fs::create_dir(&format!("{}/sub", dir)).unwrap();
    let mut names: Vec<String> = fs::read_dir(&dir).unwrap().into_iter().map(|e| e.name).collect();
    names.sort();
    println!("entries: {:?}", names);
    check("missing file is ENOENT", File::open("/nonexistent/file").err().map(|e| e.to_string()) == Some("No such file or directory".to_string()));
    check("remove_file", fs::remove_file(&path).is_ok());
    check("remove_dir", fs::remove_dir(&format!("{}/sub", dir)).is_ok() && fs::remove_dir(&dir).is_ok());
    check("gone", fs::metadata(&dir).is_err());
}

fn processes(me: &str) {
    let c = process::spawn(me, &[me, "--child", "exit3"]).unwrap();
    check("spawned child exits 3", c.wait() == Ok(ExitStatus::Code(3)));
    let c = process::spawn(me, &[me, "--child", "hello"]).unwrap();
    check("spawned child printed and exited 0", c.wait() == Ok(ExitStatus::Code(0)));
    let c = process::spawn(me, &[me, "--child", "panic"]).unwrap();
    check("a panicking child exits 101", c.wait() == Ok(ExitStatus::Code(101)));
    let c = process::spawn("/nonexistent", &["/nonexistent"]).unwrap();
    check("a failed exec exits 127", c.wait() == Ok(ExitStatus::Code(127)));
    match process::fork().unwrap() {
        None => process::exit(7),
        Some(child) => check("fork + exit 7", child.wait() == Ok(ExitStatus::Code(7))),
    }
}

fn allocator() {
    let mut boxes: Vec<Box<[u8]>> = Vec::new();
    let mut sum: u64 = 0;
    for i in 0..2000usize {
        let size = (i * 37) % 5000 + 1; // small and large blocks
        let b = vec![(i % 251) as u8; size].into_boxed_slice();
        sum += b[size - 1] as u64 + size as u64;
        boxes.push(b);
        if i % 3 == 0 {
            boxes.swap_remove(i % boxes.len());
        }
    }
    let live: u64 = boxes.iter().map(|b| b.len() as u64).sum();
    println!("allocations: checksum {} live {} bytes in {} blocks", sum, live, boxes.len());
    let mut s = String::new();
    for i in 0..3000 {
        s.push_str(&i.to_string());
    }
    check("a growing String", s.len() == 10890 && s.ends_with("2999"));
    let big = vec![0x5au8; 3 << 20];
    check("a 3 MiB vector", big.iter().all(|&b| b == 0x5a));
}

fn time() {
    let start = Instant::now();
    sleep(Duration::from_millis(20));
    let slept = start.elapsed();
    check("sleep(20 ms) takes at least 20 ms", slept >= Duration::from_millis(20));
    check("the wall clock is after 2020", jos::time::since_epoch().as_secs() > 1_577_836_800);
}

fn main() -> i32 {
    // `rustcheck [PROGRAM]` runs PROGRAM (default: itself) for the process
    // checks, as `PROGRAM --child ROLE` (under qemu-user a wrapper script).
    let args: Vec<&str> = jos::env::args().collect();
    if args.len() == 3 && args[1] == "--child" {
        return child(args[2]);
    }
    let me = args.get(1).copied().unwrap_or(args[0]);
    println!("rustcheck: checking the runtime");
    check("FOO from the environment", jos::env::var("FOO") == Some("bar"));
    check("no such variable", jos::env::var("JOS_NO_SUCH_VARIABLE").is_none());
    println!("formatting: {:>6}|{:<6}|{:^6}|{:#x}|{:+.3}|{:e}", 42, "ab", 'c', 255, 2.5f64, 1234.5f64);
    files();
    processes(me);
    allocator();
    time();
    let failures = unsafe { FAILURES };
    println!("rustcheck: {} failure(s)", failures);
    if failures == 0 { 0 } else { 1 }
}
