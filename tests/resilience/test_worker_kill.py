"""The worker is SIGKILLed in the middle of a batch of jobs, then started
again.

Expected (docs/jobs.md, "At least once"; backend/src/jobs/worker.rs):
at-least-once delivery. A job stays in the consumer group's pending list from
delivery until its worker settles it, so the jobs the killed worker held are
taken over once their visibility timeout passes and run again; every job
completes, none is dead, and the only jobs that run twice are those that
were in flight at the kill, at most one per worker slot.
"""

from __future__ import annotations

import secrets

from stack import Stack, wait_until

JOBS = 1000
# 16 at a time: at least 6 s for the batch, so the kill lands mid-batch.
JOB_SLEEP_MS = 100
KILL_AFTER_COMPLETED = 300


def test_worker_kill(stack: Stack, report):
    """Worker SIGKILLed during 1,000 jobs"""
    record = f"worker-kill-{secrets.token_hex(4)}"
    concurrency = int(stack.worker.env["WORKER_CONCURRENCY"])
    ids = set(stack.jobs("probe", "--count", str(JOBS), "--sleep-ms", str(JOB_SLEEP_MS),
                         "--record", record).split())

    def enough_completed():
        """a few hundred jobs completed"""
        return len(stack.probe_completed(record)) >= KILL_AFTER_COMPLETED

    wait_until(enough_completed, timeout=120)
    stack.worker.kill()
    # No worker runs now, so the queue holds still: the jobs delivered and
    # not settled are exactly those the killed worker had in flight.
    in_flight = stack.queue_stats()["running"]
    done_at_kill = len(stack.probe_completed(record))
    stack.worker.start()

    def all_completed():
        """every job completed"""
        return stack.probe_completed(record) >= ids

    finished = wait_until(all_completed, timeout=180)
    wait_until(stack.queue_empty, timeout=30)

    completed = stack.probe_completed(record)
    runs = stack.probe_runs(record)
    rerun = {job for job in ids if runs.get(job, 0) > 1}
    dead = [line for line in stack.jobs("dead", "list").splitlines()
            if any(job in line for job in ids)]
    report.add("completed", f"{len(completed & ids)} of {len(ids)} ({done_at_kill} before "
                            f"the kill)")
    report.add("runs total", str(sum(runs.get(job, 0) for job in ids)))
    report.add("re-run", f"{len(rerun)} (max runs of a job: {max(runs.values(), default=0)})")
    report.add("in flight at the kill", f"{in_flight} (concurrency {concurrency})")
    report.add("finished after the restart", f"{finished:.1f}s")
    report.add("dead", str(len(dead)))

    assert len(ids) == JOBS
    assert done_at_kill < JOBS, "the kill must land mid-batch"
    assert completed >= ids
    assert not dead, dead[:3]
    assert all(runs.get(job, 0) >= 1 for job in ids)
    # At least once, and more than once only for what the kill cut short.
    assert in_flight <= concurrency
    assert len(rerun) <= in_flight, (len(rerun), in_flight)
    assert max(runs.get(job, 0) for job in ids) <= 2
    assert stack.worker.process.poll() is None
