"""The opt-in compiled build: which hot modules it compiles, and whether this install has them.

Segmentation, the lexicon scan, score collection and the policy are plain
Python, and they are most of the job's CPU.  ``SFT_CLEANER_MYPYC=1 pip install .``
compiles exactly :data:`MODULES` with mypyc and builds the C kernels of
:data:`NATIVE` (setup.py reads both lists): the same source and the same tests,
and about half the CPU of the pure job end to end (README, "The compiled
build").  A pure-Python install is the default and behaves the same; ``cleaner --version`` and the benchmarks say which one ran,
so a figure or a slow worker is never read against the wrong build.

What stays out, and why: classes that Beam pickles (the stages, the lexicon's
``Normalized``) need their pickling kept as Python's.  The segments and
sentences (``cleaner.segment.types``) are built and read only inside a worker's
step, so they compile (mypy 1.13 could not link their enum constants across
modules; the pinned 2.4 can).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping

MODULES: tuple[str, ...] = (
    "cleaner.document",
    "cleaner.segment.types",
    "cleaner.segment.builder",
    "cleaner.segment.codelines",
    "cleaner.segment.inline",
    "cleaner.segment.markdown",
    "cleaner.segment.sentences",
    "cleaner.lexicon.matcher",
    "cleaner.classify.scoring",
    "cleaner.policy.decide",
    "cleaner.policy.sentence",
    "cleaner.policy.clauses",
    "cleaner.classify.langid",
    "cleaner.classify.preprocess",
    "cleaner.classify.calibrate",
    "cleaner.lexicon.rules",
)

# Hand-written C kernels the compiled build adds (``<module path>.c``), each the exact
# equal of a pure-Python function that stays the definition and the pure build's path.
NATIVE: tuple[str, ...] = (
    "cleaner.classify._tokens",
    "cleaner.segment._split",
    "cleaner.segment._backticks",
    "cleaner.classify._scripts",
)

# "1" (or true/yes) asks for the compiled build: setup.py, the build backend and the CI's compiled pass read it.
ENV = "SFT_CLEANER_MYPYC"
# The mypy that compiles them (build_support/backend.py adds it to the build requirements; .ci/run installs it).
MYPY = "mypy==2.4.*"
_EXTENSION_SUFFIXES = (".so", ".pyd")


def requested(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the environment asks for the compiled build."""
    return environ.get(ENV, "").strip().lower() in {"1", "true", "yes"}


def compiled_modules() -> list[str]:
    """The modules of :data:`MODULES` and :data:`NATIVE` that this install loads from a compiled extension."""
    out = []
    for name in (*MODULES, *NATIVE):
        spec = importlib.util.find_spec(name)
        if spec is not None and (spec.origin or "").endswith(_EXTENSION_SUFFIXES):
            out.append(name)
    return out


def describe() -> str:
    """One phrase for ``--version``, the benchmarks and the run summary."""
    n = len(compiled_modules())
    total = len(MODULES) + len(NATIVE)
    if n == 0:
        return "pure Python"
    if n == total:
        kernels = f"{len(NATIVE)} C kernel{'s' if len(NATIVE) != 1 else ''}"
        return f"compiled with mypyc ({len(MODULES)} hot modules) and {kernels}"
    return f"partly compiled ({n} of {total} compiled modules; reinstall to make them match)"
