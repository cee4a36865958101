"""What dedup compares: a row's turns as one text, normalized, and its exact hash.

Both the Beam transform and the in-process mode call these, so a record's
identity for dedup is defined in exactly one place.  Normalization is
deliberately lossy (case, compatibility forms, whitespace runs): two posts that
differ only there are the same post for a training corpus, even when they hold
code, because the code spans themselves are kept byte for byte elsewhere.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from typing import Any


def dedup_text(row: Mapping[str, Any]) -> str:
    """The text a row is deduplicated on: its turns' texts joined with newlines."""
    return "\n".join(t.get("text") or "" for t in row.get("turns") or [])


def normalize(text: str) -> str:
    """NFKC (full-width forms fold to ASCII), lower case, whitespace runs to one space."""
    # str.split() is several times faster than a regex substitution here.
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def exact_hash(normalized: str) -> str:
    """Stable across processes and Python versions (unlike ``hash()``)."""
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=16).hexdigest()
