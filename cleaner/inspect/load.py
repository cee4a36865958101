"""Read a run directory: its summary and its Parquet outputs, a batch at a time.

Streaming keeps memory flat however large the run: the sampler holds only
the rows it keeps, never a whole output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

OUTPUTS = ("cleaned", "rejected", "deadletter")


@dataclass(frozen=True, slots=True)
class RunDir:
    path: Path

    @classmethod
    def open(cls, path: str | Path) -> RunDir:
        p = Path(path)
        if not p.is_dir():
            raise FileNotFoundError(f"{p}: not a directory")
        if not any((p / o).is_dir() for o in OUTPUTS) and not (p / "summary.json").is_file():
            raise FileNotFoundError(f"{p}: no cleaned/, rejected/, deadletter/ or summary.json (not a run directory?)")
        return cls(p)

    def summary(self) -> dict[str, Any]:
        """``summary.json``, or an empty dict when the run did not write one."""
        f = self.path / "summary.json"
        return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else {}

    def files(self, output: str) -> list[Path]:
        # Sorted, so a seeded sample is the same whatever order the filesystem lists parts in.
        return sorted((self.path / output).glob("*.parquet"))

    def rows(self, output: str, batch_size: int = 512) -> Iterator[dict[str, Any]]:
        for f in self.files(output):
            for batch in pq.ParquetFile(f).iter_batches(batch_size=batch_size):
                yield from batch.to_pylist()
