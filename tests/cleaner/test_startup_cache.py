from __future__ import annotations

import logging
from pathlib import Path

import pytest

from cleaner import startup_cache
from cleaner.startup_cache import ENV, cached, key_of


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value: str) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return self.value


def _decode(data: bytes) -> str:
    text = data.decode()
    if not text.endswith("!"):
        raise ValueError("no end mark")
    return text[:-1]


def _cached(build: Builds, key: str = "k1") -> str:
    return cached("thing", key, build, lambda v: (v + "!").encode(), _decode)


def test_a_value_is_built_once_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "cache"))
    build = Builds("table")
    assert _cached(build) == "table"
    assert _cached(build) == "table"
    assert build.calls == 1
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["thing-k1.bin"]


def test_another_key_is_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    _cached(Builds("old"), key="k1")
    build = Builds("new")
    assert _cached(build, key="k2") == "new"
    assert build.calls == 1


def test_a_file_that_does_not_decode_is_rebuilt_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    (tmp_path / "thing-k1.bin").write_bytes(b"half a fil")
    build = Builds("table")
    with caplog.at_level(logging.WARNING):
        assert _cached(build) == "table"
    assert build.calls == 1 and "did not decode" in caplog.text
    assert (tmp_path / "thing-k1.bin").read_bytes() == b"table!"


def test_an_empty_setting_switches_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "")
    monkeypatch.chdir(tmp_path)
    assert startup_cache.cache_dir() is None
    build = Builds("table")
    _cached(build)
    _cached(build)
    assert build.calls == 2 and list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_only_costs_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(ENV, str(blocker / "cache"))  # a folder below a file cannot exist
    build = Builds("table")
    assert _cached(build) == "table" and _cached(build) == "table"
    assert build.calls == 2


def test_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert startup_cache.cache_dir() == tmp_path / "sft-cleaner"


def test_keys_separate_their_parts() -> None:
    assert key_of("ab", "c") != key_of("a", "bc")
    assert key_of("a", "b") == key_of("a", "b")
