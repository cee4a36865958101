"""The explicit package list in pyproject.toml must name every package, or an installed wheel lacks it."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(cfg["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for top in ("cleaner", "pipelines")
        for p in (ROOT / top).rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert cfg["package-dir"]["cleaner.lexicons"] == "lexicons"


def test_core_never_imports_beam():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "cleaner").rglob("*.py")
        if any(line.lstrip().startswith(("import apache_beam", "from apache_beam")) for line in p.read_text().splitlines())
    ]
    assert offenders == []


def test_the_sdist_carries_the_in_tree_build_backend():
    # Without it an sdist cannot build: pip would look for the backend in a folder the sdist lacks.
    system = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]
    (folder,) = system["backend-path"]
    backend = Path(folder) / (system["build-backend"].replace(".", "/") + ".py")
    assert (ROOT / backend).is_file()
    assert f"include {backend.as_posix()}" in (ROOT / "MANIFEST.in").read_text().splitlines()
