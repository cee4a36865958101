"""Compact bytes for values a runner may hold by the million: output rows, Stack Exchange posts.

Beam's local FnApiRunner keeps every PCollection that crosses a stage
boundary in memory, encoded, and every value of a GroupByKey as a decoded
Python object (a row dict costs about three times its encoded size).
Packed, a value is one ``bytes`` about a quarter of its Beam-encoded size
(pickle, then zstd level 1); packing and unpacking cost about what Beam's
own coder costs to encode and decode a row dict.  On Dataflow the same
values shuffle smaller.
"""

from __future__ import annotations

import pickle
from typing import Any

import pyarrow as pa

_CODEC = pa.Codec("zstd", compression_level=1)


def pack(value: Any) -> bytes:
    """``value`` (a row dict, a Post: anything picklable) as one compressed ``bytes``."""
    raw = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return len(raw).to_bytes(8, "little") + _CODEC.compress(raw, asbytes=True)


def unpack(data: bytes) -> Any:
    """The value given to :func:`pack` (only ever unpack bytes this job packed: it unpickles)."""
    size = int.from_bytes(data[:8], "little")
    return pickle.loads(_CODEC.decompress(memoryview(data)[8:], decompressed_size=size, asbytes=True))
