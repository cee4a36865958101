"""setuptools' build backend, plus mypy as a build requirement when the compiled build is asked for.

A static ``[build-system] requires`` would make every plain ``pip install .``
download mypy; this asks for it only when ``SFT_CLEANER_MYPYC=1`` is set for a
wheel build (see setup.py).
"""

from __future__ import annotations

import os

from setuptools import build_meta as _meta
from setuptools.build_meta import *  # noqa: F403 (the rest of the backend, unchanged)

MYPY = "mypy==2.4.*"


def get_requires_for_build_wheel(config_settings: dict | None = None) -> list[str]:
    if os.environ.get("SFT_CLEANER_MYPYC", "").strip().lower() not in {"1", "true", "yes"}:
        return _meta.get_requires_for_build_wheel(config_settings)
    # Not setuptools' own answer: it runs setup.py, which needs mypy already.
    # setup.py declares no setup_requires, so mypy is all there is to add.
    return [MYPY]
