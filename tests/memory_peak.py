"""The peak memory of this process alone, for the tests that run a hostile file in a fresh child process.

ru_maxrss is not that: Linux carries the high-water mark across execve, so a child started from a
pytest process that has grown past 1 GB reports at least 1 GB whatever it does itself. VmHWM in
/proc/self/status belongs to the process's own address space, which execve made new.
"""

from __future__ import annotations

import resource
from pathlib import Path


def peak_bytes() -> int:
    """Return this process's peak resident memory in bytes (VmHWM where Linux has it, else ru_maxrss)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux gives kB (macOS bytes: over-counts)
