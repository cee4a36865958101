"""Build hook for the opt-in compiled build; everything else about the package is in pyproject.toml.

``pip install .`` builds pure Python, as always.  ``SFT_CLEANER_MYPYC=1 pip
install .`` compiles the hot modules listed in ``cleaner/compiled.py`` with
mypyc and builds its C kernels (a C compiler is needed;
build_support/backend.py adds mypy to the build requirements).  An editable install never compiles: a compiled module
next to its source would shadow every later edit of that source.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).resolve().parent


def _ext_modules() -> list:
    sys.path.insert(0, str(HERE))
    from cleaner.compiled import ENV, MODULES, MYPY, NATIVE, requested

    if not requested():
        return []
    if "editable_wheel" in sys.argv:
        print(f"{ENV}=1 is ignored for an editable install: it builds pure Python.", file=sys.stderr)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        sys.exit(f"{ENV}=1 needs mypy at build time: pip install '{MYPY}', or build with build isolation.")
    paths = [str(Path(*name.split("."))) + ".py" for name in MODULES]
    # Type checking options are [tool.mypy] in pyproject.toml; group_name names the
    # shared runtime library (sft_cleaner__mypyc) instead of a hash.
    native = [Extension(name, [str(Path(*name.split("."))) + ".c"], extra_compile_args=["-O2"]) for name in NATIVE]
    return [*mypycify(paths, opt_level="3", group_name="sft_cleaner"), *native]


setup(ext_modules=_ext_modules())
