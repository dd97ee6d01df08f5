//! Prometheus metrics, rendered at `/metrics`. The names are listed in
//! docs/monitoring.md; `path` is the route template, never the raw URL.

use std::sync::OnceLock;
use std::time::Duration;

use metrics::{describe_counter, describe_gauge, describe_histogram, gauge};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use metrics_process::collector::Metrics as ProcessSnapshot;
use sqlx::PgPool;

pub const HTTP_REQUESTS_TOTAL: &str = "http_requests_total";
pub const HTTP_REQUEST_DURATION: &str = "http_request_duration_seconds";
pub const HTTP_REQUESTS_IN_FLIGHT: &str = "http_requests_in_flight";
pub const HTTP_CONNECTIONS_CLOSED_TOTAL: &str = "http_connections_closed_total";
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
pub const DB_POOL_CONNECTIONS: &str = "db_pool_connections";
pub const DB_POOL_MAX_CONNECTIONS: &str = "db_pool_max_connections";
pub const DB_POOL_ACQUIRE_WAIT: &str = "db_pool_acquire_wait_seconds";

const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
const POOL_WAIT_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
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
            .set_buckets_for_metric(
                Matcher::Full(DB_POOL_ACQUIRE_WAIT.into()),
                POOL_WAIT_BUCKETS,
            )
            .expect("pool wait buckets are not empty")
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
        HTTP_CONNECTIONS_CLOSED_TOTAL,
        "Connections the API closed without an answer, by reason: header_timeout (no whole \
         request head in time), idle_timeout (kept alive too long), over_capacity (MAX_CONNECTIONS \
         already open)."
    );
    describe_counter!(
        RATE_LIMITED_TOTAL,
        "Requests refused with a 429 because a rate limit was exceeded, by limit."
    );
    describe_pool();
    describe_jobs();
    gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
}

fn describe_pool() {
    describe_gauge!(
        DB_POOL_CONNECTIONS,
        "Connections of the PostgreSQL pool, by state (idle, in_use)."
    );
    describe_gauge!(
        DB_POOL_MAX_CONNECTIONS,
        "The most connections the PostgreSQL pool opens (DB_POOL_MAX_CONNECTIONS)."
    );
    describe_histogram!(
        DB_POOL_ACQUIRE_WAIT,
        metrics::Unit::Seconds,
        "Time a query waited for a connection from the PostgreSQL pool."
    );
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

/// The text for a scrape of `/metrics`. Gauges that mirror state owned
/// elsewhere (the pool, the process) are read now, so they are never stale.
pub fn render(pool: &PgPool) -> String {
    record_pool(pool);
    let mut text = handle().render();
    text.push_str(&process_metrics(&metrics_process::collector::collect()));
    text
}

fn record_pool(pool: &PgPool) {
    let open = pool.size() as f64;
    let idle = pool.num_idle() as f64;
    gauge!(DB_POOL_CONNECTIONS, "state" => "idle").set(idle);
    gauge!(DB_POOL_CONNECTIONS, "state" => "in_use").set((open - idle).max(0.0));
    gauge!(DB_POOL_MAX_CONNECTIONS).set(pool.options().get_max_connections() as f64);
}

/// The standard Prometheus process metrics (CPU seconds, resident memory,
/// open file descriptors, ...), read from /proc/self at each scrape.
///
/// Written out here rather than through the `metrics` crate, whose counters
/// are integers: CPU time would be cut to whole seconds, too coarse for a
/// rate over a minute.
fn process_metrics(snapshot: &ProcessSnapshot) -> String {
    let series = [
        (
            "process_cpu_seconds_total",
            "counter",
            "Total user and system CPU time spent in seconds.",
            snapshot.cpu_seconds_total,
        ),
        (
            "process_resident_memory_bytes",
            "gauge",
            "Resident memory size in bytes.",
            snapshot.resident_memory_bytes.map(|v| v as f64),
        ),
        (
            "process_virtual_memory_bytes",
            "gauge",
            "Virtual memory size in bytes.",
            snapshot.virtual_memory_bytes.map(|v| v as f64),
        ),
        (
            "process_open_fds",
            "gauge",
            "Number of open file descriptors.",
            snapshot.open_fds.map(|v| v as f64),
        ),
        (
            "process_max_fds",
            "gauge",
            "Maximum number of open file descriptors.",
            snapshot.max_fds.map(|v| v as f64),
        ),
        (
            "process_start_time_seconds",
            "gauge",
            "Start time of the process since unix epoch in seconds.",
            snapshot.start_time_seconds.map(|v| v as f64),
        ),
        (
            "process_threads",
            "gauge",
            "Number of OS threads in the process.",
            snapshot.threads.map(|v| v as f64),
        ),
    ];
    let mut text = String::new();
    for (name, kind, help, value) in series {
        if let Some(value) = value {
            text.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n\n"
            ));
        }
    }
    text
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_metrics_keep_fractions_of_cpu_seconds_and_skip_unknown_values() {
        let snapshot = ProcessSnapshot {
            cpu_seconds_total: Some(1.25),
            open_fds: Some(12),
            ..ProcessSnapshot::default()
        };
        let text = process_metrics(&snapshot);
        assert!(text.contains(
            "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 1.25\n"
        ));
        assert!(text.contains("process_open_fds 12\n"));
        assert!(!text.contains("process_threads"), "{text}");
    }
}
