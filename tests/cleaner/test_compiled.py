"""The compiled build's module list, and the phrase that says which build is running."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner import compiled
from cleaner.cli import main

PACKAGE_ROOT = Path(cleaner.__file__).resolve().parent.parent


def test_every_listed_module_has_a_source_file_for_setup_py_to_compile() -> None:
    for name in compiled.MODULES:
        assert (PACKAGE_ROOT / Path(*name.split("."))).with_suffix(".py").is_file(), name
    for name in compiled.NATIVE:
        assert (PACKAGE_ROOT / Path(*name.split("."))).with_suffix(".c").is_file(), name
        # mypy reads the stub when it compiles the modules that import the kernel
        assert (PACKAGE_ROOT / Path(*name.split("."))).with_suffix(".pyi").is_file(), name


def test_modules_beam_pickles_stay_out_of_the_list() -> None:
    # mypyc's native classes do not pickle like Python's; the stages and Normalized travel in Beam.
    assert not any(m.startswith("cleaner.stages") for m in compiled.MODULES)
    assert "cleaner.lexicon.normalize" not in compiled.MODULES


@pytest.mark.parametrize(
    ("found", "phrase"),
    [
        ([], "pure Python"),
        (
            [*compiled.MODULES, *compiled.NATIVE],
            f"compiled with mypyc ({len(compiled.MODULES)} hot modules) and {len(compiled.NATIVE)} C kernel",
        ),
        (list(compiled.MODULES), f"partly compiled ({len(compiled.MODULES)} of"),
        (list(compiled.MODULES[:2]), f"partly compiled (2 of {len(compiled.MODULES) + len(compiled.NATIVE)}"),
    ],
)
def test_describe_names_the_build(monkeypatch: pytest.MonkeyPatch, found: list[str], phrase: str) -> None:
    monkeypatch.setattr(compiled, "compiled_modules", lambda: found)
    assert compiled.describe().startswith(phrase)


def test_version_says_which_build(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    assert out.startswith(f"cleaner {cleaner.__version__} (") and compiled.describe() in out


@pytest.mark.skipif(not compiled.requested(), reason="only in the compiled pass (.ci/run)")
def test_the_compiled_pass_runs_compiled_code() -> None:
    # Without this the compiled pass could test pure Python and pass.
    assert compiled.compiled_modules() == [*compiled.MODULES, *compiled.NATIVE]


def test_ci_installs_the_mypy_the_build_backend_asks_for() -> None:
    assert compiled.MYPY.startswith("mypy==")
    assert f"pip install '{compiled.MYPY}'" in (PACKAGE_ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize(
    ("value", "asked"),
    [("1", True), ("true", True), (" Yes ", True), ("0", False), ("", False), ("no", False)],
)
def test_requested_reads_the_environment_variable(value: str, asked: bool) -> None:
    assert compiled.requested({compiled.ENV: value}) is asked
    assert compiled.requested({}) is False
