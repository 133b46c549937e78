//! life: Conway's Game of Life on a torus, drawn on the console with ANSI
//! escapes (home the cursor, redraw). `life [-g GENERATIONS] [-d MS]
//! [-p glider|gun|acorn|rpent] [-w WIDTH] [-h HEIGHT]`; `-d 0` prints every
//! generation one after another without clearing (for logs and tests).
#![no_std]
#![no_main]
use jos::prelude::*;
use jos::time::{sleep, Duration};

jos::entry!(main);

struct Options {
    generations: u32,
    delay_ms: u64,
    pattern: &'static str,
    width: usize,
    height: usize,
}

const PATTERNS: &[(&str, &[&str])] = &[
    ("glider", &[".#.", "..#", "###"]),
    ("acorn", &[".#.....", "...#...", "##..###"]),
    ("rpent", &[".##", "##.", ".#."]),
    ("gun", &[
        "........................#...........",
        "......................#.#...........",
        "............##......##............##",
        "...........#...#....##............##",
        "##........#.....#...##..............",
        "##........#...#.##....#.#...........",
        "..........#.....#.......#...........",
        "...........#...#....................",
        "............##......................",
    ]),
];

fn usage() -> i32 {
    eprintln!("usage: life [-g GENERATIONS] [-d MS] [-p glider|gun|acorn|rpent] [-w WIDTH] [-h HEIGHT]");
    2
}

fn parse(args: &[&'static str]) -> Option<Options> {
    let mut o = Options { generations: 100, delay_ms: 80, pattern: "gun", width: 60, height: 22 };
    let mut i = 0;
    while i < args.len() {
        let value = *args.get(i + 1)?;
        match args[i] {
            "-g" => o.generations = value.parse().ok()?,
            "-d" => o.delay_ms = value.parse().ok()?,
            "-p" => o.pattern = PATTERNS.iter().find(|(n, _)| *n == value)?.0,
            "-w" => o.width = value.parse().ok().filter(|w| (8..=400).contains(w))?,
            "-h" => o.height = value.parse().ok().filter(|h| (8..=200).contains(h))?,
            _ => return None,
        }
        i += 2;
    }
    Some(o)
}

struct Board {
    width: usize,
    height: usize,
    cells: Vec<u8>,
}

impl Board {
    fn live_neighbours(&self, x: usize, y: usize) -> u8 {
        let mut n = 0;
        for dy in [self.height - 1, 0, 1] {
            for dx in [self.width - 1, 0, 1] {
                if dx == 0 && dy == 0 {
                    continue;
                }
                n += self.cells[((y + dy) % self.height) * self.width + (x + dx) % self.width];
            }
        }
        n
    }

    fn step(&self) -> Board {
        let mut next = vec![0u8; self.cells.len()];
        for y in 0..self.height {
            for x in 0..self.width {
                let alive = self.cells[y * self.width + x] == 1;
                let n = self.live_neighbours(x, y);
                next[y * self.width + x] = (n == 3 || (alive && n == 2)) as u8;
            }
        }
        Board { width: self.width, height: self.height, cells: next }
    }

    fn render(&self, generation: u32) -> String {
        let mut s = String::with_capacity((self.width + 1) * self.height + 40);
        for y in 0..self.height {
            for x in 0..self.width {
                s.push(if self.cells[y * self.width + x] == 1 { '#' } else { '.' });
            }
            s.push('\n');
        }
        let population: u32 = self.cells.iter().map(|&c| c as u32).sum();
        s.push_str(&format!("generation {} population {}\n", generation, population));
        s
    }
}

fn main() -> i32 {
    let args: Vec<&str> = jos::env::args().skip(1).collect();
    let o = match parse(&args) {
        Some(o) => o,
        None => return usage(),
    };
    let rows = PATTERNS.iter().find(|(n, _)| *n == o.pattern).unwrap().1;
    let mut board = Board { width: o.width, height: o.height, cells: vec![0; o.width * o.height] };
    for (y, row) in rows.iter().enumerate() {
        for (x, c) in row.bytes().enumerate() {
            if c == b'#' && y + 1 < o.height && x + 1 < o.width {
                board.cells[(y + 1) * o.width + x + 1] = 1;
            }
        }
    }
    let animate = o.delay_ms > 0;
    if animate {
        print!("\x1b[2J");
    }
    for generation in 0..=o.generations {
        if animate {
            print!("\x1b[H");
        }
        print!("{}", board.render(generation));
        if animate {
            sleep(Duration::from_millis(o.delay_ms));
        }
        board = board.step();
    }
    0
}
