//! How long a failed job waits before its next run: exponential, capped,
//! with "equal jitter" (half fixed, half random) so that jobs that failed
//! together (an SMTP outage) do not all retry in the same instant.

use std::time::Duration;

use rand::Rng;

#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
}

impl Backoff {
    /// The ceiling before the `failures`-th retry: base, 2×base, 4×base, ...
    pub fn ceiling(&self, failures: u32) -> Duration {
        let factor = 2u32.saturating_pow(failures.saturating_sub(1).min(30));
        self.base.saturating_mul(factor).min(self.max)
    }

    /// A delay between half the ceiling and the ceiling.
    pub fn delay(&self, failures: u32) -> Duration {
        let ceiling = self.ceiling(failures);
        let half = ceiling / 2;
        let jitter = rand::rng().random_range(0..=half.as_millis() as u64);
        half + Duration::from_millis(jitter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BACKOFF: Backoff = Backoff {
        base: Duration::from_secs(2),
        max: Duration::from_secs(60),
    };

    #[test]
    fn the_ceiling_doubles_then_stays_at_the_maximum() {
        let ceilings: Vec<u64> = (1..=7).map(|n| BACKOFF.ceiling(n).as_secs()).collect();
        assert_eq!(ceilings, [2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(BACKOFF.ceiling(1000), Duration::from_secs(60));
    }

    #[test]
    fn the_delay_is_jittered_between_half_and_the_full_ceiling() {
        let delays: Vec<Duration> = (0..200).map(|_| BACKOFF.delay(3)).collect();
        assert!(
            delays
                .iter()
                .all(|d| *d >= Duration::from_secs(4) && *d <= Duration::from_secs(8))
        );
        let first = delays[0];
        assert!(delays.iter().any(|d| *d != first), "the delays vary");
    }
}
