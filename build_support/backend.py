"""setuptools' build backend, plus mypy as a build requirement when the compiled build is asked for.

A static ``[build-system] requires`` would make every plain ``pip install .``
download mypy; this asks for it only when ``SFT_CLEANER_MYPYC=1`` is set for a
wheel build (see setup.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import build_meta as _meta
from setuptools.build_meta import *  # noqa: F403 (the rest of the backend, unchanged)

# The source tree: cleaner/compiled.py says what "asked for" means and which mypy (no imports beyond the stdlib).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cleaner.compiled import MYPY, requested  # noqa: E402


def get_requires_for_build_wheel(config_settings: dict | None = None) -> list[str]:
    if not requested():
        return _meta.get_requires_for_build_wheel(config_settings)
    # Not setuptools' own answer: it runs setup.py, which needs mypy already.
    # setup.py declares no setup_requires, so mypy is all there is to add.
    return [MYPY]
