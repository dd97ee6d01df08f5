"""Benchmark of the job queue (`make bench` runs it after the HTTP runs).

Starts the release worker (`app worker`) against Redis under a key prefix of
its own and measures, with the diagnostic `probe` job:

1. throughput: N no-op jobs queued up front, then the time the worker takes
   from its first to its last completion (jobs per second);
2. pickup: on an idle queue, one job at a time, the delay from the moment it
   is queued to the moment a worker starts it (p50 and p99).

Usage: jobs.py APP_BINARY RESULTS_DIR
Environment: BENCH_REDIS_URL (redis://127.0.0.1:6379/0), BENCH_JOBS (20000),
BENCH_PICKUP_SAMPLES (500), BENCH_WORKER_CONCURRENCY (16).
Targets are printed, not enforced.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

TARGET_JOBS_PER_SECOND = 5000
TARGET_PICKUP_P99_MS = 50.0


class Redis:
    """Just enough of the Redis protocol for this script."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379))
        self.file = self.sock.makefile("rb")
        if parts.password:
            self.call("AUTH", urllib.parse.unquote(parts.password))
        database = parts.path.lstrip("/")
        if database:
            self.call("SELECT", database)

    def send(self, *args) -> None:
        out = [f"*{len(args)}\r\n".encode()]
        for arg in args:
            data = str(arg).encode()
            out.append(f"${len(data)}\r\n".encode() + data + b"\r\n")
        self.sock.sendall(b"".join(out))

    def read(self):
        line = self.file.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            data = self.file.read(size + 2)[:-2]
            return data.decode()
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self.read() for _ in range(size)]
        raise RuntimeError(f"unexpected reply {line!r}")

    def call(self, *args):
        self.send(*args)
        return self.read()


def envelope(args: dict) -> str:
    return json.dumps({
        "id": str(uuid.uuid4()), "name": "probe", "args": args, "attempt": 0,
        "max_attempts": 5, "enqueued_at_ms": int(time.time() * 1000),
    })


def now_us() -> int:
    return time.time_ns() // 1000


def enqueue_many(redis: Redis, stream: str, count: int) -> None:
    """Pipelined, in batches: the producer must not be the bottleneck."""
    for start in range(0, count, 1000):
        batch = min(1000, count - start)
        for _ in range(batch):
            redis.send("XADD", stream, "*", "job", envelope({}), "ready_us", now_us())
        for _ in range(batch):
            redis.read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_worker(app: str, url: str, prefix: str, results: str) -> subprocess.Popen:
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", ""), "ENVIRONMENT": "development", "LOG_LEVEL": "ERROR",
        "REDIS_URL": url, "REDIS_KEY_PREFIX": prefix, "API_HOST": "127.0.0.1",
        "WORKER_METRICS_PORT": str(port), "JOB_SCHEDULE_PURGE_EXPIRED_TOKENS": "off",
        "WORKER_CONCURRENCY": os.environ.get("BENCH_WORKER_CONCURRENCY", "16"),
        # The probe job never touches PostgreSQL; the pool connects lazily.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    }
    log = open(os.path.join(results, "worker.log"), "w")
    worker = subprocess.Popen([app, "worker"], env=env, cwd=tempfile.gettempdir(),
                              stdout=log, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return worker
        except OSError:
            if worker.poll() is not None:
                sys.exit("bench: the worker exited during start-up (see worker.log)")
            time.sleep(0.1)
    sys.exit("bench: the worker did not start within 10 s")


def throughput(redis: Redis, stream: str, start) -> tuple[int, float]:
    """Queues the jobs, starts the worker, times first to last completion."""
    count = int(os.environ.get("BENCH_JOBS", "20000"))
    enqueue_many(redis, stream, count)
    worker = start()
    first = last = None
    while True:
        left = redis.call("XLEN", stream)
        now = time.perf_counter()
        if first is None and left < count:
            first = now
        if left == 0:
            last = now
            break
        time.sleep(0.005)
    return worker, count / (last - first)


def pickup(redis: Redis, stream: str, prefix: str) -> list[float]:
    """One job at a time on an idle queue; the probe records each delay."""
    samples = int(os.environ.get("BENCH_PICKUP_SAMPLES", "500"))
    record = prefix + "jobs:probe:pickup:pickup_us"
    for _ in range(samples):
        redis.call("XADD", stream, "*", "job", envelope({"record": "pickup"}), "ready_us", now_us())
        deadline = time.monotonic() + 5
        while redis.call("XLEN", stream) and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(0.01)  # idle again before the next one
    return sorted(int(us) / 1000 for us in redis.call("LRANGE", record, 0, -1))


def percentile(sorted_values: list[float], p: float) -> float:
    index = min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


def main() -> None:
    app, results = os.path.abspath(sys.argv[1]), sys.argv[2]
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"benchjobs:{os.getpid()}:"
    stream = prefix + "jobs:stream"
    redis = Redis(url)
    worker = None
    try:
        worker, rate = throughput(redis, stream, lambda: start_worker(app, url, prefix, results))
        delays = pickup(redis, stream, prefix)
        rss_kb = next(int(line.split()[1]) for line in open(f"/proc/{worker.pid}/status")
                      if line.startswith("VmHWM:"))
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=30)
        keys = redis.call("KEYS", prefix + "*")
        if keys:
            redis.call("DEL", *keys)
    if not delays:
        sys.exit("bench: no pickup delays were recorded")
    p50, p99 = percentile(delays, 50), percentile(delays, 99)
    print()
    print("Job queue (probe job, no-op handler; worker in release mode)")
    print(f"  throughput        {rate:10.0f} jobs/s   target >= {TARGET_JOBS_PER_SECOND}"
          f"   {'met' if rate >= TARGET_JOBS_PER_SECOND else 'MISSED'}")
    print(f"  pickup p50        {p50:10.2f} ms")
    print(f"  pickup p99        {p99:10.2f} ms       target <= {TARGET_PICKUP_P99_MS:.0f}"
          f"   {'met' if p99 <= TARGET_PICKUP_P99_MS else 'MISSED'}   ({len(delays)} samples, idle queue)")
    print(f"  worker peak RSS   {rss_kb / 1024:10.1f} MiB")


if __name__ == "__main__":
    main()
