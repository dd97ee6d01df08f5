//! The counts of this process, for while Redis is unreachable: the same
//! fixed windows as in Redis, in a map whose size is bounded.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// At most this many (limit, subject) windows are kept, about 15 MB. Reached
/// only by someone trying that many emails or addresses within one window
/// during an outage; see [`LocalWindows::make_room`].
const MAX_WINDOWS: usize = 100_000;

/// Fixed-window counters keyed by limit and subject.
#[derive(Default)]
pub struct LocalWindows {
    windows: Mutex<HashMap<(&'static str, String), Window>>,
    max_windows: Option<usize>,
}

struct Window {
    /// Which window (seconds since the epoch / window length).
    index: u64,
    /// When it ends, in seconds since the epoch.
    ends_at: u64,
    count: u64,
}

impl LocalWindows {
    #[cfg(test)]
    fn with_capacity_limit(max_windows: usize) -> LocalWindows {
        LocalWindows {
            max_windows: Some(max_windows),
            ..LocalWindows::default()
        }
    }

    /// Counts one attempt by `subject` against the limit `name` in window
    /// `index` (which ends at `ends_at`); returns the attempts counted in
    /// that window so far, this one included.
    pub fn hit(
        &self,
        name: &'static str,
        subject: &str,
        index: u64,
        ends_at: u64,
        now: u64,
    ) -> u64 {
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        let key = (name, subject.to_owned());
        let max = self.max_windows.unwrap_or(MAX_WINDOWS);
        if windows.len() >= max && !windows.contains_key(&key) {
            Self::make_room(&mut windows, now, max);
        }
        let window = windows.entry(key).or_insert(Window {
            index,
            ends_at,
            count: 0,
        });
        if window.index != index {
            *window = Window {
                index,
                ends_at,
                count: 0,
            };
        }
        window.count += 1;
        window.count
    }

    /// Forgets the windows that have ended; if every window is current,
    /// forgets the least counted half. The subjects being guessed at are
    /// the busiest, so they keep their counts; a forgotten subject starts
    /// again from zero, which is all that flooding the map can win.
    fn make_room(windows: &mut HashMap<(&'static str, String), Window>, now: u64, max: usize) {
        windows.retain(|_, window| window.ends_at > now);
        if windows.len() < max {
            return;
        }
        let mut counts: Vec<u64> = windows.values().map(|window| window.count).collect();
        let middle = counts.len() / 2;
        let median = *counts.select_nth_unstable(middle).1;
        windows.retain(|_, window| window.count > median);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.windows.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_counted_per_limit_subject_and_window() {
        let windows = LocalWindows::default();
        assert_eq!(windows.hit("login_ip", "a", 7, 80, 75), 1);
        assert_eq!(windows.hit("login_ip", "a", 7, 80, 76), 2);
        assert_eq!(windows.hit("login_ip", "b", 7, 80, 76), 1);
        assert_eq!(windows.hit("signup_ip", "a", 7, 80, 76), 1);
        // The next window starts from zero.
        assert_eq!(windows.hit("login_ip", "a", 8, 90, 81), 1);
    }

    #[test]
    fn the_map_stays_bounded_and_keeps_the_busiest_subjects() {
        let windows = LocalWindows::with_capacity_limit(100);
        for _ in 0..5 {
            windows.hit("login_email", "victim", 1, 100, 50);
        }
        for n in 0..1_000 {
            windows.hit("login_email", &format!("spray-{n}"), 1, 100, 50);
            assert!(windows.len() <= 100);
        }
        assert_eq!(windows.hit("login_email", "victim", 1, 100, 50), 6);
    }

    #[test]
    fn ended_windows_are_forgotten_first() {
        let windows = LocalWindows::with_capacity_limit(10);
        for n in 0..10 {
            windows.hit("login_ip", &format!("old-{n}"), 1, 100, 50);
            windows.hit("login_ip", &format!("old-{n}"), 1, 100, 50);
        }
        windows.hit("login_ip", "new", 2, 200, 150);
        assert_eq!(windows.len(), 1);
    }
}
