"""CPU time used so far by the processes a benchmark run loads, from /proc.

Usage: cpu.py API_PID POSTMASTER_PID REDIS_PID
Prints one JSON object of clock ticks (os.sysconf("SC_CLK_TCK") per second):
{"api": N, "postgres": N, "redis": N}. run.sh takes one before and one after
each run; the difference is that run's CPU. A PID of 0, or one that is not a
process of this machine (a remote database), gives null.

- api, redis: the process's user and system time (all its threads).
- postgres: the postmaster and every live child (backends, background
  workers), plus the postmaster's cutime/cstime: the time of the children it
  has already reaped, so a backend whose connection closed during the run
  (pgbench's, at its end) still counts.
"""

import json
import os
import sys
from pathlib import Path


def stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (field 3 onward)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def own_ticks(fields: list[str]) -> int:
    return int(fields[11]) + int(fields[12])  # utime, stime


def process_ticks(pid: int) -> int | None:
    fields = stat_fields(pid) if pid > 0 else None
    return own_ticks(fields) if fields else None


def postgres_ticks(postmaster: int) -> int | None:
    fields = stat_fields(postmaster) if postmaster > 0 else None
    if fields is None:
        return None
    total = own_ticks(fields) + int(fields[13]) + int(fields[14])  # + cutime, cstime
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            child = stat_fields(int(entry.name))
            if child and child[1] == str(postmaster):  # ppid
                total += own_ticks(child)
    return total


def main() -> None:
    api, postmaster, redis = (int(arg) for arg in sys.argv[1:4])
    print(json.dumps({"api": process_ticks(api), "postgres": postgres_ticks(postmaster),
                      "redis": process_ticks(redis), "ticks_per_second": os.sysconf("SC_CLK_TCK")}))


if __name__ == "__main__":
    main()
