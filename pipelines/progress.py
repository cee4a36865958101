"""A live progress line from the reading step.

The local runners run the whole pipeline inside one blocking call, so the
launcher cannot poll metrics; the reader reports instead, at most once per
interval, on stderr (one line per worker process).
"""

from __future__ import annotations

import os
import sys
import time


class Progress:
    def __init__(self, interval_s: float) -> None:
        self.interval_s = interval_s
        self.units = 0
        self.bytes = 0
        self.files = 0
        self._t0 = time.monotonic()
        self._last = self._t0

    def add(self, units: int = 0, nbytes: int = 0, files: int = 0) -> None:
        self.units += units
        self.bytes += nbytes
        self.files += files
        if self.interval_s <= 0:
            return
        now = time.monotonic()
        if now - self._last >= self.interval_s:
            self._last = now
            self.emit(now)

    def emit(self, now: float | None = None) -> None:
        dt = max((now or time.monotonic()) - self._t0, 1e-9)
        mb = self.bytes / 1e6
        end = "\r" if sys.stderr.isatty() else "\n"
        sys.stderr.write(
            f"[cleaner pid {os.getpid()}] read {self.files} files, {self.units:,} units, "
            f"{mb:,.1f} MB ({mb / dt:,.2f} MB/s){end}"
        )
        sys.stderr.flush()
