//! The global allocator. Small blocks (up to 2 KiB) come from per-size
//! free lists of power-of-two classes, carved from 4 KiB pages that the
//! program break grows by (64 KiB at a time; mmap when brk cannot grow);
//! larger blocks are their own anonymous mappings and go back with munmap.
//! A block's class follows from its Layout alone, so no header is needed.
//! Programs are single-threaded: the state is a plain static.
use crate::os;
use core::alloc::{GlobalAlloc, Layout};
use core::ptr::null_mut;

const PAGE: usize = 4096;
const CLASSES: usize = 8; // 16, 32, ... 2048 bytes
const SMALLEST_SHIFT: u32 = 4;
const LARGEST_SMALL: usize = 2048;
const BRK_STEP: usize = 64 * 1024;

struct Heap {
    free: [*mut u8; CLASSES],
    /// Pages not yet handed to a class: [next_page, pages_end).
    next_page: usize,
    pages_end: usize,
}

static mut HEAP: Heap = Heap { free: [null_mut(); CLASSES], next_page: 0, pages_end: 0 };

fn class_of(layout: &Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(1 << SMALLEST_SHIFT);
    if size > LARGEST_SMALL {
        return None;
    }
    let rounded = size.next_power_of_two();
    Some((rounded.trailing_zeros() - SMALLEST_SHIFT) as usize)
}

fn large_length(layout: &Layout) -> usize {
    (layout.size() + PAGE - 1) & !(PAGE - 1)
}

impl Heap {
    /// A fresh page for a class's blocks, or null when memory is out.
    unsafe fn take_page(&mut self) -> *mut u8 {
        if self.next_page == self.pages_end {
            let current = os::brk(0);
            let start = (current + PAGE - 1) & !(PAGE - 1);
            let grown = os::brk(start + BRK_STEP);
            if grown >= start + BRK_STEP {
                self.next_page = start;
                self.pages_end = start + BRK_STEP;
            } else {
                match os::mmap_anonymous(BRK_STEP) {
                    Ok(p) => {
                        self.next_page = p as usize;
                        self.pages_end = p as usize + BRK_STEP;
                    }
                    Err(_) => return null_mut(),
                }
            }
        }
        let page = self.next_page;
        self.next_page += PAGE;
        page as *mut u8
    }

    unsafe fn alloc_small(&mut self, class: usize) -> *mut u8 {
        if self.free[class].is_null() {
            let page = self.take_page();
            if page.is_null() {
                return null_mut();
            }
            let size = 1usize << (class as u32 + SMALLEST_SHIFT);
            let mut at = PAGE;
            while at >= size {
                at -= size;
                self.push(class, page.add(at));
            }
        }
        let block = self.free[class];
        self.free[class] = *(block as *mut *mut u8);
        block
    }

    unsafe fn push(&mut self, class: usize, block: *mut u8) {
        *(block as *mut *mut u8) = self.free[class];
        self.free[class] = block;
    }
}

pub struct JosAllocator;

unsafe impl GlobalAlloc for JosAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(&layout) {
            Some(class) => HEAP.alloc_small(class),
            None if layout.align() <= PAGE => os::mmap_anonymous(large_length(&layout)).unwrap_or(null_mut()),
            None => null_mut(), // alignments beyond a page are not offered
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class_of(&layout) {
            Some(class) => HEAP.push(class, ptr),
            None => os::munmap(ptr, large_length(&layout)),
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let (old_class, new_class) = (class_of(&layout), class_of(&new_layout));
        if old_class.is_some() && old_class == new_class {
            return ptr;
        }
        if old_class.is_none() && new_class.is_none() && large_length(&layout) == large_length(&new_layout) {
            return ptr;
        }
        let fresh = self.alloc(new_layout);
        if !fresh.is_null() {
            core::ptr::copy_nonoverlapping(ptr, fresh, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        fresh
    }
}
