"""Beam adapter for the core's Counter protocol."""

from __future__ import annotations

from apache_beam.metrics import Metrics

NAMESPACE = "cleaner"


class BeamCounter:
    """Counters in one namespace, created lazily and cached (Metrics.counter is not free)."""

    def __init__(self, namespace: str = NAMESPACE) -> None:
        self.namespace = namespace
        self._counters: dict = {}

    def inc(self, name: str, n: int = 1) -> None:
        c = self._counters.get(name)
        if c is None:
            c = self._counters[name] = Metrics.counter(self.namespace, name)
        c.inc(n)

    def __getstate__(self) -> dict:
        return {"namespace": self.namespace}

    def __setstate__(self, state: dict) -> None:
        self.namespace = state["namespace"]
        self._counters = {}
