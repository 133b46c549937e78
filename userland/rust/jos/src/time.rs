//! Time: a monotonic clock for measuring, the wall clock, and sleeping.
use crate::os;
use crate::sys::{CLOCK_MONOTONIC, CLOCK_REALTIME};
pub use core::time::Duration;

/// A point on the monotonic clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant(u64);

impl Instant {
    pub fn now() -> Instant {
        Instant(os::clock_ns(CLOCK_MONOTONIC))
    }

    pub fn elapsed(&self) -> Duration {
        Duration::from_nanos(os::clock_ns(CLOCK_MONOTONIC).saturating_sub(self.0))
    }

    pub fn duration_since(&self, earlier: Instant) -> Duration {
        Duration::from_nanos(self.0.saturating_sub(earlier.0))
    }
}

/// Time since the Unix epoch, from the wall clock.
pub fn since_epoch() -> Duration {
    Duration::from_nanos(os::clock_ns(CLOCK_REALTIME))
}

pub fn sleep(d: Duration) {
    os::sleep_ns(d.as_nanos() as u64)
}
