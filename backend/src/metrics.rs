//! Prometheus metrics, rendered at `/metrics`. Names follow the
//! observability contract in ARCHITECTURE.md.

use std::sync::OnceLock;
use std::time::Duration;

use metrics::{describe_counter, describe_gauge, describe_histogram, gauge};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

pub const HTTP_REQUESTS_TOTAL: &str = "http_requests_total";
pub const HTTP_REQUEST_DURATION: &str = "http_request_duration_seconds";
pub const HTTP_REQUESTS_IN_FLIGHT: &str = "http_requests_in_flight";
pub const BUILD_INFO: &str = "app_build_info";
pub const CACHE_HITS_TOTAL: &str = "cache_hits_total";
pub const CACHE_MISSES_TOTAL: &str = "cache_misses_total";
pub const REDIS_ERRORS_TOTAL: &str = "redis_errors_total";
pub const RATE_LIMITED_TOTAL: &str = "rate_limited_total";
pub const JOBS_ENQUEUED_TOTAL: &str = "jobs_enqueued_total";
pub const JOB_ENQUEUE_FAILURES_TOTAL: &str = "job_enqueue_failures_total";
pub const JOBS_TOTAL: &str = "jobs_total";
pub const JOB_DURATION: &str = "job_duration_seconds";
pub const JOB_RETRIES_TOTAL: &str = "job_retries_total";
pub const JOB_PICKUP: &str = "job_pickup_seconds";
pub const JOBS_IN_FLIGHT: &str = "jobs_in_flight";
pub const JOB_QUEUE_DEPTH: &str = "job_queue_depth";
pub const JOB_DEAD_LETTER_SIZE: &str = "job_dead_letter_size";
pub const PERIODIC_JOB_TICKS_TOTAL: &str = "periodic_job_ticks_total";

const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
const JOB_DURATION_BUCKETS: &[f64] = &[
    0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0,
];
const JOB_PICKUP_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0, 30.0, 300.0,
];

/// The process-wide recorder, installed on first use.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let handle = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(HTTP_REQUEST_DURATION.into()), LATENCY_BUCKETS)
            .expect("latency buckets are not empty")
            .set_buckets_for_metric(Matcher::Full(JOB_DURATION.into()), JOB_DURATION_BUCKETS)
            .expect("job duration buckets are not empty")
            .set_buckets_for_metric(Matcher::Full(JOB_PICKUP.into()), JOB_PICKUP_BUCKETS)
            .expect("job pickup buckets are not empty")
            .install_recorder()
            .expect("no other metrics recorder is installed");
        describe();
        spawn_upkeep(handle.clone());
        handle
    })
}

fn describe() {
    describe_counter!(
        HTTP_REQUESTS_TOTAL,
        "HTTP requests answered, by method, route template and status."
    );
    describe_histogram!(
        HTTP_REQUEST_DURATION,
        metrics::Unit::Seconds,
        "Time to answer HTTP requests, by method, route template and status."
    );
    describe_gauge!(
        HTTP_REQUESTS_IN_FLIGHT,
        "HTTP requests being answered right now."
    );
    describe_gauge!(BUILD_INFO, "Always 1; the labels tell the running version.");
    describe_counter!(
        CACHE_HITS_TOTAL,
        "Lookups answered from the cache, by cache."
    );
    describe_counter!(
        CACHE_MISSES_TOTAL,
        "Lookups the cache could not answer, by cache."
    );
    describe_counter!(
        REDIS_ERRORS_TOTAL,
        "Redis commands that failed (Redis unreachable or slow)."
    );
    describe_counter!(
        RATE_LIMITED_TOTAL,
        "Requests refused with a 429 because a rate limit was exceeded, by limit."
    );
    describe_jobs();
    gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
}

fn describe_jobs() {
    describe_counter!(JOBS_ENQUEUED_TOTAL, "Jobs queued, by job.");
    describe_counter!(
        JOB_ENQUEUE_FAILURES_TOTAL,
        "Jobs that could not be queued (Redis unavailable), by job."
    );
    describe_counter!(
        JOBS_TOTAL,
        "Job runs finished, by job and outcome (succeeded, retried, dead)."
    );
    describe_histogram!(
        JOB_DURATION,
        metrics::Unit::Seconds,
        "Time jobs took to run, by job and outcome."
    );
    describe_counter!(
        JOB_RETRIES_TOTAL,
        "Failed job runs scheduled for a retry, by job."
    );
    describe_histogram!(
        JOB_PICKUP,
        metrics::Unit::Seconds,
        "Time from a job becoming runnable to a worker starting it, by job."
    );
    describe_gauge!(JOBS_IN_FLIGHT, "Jobs this worker is running right now.");
    describe_gauge!(
        JOB_QUEUE_DEPTH,
        "Jobs in the queue, by state (ready, running, scheduled)."
    );
    describe_gauge!(
        JOB_DEAD_LETTER_SIZE,
        "Jobs parked in the dead-letter set after failing every run."
    );
    describe_counter!(
        PERIODIC_JOB_TICKS_TOTAL,
        "Ticks of periodic jobs seen by this worker, by job and outcome (enqueued, or taken by another worker)."
    );
}

/// Histograms are drained into buckets periodically, not only on scrape.
fn spawn_upkeep(handle: PrometheusHandle) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(5));
            loop {
                tick.tick().await;
                handle.run_upkeep();
            }
        });
    }
}
